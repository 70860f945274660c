#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "actors/atoms.hpp"
#include "actors/sync_board.hpp"
#include "actors/sync_strategy.hpp"
#include "httpc/fetcher.hpp"
#include "storage/store.hpp"

namespace recs::actors {

/// A sync job (docs/architecture.md, "Sync"): a detached actor (its upstream calls and SQL
/// block) with a store connection and a fetcher of its own, one per source; its strategy
/// (actors/sync_strategy.hpp) does the source's part.
/// - run(job[, profile_id]): starts a run unless one is under way, the job is off or paused
///   (the board then says so), or the strategy runs no such job or cannot plan it (the board
///   shows a failed run, without a sync_runs row). A run does one piece per `step` message, so
///   a pause (sync_board::request_pause, which also cuts short the fetcher's backoff or
///   Retry-After wait) takes effect between pieces: what changed so far is published and the
///   board says paused. A piece a pause cut short is done again after `resume`.
/// - tick: the daily schedule (DAILY_REFRESH_HOUR, local time): a run of the strategy's daily
///   job when enabled, scheduled and the strategy has one.
/// - At the end (the steps' outcome, or failed / cancelled when begin() failed / a pause cut
///   it short) the strategy wraps up, results are published, the sync_runs row is finished and
///   the board goes idle with the run's counts, outcome and message.
using sync_job_actor =
    caf::typed_actor<caf::reacts_to<run_atom, std::string>,
                     caf::reacts_to<run_atom, std::string, std::int64_t>, caf::reacts_to<step_atom>,
                     caf::reacts_to<tick_atom>, caf::reacts_to<resume_atom>>;

/// What every sync job takes (each source's options add theirs).
struct sync_job_options {
  bool enabled = false;  ///< its USE_REAL_* flag: without it no run starts (the board says off)
  int hour = 3;          ///< DAILY_REFRESH_HOUR
  bool schedule = true;  ///< run the daily job at `hour` (when enabled and there is one)
  httpc::client_options http;  ///< UPSTREAM_CA_FILE, UPSTREAM_TIMEOUT_MS
  httpc::retry_policy retry;
  /// Unix seconds now (injectable for tests).
  std::function<std::int64_t()> now;
  /// Waits of the fetcher (and the source, when it waits itself); injectable for tests; by
  /// default real and cut short by a pause.
  httpc::fetcher::sleeper sleep;
};

/// Adds the strategy's source to `board` (off unless enabled, else idle, showing its first
/// job) and spawns its job over `db`.
sync_job_actor spawn_sync_job(caf::actor_system& sys, sync_job_options opts,
                              std::unique_ptr<sync_strategy> strategy,
                              std::unique_ptr<storage::store> db,
                              std::shared_ptr<sync_board> board);

}  // namespace recs::actors
