#pragma once

// The parts the service's port objects share (actors/service.hpp): the actor handles, the
// directory of households and profiles, the slate cache, the change feed and the metrics, with
// the few ways of asking an actor from outside the actor system (on the gateway actor).

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "actors/cache_actor.hpp"
#include "actors/catalog_actor.hpp"
#include "actors/catalog_view.hpp"
#include "actors/change_feed.hpp"
#include "actors/messages.hpp"
#include "actors/profile_actor.hpp"
#include "actors/scoring_pool.hpp"
#include "actors/service_metrics.hpp"
#include "actors/state_loader.hpp"
#include "actors/store_actor.hpp"
#include "actors/sync_board.hpp"
#include "actors/tiered_slate_cache.hpp"
#include "metrics/metrics.hpp"
#include "net/callback.hpp"
#include "recsys/watch_alerts.hpp"

namespace recs::actors {

/// How the actor system is sized and timed.
struct service_options {
  int scorers = 2;
  std::chrono::milliseconds timeout{2000};
  std::size_t cache_capacity = 4096;
  std::chrono::seconds cache_ttl{60};
  /// DB_POOL_SIZE: store connections when the backend pools (PostgreSQL); SQLite uses one.
  std::size_t store_pool_size = default_store_pool_size;
  trainer_options training;
  family_options family;
  int offers_stale_days = 14;  ///< OFFERS_STALE_DAYS: for each slate's stale ratio (metrics)
};

/// Households, profiles and profile actors; immutable, swapped atomically on change.
struct directory {
  std::map<std::int64_t, household> households;
  std::map<std::int64_t, std::vector<profile>> profiles;
  std::map<std::int64_t, profile_actor> actors;
};

/// The current directory and its writers' lock. Shared with callbacks (the cluster actor's, a
/// sync import's) that may run after the service is gone. Thread-safe.
class directory_box {
 public:
  std::shared_ptr<const directory> get() const { return std::atomic_load(&current_); }
  void set(std::shared_ptr<const directory> d) { std::atomic_store(&current_, std::move(d)); }
  std::optional<profile_actor> actor_of(std::int64_t profile_id) const;
  /// The profile ids of a household (none for an unknown one).
  std::vector<std::int64_t> members_of(std::int64_t household_id) const;
  /// The household a profile belongs to; 0 for an unknown profile.
  std::int64_t household_of(std::int64_t profile_id) const;
  /// Replaces a household (its services changed).
  void update_household(const household& h);
  /// Applies `f` to a copy of the directory and publishes it, one writer at a time.
  void edit(const std::function<void(directory&)>& f);

 private:
  std::shared_ptr<const directory> current_ = std::make_shared<const directory>();
  std::mutex write_mu_;
};

/// Completes `cb` with the reply of `dest` to `xs...`, mapped through `map`, as a job for the
/// gateway.
template <class Reply, class T, class Map, class Handle, class... Ts>
gateway_job request_job(std::chrono::milliseconds timeout, net::callback<T> cb, Map map,
                        Handle dest, Ts... xs) {
  return [=](caf::event_based_actor* self) {
    self->request(dest, timeout, xs...)
        .then([cb, map](Reply r) { cb(map(std::move(r))); },
              [cb](caf::error& e) { cb(from_caf(e)); });
  };
}

/// Owned by the service; every port object keeps a reference. The handles are set once at start
/// and cleared by the service's shutdown (asks then fail as unavailable).
struct service_core {
  service_core(caf::actor_system& s, service_options o) : sys(s), opts(std::move(o)) {}

  caf::actor_system& sys;
  const service_options opts;
  std::shared_ptr<change_feed> feed = std::make_shared<change_feed>();
  std::shared_ptr<catalog_view> view;
  std::shared_ptr<tiered_slate_cache> cache;
  std::shared_ptr<directory_box> dir = std::make_shared<directory_box>();
  std::shared_ptr<sync_board> board = std::make_shared<sync_board>();
  std::shared_ptr<metrics::registry> registry = std::make_shared<metrics::registry>();
  std::shared_ptr<service_metrics> stats;  // its families (e.g. recs_stale_ratio per slate)
  caf::actor gateway;
  store_actor store;
  cache_actor cache_ref;
  scoring_pool_actor pool;
  catalog_actor catalog;
  /// Where the TVmaze sync's next-season news go (watchlist alerts); set by the service.
  std::function<void(std::vector<season_news>)> season_news;

  /// Runs `job` on the gateway actor.
  void run(gateway_job job) const;

  /// The profile's actor, or completes `cb` with not_found.
  template <class T>
  std::optional<profile_actor> actor_for(std::int64_t profile_id, net::callback<T>& cb) const {
    auto a = dir->actor_of(profile_id);
    if (!a) cb(error{errc::not_found, "no profile " + std::to_string(profile_id)});
    return a;
  }

  /// Completes `cb` with the profile actor's reply (of type T) to `xs...`.
  template <class T, class... Ts>
  void ask_profile(std::int64_t profile_id, net::callback<T> cb, Ts... xs) const {
    if (auto a = actor_for(profile_id, cb))
      run(request_job<T>(
          opts.timeout, cb, [](T x) { return x; }, *a, xs...));
  }

  /// `cb`, followed on success by a change event `what` for the profile.
  template <class T>
  net::callback<T> notify_after(net::callback<T> cb, net::change_event::kind what,
                                std::int64_t profile_id) const {
    return [feed = feed, cb = std::move(cb), what, profile_id,
            household = dir->household_of(profile_id)](result<T> r) {
      const bool ok = r.ok();
      cb(std::move(r));
      if (ok) feed->emit({what, household, {profile_id}, {}});
    };
  }

  /// Puts a household, as the store has it now, in the directory: profiles that are new or
  /// whose fields changed get a fresh actor (a changed one's old actor stops), profiles gone lose
  /// theirs; their cached slates are dropped.
  void adopt_household(household_state hs) const;
  /// Removes a household (deleted) with its profiles and their actors.
  void forget_household(std::int64_t household_id) const;

  /// Collects the current states of `profile_ids` and the household's watch history into a
  /// family request (on the gateway), then calls `next` there; any failure completes `fail`.
  void with_family(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                   slate_request req,
                   std::function<void(caf::event_based_actor*, family_request)> next,
                   std::function<void(error)> fail) const;
};

}  // namespace recs::actors
