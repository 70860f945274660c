#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "actors/atoms.hpp"
#include "actors/messages.hpp"
#include "actors/sync_board.hpp"
#include "httpc/fetcher.hpp"
#include "net/sync_types.hpp"
#include "recsys/availability_change.hpp"
#include "storage/store.hpp"
#include "sync/justwatch_source.hpp"
#include "sync/offers_refresh.hpp"

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::net::refresh_plan_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::net::freshness_view)

namespace recs::actors {

/// The JustWatch offers sync (source "justwatch", job "daily_refresh"): a detached actor (its
/// upstream calls and SQL block) with a store connection of its own.
/// - run(kind): starts a run unless one is under way; the run checks one title per `step`
///   message, so pauses (sync_board::request_pause) take effect between titles and `resume`
///   continues; a run stops early when JustWatch blocks, rate-limits or fails (after the
///   fetcher's retries) and is recorded as "partial";
/// - tick: the daily schedule (DAILY_REFRESH_HOUR, local time): starts a run when enabled.
/// Titles whose availability changed are published (a new catalog snapshot from the store, with
/// the changes) every `publish_every` of them and at the end of the run.
using offers_sync_actor =
    caf::typed_actor<caf::reacts_to<run_atom, std::string>, caf::reacts_to<step_atom>,
                     caf::reacts_to<tick_atom>, caf::reacts_to<resume_atom>>;

/// Answers the refresh plan (the dry run) and the freshness figures from a store connection of
/// its own, so that admins get them at once even while the sync is inside an upstream call.
using sync_reader_actor = caf::typed_actor<caf::replies_to<plan_atom>::with<net::refresh_plan_view>,
                                           caf::replies_to<fresh_atom>::with<net::freshness_view>>;

struct offers_sync_options {
  bool enabled = false;     ///< USE_REAL_JUSTWATCH: without it only the plan and freshness work
  int stale_days = 14;      ///< OFFERS_STALE_DAYS
  std::size_t limit = 200;  ///< DAILY_REFRESH_LIMIT
  int hour = 3;             ///< DAILY_REFRESH_HOUR
  bool schedule = true;     ///< run daily at `hour` (when enabled)
  std::size_t publish_every = 25;
  sync::justwatch_options justwatch;
  httpc::client_options http;
  httpc::retry_policy retry;
  /// Unix seconds now (injectable for tests).
  std::function<std::int64_t()> now;
};

/// Hands a new catalog (built from the store after changes) and what changed to the service.
using offers_publisher =
    std::function<void(snapshot_ptr, std::vector<availability_change>, std::vector<provider>)>;

/// `current` gives the catalog being served (its version is kept when the shows are the same).
offers_sync_actor spawn_offers_sync(caf::actor_system& sys, offers_sync_options opts,
                                    std::unique_ptr<storage::store> db,
                                    std::shared_ptr<sync_board> board,
                                    std::function<snapshot_ptr()> current,
                                    offers_publisher publish);

/// The plan as admins see it; `enabled`: whether a real run would call JustWatch.
net::refresh_plan_view plan_view(const sync::refresh_plan& plan, bool enabled);

/// The reader next to it (detached, over `db`); `opts` as given to spawn_offers_sync.
sync_reader_actor spawn_sync_reader(caf::actor_system& sys, offers_sync_options opts,
                                    std::unique_ptr<storage::store> db,
                                    std::shared_ptr<sync_board> board);

}  // namespace recs::actors
