#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "actors/atoms.hpp"
#include "actors/sync_board.hpp"
#include "httpc/fetcher.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "storage/store.hpp"
#include "sync/tvmaze_source.hpp"

namespace recs::actors {

/// The TVmaze metadata sync (source "tvmaze", job "metadata_refresh"; sync/metadata_refresh.hpp
/// says what it keeps true): a detached actor (its upstream calls and SQL block) with a store
/// connection of its own.
/// - run(kind): starts a run unless one is under way. "metadata_refresh": the shows TVmaze
///   changed since the last run, then up to `link_limit` unlinked shows looked up by IMDb id,
///   one show per `step` message. "index_walk": the whole show index, one page per `step`,
///   resumable (also after a restart) from meta tvmaze_index_page. Pauses
///   (sync_board::request_pause) take effect between steps and `resume` continues; a run stops
///   early, "partial", when TVmaze blocks, rate-limits or fails after retries;
/// - tick: the daily schedule (DAILY_REFRESH_HOUR, local time): a "metadata_refresh" run when
///   enabled.
/// Shows whose metadata changed are published (a new catalog snapshot from the store) every
/// `publish_every` of them, when a run pauses and when it ends. The snapshot always gets a new
/// version: runtime, network, year and premise are content features, so the content model is
/// rebuilt for it.
using tvmaze_sync_actor =
    caf::typed_actor<caf::reacts_to<run_atom, std::string>, caf::reacts_to<step_atom>,
                     caf::reacts_to<tick_atom>, caf::reacts_to<resume_atom>>;

/// The job names run(kind) takes.
inline constexpr const char* kTvmazeMetadataJob = "metadata_refresh";
inline constexpr const char* kTvmazeIndexWalkJob = "index_walk";

struct tvmaze_sync_options {
  bool enabled = false;          ///< USE_REAL_TVMAZE: without it no run starts
  std::size_t link_limit = 100;  ///< unlinked shows looked up per metadata run
  int hour = 3;                  ///< DAILY_REFRESH_HOUR
  bool schedule = true;          ///< run daily at `hour` (when enabled)
  std::size_t publish_every = 500;
  sync::tvmaze_options tvmaze;  ///< base_url from TVMAZE_URL; its retry is set from `retry`
  httpc::client_options http;
  httpc::retry_policy retry;
  /// Unix seconds now (injectable for tests).
  std::function<std::int64_t()> now;
  /// Waits of the fetcher and the source (injectable for tests; default: real, cancellable).
  httpc::fetcher::sleeper sleep;
};

/// Hands a new catalog (built from the store after metadata changes) to the service.
using metadata_publisher = std::function<void(snapshot_ptr)>;

/// Adds the "tvmaze" job to `board` ("off" unless enabled) and spawns the actor. `current`
/// gives the catalog being served (a new version is derived from its version).
tvmaze_sync_actor spawn_tvmaze_sync(caf::actor_system& sys, tvmaze_sync_options opts,
                                    std::unique_ptr<storage::store> db,
                                    std::shared_ptr<sync_board> board,
                                    std::function<snapshot_ptr()> current,
                                    metadata_publisher publish);

}  // namespace recs::actors
