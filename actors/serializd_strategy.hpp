#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "actors/sync_job.hpp"
#include "actors/sync_strategy.hpp"
#include "recsys/profile.hpp"
#include "sync/serializd_source.hpp"

namespace recs::actors {

/// The Serializd source's name (the board, the fetcher, the sync_runs rows).
inline constexpr const char* kSerializdSource = "serializd";
/// The job admins start (POST /admin/jobs/serializd_import?profile=...) and see (GET /admin/jobs).
inline constexpr const char* kSerializdImportJob = "serializd_import";

/// The Serializd ratings import (source "serializd", actor "serializd_sync", job
/// "serializd_import", run with a profile id; no daily job). A run does one piece a step (the
/// token check, one diary or watched page, the matching: see sync::serializd_import_job).
/// - At the end the ratings to apply go to the sink in one call (skipped when there are none),
///   meta "serializd_last_seen" is set to the import's unix time, the sync_runs row (kind
///   "ratings_import") is finished ok (checked = shows seen, changed = ratings handed over,
///   failed = unmatched + ambiguous), and the board's last_message holds sync::summarize of the
///   report.
/// - A failed import (token refused, upstream down after the fetcher's retries, a block page, a
///   malformed answer, an unknown profile) hands nothing over, records the run failed with the
///   error and leaves serializd_last_seen as it was.
struct serializd_sync_options : sync_job_options {
  /// SERIALIZD_URL (base_url), SERIALIZD_USER (user), SERIALIZD_TOKEN (token).
  sync::serializd_options serializd;
  std::size_t max_examples = 5;  ///< unmatched / ambiguous / kept shows named in the report
  bool learn_links = true;       ///< record TMDB links of shows matched by title and year
};

/// Takes the imported ratings of one profile (all of the same profile_id, source "serializd"),
/// on the job's thread. The service applies them through the profile actors, so that slates
/// and open pages update.
using serializd_rating_sink = std::function<void(std::vector<rating>)>;

std::unique_ptr<sync_strategy> make_serializd_strategy(const serializd_sync_options& opts,
                                                       serializd_rating_sink sink);

}  // namespace recs::actors
