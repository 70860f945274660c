#include "actors/accounts_core.hpp"

#include <algorithm>
#include <iostream>
#include <map>
#include <unordered_set>

#include "actors/state_loader.hpp"
#include "core/ascii.hpp"
#include "core/iso_time.hpp"
#include "recsys/watch_alerts.hpp"

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

namespace {

/// Pushes a household's new alerts to its webhook, when it set one (on the desk).
void push_new(storage::store& db, const household_pusher& pusher, std::int64_t household_id,
              const std::vector<inbox_item>& fresh) {
  if (!pusher || fresh.empty()) return;
  auto hook = db.household_webhook_of(household_id);
  if (!hook) {
    if (hook.err().code != errc::not_found)
      std::cerr << "watchlist alerts: household " << household_id
                << ": reading its webhook: " << hook.err().message << std::endl;
    return;
  }
  auto job = make_push_job(std::move(*hook), watch_push_message(fresh, pusher.opts.public_url));
  if (!job) return;
  pusher.send(std::move(*job));
}

}  // namespace

void accounts_core::watch_alerts(std::vector<availability_change> changes,
                                 std::vector<season_news> news) const {
  changes.erase(std::remove_if(changes.begin(), changes.end(),
                               [](const availability_change& c) {
                                 return c.what == availability_change::kind::left;
                               }),
                changes.end());
  if (changes.empty() && news.empty()) return;
  at_desk<unit>(
      [](result<unit> r) {
        if (!r) std::cerr << "watchlist alerts: " << r.err().message << std::endl;
      },
      [changes = std::move(changes), news = std::move(news), feed = core.feed,
       cat = core.view->get(), pusher = pusher](storage::store& db) -> result<unit> {
        std::map<std::int64_t, std::unordered_set<std::string>> listed;
        std::unordered_set<std::string> asked;
        auto watchers_of = [&](const std::string& show_id) -> status {
          if (!asked.insert(show_id).second) return ok_status();
          auto hs = db.watchers(show_id);
          if (!hs) return hs.err();
          for (auto h : *hs) listed[h].insert(show_id);
          return ok_status();
        };
        for (const auto& c : changes)
          if (auto st = watchers_of(c.show_id); !st) return st.err();
        for (const auto& n : news)
          if (auto st = watchers_of(n.show_id); !st) return st.err();
        const std::int64_t now = unix_now();
        const std::string today = utc_date(now);
        for (const auto& [h, shows] : listed) {
          auto home = db.household_by_id(h);
          if (!home) continue;  // deleted meanwhile
          auto items = recs::watch_alerts(changes, h, home->services, shows, *cat, today, now);
          for (auto& i : recs::season_alerts(news, h, shows, *cat, today, now))
            items.push_back(std::move(i));
          net::change_event e{net::change_event::kind::inbox, h, {}, {}};
          std::vector<inbox_item> fresh;
          for (auto& item : items) {
            auto added = db.add_inbox(item);
            if (!added) return added.err();
            if (!*added) continue;
            e.notes.emplace_back(item.show_id, item.text);
            fresh.push_back(std::move(item));
          }
          if (!e.notes.empty()) feed->emit(std::move(e));
          push_new(db, pusher, h, fresh);
        }
        return unit{};
      });
}

}  // namespace recs::actors
