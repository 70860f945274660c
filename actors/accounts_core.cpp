#include "actors/accounts_core.hpp"

#include <algorithm>

#include "actors/state_loader.hpp"
#include "core/ascii.hpp"

namespace recs::actors {

std::string accounts_core::email_key(const std::string& email) {
  return "email:" + to_lower(email);
}

std::string accounts_core::client_key(const std::string& client) {
  return "client:" + client;
}

std::string accounts_core::pin_key(std::int64_t profile_id) {
  return "pin:" + std::to_string(profile_id);
}

status accounts_core::throttled(std::initializer_list<std::string> keys) const {
  const auto now = accounts::signin_throttle::clock::now();
  std::chrono::milliseconds wait{0};
  for (const auto& k : keys) wait = std::max(wait, throttle->wait(k, now));
  if (wait.count() == 0) return ok_status();
  const auto s = (wait.count() + 999) / 1000;
  return error{errc::rate_limited, "too many attempts; try again in " + std::to_string(s) + " s",
               s};
}

void accounts_core::failed(std::initializer_list<std::string> keys) const {
  const auto now = accounts::signin_throttle::clock::now();
  for (const auto& k : keys) throttle->failed(k, now);
}

void accounts_core::succeeded(std::initializer_list<std::string> keys) const {
  for (const auto& k : keys) throttle->succeeded(k);
}

status accounts_core::reload_household_here(storage::store& db, std::int64_t household_id,
                                            bool tell) const {
  cache->drop_household(household_id);
  auto hs = load_household(db, db, db, household_id);
  if (!hs && hs.err().code != errc::not_found) return hs.err();
  if (hs)
    core.adopt_household(std::move(*hs));
  else
    core.forget_household(household_id);
  if (tell) core.feed->emit({net::change_event::kind::household, household_id, {}, {}});
  return ok_status();
}

void accounts_core::credentials_changed(std::int64_t household_id) const {
  cache->drop_household(household_id);
  core.feed->emit({net::change_event::kind::access, household_id, {}, {}});
}

void accounts_core::reload_household(std::int64_t household_id, bool tell,
                                     net::callback<unit> cb) const {
  at_desk<unit>(std::move(cb), [this, household_id, tell](storage::store& db) -> result<unit> {
    if (auto st = reload_household_here(db, household_id, tell); !st) return st.err();
    return unit{};
  });
}

}  // namespace recs::actors
