#pragma once

// The service's own metric families (infra/README.md, "Metric catalogue"), registered in its
// registry at start: what actors record directly (stale ratio, model training time, sync runs,
// admin commands) and what is read at scrape time (cache counters, actor mailboxes).

#include <memory>
#include <string>

#include "actors/metered.hpp"
#include "actors/tiered_slate_cache.hpp"
#include "core/result.hpp"
#include "metrics/metrics.hpp"
#include "net/sync_types.hpp"

namespace recs::actors {

struct service_metrics {
  metrics::histogram_family* stale_ratio = nullptr;   // recs_stale_ratio
  metrics::histogram_family* train_ms = nullptr;      // recs_model_train_ms{model}
  metrics::counter_family* sync_runs = nullptr;       // recs_sync_runs_total{source,status}
  metrics::histogram_family* sync_seconds = nullptr;  // recs_sync_duration_seconds{source}
  metrics::counter_family* sync_failures = nullptr;   // recs_sync_failures_total{source}
  metrics::counter_family* admin_commands = nullptr;  // recs_admin_commands_total{command}
  metrics::counter_family* cache_hits = nullptr;      // recs_cache_hits_total{level}
  metrics::counter_family* cache_misses = nullptr;    // recs_cache_misses_total{level}
  metrics::gauge_family* mailbox = nullptr;           // recs_actor_mailbox_size{actor}
  metrics::counter_family* messages = nullptr;        // recs_actor_messages_total{actor}

  /// Keeps the families alive for whoever records after the service is gone (e.g. a detached
  /// trainer finishing a fit at shutdown).
  std::shared_ptr<metrics::registry> registry;

  /// Adds the families to `reg` and a scrape-time refresher reading `cache` and `meters`
  /// (`meters` may be null: the actor families then stay empty).
  static result<std::shared_ptr<service_metrics>> create(std::shared_ptr<metrics::registry> reg,
                                                         std::shared_ptr<tiered_slate_cache> cache,
                                                         std::shared_ptr<actor_meters> meters);

  /// Counts a sync job's change on the board: a finished run (by status, with its duration)
  /// and the titles it could not check.
  void record_sync(const net::job_info& before, const net::job_info& after);
};

}  // namespace recs::actors
