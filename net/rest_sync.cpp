// Admin routes of the sync jobs: /admin/jobs, /admin/jobs/{job}, /admin/sync/{source}/{command},
// /admin/freshness (docs/api.md, "Sync jobs").
#include "net/json_writer.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net::internal {

namespace {

/// A unix time as a number, or null when 0 (never).
void time_or_null(json_writer& w, std::string_view key, std::int64_t ts) {
  w.key(key);
  if (ts > 0) {
    w.value(static_cast<long long>(ts));
  } else {
    w.null();
  }
}

void write_job(json_writer& w, const job_info& j) {
  w.begin_object();
  w.member("source", j.source).member("job", j.job).member("state", to_string(j.state));
  w.member("enabled", j.enabled);
  w.key("run_id");
  if (j.run_id > 0) {
    w.value(static_cast<long long>(j.run_id));
  } else {
    w.null();
  }
  time_or_null(w, "started_ts", j.started_ts);
  w.key("progress").begin_object();
  w.member("total", static_cast<long long>(j.total)).member("done", static_cast<long long>(j.done));
  w.member("changed", static_cast<long long>(j.changed))
      .member("failed", static_cast<long long>(j.failed));
  w.member("current", j.current).end_object();
  w.key("last_run").begin_object();
  w.member("status", j.last_status ? to_string(*j.last_status) : std::string_view(""))
      .member("message", j.last_message);
  time_or_null(w, "finished_ts", j.last_finished_ts);
  w.end_object();
  time_or_null(w, "next_run_ts", j.next_run_ts);
  w.end_object();
}

std::string render_job(const job_info& j) {
  json_writer w;
  write_job(w, j);
  return w.str();
}

std::string render_jobs(const std::vector<job_info>& jobs) {
  json_writer w;
  w.begin_object().key("jobs").begin_array();
  for (const auto& j : jobs) write_job(w, j);
  w.end_array().end_object();
  return w.str();
}

}  // namespace

}  // namespace recs::net::internal

namespace recs::net {

std::string render_refresh_plan(const refresh_plan_view& p) {
  using internal::time_or_null;
  json_writer w;
  w.begin_object();
  w.member("job", "daily_refresh").member("dry_run", true);
  w.member("now", static_cast<long long>(p.now)).member("stale_after_days", p.stale_days);
  w.member("limit", static_cast<long long>(p.limit));
  w.member("due_total", static_cast<long long>(p.due_total));
  w.member("planned", static_cast<long long>(p.entries.size()));
  w.member("upstream_enabled", p.upstream_enabled);
  w.key("items").begin_array();
  for (const auto& e : p.entries) {
    w.begin_object();
    w.member("show_id", e.show_id).member("title", e.title).member("year", e.year);
    time_or_null(w, "last_checked_ts", e.last_checked_ts);
    w.member("reason", e.reason);
    w.key("justwatch_id");
    if (e.justwatch_id.empty()) {
      w.null();
    } else {
      w.value(e.justwatch_id);
    }
    w.end_object();
  }
  w.end_array().end_object();
  return w.str();
}

}  // namespace recs::net

namespace recs::net::internal {

namespace {

std::string render_freshness(const freshness_view& f) {
  json_writer w;
  w.begin_object();
  time_or_null(w, "offers_last_checked", f.offers_last_checked);
  time_or_null(w, "serializd_last_seen", f.serializd_last_seen);
  w.member("stale_after_days", f.stale_days);
  w.key("shows").begin_object();
  w.member("total", static_cast<long long>(f.shows));
  w.member("verified", static_cast<long long>(f.shows_verified));
  w.member("stale", static_cast<long long>(f.shows_stale));
  w.member("never_checked", static_cast<long long>(f.shows_never_checked));
  w.end_object();
  time_or_null(w, "next_daily_refresh", f.next_daily_refresh);
  w.end_object();
  return w.str();
}

/// 202 with the job; off or already running is a conflict with the job's state (409), not an
/// outage.
void respond_started(const result<job_info>& started, const responder& respond) {
  if (!started) {
    if (started.err().code == errc::unavailable)
      return respond(json_error(409, "conflict", started.err().message));
    return respond(error_response(started.err()));
  }
  respond(ok_json(render_job(*started), 202));
}

void start_job(sync_port& sync, audit_port& audit, request&& req, const router::params& ps,
               const caller& who, responder respond) {
  const std::string job = ps.front().second;
  auto dry = bool_param(req, "dry_run");
  if (!dry) return respond(error_response(dry.err()));
  if (job == "serializd_import" && !*dry) {
    auto ref = req.param("profile");
    if (!ref || ref->empty())
      return respond(json_error(400, "bad_request", "profile=<profile name or id> is required"));
    auto p = profile_by_ref(who, *ref);
    if (!p) return respond(error_response(p.err()));
    return respond_started(sync.start_serializd_import(p->id),
                           audited(audit, who, "run_job", "job=serializd_import profile=" + p->name,
                                   std::move(respond)));
  }
  if (*dry) {
    if (job != "daily_refresh")
      return respond(json_error(400, "bad_request",
                                "no dry run for job \"" + job + "\" (known: daily_refresh)"));
    return sync.refresh_plan(
        reply_with<refresh_plan_view>(std::move(respond), render_refresh_plan));
  }
  respond_started(sync.start_job(job),
                  audited(audit, who, "run_job", "job=" + job, std::move(respond)));
}

void control(sync_port& sync, audit_port& audit, const router::params& ps, const caller& who,
             responder respond) {
  const auto command = parse_sync_command(ps[1].second);
  auto out =
      audited(audit, who, command ? std::string(to_string(*command)) + "_sync" : "sync_command",
              "source=" + ps[0].second, std::move(respond));
  if (!command) {
    return out(json_error(400, "bad_request",
                          "unknown command \"" + ps[1].second + "\" (known: pause, resume)"));
  }
  auto j = sync.control_sync(ps[0].second, *command);
  if (!j) return out(error_response(j.err()));
  out(ok_json(render_job(*j)));
}

}  // namespace

}  // namespace recs::net::internal

namespace recs::net {

route_table sync_routes(sync_port& sync, audit_port& audit) {
  using namespace internal;
  using params = router::params;
  route_table t;
  t.push_back({"GET", "/admin/jobs", access::admin,
               [&sync](request&&, const params&, const caller&, responder respond) {
                 respond(ok_json(render_jobs(sync.sync_jobs())));
               }});
  t.push_back(
      {"POST", "/admin/jobs/{job}", access::admin,
       [&sync, &audit](request&& req, const params& ps, const caller& who, responder respond) {
         start_job(sync, audit, std::move(req), ps, who, std::move(respond));
       }});
  t.push_back({"POST", "/admin/sync/{source}/{command}", access::admin,
               [&sync, &audit](request&&, const params& ps, const caller& who, responder respond) {
                 control(sync, audit, ps, who, std::move(respond));
               }});
  t.push_back({"GET", "/admin/freshness", access::admin,
               [&sync](request&&, const params&, const caller&, responder respond) {
                 sync.freshness(reply_with<freshness_view>(std::move(respond), render_freshness));
               }});
  return t;
}

}  // namespace recs::net
