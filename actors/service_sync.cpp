// The service's sync jobs: spawning them, and the admin calls (net::backend) that reach them.
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "actors/service.hpp"
#include "sync/offers_refresh.hpp"

namespace recs::actors {

namespace {

constexpr const char* kJustwatch = "justwatch";
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

result<net::job_info> service::start_job(const std::string& job) {
  if (job != "daily_refresh") {
    return error{errc::invalid_argument, "unknown job \"" + job + "\" (known: daily_refresh)"};
  }
  auto info = sync_board_->get(kJustwatch);
  if (!offers_sync_ || !info) return error{errc::unavailable, "the sync jobs are not running"};
  if (!info->enabled) {
    return error{errc::unavailable,
                 "the JustWatch sync is off: set USE_REAL_JUSTWATCH=true (the dry run works "
                 "without it)"};
  }
  if (info->state == "running" || info->state == "paused" || info->state == "stopping") {
    return error{errc::unavailable, "daily_refresh is " + info->state + " already (run " +
                                        std::to_string(info->run_id) + ")"};
  }
  // The board says running at once, so that a second start is refused until the run ends.
  sync_board_->update(kJustwatch, [](net::job_info& j) {
    j.state = "running";
    j.total = j.done = j.changed = j.failed = 0;
    j.current.clear();
  });
  caf::anon_send(offers_sync_, run_atom::value, job);
  return *sync_board_->get(kJustwatch);
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
  } else {
    return error{errc::invalid_argument,
                 "unknown command \"" + command + "\" (known: pause, resume)"};
  }
  return *sync_board_->get(source);
}

}  // namespace recs::actors
