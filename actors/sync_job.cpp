#include "actors/sync_job.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string_view>
#include <utility>

#include "actors/metered.hpp"
#include "actors/sync_clock.hpp"
#include "sync/schedule.hpp"

namespace recs::actors {

namespace {

/// The job's state and handlers: what a run has in common whatever its source.
class sync_job {
 public:
  sync_job(sync_job_options opts, std::unique_ptr<sync_strategy> strategy,
           std::unique_ptr<storage::store> db, std::shared_ptr<sync_board> board)
      : opts_(std::move(opts)),
        strategy_(std::move(strategy)),
        db_(std::move(db)),
        board_(std::move(board)),
        names_(strategy_->names()),
        fetch_(std::make_shared<httpc::fetcher>(names_.source, opts_.http, opts_.retry,
                                                std::nullopt, opts_.sleep)) {
    strategy_->attach(*db_, *fetch_);
    // A pause cuts the fetcher's waits short; the board may call this after the job is gone.
    board_->set_canceller(names_.source, [weak = std::weak_ptr<httpc::fetcher>(fetch_)] {
      if (auto f = weak.lock()) f->cancel();
    });
    run_.interrupted = [this] {
      return board_->pause_requested(names_.source) || fetch_->cancelled();
    };
  }

  /// The actor's behaviour; `self` is the actor that keeps this job.
  sync_job_actor::behavior_type behavior(sync_job_actor::base* self) {
    self_ = self;
    schedule();
    return {
        [this](run_atom, const std::string& job) {
          start({job, 0});
        },
        [this](run_atom, const std::string& job, std::int64_t profile_id) {
          start({job, profile_id});
        },
        [this](step_atom) { step(); },
        [this](tick_atom) {
          if (!names_.daily_job.empty()) start({names_.daily_job, 0});
          schedule();
        },
        [this](resume_atom) { resume(); },
    };
  }

 private:
  void show(const std::function<void(net::job_info&)>& f) { board_->update(names_.source, f); }

  void queue_step() {
    if (step_queued_) return;  // never two step chains
    step_queued_ = true;
    self_->send(self_, step_atom::value);
  }

  /// The board says `state` (and `message`, when there is one); no run starts.
  void refuse(net::job_state state, const std::string& message) {
    show([&](net::job_info& j) {
      j.state = state;
      if (!message.empty()) j.last_message = message;
    });
  }

  /// A run that failed before it was recorded.
  void fail_to_start(std::int64_t now, const std::string& message) {
    show([&](net::job_info& j) {
      j.state = net::job_state::idle;
      j.last_status = net::run_outcome::failed;
      j.last_message = message;
      j.last_finished_ts = now;
    });
  }

  std::string known_jobs() const {
    std::string out;
    for (const auto& j : names_.jobs) out += (out.empty() ? "" : ", ") + j;
    return out;
  }

  void start(const run_request& req) {
    if (running_) {
      std::cerr << names_.actor << ": a run is under way (run " << run_.id << "): " << req.job
                << " is not started" << std::endl;
      return;
    }
    if (!opts_.enabled) return refuse(net::job_state::off, names_.off_message);
    const auto now = sync_now(opts_.now);
    if (std::find(names_.jobs.begin(), names_.jobs.end(), req.job) == names_.jobs.end()) {
      return fail_to_start(now, "unknown job \"" + req.job + "\" (known: " + known_jobs() + ")");
    }
    if (board_->pause_requested(names_.source)) {  // paused by an admin: no run until resumed
      return refuse(net::job_state::paused, names_.paused_message);
    }
    run_progress progress;
    auto plan = strategy_->plan(req, now, progress);
    if (!plan) return fail_to_start(now, plan.err().message);
    auto id = db_->start_sync_run(names_.source, plan->kind, now);
    if (!id) {
      std::cerr << names_.actor << ": cannot record the start of a run: " << id.err().message
                << std::endl;
    }
    run_.id = id ? *id : 0;
    run_.job = plan->job;
    run_.started = now;
    running_ = true;
    progress_ = progress;
    fetch_->reset_cancel();
    show([&](net::job_info& j) {
      j.state = net::job_state::running;
      j.job = plan->job;
      j.run_id = run_.id;
      j.started_ts = now;
      j.total = progress_.total;
      j.done = j.changed = j.failed = 0;
      j.current = plan->current;
    });
    if (auto begun = strategy_->begin(run_, progress_); !begun) {
      const auto outcome =
          run_.interrupted() ? net::run_outcome::cancelled : net::run_outcome::failed;
      return finish(step_result::end(outcome, begun.err().message));
    }
    show([&](net::job_info& j) {
      j.total = progress_.total;
      j.current = strategy_->next_piece();
    });
    queue_step();
  }

  void step() {
    step_queued_ = false;
    if (!running_) return;
    if (board_->pause_requested(names_.source)) return park();
    show([&](net::job_info& j) { j.current = strategy_->next_piece(); });
    const auto r = strategy_->step(run_, progress_);
    if (r.what == step_result::kind::interrupted) return park();
    if (r.what == step_result::kind::ended) return finish(r);
    show([&](net::job_info& j) {
      j.total = progress_.total;
      j.done = progress_.done;
      j.changed = progress_.changed;
      j.failed = progress_.failed;
    });
    if (strategy_->publish_due()) strategy_->publish(run_);
    queue_step();
  }

  /// Waits for `resume`, which goes on with the piece that was next.
  void park() {
    strategy_->publish(run_);  // what changed so far is in the store already
    show([](net::job_info& j) {
      j.state = net::job_state::paused;
      j.current.clear();
    });
  }

  void resume() {
    fetch_->reset_cancel();  // the fetcher may wait again
    if (!running_) return;
    show([](net::job_info& j) { j.state = net::job_state::running; });
    queue_step();
  }

  void finish(const step_result& end) {
    const auto now = sync_now(opts_.now);
    const auto rec = strategy_->finish(run_, end, now, progress_);
    strategy_->publish(run_);
    const auto outcome = std::string(net::to_string(rec.outcome));
    if (run_.id > 0) {
      if (auto r = db_->finish_sync_run(run_.id, outcome, now, static_cast<int>(rec.checked),
                                        static_cast<int>(rec.changed), static_cast<int>(rec.failed),
                                        rec.message);
          !r) {
        std::cerr << names_.actor << ": cannot record the end of run " << run_.id << ": "
                  << r.err().message << std::endl;
      }
    }
    (rec.outcome == net::run_outcome::failed ? std::cerr : std::cout)
        << names_.actor << ": run " << run_.id << " (" << run_.job << ") " << outcome << ": "
        << rec.checked << " checked, " << rec.changed << " changed, " << rec.failed << " failed"
        << (rec.message.empty() ? "" : "; " + rec.message) << std::endl;
    running_ = false;
    show([&](net::job_info& j) {
      j.state = net::job_state::idle;
      j.current.clear();
      j.done = progress_.done;  // a run that stopped early has not shown its last piece yet
      j.changed = progress_.changed;
      j.failed = progress_.failed;
      j.last_status = rec.outcome;
      j.last_message = rec.message;
      j.last_finished_ts = now;
    });
  }

  void schedule() {
    if (!opts_.enabled || !opts_.schedule || names_.daily_job.empty()) return;
    const auto now = sync_now(opts_.now);
    const auto next = sync::next_daily_run(now, opts_.hour);
    show([&](net::job_info& j) { j.next_run_ts = next; });
    self_->delayed_send(self_, std::chrono::seconds(next - now), tick_atom::value);
  }

  sync_job_options opts_;
  std::unique_ptr<sync_strategy> strategy_;
  std::unique_ptr<storage::store> db_;
  std::shared_ptr<sync_board> board_;
  const sync_names& names_;
  std::shared_ptr<httpc::fetcher> fetch_;
  sync_job_actor::base* self_ = nullptr;
  bool running_ = false;
  bool step_queued_ = false;  ///< a step message is in the mailbox
  run_context run_;           ///< the run under way, or the last one
  run_progress progress_;
};

/// A metered actor is listed under its state type's `name` (actors/metered.hpp): one state type
/// per actor name.
/// (The job is a spawn argument, and CAF keeps those copyable: a shared_ptr.)
template <const char* Name>
struct named_state {
  static inline const char* name = Name;
  std::shared_ptr<sync_job> job;
};

template <class State>
sync_job_actor::behavior_type job_impl(metered_pointer<sync_job_actor, State> self,
                                       std::shared_ptr<sync_job> job) {
  self->state.job = std::move(job);
  return self->state.job->behavior(self);
}

template <const char* Name>
sync_job_actor spawn_named(caf::actor_system& sys, std::shared_ptr<sync_job> job) {
  return sys.spawn<caf::detached>(job_impl<named_state<Name>>, std::move(job));
}

constexpr char kOtherSyncActor[] = "sync_job";
using spawner = sync_job_actor (*)(caf::actor_system&, std::shared_ptr<sync_job>);
constexpr std::pair<std::string_view, spawner> kSpawners[] = {
    {kOffersSyncActor, &spawn_named<kOffersSyncActor>},
    {kTvmazeSyncActor, &spawn_named<kTvmazeSyncActor>},
    {kSerializdSyncActor, &spawn_named<kSerializdSyncActor>},
};

}  // namespace

sync_job_actor spawn_sync_job(caf::actor_system& sys, sync_job_options opts,
                              std::unique_ptr<sync_strategy> strategy,
                              std::unique_ptr<storage::store> db,
                              std::shared_ptr<sync_board> board) {
  const auto& names = strategy->names();
  board->add(names.source, names.jobs.empty() ? std::string() : names.jobs.front(), opts.enabled);
  spawner spawn = &spawn_named<kOtherSyncActor>;
  for (const auto& [name, s] : kSpawners) {
    if (names.actor == name) spawn = s;
  }
  return spawn(sys, std::make_shared<sync_job>(std::move(opts), std::move(strategy), std::move(db),
                                               std::move(board)));
}

}  // namespace recs::actors
