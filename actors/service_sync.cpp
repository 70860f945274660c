// The service's sync jobs: spawning them, and the admin calls (net::backend) that reach them.
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include <iostream>

#include "actors/service.hpp"
#include "sync/offers_refresh.hpp"

namespace recs::actors {

namespace {

/// Admin reads of the store may queue behind another reader's query; not behind upstream calls.
constexpr std::chrono::seconds kReadTimeout{10};

/// What admins are told about a source's job that is not there, or off.
struct source_texts {
  const char* source;
  const char* not_running;
  const char* off;
};
constexpr source_texts kJustwatch{kJustwatchSource, "the sync jobs are not running",
                                  "the JustWatch sync is off: set USE_REAL_JUSTWATCH=true (the "
                                  "dry run works without it)"};
constexpr source_texts kTvmaze{kTvmazeSource, "the TVmaze sync is not running",
                               "the TVmaze sync is off: set USE_REAL_TVMAZE=true"};
constexpr source_texts kSerializd{
    kSerializdSource, "the Serializd import is not running",
    "the Serializd import is off: set USE_REAL_SERIALIZD=true and SERIALIZD_TOKEN"};

using job_map = std::map<std::string, sync_job_actor>;

/// Spawns the strategy's job, unless its source has one (`already`).
status add_job(job_map& jobs, caf::actor_system& sys, const sync_job_options& opts,
               std::unique_ptr<sync_strategy> strategy, std::unique_ptr<storage::store> db,
               std::shared_ptr<sync_board> board, const char* already) {
  const auto source = strategy->names().source;
  if (jobs.count(source) != 0) return error{errc::internal, already};
  jobs.emplace(source, spawn_sync_job(sys, opts, std::move(strategy), std::move(db), board));
  return ok_status();
}

/// New catalogs from the sync jobs go through the catalog actor, with notes ("now on Stan").
catalog_link link_to(catalog_actor catalog, std::shared_ptr<catalog_view> view) {
  catalog_link link;
  link.current = [view = std::move(view)] { return view->get(); };
  link.publish = [catalog = std::move(catalog)](snapshot_ptr snap,
                                                std::vector<availability_change> changes,
                                                std::vector<provider> providers) {
    const auto today = sync::utc_date(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
    availability_notes notes;
    for (const auto& c : changes)
      notes.items.emplace_back(c.show_id, describe(c, providers, today));
    caf::anon_send(catalog, publish_atom::value, std::move(snap), std::move(notes));
  };
  return link;
}

/// Asks the reader for a `View`, on the gateway.
template <class View, class Atom>
gateway_job ask_reader(sync_reader_actor reader, Atom what, net::callback<View> cb) {
  return [reader, what, cb](caf::event_based_actor* self) {
    self->request(reader, kReadTimeout, what)
        .then([cb](View v) { cb(std::move(v)); }, [cb](caf::error& e) { cb(from_caf(e)); });
  };
}

bool busy(net::job_state s) {
  return s == net::job_state::running || s == net::job_state::paused ||
         s == net::job_state::stopping;
}

/// Marks the job of `t.source` running on the board, unless it is off, absent or busy (the
/// board says running at once, so that a second start is refused until the run ends), and asks
/// its actor for the run.
result<net::job_info> start_run(const job_map& jobs, sync_board& board, const source_texts& t,
                                const std::string& job, std::int64_t profile_id) {
  auto actor = jobs.find(t.source);
  if (actor == jobs.end()) return error{errc::unavailable, t.not_running};
  auto info = board.get(t.source);
  if (!info) return error{errc::unavailable, "the sync jobs are not running"};
  if (!info->enabled) return error{errc::unavailable, t.off};
  if (busy(info->state)) {
    return error{errc::unavailable, info->job + " is " + std::string(to_string(info->state)) +
                                        " already (run " + std::to_string(info->run_id) + ")"};
  }
  board.update(t.source, [&job](net::job_info& j) {
    j.state = net::job_state::running;
    j.job = job;
    j.total = j.done = j.changed = j.failed = 0;
    j.current.clear();
  });
  caf::anon_send(actor->second, run_atom::value, job, profile_id);
  return *board.get(t.source);
}

}  // namespace

status service::start_sync(offers_sync_options opts, std::unique_ptr<storage::store> db,
                           std::unique_ptr<storage::store> reader) {
  if (sync_jobs_.count(kJustwatchSource) != 0)
    return error{errc::internal, "the sync jobs are started already"};
  sync_reader_ = spawn_sync_reader(sys_, opts, std::move(reader), sync_board_);
  return add_job(sync_jobs_, sys_, opts, make_offers_strategy(opts, link_to(catalog_, view_)),
                 std::move(db), sync_board_, "the sync jobs are started already");
}

std::vector<net::job_info> service::sync_jobs() const {
  return sync_board_->all();
}

void service::refresh_plan(net::callback<net::refresh_plan_view> cb) {
  if (!sync_reader_) return cb(error{errc::unavailable, kJustwatch.not_running});
  run(ask_reader(sync_reader_, plan_atom::value, std::move(cb)));
}

void service::freshness(net::callback<net::freshness_view> cb) {
  if (!sync_reader_) return cb(error{errc::unavailable, kJustwatch.not_running});
  run(ask_reader(sync_reader_, fresh_atom::value, std::move(cb)));
}

result<net::job_info> service::start_job(const std::string& job) {
  if (job == "daily_refresh") return start_run(sync_jobs_, *sync_board_, kJustwatch, job, 0);
  if (job == kTvmazeMetadataJob || job == kTvmazeIndexWalkJob)
    return start_run(sync_jobs_, *sync_board_, kTvmaze, job, 0);
  return error{errc::invalid_argument,
               "unknown job \"" + job +
                   "\" (known: daily_refresh, metadata_refresh, index_walk, serializd_import)"};
}

result<net::job_info> service::start_serializd_import(std::int64_t profile_id) {
  return start_run(sync_jobs_, *sync_board_, kSerializd, kSerializdImportJob, profile_id);
}

status service::start_serializd(serializd_sync_options opts, std::unique_ptr<storage::store> db) {
  // Through the profile actors, so that caches drop and open pages update; not `this`: an
  // import can finish after shutdown() asked the actor to exit.
  auto sink = [dir = dir_, gateway = gateway_, feed = feed_,
               timeout = opts_.timeout](std::vector<rating> rs) {
    if (rs.empty()) return;
    const std::int64_t pid = rs.front().profile_id;
    auto a = dir->actor_of(pid);
    if (!a) return;  // the profile is gone
    std::int64_t household = 0;
    for (const auto& [hh, ps] : dir->get()->profiles)
      for (const auto& p : ps)
        if (p.id == pid) household = hh;
    gateway_job job = [=](caf::event_based_actor* self) {
      auto left = std::make_shared<std::size_t>(rs.size());
      for (const auto& r : rs) {
        self->request(*a, timeout, rate_atom::value, r)
            .then(
                [=](const rating&) {
                  // One change event for the whole import, after its last rating.
                  if (--*left == 0)
                    feed->emit({net::change_event::kind::rating, household, {pid}, {}});
                },
                [=, show = r.show_id](caf::error& e) {
                  std::cerr << "serializd import: rating of " << show
                            << " not applied: " << from_caf(e).message << std::endl;
                  if (--*left == 0)
                    feed->emit({net::change_event::kind::rating, household, {pid}, {}});
                });
      }
    };
    caf::anon_send(gateway, run_atom::value, std::move(job));
  };
  return add_job(sync_jobs_, sys_, opts, make_serializd_strategy(opts, std::move(sink)),
                 std::move(db), sync_board_, "the Serializd import is started already");
}

status service::start_tvmaze_sync(tvmaze_sync_options opts, std::unique_ptr<storage::store> db) {
  return add_job(sync_jobs_, sys_, opts, make_tvmaze_strategy(opts, link_to(catalog_, view_)),
                 std::move(db), sync_board_, "the TVmaze sync is started already");
}

result<net::job_info> service::control_sync(const std::string& source, const std::string& command) {
  using net::job_state;
  auto info = sync_board_->get(source);
  if (!info) return error{errc::not_found, "no sync job for source \"" + source + "\""};
  if (command == "pause") {
    sync_board_->request_pause(source, true);
    sync_board_->update(source, [](net::job_info& j) {
      if (j.state == job_state::running) j.state = job_state::stopping;  // until the step is done
      if (j.state == job_state::idle) j.state = job_state::paused;  // no run starts until resumed
    });
  } else if (command == "resume") {
    sync_board_->request_pause(source, false);
    sync_board_->update(source, [](net::job_info& j) {
      if (j.state == job_state::paused && j.total == j.done)
        j.state = j.enabled ? job_state::idle : job_state::off;
    });
    if (auto job = sync_jobs_.find(source); job != sync_jobs_.end())
      caf::anon_send(job->second, resume_atom::value);
  } else {
    return error{errc::invalid_argument,
                 "unknown command \"" + command + "\" (known: pause, resume)"};
  }
  return *sync_board_->get(source);
}

}  // namespace recs::actors
