#include "actors/tvmaze_sync.hpp"
#include "actors/metered.hpp"
#include "actors/sync_fetch.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <chrono>
#include <deque>
#include <iostream>
#include <utility>

#include "actors/sync_clock.hpp"
#include "recsys/jitter.hpp"
#include "sync/metadata_refresh.hpp"
#include "sync/offers_refresh.hpp"
#include "sync/schedule.hpp"

namespace recs::actors {

namespace {

constexpr const char* kSource = "tvmaze";

struct tvmaze_state {
  tvmaze_sync_options opts;
  std::shared_ptr<storage::store> db;
  std::shared_ptr<sync_board> board;
  std::function<snapshot_ptr()> current;
  metadata_publisher publish;
  std::shared_ptr<httpc::fetcher> fetch;
  std::unique_ptr<sync::tvmaze_source> tv;
  std::unique_ptr<sync::metadata_refresher> refresher;  ///< a metadata run
  std::unique_ptr<sync::index_walker> walker;           ///< an index walk
  std::deque<sync::metadata_task> queue;
  std::int64_t page = 0;  ///< an index walk's next page
  std::string kind;
  bool running = false;
  std::int64_t run_id = 0;
  std::int64_t done = 0, changed = 0, failed = 0, linked = 0, missing = 0;
  std::size_t pending = 0;  ///< changed shows not published yet
  std::uint64_t publishes = 0;
  static inline const char* name = "tvmaze_sync";
};

using self_ptr = metered_pointer<tvmaze_sync_actor, tvmaze_state>;

std::int64_t now_of(const tvmaze_state& st) {
  return sync_now(st.opts.now);
}

void set_board(self_ptr self, const std::function<void(net::job_info&)>& f) {
  self->state.board->update(kSource, f);
}

/// The catalog as the store has it now, under a new version (see tvmaze_sync_actor).
void publish_now(self_ptr self) {
  auto& st = self->state;
  if (st.pending == 0) return;
  auto shows = st.db->shows();
  auto providers = st.db->providers();
  if (!shows || !providers) {
    std::cerr << "tvmaze sync: cannot read the catalog to publish it: "
              << (!shows ? shows.err().message : providers.err().message) << std::endl;
    return;
  }
  auto cur = st.current ? st.current() : nullptr;
  const std::uint64_t version =
      stable_hash("tvmaze:" + std::to_string(cur ? cur->version() : 0) + ":" +
                  std::to_string(st.run_id) + ":" + std::to_string(++st.publishes));
  auto snap = catalog_snapshot::build(std::move(*shows), std::move(*providers), version);
  if (st.publish) st.publish(std::move(snap));
  st.pending = 0;
}

std::string summary(const tvmaze_state& st) {
  if (st.kind == kTvmazeIndexWalkJob) {
    return std::to_string(st.done) + " pages, " + std::to_string(st.changed) + " shows changed, " +
           std::to_string(st.linked) + " linked, " + std::to_string(st.failed) + " failed";
  }
  return std::to_string(st.done) + " shows checked, " + std::to_string(st.changed) + " changed, " +
         std::to_string(st.linked) + " linked, " + std::to_string(st.missing) +
         " missing at TVmaze, " + std::to_string(st.failed) + " failed";
}

void finish(self_ptr self, const std::string& status, const std::string& message) {
  auto& st = self->state;
  if (st.refresher) {
    auto recorded = st.refresher->finish();
    if (!recorded) {
      std::cerr << "tvmaze sync: cannot record the run's time: " << recorded.err().message
                << std::endl;
    }
  }
  publish_now(self);
  const auto now = now_of(st);
  const std::string text = summary(st) + (message.empty() ? "" : "; " + message);
  if (st.run_id > 0) {
    if (auto r =
            st.db->finish_sync_run(st.run_id, status, now, static_cast<int>(st.done),
                                   static_cast<int>(st.changed), static_cast<int>(st.failed), text);
        !r) {
      std::cerr << "tvmaze sync: cannot record the end of run " << st.run_id << ": "
                << r.err().message << std::endl;
    }
  }
  std::cout << "tvmaze sync: run " << st.run_id << " (" << st.kind << ") " << status << ": " << text
            << std::endl;
  st.running = false;
  st.queue.clear();
  st.refresher.reset();
  st.walker.reset();
  set_board(self, [&](net::job_info& j) {
    j.state = "idle";
    j.current.clear();
    j.done = st.done;
    j.changed = st.changed;
    j.failed = st.failed;
    j.last_status = status;
    j.last_message = text;
    j.last_finished_ts = now;
  });
}

/// How a run that could not begin ended: a pause cut its first call short, or it failed.
std::string ended_status(self_ptr self) {
  return self->state.board->pause_requested(kSource) ? "cancelled" : "failed";
}

/// Plans a metadata run; false when it ended at once.
bool begin_metadata(self_ptr self, std::int64_t now) {
  auto& st = self->state;
  st.refresher = std::make_unique<sync::metadata_refresher>(*st.db, *st.tv, now);
  auto plan = st.refresher->begin(st.opts.link_limit);
  if (!plan) {
    st.refresher.reset();  // nothing was planned: the last run's time stays
    finish(self, ended_status(self), "planning: " + plan.err().message);
    return false;
  }
  std::size_t refreshes = 0;
  for (auto& t : plan->tasks) {
    refreshes += t.what == sync::metadata_task::kind::refresh ? 1 : 0;
    st.queue.push_back(std::move(t));
  }
  std::cout << "tvmaze sync: run " << st.run_id << " (" << st.kind
            << "): " << plan->updated_upstream << " shows changed at TVmaze, " << refreshes
            << " of them ours; " << st.queue.size() - refreshes << " of " << plan->unlinked_total
            << " unlinked shows to look up" << std::endl;
  return true;
}

/// Prepares an index walk; false when it ended at once.
bool begin_walk(self_ptr self) {
  auto& st = self->state;
  st.walker = std::make_unique<sync::index_walker>(*st.db, *st.tv);
  auto page = st.walker->begin();
  if (!page) {
    finish(self, ended_status(self), "starting the index walk: " + page.err().message);
    return false;
  }
  st.page = *page;
  std::cout << "tvmaze sync: run " << st.run_id << " (" << st.kind << "): from page " << st.page
            << std::endl;
  return true;
}

void start_run(self_ptr self, const std::string& kind) {
  auto& st = self->state;
  if (st.running || !st.opts.enabled) return;
  const auto now = now_of(st);
  if (kind != kTvmazeMetadataJob && kind != kTvmazeIndexWalkJob) {
    set_board(self, [&](net::job_info& j) {
      j.state = "idle";
      j.last_status = "failed";
      j.last_message = "unknown job \"" + kind + "\" (known: metadata_refresh, index_walk)";
      j.last_finished_ts = now;
    });
    return;
  }
  if (st.board->pause_requested(kSource)) {  // paused by an admin: no run until resumed
    set_board(self, [](net::job_info& j) { j.state = "paused"; });
    return;
  }
  auto id = st.db->start_sync_run(kSource, kind, now);
  st.run_id = id ? *id : 0;
  st.kind = kind;
  st.running = true;
  st.done = st.changed = st.failed = st.linked = st.missing = 0;
  st.pending = 0;
  st.queue.clear();
  st.fetch->reset_cancel();
  set_board(self, [&](net::job_info& j) {
    j.state = "running";
    j.job = kind;
    j.run_id = st.run_id;
    j.started_ts = now;
    j.total = j.done = j.changed = j.failed = 0;
    j.current = kind == kTvmazeIndexWalkJob ? "" : "asking TVmaze for its updates";
  });
  const bool go = kind == kTvmazeIndexWalkJob ? begin_walk(self) : begin_metadata(self, now);
  if (!go) return;
  set_board(self, [&](net::job_info& j) {
    j.total = static_cast<std::int64_t>(st.queue.size());  // 0 for a walk: pages unknown
    j.current.clear();
  });
  self->send(self, step_atom::value);
}

void count(tvmaze_state& st, const sync::metadata_result& r) {
  using outcome = sync::metadata_result::outcome;
  if (r.linked) ++st.linked;
  if (r.what == outcome::updated) {
    ++st.changed;
    ++st.pending;
  } else if (r.what == outcome::missing) {
    ++st.missing;
  } else if (r.what == outcome::failed) {
    ++st.failed;
    std::cerr << "tvmaze sync: " << r.show_id << ": " << r.message << std::endl;
  }
}

void after_step(self_ptr self) {
  auto& st = self->state;
  set_board(self, [&](net::job_info& j) {
    j.done = st.done;
    j.changed = st.changed;
    j.failed = st.failed;
  });
  if (st.pending >= st.opts.publish_every) publish_now(self);
  self->send(self, step_atom::value);
}

void step_metadata(self_ptr self) {
  auto& st = self->state;
  if (st.queue.empty()) {
    auto left = st.db->unlinked_show_count(std::string(storage::link_source::tvmaze),
                                           std::string(storage::link_source::tvmaze_missing));
    return finish(self, st.failed == 0 ? "ok" : "partial",
                  left ? std::to_string(*left) + " shows still to link" : "");
  }
  auto task = std::move(st.queue.front());
  st.queue.pop_front();
  set_board(self, [&](net::job_info& j) { j.current = task.title; });
  auto r = st.refresher->run(task);
  if (r.what == sync::metadata_result::outcome::failed) {
    if (st.board->pause_requested(kSource)) {  // cut short by a pause: this show again later
      st.queue.push_front(std::move(task));
      self->send(self, step_atom::value);
      return;
    }
    count(st, r);
    if (sync::run_should_stop(r.err)) {
      ++st.done;
      return finish(self, "partial", "stopped at \"" + task.title + "\": " + r.message);
    }
  } else {
    count(st, r);
  }
  ++st.done;
  after_step(self);
}

void step_walk(self_ptr self) {
  auto& st = self->state;
  set_board(self, [&](net::job_info& j) { j.current = "page " + std::to_string(st.page); });
  auto r = st.walker->walk(st.page);
  if (r.err) {
    if (st.board->pause_requested(kSource)) {  // cut short by a pause: this page again later
      self->send(self, step_atom::value);
      return;
    }
    ++st.failed;
    std::cerr << "tvmaze sync: index page " << st.page << ": " << r.err->message << std::endl;
    if (sync::run_should_stop(*r.err)) {
      return finish(
          self, "partial",
          "stopped at page " + std::to_string(st.page) + " (resumes there): " + r.err->message);
    }
    if (auto skipped = st.walker->skip(st.page); !skipped) {
      return finish(self, "partial", "cannot record the index page: " + skipped.err().message);
    }
    ++st.page;
    after_step(self);
    return;
  }
  for (const auto& m : r.matched) count(st, m);
  ++st.done;
  if (r.end) return finish(self, st.failed == 0 ? "ok" : "partial", "the index walk is complete");
  ++st.page;
  after_step(self);
}

void step(self_ptr self) {
  auto& st = self->state;
  if (!st.running) return;
  if (st.board->pause_requested(kSource)) {
    publish_now(self);  // what changed so far is in the store already
    set_board(self, [](net::job_info& j) {
      j.state = "paused";
      j.current.clear();
    });
    return;
  }
  if (st.walker) return step_walk(self);
  step_metadata(self);
}

void schedule(self_ptr self) {
  auto& st = self->state;
  if (!st.opts.enabled || !st.opts.schedule) return;
  const auto now = now_of(st);
  const auto next = sync::next_daily_run(now, st.opts.hour);
  set_board(self, [&](net::job_info& j) { j.next_run_ts = next; });
  self->delayed_send(self, std::chrono::seconds(next - now), tick_atom::value);
}

tvmaze_sync_actor::behavior_type tvmaze_impl(self_ptr self, tvmaze_sync_options opts,
                                             std::shared_ptr<storage::store> db_holder,
                                             std::shared_ptr<sync_board> board,
                                             std::function<snapshot_ptr()> current,
                                             metadata_publisher publish) {
  auto& st = self->state;
  st.opts = std::move(opts);
  st.db = std::move(db_holder);
  st.board = std::move(board);
  st.current = std::move(current);
  st.publish = std::move(publish);
  // No rate limit in the fetcher: the source keeps TVmaze's, across all its calls.
  st.fetch = std::make_shared<httpc::fetcher>(kSource, st.opts.http, st.opts.retry, std::nullopt,
                                              st.opts.sleep);
  auto tv_opts = st.opts.tvmaze;
  tv_opts.retry = st.opts.retry;
  st.tv = std::make_unique<sync::tvmaze_source>(tv_opts, *st.fetch, st.opts.sleep);
  cancel_on_pause(*st.board, kSource, st.fetch);
  schedule(self);
  return {
      [=](run_atom, const std::string& kind) { start_run(self, kind); },
      [=](step_atom) { step(self); },
      [=](tick_atom) {
        start_run(self, kTvmazeMetadataJob);
        schedule(self);
      },
      [=](resume_atom) {
        auto& s = self->state;
        resume_run(*s.board, kSource, *s.fetch, static_cast<bool>(s.running),
                   [self] { self->send(self, step_atom::value); });
      },
  };
}

}  // namespace

tvmaze_sync_actor spawn_tvmaze_sync(caf::actor_system& sys, tvmaze_sync_options opts,
                                    std::unique_ptr<storage::store> db,
                                    std::shared_ptr<sync_board> board,
                                    std::function<snapshot_ptr()> current,
                                    metadata_publisher publish) {
  board->add(kSource, kTvmazeMetadataJob, opts.enabled);
  return sys.spawn<caf::detached>(tvmaze_impl, std::move(opts),
                                  std::shared_ptr<storage::store>(std::move(db)), std::move(board),
                                  std::move(current), std::move(publish));
}

}  // namespace recs::actors
