// sync *, admin *, preflight.
#include <functional>

#include "cli/command_context.hpp"
#include "cli/json_util.hpp"
#include "cli/preflight.hpp"
#include "cli/views.hpp"

namespace recs::cli::internal {

namespace {

/// GET `path` and print it with `view` (or as it came with --json).
int show(context& c, const std::string& path,
         const std::function<std::string(const rapidjson::Value&)>& view) {
  api_answer a;
  rapidjson::Document doc;
  if (int rc = call(c, "GET", path, {}, a, doc); rc != exit_ok) return rc;
  c.term.out << (c.json() ? a.body + "\n" : view(doc));
  return exit_ok;
}

/// POST an admin command and print its answer.
int command(context& c, const std::string& path, std::string body) {
  api_answer a;
  rapidjson::Document doc;
  if (int rc = call(c, "POST", path, std::move(body), a, doc); rc != exit_ok) return rc;
  c.term.out << (c.json() ? a.body + "\n" : render_command_answer(doc, a.status));
  return exit_ok;
}

int sync_run(context& c) {
  const std::string job = c.inv.positionals.at(0);
  if (job == "serializd_import") {
    return complain(c, "a Serializd import needs a profile: recsctl import serializd --for NAME",
                    exit_usage);
  }
  api_answer a;
  rapidjson::Document doc;
  const bool dry = c.inv.has("--dry-run");
  const std::string path = "/admin/jobs/" + url_encode(job) + (dry ? "?dry_run=true" : "");
  if (int rc = call(c, "POST", path, {}, a, doc); rc != exit_ok) return rc;
  if (dry) {
    c.term.out << (c.json() ? a.body + "\n" : render_plan(doc));
    return exit_ok;
  }
  if (!c.inv.has("--wait")) {
    c.term.out << (c.json() ? a.body + "\n" : render_job_line(doc));
    return exit_ok;
  }
  if (!c.json()) c.term.err << "started: " << render_job_line(doc);
  return follow_job(c, doc);
}

}  // namespace

int cmd_sync(context& c) {
  const std::string& cmd = c.inv.command;
  if (cmd == "sync jobs") return show(c, "/admin/jobs", render_jobs);
  if (cmd == "sync freshness") {
    const std::int64_t now = c.term.now_ms() / 1000;
    return show(c, "/admin/freshness",
                [now](const rapidjson::Value& v) { return render_freshness(v, now); });
  }
  if (cmd == "sync run") return sync_run(c);
  // sync pause|resume SOURCE
  const std::string verb = cmd.substr(5);
  api_answer a;
  rapidjson::Document doc;
  const std::string path = "/admin/sync/" + url_encode(c.inv.positionals.at(0)) + "/" + verb;
  if (int rc = call(c, "POST", path, {}, a, doc); rc != exit_ok) return rc;
  c.term.out << (c.json() ? a.body + "\n" : render_job_line(doc));
  return exit_ok;
}

int cmd_admin(context& c) {
  const std::string& cmd = c.inv.command;
  if (cmd == "admin status") return show(c, "/admin/status", render_status);
  if (cmd == "admin actors") return show(c, "/admin/actors", render_actors);
  if (cmd == "admin commands") return show(c, "/admin/commands", render_commands);
  if (cmd == "admin alerts") {
    const bool firing = c.inv.has("--firing");
    return show(c, "/admin/alerts",
                [firing](const rapidjson::Value& v) { return render_alerts(v, firing); });
  }
  if (cmd == "admin resize-pool") {
    return command(c, "/admin/scoring/resize",
                   "{\"scorers\":" + std::to_string(*parse_number(c.inv.positionals.at(0))) + "}");
  }
  if (cmd == "admin flush-cache") return command(c, "/admin/cache/flush", {});
  if (cmd == "admin retrain") return command(c, "/admin/model/retrain", {});
  return complain(c, "no handler for '" + cmd + "'", exit_usage);
}

int cmd_preflight(context& c) {
  preflight_options o;
  o.family = c.inv.has("--family");
  o.for_ref = c.inv.get("--for");
  o.seed = o.family ? 123 : 99;
  if (c.inv.has("--seed")) o.seed = static_cast<std::uint64_t>(*parse_number(c.inv.get("--seed")));
  if (!c.json()) {
    c.term.out << "preflight" << (o.family ? " --family" : "") << " against " << c.api.base_url()
               << "\n";
    c.term.out.flush();
  }
  auto checks = run_preflight(c.api, o, [&c](const check_result& r) {
    if (c.json()) return;
    c.term.out << render_check(r) << "\n";
    c.term.out.flush();
  });
  int passed = 0, failed = 0, skipped = 0;
  for (const auto& r : checks) {
    passed += r.outcome == check_outcome::pass;
    failed += r.outcome == check_outcome::fail;
    skipped += r.outcome == check_outcome::skip;
  }
  if (c.json()) {
    c.term.out << render_checks_json(checks) << "\n";
  } else {
    c.term.out << "preflight: " << passed << " passed, " << failed << " failed";
    if (skipped > 0) c.term.out << ", " << skipped << " skipped";
    c.term.out << "\n";
  }
  return failed == 0 ? exit_ok : exit_refused;
}

}  // namespace recs::cli::internal
