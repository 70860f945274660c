// The service's sync jobs: spawning them, and the admin calls (net::backend) that reach them.
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include <iostream>

#include "actors/service.hpp"
#include "sync/offers_refresh.hpp"

namespace recs::actors {

namespace {

constexpr const char* kJustwatch = "justwatch";
constexpr const char* kSerializd = "serializd";
constexpr const char* kTvmaze = "tvmaze";
/// Admin reads of the store may queue behind another reader's query; not behind upstream calls.
constexpr std::chrono::seconds kReadTimeout{10};

}  // namespace

status service::start_sync(offers_sync_options opts, std::unique_ptr<storage::store> db,
                           std::unique_ptr<storage::store> reader) {
  if (offers_sync_) return error{errc::internal, "the sync jobs are started already"};
  auto catalog = catalog_;
  auto publish = [catalog](snapshot_ptr snap, std::vector<availability_change> changes,
                           std::vector<provider> providers) {
    const auto today = sync::utc_date(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
    availability_notes notes;
    for (const auto& c : changes)
      notes.items.emplace_back(c.show_id, describe(c, providers, today));
    caf::anon_send(catalog, publish_atom::value, std::move(snap), std::move(notes));
  };
  auto current = [view = view_] { return view->get(); };
  sync_reader_ = spawn_sync_reader(sys_, opts, std::move(reader), sync_board_);
  offers_sync_ = spawn_offers_sync(sys_, std::move(opts), std::move(db), sync_board_,
                                   std::move(current), std::move(publish));
  return ok_status();
}

std::vector<net::job_info> service::sync_jobs() const {
  return sync_board_->all();
}

void service::refresh_plan(net::callback<net::refresh_plan_view> cb) {
  if (!sync_reader_) return cb(error{errc::unavailable, "the sync jobs are not running"});
  run([reader = sync_reader_, cb](caf::event_based_actor* self) {
    self->request(reader, kReadTimeout, plan_atom::value)
        .then([cb](net::refresh_plan_view v) { cb(std::move(v)); },
              [cb](caf::error& e) { cb(from_caf(e)); });
  });
}

void service::freshness(net::callback<net::freshness_view> cb) {
  if (!sync_reader_) return cb(error{errc::unavailable, "the sync jobs are not running"});
  run([reader = sync_reader_, cb](caf::event_based_actor* self) {
    self->request(reader, kReadTimeout, fresh_atom::value)
        .then([cb](net::freshness_view v) { cb(std::move(v)); },
              [cb](caf::error& e) { cb(from_caf(e)); });
  });
}

namespace {

/// Marks the job of `source` running on the board, unless it is off, absent or busy: the board
/// says running at once, so that a second start is refused until the run ends.
result<net::job_info> claim(sync_board& board, const std::string& source, const std::string& job,
                            const std::string& off_message) {
  auto info = board.get(source);
  if (!info) return error{errc::unavailable, "the sync jobs are not running"};
  if (!info->enabled) return error{errc::unavailable, off_message};
  if (info->state == "running" || info->state == "paused" || info->state == "stopping") {
    return error{errc::unavailable, info->job + " is " + info->state + " already (run " +
                                        std::to_string(info->run_id) + ")"};
  }
  board.update(source, [&job](net::job_info& j) {
    j.state = "running";
    j.job = job;
    j.total = j.done = j.changed = j.failed = 0;
    j.current.clear();
  });
  return *board.get(source);
}

}  // namespace

result<net::job_info> service::start_job(const std::string& job) {
  if (job == "daily_refresh") {
    if (!offers_sync_) return error{errc::unavailable, "the sync jobs are not running"};
    auto j = claim(*sync_board_, kJustwatch, job,
                   "the JustWatch sync is off: set USE_REAL_JUSTWATCH=true (the dry run works "
                   "without it)");
    if (j) caf::anon_send(offers_sync_, run_atom::value, job);
    return j;
  }
  if (job == kTvmazeMetadataJob || job == kTvmazeIndexWalkJob) {
    if (!tvmaze_sync_) return error{errc::unavailable, "the TVmaze sync is not running"};
    auto j = claim(*sync_board_, kTvmaze, job, "the TVmaze sync is off: set USE_REAL_TVMAZE=true");
    if (j) caf::anon_send(tvmaze_sync_, run_atom::value, job);
    return j;
  }
  return error{errc::invalid_argument,
               "unknown job \"" + job +
                   "\" (known: daily_refresh, metadata_refresh, index_walk, serializd_import)"};
}

result<net::job_info> service::start_serializd_import(std::int64_t profile_id) {
  if (!serializd_sync_) return error{errc::unavailable, "the Serializd import is not running"};
  auto j = claim(*sync_board_, kSerializd, "serializd_import",
                 "the Serializd import is off: set USE_REAL_SERIALIZD=true and SERIALIZD_TOKEN");
  if (j) caf::anon_send(serializd_sync_, run_atom::value, profile_id);
  return j;
}

status service::start_serializd(serializd_sync_options opts, std::unique_ptr<storage::store> db) {
  if (serializd_sync_) return error{errc::internal, "the Serializd import is started already"};
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
  serializd_sync_ =
      spawn_serializd_sync(sys_, std::move(opts), std::move(db), sync_board_, std::move(sink));
  return ok_status();
}

status service::start_tvmaze_sync(tvmaze_sync_options opts, std::unique_ptr<storage::store> db) {
  if (tvmaze_sync_) return error{errc::internal, "the TVmaze sync is started already"};
  auto publish = [catalog = catalog_](snapshot_ptr snap) {
    caf::anon_send(catalog, publish_atom::value, std::move(snap));
  };
  auto current = [view = view_] { return view->get(); };
  tvmaze_sync_ = spawn_tvmaze_sync(sys_, std::move(opts), std::move(db), sync_board_,
                                   std::move(current), std::move(publish));
  return ok_status();
}

result<net::job_info> service::control_sync(const std::string& source, const std::string& command) {
  auto info = sync_board_->get(source);
  if (!info) return error{errc::not_found, "no sync job for source \"" + source + "\""};
  if (command == "pause") {
    sync_board_->request_pause(source, true);
    sync_board_->update(source, [](net::job_info& j) {
      if (j.state == "running") j.state = "stopping";  // until the current title is done
      if (j.state == "idle") j.state = "paused";       // no run starts until resumed
    });
  } else if (command == "resume") {
    sync_board_->request_pause(source, false);
    sync_board_->update(source, [](net::job_info& j) {
      if (j.state == "paused" && j.total == j.done) j.state = j.enabled ? "idle" : "off";
    });
    if (source == kJustwatch && offers_sync_) caf::anon_send(offers_sync_, resume_atom::value);
    if (source == kSerializd && serializd_sync_)
      caf::anon_send(serializd_sync_, resume_atom::value);
    if (source == kTvmaze && tvmaze_sync_) caf::anon_send(tvmaze_sync_, resume_atom::value);
  } else {
    return error{errc::invalid_argument,
                 "unknown command \"" + command + "\" (known: pause, resume)"};
  }
  return *sync_board_->get(source);
}

}  // namespace recs::actors
