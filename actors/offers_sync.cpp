#include "actors/offers_sync.hpp"
#include "actors/metered.hpp"
#include "actors/sync_fetch.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <chrono>
#include <deque>
#include <iostream>
#include <utility>

#include "actors/sync_clock.hpp"
#include "recsys/jitter.hpp"
#include "sync/offers_refresh.hpp"
#include "sync/schedule.hpp"

namespace recs::actors {

namespace {

constexpr const char* kSource = "justwatch";
constexpr const char* kJob = "daily_refresh";

struct offers_state {
  offers_sync_options opts;
  std::shared_ptr<storage::store> db;
  std::shared_ptr<sync_board> board;
  std::function<snapshot_ptr()> current;
  offers_publisher publish;
  std::shared_ptr<httpc::fetcher> fetch;
  std::unique_ptr<sync::justwatch_source> jw;
  std::unique_ptr<sync::offers_refresher> run;
  std::deque<storage::refresh_item> queue;
  bool running = false;
  std::int64_t run_id = 0;
  std::int64_t done = 0, changed = 0, failed = 0;
  std::vector<availability_change> pending;
  std::size_t pending_titles = 0;
  std::uint64_t publishes = 0;
  static inline const char* name = "offers_sync";
};

using self_ptr = metered_pointer<offers_sync_actor, offers_state>;

std::int64_t now_of(const offers_state& st) {
  return sync_now(st.opts.now);
}

void set_board(self_ptr self, const std::function<void(net::job_info&)>& f) {
  self->state.board->update(kSource, f);
}

/// The catalog as the store has it now, to the service with the changes since the last publish.
/// The version stays when the shows are the same ones in the same order (an offers change):
/// the models built for it stay valid (index-compatible) and the caches are flushed anyway.
void publish_now(self_ptr self) {
  auto& st = self->state;
  if (st.pending.empty() && st.pending_titles == 0) return;
  auto shows = st.db->shows();
  auto providers = st.db->providers();
  if (!shows || !providers) {
    std::cerr << "offers sync: cannot read the catalog to publish it: "
              << (!shows ? shows.err().message : providers.err().message) << std::endl;
    return;
  }
  auto cur = st.current ? st.current() : nullptr;
  bool same = cur && cur->size() == shows->size();
  for (std::size_t i = 0; same && i < shows->size(); ++i) same = cur->at(i).id == (*shows)[i].id;
  const std::uint64_t version =
      same ? cur->version()
           : stable_hash("sync:" + std::to_string(cur ? cur->version() : 0) + ":" +
                         std::to_string(st.run_id) + ":" + std::to_string(++st.publishes));
  auto provider_list = *providers;
  auto snap = catalog_snapshot::build(std::move(*shows), std::move(*providers), version);
  if (st.publish) st.publish(std::move(snap), std::move(st.pending), std::move(provider_list));
  st.pending.clear();
  st.pending_titles = 0;
}

void finish(self_ptr self, const std::string& status, const std::string& message) {
  auto& st = self->state;
  publish_now(self);
  const auto now = now_of(st);
  if (st.run_id > 0) {
    if (auto r = st.db->finish_sync_run(st.run_id, status, now, static_cast<int>(st.done),
                                        static_cast<int>(st.changed), static_cast<int>(st.failed),
                                        message);
        !r) {
      std::cerr << "offers sync: cannot record the end of run " << st.run_id << ": "
                << r.err().message << std::endl;
    }
  }
  std::cout << "offers sync: run " << st.run_id << " " << status << ": " << st.done << " checked, "
            << st.changed << " changed, " << st.failed << " failed"
            << (message.empty() ? "" : "; " + message) << std::endl;
  st.running = false;
  st.queue.clear();
  st.run.reset();
  set_board(self, [&](net::job_info& j) {
    j.state = "idle";
    j.current.clear();
    j.done = st.done;  // a run that stopped early has not reported its last title yet
    j.changed = st.changed;
    j.failed = st.failed;
    j.last_status = status;
    j.last_message = message;
    j.last_finished_ts = now;
  });
}

void start_run(self_ptr self, const std::string& kind) {
  auto& st = self->state;
  if (st.running || !st.opts.enabled) return;
  if (st.board->pause_requested(kSource)) {  // paused by an admin: no run until resumed
    set_board(self, [](net::job_info& j) { j.state = "paused"; });
    return;
  }
  const auto now = now_of(st);
  auto plan = sync::plan_offers_refresh(*st.db, now, st.opts.stale_days, st.opts.limit);
  if (!plan) {
    set_board(self, [&](net::job_info& j) {
      j.state = "idle";
      j.last_status = "failed";
      j.last_message = "planning: " + plan.err().message;
      j.last_finished_ts = now;
    });
    return;
  }
  auto id = st.db->start_sync_run(kSource, kind, now);
  st.run_id = id ? *id : 0;
  st.running = true;
  st.done = st.changed = st.failed = 0;
  st.queue.clear();
  for (auto& e : plan->entries) st.queue.push_back(std::move(e.item));
  st.fetch->reset_cancel();
  set_board(self, [&](net::job_info& j) {
    j.state = "running";
    j.job = kind;
    j.run_id = st.run_id;
    j.started_ts = now;
    j.total = static_cast<std::int64_t>(st.queue.size());
    j.done = j.changed = j.failed = 0;
    j.current.clear();
  });
  std::cout << "offers sync: run " << st.run_id << " (" << kind << "): " << st.queue.size()
            << " of " << plan->due_total << " due titles" << std::endl;
  st.run = std::make_unique<sync::offers_refresher>(*st.db, *st.jw, now);
  if (auto b = st.run->begin(); !b) return finish(self, "failed", "providers: " + b.err().message);
  if (!st.run->unknown_packages().empty()) {
    std::string names;
    for (const auto& p : st.run->unknown_packages()) {
      names += (names.empty() ? "" : ", ") + p.clear_name;
    }
    std::cout << "offers sync: JustWatch packages we have no provider for (left out): " << names
              << std::endl;
  }
  self->send(self, step_atom::value);
}

void step(self_ptr self) {
  auto& st = self->state;
  if (!st.running) return;
  if (st.board->pause_requested(kSource)) {
    set_board(self, [](net::job_info& j) {
      j.state = "paused";
      j.current.clear();
    });
    return;
  }
  if (st.queue.empty()) return finish(self, st.failed == 0 ? "ok" : "partial", "");
  auto item = std::move(st.queue.front());
  st.queue.pop_front();
  set_board(self, [&](net::job_info& j) { j.current = item.title; });
  auto r = st.run->refresh(item);
  using outcome = sync::title_result::outcome;
  if (r.what == outcome::failed) {
    if (st.board->pause_requested(kSource)) {  // cut short by a pause: this title again later
      st.queue.push_front(std::move(item));
      self->send(self, step_atom::value);
      return;
    }
    ++st.failed;
    std::cerr << "offers sync: " << item.show_id << " (" << item.title << "): " << r.message
              << std::endl;
    if (sync::run_should_stop(r.err)) {
      ++st.done;
      return finish(self, "partial", "stopped at \"" + item.title + "\": " + r.message);
    }
  } else if (r.what == outcome::updated) {
    ++st.changed;
    ++st.pending_titles;
    for (auto& c : r.changes) st.pending.push_back(std::move(c));
  }
  ++st.done;
  set_board(self, [&](net::job_info& j) {
    j.done = st.done;
    j.changed = st.changed;
    j.failed = st.failed;
  });
  if (st.pending_titles >= st.opts.publish_every) publish_now(self);
  self->send(self, step_atom::value);
}

void schedule(self_ptr self) {
  auto& st = self->state;
  if (!st.opts.enabled || !st.opts.schedule) return;
  const auto now = now_of(st);
  const auto next = sync::next_daily_run(now, st.opts.hour);
  set_board(self, [&](net::job_info& j) { j.next_run_ts = next; });
  self->delayed_send(self, std::chrono::seconds(next - now), tick_atom::value);
}

offers_sync_actor::behavior_type offers_impl(self_ptr self, offers_sync_options opts,
                                             std::shared_ptr<storage::store> db_holder,
                                             std::shared_ptr<sync_board> board,
                                             std::function<snapshot_ptr()> current,
                                             offers_publisher publish) {
  auto& st = self->state;
  st.opts = std::move(opts);
  st.db = std::move(db_holder);
  st.board = std::move(board);
  st.current = std::move(current);
  st.publish = std::move(publish);
  st.fetch = std::make_shared<httpc::fetcher>(kSource, st.opts.http, st.opts.retry);
  st.jw = std::make_unique<sync::justwatch_source>(st.opts.justwatch, *st.fetch);
  cancel_on_pause(*st.board, kSource, st.fetch);
  schedule(self);
  return {
      [=](run_atom, const std::string& kind) { start_run(self, kind); },
      [=](step_atom) { step(self); },
      [=](tick_atom) {
        start_run(self, kJob);
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

offers_sync_actor spawn_offers_sync(caf::actor_system& sys, offers_sync_options opts,
                                    std::unique_ptr<storage::store> db,
                                    std::shared_ptr<sync_board> board,
                                    std::function<snapshot_ptr()> current,
                                    offers_publisher publish) {
  board->add(kSource, kJob, opts.enabled);
  return sys.spawn<caf::detached>(offers_impl, std::move(opts),
                                  std::shared_ptr<storage::store>(std::move(db)), std::move(board),
                                  std::move(current), std::move(publish));
}

}  // namespace recs::actors
