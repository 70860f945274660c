#pragma once

#include <cstddef>
#include <memory>

#include "actors/sync_job.hpp"
#include "actors/sync_strategy.hpp"
#include "sync/tvmaze_source.hpp"

namespace recs::actors {

/// The TVmaze source's name (the board, the fetcher, the sync_runs rows).
inline constexpr const char* kTvmazeSource = "tvmaze";
/// The job names of the TVmaze sync.
inline constexpr const char* kTvmazeMetadataJob = "metadata_refresh";
inline constexpr const char* kTvmazeIndexWalkJob = "index_walk";

/// The TVmaze metadata sync (source "tvmaze", actor "tvmaze_sync"; sync/metadata_refresh.hpp
/// says what it keeps true). "metadata_refresh" (also the daily job): the shows TVmaze changed
/// since the last run, then up to `link_limit` unlinked shows looked up by IMDb id, one show a
/// step. "index_walk": the whole show index, one page a step, resumable (also after a restart)
/// from meta tvmaze_index_page. A run stops early, partial, when TVmaze blocks, rate-limits or
/// fails after retries.
struct tvmaze_sync_options : sync_job_options {
  std::size_t link_limit = 100;  ///< unlinked shows looked up per metadata run
  std::size_t publish_every = 500;
  sync::tvmaze_options tvmaze;  ///< base_url from TVMAZE_URL; its retry is set from `retry`
};

/// Shows whose metadata changed are published to `link` (a new catalog snapshot from the store,
/// without availability changes) every `publish_every` of them, when a run pauses and when it
/// ends. The snapshot always gets a new version: runtime, network, year and premise are content
/// features, so the content model is rebuilt for it.
std::unique_ptr<sync_strategy> make_tvmaze_strategy(const tvmaze_sync_options& opts,
                                                    catalog_link link);

}  // namespace recs::actors
