#include "actors/serializd_sync.hpp"
#include "actors/metered.hpp"
#include "actors/sync_fetch.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <utility>

#include "actors/sync_clock.hpp"
#include "sync/serializd_import_job.hpp"

namespace recs::actors {

namespace {

constexpr const char* kSource = "serializd";
constexpr const char* kJob = "ratings_import";  // the kind of its sync_runs rows
/// The job as admins start it (POST /admin/jobs/serializd_import) and see it (GET /admin/jobs).
constexpr const char* kBoardJob = "serializd_import";
constexpr const char* kLastSeen = "serializd_last_seen";

struct serializd_state {
  serializd_sync_options opts;
  std::shared_ptr<storage::store> db;
  std::shared_ptr<sync_board> board;
  serializd_rating_sink sink;
  std::shared_ptr<httpc::fetcher> fetch;
  std::unique_ptr<sync::serializd_source> source;
  std::unique_ptr<sync::serializd_import_job> job;  ///< the import under way, if any
  std::int64_t run_id = 0;
  bool step_queued = false;  ///< a step message is in the mailbox: never two step chains
  static inline const char* name = "serializd_sync";
};

using self_ptr = metered_pointer<serializd_sync_actor, serializd_state>;

std::int64_t now_of(const serializd_state& st) {
  return sync_now(st.opts.now);
}

void set_board(self_ptr self, const std::function<void(net::job_info&)>& f) {
  self->state.board->update(kSource, f);
}

void queue_step(self_ptr self) {
  if (self->state.step_queued) return;
  self->state.step_queued = true;
  self->send(self, step_atom::value);
}

void record_end(serializd_state& st, const std::string& status, std::int64_t now, int checked,
                int changed, int failed, const std::string& message) {
  if (st.run_id <= 0) return;
  if (auto r = st.db->finish_sync_run(st.run_id, status, now, checked, changed, failed, message);
      !r) {
    std::cerr << "serializd sync: cannot record the end of run " << st.run_id << ": "
              << r.err().message << std::endl;
  }
}

void finish_failed(self_ptr self, const error& e) {
  auto& st = self->state;
  const auto now = now_of(st);
  const std::int64_t profile = st.job ? st.job->outcome().profile_id : 0;
  record_end(st, "failed", now, 0, 0, 0, e.message);
  std::cerr << "serializd sync: run " << st.run_id << " (profile " << profile
            << ") failed: " << e.message << std::endl;
  st.job.reset();
  set_board(self, [&](net::job_info& j) {
    j.state = "idle";
    j.current.clear();
    j.last_status = "failed";
    j.last_message = e.message;
    j.last_finished_ts = now;
  });
}

void finish_ok(self_ptr self) {
  auto& st = self->state;
  auto out = st.job->take_outcome();
  st.job.reset();
  const auto now = now_of(st);
  const auto handed = static_cast<std::int64_t>(out.ratings.size());
  const auto failed = static_cast<std::int64_t>(out.report.unmatched + out.report.ambiguous);
  std::string message = sync::summarize(out);
  if (st.sink && !out.ratings.empty()) st.sink(std::move(out.ratings));
  if (auto m = st.db->set_meta(kLastSeen, std::to_string(now)); !m) {
    std::cerr << "serializd sync: cannot record " << kLastSeen << ": " << m.err().message
              << std::endl;
    message += "; " + std::string(kLastSeen) + " not recorded: " + m.err().message;
  }
  record_end(st, "ok", now, static_cast<int>(out.report.shows), static_cast<int>(handed),
             static_cast<int>(failed), message);
  std::cout << "serializd sync: run " << st.run_id << " (profile " << out.profile_id
            << "): " << message << std::endl;
  set_board(self, [&](net::job_info& j) {
    j.state = "idle";
    j.current.clear();
    j.changed = handed;
    j.failed = failed;
    j.last_status = "ok";
    j.last_message = message;
    j.last_finished_ts = now;
  });
}

void start_run(self_ptr self, std::int64_t profile_id) {
  auto& st = self->state;
  if (st.job) {
    std::cerr << "serializd sync: an import is under way (run " << st.run_id
              << "): the one for profile " << profile_id << " is not started" << std::endl;
    return;
  }
  if (!st.opts.enabled) {
    set_board(self, [](net::job_info& j) {
      j.state = "off";
      j.last_message = "the Serializd import is off: set USE_REAL_SERIALIZD=true";
    });
    return;
  }
  if (st.board->pause_requested(kSource)) {  // paused by an admin: no run until resumed
    set_board(self, [](net::job_info& j) {
      j.state = "paused";
      j.last_message = "not started: the Serializd import is paused";
    });
    return;
  }
  const auto now = now_of(st);
  auto id = st.db->start_sync_run(kSource, kJob, now);
  if (!id) {
    std::cerr << "serializd sync: cannot record the start of a run: " << id.err().message
              << std::endl;
  }
  st.run_id = id ? *id : 0;
  st.fetch->reset_cancel();
  sync::serializd_import_options o;
  o.profile_id = profile_id;
  o.now = now;
  o.max_examples = st.opts.max_examples;
  o.learn_links = st.opts.learn_links;
  st.job = std::make_unique<sync::serializd_import_job>(*st.db, *st.source, o);
  set_board(self, [&](net::job_info& j) {
    j.state = "running";
    j.job = kBoardJob;
    j.run_id = st.run_id;
    j.started_ts = now;
    j.total = j.done = j.changed = j.failed = 0;
    j.current = "profile " + std::to_string(profile_id) + ": " + st.job->current();
  });
  std::cout << "serializd sync: run " << st.run_id << ": importing for profile " << profile_id
            << std::endl;
  queue_step(self);
}

/// Waits for `resume`, which continues with the piece that was next.
void park(self_ptr self) {
  set_board(self, [](net::job_info& j) {
    j.state = "paused";
    j.current.clear();
  });
}

void step(self_ptr self) {
  auto& st = self->state;
  st.step_queued = false;
  if (!st.job) return;
  if (st.board->pause_requested(kSource)) return park(self);
  auto r = st.job->step();
  if (!r) {
    // Cut short by a pause (or by one already lifted, whose resume is still in the mailbox):
    // a failed step changed nothing, so resume does the same piece again.
    if (st.board->pause_requested(kSource) || st.fetch->cancelled()) return park(self);
    return finish_failed(self, r.err());
  }
  if (*r) return finish_ok(self);
  set_board(self, [&](net::job_info& j) {
    j.done = st.job->pages_done();
    j.total = st.job->pages_known();
    j.current =
        "profile " + std::to_string(st.job->outcome().profile_id) + ": " + st.job->current();
  });
  queue_step(self);
}

serializd_sync_actor::behavior_type serializd_impl(self_ptr self, serializd_sync_options opts,
                                                   std::shared_ptr<storage::store> db,
                                                   std::shared_ptr<sync_board> board,
                                                   serializd_rating_sink sink) {
  auto& st = self->state;
  st.opts = std::move(opts);
  st.db = std::move(db);
  st.board = std::move(board);
  st.sink = std::move(sink);
  st.fetch = std::make_shared<httpc::fetcher>(kSource, st.opts.http, st.opts.retry);
  st.source = std::make_unique<sync::serializd_source>(st.opts.serializd, *st.fetch);
  cancel_on_pause(*st.board, kSource, st.fetch);
  return {
      [=](run_atom, std::int64_t profile_id) { start_run(self, profile_id); },
      [=](step_atom) { step(self); },
      [=](resume_atom) {
        auto& s = self->state;
        resume_run(*s.board, kSource, *s.fetch, static_cast<bool>(s.job),
                   [self] { queue_step(self); });
      },
  };
}

}  // namespace

serializd_sync_actor spawn_serializd_sync(caf::actor_system& sys, serializd_sync_options opts,
                                          std::unique_ptr<storage::store> db,
                                          std::shared_ptr<sync_board> board,
                                          serializd_rating_sink sink) {
  board->add(kSource, kBoardJob, opts.enabled);
  return sys.spawn<caf::detached>(serializd_impl, std::move(opts),
                                  std::shared_ptr<storage::store>(std::move(db)), std::move(board),
                                  std::move(sink));
}

}  // namespace recs::actors
