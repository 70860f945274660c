#include "actors/accounts_core.hpp"
#include "core/iso_time.hpp"
#include "recsys/watch_alerts.hpp"

#include <unordered_set>

#include <map>

#include <iostream>

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

void accounts_core::watch_alerts(std::vector<availability_change> changes) const {
  changes.erase(std::remove_if(changes.begin(), changes.end(),
                               [](const availability_change& c) {
                                 return c.what == availability_change::kind::left;
                               }),
                changes.end());
  if (changes.empty()) return;
  at_desk<unit>(
      [](result<unit> r) {
        if (!r) std::cerr << "watchlist alerts: " << r.err().message << std::endl;
      },
      [changes = std::move(changes), feed = core.feed,
       cat = core.view->get()](storage::store& db) -> result<unit> {
        std::map<std::int64_t, std::unordered_set<std::string>> listed;
        for (const auto& c : changes) {
          auto hs = db.watchers(c.show_id);
          if (!hs) return hs.err();
          for (auto h : *hs) listed[h].insert(c.show_id);
        }
        const std::int64_t now = unix_now();
        for (const auto& [h, shows] : listed) {
          auto home = db.household_by_id(h);
          if (!home) continue;  // deleted meanwhile
          net::change_event e{net::change_event::kind::inbox, h, {}, {}};
          for (auto& item :
               recs::watch_alerts(changes, h, home->services, shows, *cat, utc_date(now), now)) {
            auto added = db.add_inbox(item);
            if (!added) return added.err();
            if (*added) e.notes.emplace_back(item.show_id, item.text);
          }
          if (!e.notes.empty()) feed->emit(std::move(e));
        }
        return unit{};
      });
}

}  // namespace recs::actors
