#include "actors/directory_service.hpp"

#include "core/ascii.hpp"

namespace recs::actors {

std::optional<household> directory_service::household_by_email(const std::string& email) const {
  auto d = core_.dir->get();
  auto it = d->by_email.find(to_lower(email));
  if (it == d->by_email.end()) return std::nullopt;
  return it->second;
}

std::vector<profile> directory_service::profiles(std::int64_t household_id) const {
  auto d = core_.dir->get();
  auto it = d->profiles.find(household_id);
  return it == d->profiles.end() ? std::vector<profile>{} : it->second;
}

content_model_ptr catalog_service::content_for(const catalog_snapshot& catalog) const {
  auto c = core_.view->content();
  if (!c->model || c->catalog_version != catalog.version()) return nullptr;
  return c->model;
}

}  // namespace recs::actors
