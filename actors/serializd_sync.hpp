#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "actors/atoms.hpp"
#include "actors/sync_board.hpp"
#include "httpc/fetcher.hpp"
#include "recsys/profile.hpp"
#include "storage/store.hpp"
#include "sync/serializd_source.hpp"

namespace recs::actors {

/// The Serializd ratings import (source "serializd", job "serializd_import"): a detached actor
/// (its upstream calls and SQL block) with a store connection of its own.
/// - run(profile_id): starts an import for that profile unless one is under way; the import
///   does one piece per `step` message (the token check, one diary or watched page, the
///   matching: see sync::serializd_import_job), so a pause (sync_board::request_pause, which
///   also cuts short a backoff or Retry-After wait) takes effect between pages, and `resume`
///   continues where it stopped. A run requested while paused does not start.
/// - At the end the ratings to apply go to the sink in one call (skipped when there are none),
///   meta "serializd_last_seen" is set to the import's unix time, the sync_runs row is finished
///   ("ok"; checked = shows seen, changed = ratings handed over, failed = unmatched +
///   ambiguous), and the board's last_message holds sync::summarize of the report.
/// - A failed import (token refused, upstream down after the fetcher's retries, a block page, a
///   malformed answer, an unknown profile) hands nothing over, records the run "failed" with
///   the error and leaves serializd_last_seen as it was.
using serializd_sync_actor =
    caf::typed_actor<caf::reacts_to<run_atom, std::int64_t>, caf::reacts_to<step_atom>,
                     caf::reacts_to<resume_atom>>;

struct serializd_sync_options {
  bool enabled = false;  ///< USE_REAL_SERIALIZD: without it a run is refused
  /// SERIALIZD_URL (base_url), SERIALIZD_USER (user), SERIALIZD_TOKEN (token).
  sync::serializd_options serializd;
  httpc::client_options http;  ///< UPSTREAM_CA_FILE, UPSTREAM_TIMEOUT_MS
  httpc::retry_policy retry;
  std::size_t max_examples = 5;  ///< unmatched / ambiguous / kept shows named in the report
  bool learn_links = true;       ///< record TMDB links of shows matched by title and year
  /// Unix seconds now (injectable for tests).
  std::function<std::int64_t()> now;
};

/// Takes the imported ratings of one profile (all of the same profile_id, source "serializd"),
/// on the actor's thread. The service applies them through the profile actors, so that slates
/// and open pages update.
using serializd_rating_sink = std::function<void(std::vector<rating>)>;

/// Adds the job to `board` (state "off" unless enabled, else "idle") and spawns the actor.
serializd_sync_actor spawn_serializd_sync(caf::actor_system& sys, serializd_sync_options opts,
                                          std::unique_ptr<storage::store> db,
                                          std::shared_ptr<sync_board> board,
                                          serializd_rating_sink sink);

}  // namespace recs::actors
