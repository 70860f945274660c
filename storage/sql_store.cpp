// The non-template helpers of sql_store (sql_store.hpp).
#include "storage/sql_store.hpp"

#include <cmath>

namespace recs::storage::internal {

error in(std::string_view operation, error e) {
  e.message = std::string(operation) + ": " + e.message;
  return e;
}

std::vector<bool> may_have_offers(const std::vector<show>& shows,
                                  const std::unordered_set<std::string>& with_offers) {
  std::vector<bool> out(shows.size());
  std::unordered_set<std::string_view> seen;
  seen.reserve(shows.size());
  for (std::size_t i = 0; i < shows.size(); ++i) {
    const bool again = !seen.insert(shows[i].id).second;
    out[i] = again || with_offers.count(shows[i].id) != 0;
  }
  return out;
}

status validate(const family_watch& w) {
  if (w.show_id.empty()) return error{errc::invalid_argument, "add_family_watch: empty show id"};
  if (w.fits.empty()) return error{errc::invalid_argument, "add_family_watch: no member fits"};
  for (const auto& [profile_id, fit] : w.fits) {
    if (!std::isfinite(fit)) {
      return error{errc::invalid_argument, "add_family_watch: the fit of profile " +
                                               std::to_string(profile_id) + " is not finite"};
    }
  }
  return ok_status();
}

}  // namespace recs::storage::internal
