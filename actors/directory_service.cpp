#include "actors/directory_service.hpp"

#include "actors/account_service.hpp"
#include "core/ascii.hpp"

namespace recs::actors {

std::optional<household> directory_service::household_by_id(std::int64_t id) const {
  auto d = core_.dir->get();
  auto it = d->households.find(id);
  if (it == d->households.end()) return std::nullopt;
  return it->second;
}

std::optional<household> directory_service::household_by_email(const std::string& email) const {
  const std::string want = to_lower(email);
  auto d = core_.dir->get();
  for (const auto& [id, h] : d->households)
    if (to_lower(h.owner_email) == want) return h;
  return std::nullopt;
}

void directory_service::resolve(net::credential c, net::callback<net::account_ref> cb) const {
  resolve_credential(accounts_, std::move(c), std::move(cb));
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
