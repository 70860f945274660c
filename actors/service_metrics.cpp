#include "actors/service_metrics.hpp"

#include <utility>

namespace recs::actors {

namespace {

bool active(net::job_state state) {
  return state == net::job_state::running || state == net::job_state::stopping;
}

}  // namespace

result<std::shared_ptr<service_metrics>> service_metrics::create(
    std::shared_ptr<metrics::registry> owner, std::shared_ptr<tiered_slate_cache> cache,
    std::shared_ptr<actor_meters> meters) {
  auto m = std::make_shared<service_metrics>();
  m->registry = owner;
  auto& reg = *owner;
  auto stale = reg.add_histogram(
      "recs_stale_ratio",
      "Share of a computed slate's items whose AU offers are only inferred or were verified "
      "longer than OFFERS_STALE_DAYS ago.",
      {}, metrics::ratio_buckets());
  if (!stale) return stale.err();
  m->stale_ratio = *stale;
  auto hits = reg.add_counter("recs_cache_hits_total",
                              "Slate cache hits, by level: local (in-process) or redis (shared).",
                              {"level"});
  if (!hits) return hits.err();
  m->cache_hits = *hits;
  auto misses =
      reg.add_counter("recs_cache_misses_total", "Slate cache misses, by level.", {"level"});
  if (!misses) return misses.err();
  m->cache_misses = *misses;
  auto mailbox =
      reg.add_gauge("recs_actor_mailbox_size",
                    "Messages waiting in the mailboxes of the actors of this name.", {"actor"});
  if (!mailbox) return mailbox.err();
  m->mailbox = *mailbox;
  auto messages = reg.add_counter("recs_actor_messages_total",
                                  "Messages handled by the actors of this name.", {"actor"});
  if (!messages) return messages.err();
  m->messages = *messages;
  auto runs = reg.add_counter("recs_sync_runs_total",
                              "Finished sync runs, by source and status (ok, partial, failed, "
                              "cancelled).",
                              {"source", "status"});
  if (!runs) return runs.err();
  m->sync_runs = *runs;
  auto seconds = reg.add_histogram("recs_sync_duration_seconds",
                                   "Duration of one finished sync run, in seconds.", {"source"},
                                   metrics::seconds_buckets());
  if (!seconds) return seconds.err();
  m->sync_seconds = *seconds;
  auto failures = reg.add_counter(
      "recs_sync_failures_total",
      "Titles (or pages) a sync run could not check or import, e.g. after the upstream failed.",
      {"source"});
  if (!failures) return failures.err();
  m->sync_failures = *failures;
  auto train = reg.add_histogram(
      "recs_model_train_ms",
      "Time to build a model, in ms: collaborative, blend, content (embeddings and ANN index).",
      {"model"}, metrics::train_ms_buckets());
  if (!train) return train.err();
  m->train_ms = *train;
  auto admin = reg.add_counter("recs_admin_commands_total",
                               "Admin control commands accepted, by command.", {"command"});
  if (!admin) return admin.err();
  m->admin_commands = *admin;

  // Read at scrape time. The families live in the registry, which owns this refresher.
  // The refresher lives in the registry, which `m` owns: it holds `m` weakly.
  reg.on_scrape([weak = std::weak_ptr<service_metrics>(m), cache = std::move(cache),
                 meters = std::move(meters)] {
    auto m = weak.lock();
    if (!m) return;
    const auto& local = cache->local();
    m->cache_hits->with({"local"}).advance_to(static_cast<double>(local->hits()));
    m->cache_misses->with({"local"}).advance_to(static_cast<double>(local->misses()));
    if (cache->backend() != "local") {
      m->cache_hits->with({"redis"}).advance_to(static_cast<double>(cache->shared_hits()));
      m->cache_misses->with({"redis"}).advance_to(static_cast<double>(cache->shared_misses()));
    }
    if (!meters) return;
    for (const auto& t : meters->totals()) {
      m->mailbox->with({t.name}).set(static_cast<double>(t.mailbox));
      m->messages->with({t.name}).advance_to(static_cast<double>(t.processed));
    }
  });
  return m;
}

void service_metrics::record_sync(const net::job_info& before, const net::job_info& after) {
  if (after.run_id == before.run_id) {
    if (after.failed > before.failed)
      sync_failures->with({after.source}).inc(static_cast<double>(after.failed - before.failed));
  } else if (after.failed > 0) {
    sync_failures->with({after.source}).inc(static_cast<double>(after.failed));
  }
  const bool finished = (active(before.state) && !active(after.state)) ||
                        after.last_finished_ts != before.last_finished_ts;
  if (!finished || !after.last_status) return;
  sync_runs->with({after.source, std::string(to_string(*after.last_status))}).inc();
  if (active(before.state) && after.started_ts > 0 && after.last_finished_ts >= after.started_ts)
    sync_seconds->with({after.source})
        .observe(static_cast<double>(after.last_finished_ts - after.started_ts));
}

}  // namespace recs::actors
