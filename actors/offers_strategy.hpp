#pragma once

#include <cstddef>
#include <memory>

#include "actors/sync_job.hpp"
#include "actors/sync_strategy.hpp"
#include "sync/justwatch_source.hpp"

namespace recs::actors {

/// The JustWatch source's name (the board, the fetcher, the sync_runs rows).
inline constexpr const char* kJustwatchSource = "justwatch";

/// The JustWatch offers sync (source "justwatch", actor "offers_sync", job "daily_refresh",
/// also the daily one): a run plans the stalest titles (sync::plan_offers_refresh) and checks
/// one title per step; it stops early, partial, when JustWatch blocks, rate-limits or fails
/// (after the fetcher's retries). Without `enabled` only the plan and freshness work
/// (actors/sync_reader.hpp).
struct offers_sync_options : sync_job_options {
  int stale_days = 14;      ///< OFFERS_STALE_DAYS
  std::size_t limit = 200;  ///< DAILY_REFRESH_LIMIT
  std::size_t publish_every = 25;
  sync::justwatch_options justwatch;
};

/// Titles whose availability changed are published to `link` (a new catalog snapshot from the
/// store, with the changes) every `publish_every` of them, when a run pauses and when it ends.
/// The served catalog's version is kept when the shows are the same ones in the same order (an
/// offers change), so the models built for it stay valid.
std::unique_ptr<sync_strategy> make_offers_strategy(const offers_sync_options& opts,
                                                    catalog_link link);

}  // namespace recs::actors
