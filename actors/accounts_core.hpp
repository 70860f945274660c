#pragma once

// What the account and household port objects share (actors/account_service.hpp,
// actors/household_service.hpp): the account desk and password worker, the credential cache,
// the sign-in throttle and the password hasher, with the few ways of using them.

#include <caf/send.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "accounts/password.hpp"
#include "accounts/throttle.hpp"
#include "actors/account_desk.hpp"
#include "actors/credential_cache.hpp"
#include "actors/household_push.hpp"
#include "actors/service_core.hpp"
#include "core/iso_time.hpp"
#include "net/callback.hpp"

namespace recs::actors {

/// How accounts behave (the settings of docs/api.md, "Signing in").
struct account_options {
  accounts::hash_cost cost;
  accounts::password_policy policy;
  accounts::throttle_limits throttle;
  std::chrono::seconds session_lifetime{std::chrono::hours(24 * 30)};  ///< SESSION_MAX_DAYS
  std::chrono::seconds session_idle{std::chrono::hours(24 * 14)};      ///< SESSION_IDLE_DAYS
  std::chrono::seconds invite_ttl{std::chrono::hours(72)};             ///< INVITE_TTL_HOURS
  /// How long this instance trusts a credential it resolved without asking the store again
  /// (bounds a revocation it missed while the instances' channel was down).
  std::chrono::seconds cache_ttl{10};
  std::size_t cache_capacity = 100000;
  bool signup_open = false;  ///< SIGNUP_OPEN
  /// A session's last_seen_at (idle expiry) is written at most this often.
  std::chrono::seconds touch_every{60};
  /// Households' own webhooks (HOUSEHOLD_WEBHOOKS, PUBLIC_URL, UPSTREAM_CA_FILE).
  push_options push;
};

/// Owned by the service next to service_core; started by service::start_accounts.
struct accounts_core {
  explicit accounts_core(const service_core& c) : core(c) {}

  const service_core& core;
  account_options opts;
  account_desk desk;   // null until started, and after shutdown
  hash_worker hasher;  // ditto
  std::shared_ptr<const accounts::password_hasher> passwords;
  std::shared_ptr<credential_cache> cache =
      std::make_shared<credential_cache>(std::chrono::seconds(10), 100000);
  std::shared_ptr<accounts::signin_throttle> throttle =
      std::make_shared<accounts::signin_throttle>();
  household_pusher pusher;  // no actor until started (then households' webhooks get pushes)

  /// Turns a sync's availability changes and next-season news into watchlist alerts
  /// (recsys/watch_alerts.hpp) on the desk: the households with such a show on a list, each
  /// alert stored once in their inbox; per household with new ones an `inbox` change event
  /// (show id, text) and, when it set a webhook, one push of them. Failures are logged, not
  /// retried: the next sync that sees a change alerts it.
  void watch_alerts(std::vector<availability_change> changes,
                    std::vector<season_news> news = {}) const;

  /// Runs `f(store&)` (returning result<T>) on the desk and completes `cb` with it there;
  /// unavailable when the desk is not running.
  template <class T, class F>
  void at_desk(net::callback<T> cb, F f) const {
    if (!desk) return cb(error{errc::unavailable, "accounts are not started"});
    caf::anon_send(
        desk, run_atom::value,
        desk_job([cb = std::move(cb), f = std::move(f)](storage::store& db) { cb(f(db)); }));
  }
  /// Runs `f()` (returning result<T>) on the password worker and completes `cb` with it.
  template <class T, class F>
  void at_hasher(net::callback<T> cb, F f) const {
    if (!hasher) return cb(error{errc::unavailable, "accounts are not started"});
    caf::anon_send(hasher, run_atom::value,
                   hash_job([cb = std::move(cb), f = std::move(f)] { cb(f()); }));
  }

  /// The throttle's keys: an account's email, a client address, a profile's PIN.
  static std::string email_key(const std::string& email);
  static std::string client_key(const std::string& client);
  static std::string pin_key(std::int64_t profile_id);

  /// rate_limited ("too many attempts ...") while any of `keys` must wait.
  status throttled(std::initializer_list<std::string> keys) const;
  /// Records a failure (or a success) of every key.
  void failed(std::initializer_list<std::string> keys) const;
  void succeeded(std::initializer_list<std::string> keys) const;

  /// Reads the household from the store into the directory (new profiles get actors, changed
  /// ones fresh ones; one no longer in the store leaves it) and drops every cached credential
  /// of it; with `tell`, then tells the live hub and the other instances (a household change
  /// event). Runs on the desk; completes `cb` there.
  void reload_household(std::int64_t household_id, bool tell, net::callback<unit> cb) const;
  /// Only credentials of the household changed (a sign-out, a revoked token, a removed member,
  /// a screen's profile): drops its cached credentials here and, through an access change event,
  /// on every other instance. No profile or slate is touched.
  void credentials_changed(std::int64_t household_id) const;
  /// The same, inside a desk job (on the desk's thread, with its store).
  status reload_household_here(storage::store& db, std::int64_t household_id, bool tell) const;
};

}  // namespace recs::actors
