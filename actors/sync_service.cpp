#include "actors/sync_service.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include <iostream>

#include "core/iso_time.hpp"
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

/// New catalogs from the sync jobs go through the catalog actor, with notes ("now on Stan");
/// next-season news to `news` (the service's watchlist alerts).
catalog_link link_to(catalog_actor catalog, std::shared_ptr<catalog_view> view,
                     std::function<void(std::vector<season_news>)> news) {
  catalog_link link;
  link.news = std::move(news);
  link.current = [view = std::move(view)] { return view->get(); };
  link.publish = [catalog = std::move(catalog)](snapshot_ptr snap,
                                                std::vector<availability_change> changes,
                                                std::vector<provider> providers) {
    const auto today = utc_date(unix_now());
    availability_notes notes;
    for (const auto& c : changes)
      notes.items.emplace_back(c.show_id, describe(c, providers, today));
    notes.changes = std::move(changes);
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
result<net::job_info> start_run(const std::map<std::string, sync_job_actor>& jobs,
                                sync_board& board, const source_texts& t, const std::string& job,
                                std::int64_t profile_id) {
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

status sync_service::add_job(const sync_job_options& opts, std::unique_ptr<sync_strategy> strategy,
                             std::unique_ptr<storage::store> db, const char* already) {
  const auto source = strategy->names().source;
  if (jobs_.count(source) != 0) return error{errc::internal, already};
  jobs_.emplace(source,
                spawn_sync_job(core_.sys, opts, std::move(strategy), std::move(db), core_.board));
  return ok_status();
}

status sync_service::start_offers(offers_sync_options opts, std::unique_ptr<storage::store> db,
                                  std::unique_ptr<storage::store> reader) {
  if (jobs_.count(kJustwatchSource) != 0)
    return error{errc::internal, "the sync jobs are started already"};
  reader_ = spawn_sync_reader(core_.sys, opts, std::move(reader), core_.board);
  return add_job(opts,
                 make_offers_strategy(opts, link_to(core_.catalog, core_.view, core_.season_news)),
                 std::move(db), "the sync jobs are started already");
}

void sync_service::stop() {
  for (const auto& j : core_.board->all()) core_.board->request_pause(j.source, true);
  if (reader_) caf::anon_send_exit(reader_, caf::exit_reason::user_shutdown);
  for (auto& [source, job] : jobs_) caf::anon_send_exit(job, caf::exit_reason::user_shutdown);
  reader_ = nullptr;
  jobs_.clear();
}

void sync_service::refresh_plan(net::callback<net::refresh_plan_view> cb) {
  if (!reader_) return cb(error{errc::unavailable, kJustwatch.not_running});
  core_.run(ask_reader(reader_, plan_atom::value, std::move(cb)));
}

void sync_service::freshness(net::callback<net::freshness_view> cb) {
  if (!reader_) return cb(error{errc::unavailable, kJustwatch.not_running});
  core_.run(ask_reader(reader_, fresh_atom::value, std::move(cb)));
}

result<net::job_info> sync_service::start_job(const std::string& job) {
  if (job == "daily_refresh") return start_run(jobs_, *core_.board, kJustwatch, job, 0);
  if (job == kTvmazeMetadataJob || job == kTvmazeIndexWalkJob)
    return start_run(jobs_, *core_.board, kTvmaze, job, 0);
  return error{errc::invalid_argument,
               "unknown job \"" + job +
                   "\" (known: daily_refresh, metadata_refresh, index_walk, serializd_import)"};
}

result<net::job_info> sync_service::start_serializd_import(std::int64_t profile_id) {
  return start_run(jobs_, *core_.board, kSerializd, kSerializdImportJob, profile_id);
}

status sync_service::start_serializd(serializd_sync_options opts,
                                     std::unique_ptr<storage::store> db) {
  // Through the profile actors, so that caches drop and open pages update; not `this`: an
  // import can finish after shutdown() asked the actor to exit.
  auto sink = [dir = core_.dir, gateway = core_.gateway, feed = core_.feed,
               timeout = core_.opts.timeout](std::vector<rating> rs) {
    if (rs.empty()) return;
    const std::int64_t pid = rs.front().profile_id;
    auto a = dir->actor_of(pid);
    if (!a) return;  // the profile is gone
    const std::int64_t household = dir->household_of(pid);
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
  return add_job(opts, make_serializd_strategy(opts, std::move(sink)), std::move(db),
                 "the Serializd import is started already");
}

status sync_service::start_tvmaze(tvmaze_sync_options opts, std::unique_ptr<storage::store> db) {
  return add_job(opts,
                 make_tvmaze_strategy(opts, link_to(core_.catalog, core_.view, core_.season_news)),
                 std::move(db), "the TVmaze sync is started already");
}

result<net::job_info> sync_service::control_sync(const std::string& source,
                                                 net::sync_command command) {
  using net::job_state;
  auto info = core_.board->get(source);
  if (!info) return error{errc::not_found, "no sync job for source \"" + source + "\""};
  switch (command) {
    case net::sync_command::pause:
      core_.board->request_pause(source, true);
      core_.board->update(source, [](net::job_info& j) {
        if (j.state == job_state::running) j.state = job_state::stopping;  // until the step ends
        if (j.state == job_state::idle) j.state = job_state::paused;       // no run until resumed
      });
      break;
    case net::sync_command::resume:
      core_.board->request_pause(source, false);
      core_.board->update(source, [](net::job_info& j) {
        if (j.state == job_state::paused && j.total == j.done)
          j.state = j.enabled ? job_state::idle : job_state::off;
      });
      if (auto job = jobs_.find(source); job != jobs_.end())
        caf::anon_send(job->second, resume_atom::value);
      break;
  }
  return *core_.board->get(source);
}

}  // namespace recs::actors
