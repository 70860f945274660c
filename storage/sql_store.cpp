// The non-template helpers of sql_store (sql_store.hpp).
#include "storage/sql_store.hpp"

#include <chrono>
#include <cmath>

namespace recs::storage::internal {

error in(std::string_view operation, error e) {
  e.message = std::string(operation) + ": " + e.message;
  return e;
}

std::int64_t unix_now() noexcept {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
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
