// recsctl's dispatcher, the shared call helper and following a job.
#include "cli/run.hpp"

#include "cli/command_context.hpp"
#include "cli/commands.hpp"
#include "cli/json_util.hpp"
#include "cli/progress.hpp"

namespace recs::cli {

namespace internal {

int complain(context& c, const std::string& message, int code) {
  c.term.err << "recsctl: " << message << "\n";
  c.term.err.flush();
  return code;
}

int call(context& c, std::string_view method, const std::string& path, std::string body,
         api_answer& answer, rapidjson::Document& doc) {
  auto a = c.api.call(method, path, std::move(body));
  if (!a) return complain(c, a.err().message, exit_refused);
  answer = std::move(*a);
  if (!answer.ok()) {
    if (c.json() && !answer.body.empty()) c.term.out << answer.body << "\n";
    return complain(c, std::string(method) + " " + path + ": " + describe_error(answer),
                    exit_refused);
  }
  doc.SetNull();
  if (answer.body.empty()) return exit_ok;
  auto parsed = parse_json(answer.body);
  if (!parsed) return complain(c, parsed.err().message, exit_refused);
  doc = std::move(*parsed);
  return exit_ok;
}

int follow_job(context& c, const rapidjson::Value& started_job) {
  const job_progress started = parse_job(started_job);
  progress_reporter reporter(c.term.err_is_tty, c.term.width);
  job_progress now = started;
  c.term.err << reporter.update(now, c.term.now_ms());
  c.term.err.flush();
  rapidjson::Document last;
  for (;;) {
    c.term.sleep(c.term.poll_interval);
    api_answer answer;
    rapidjson::Document doc;
    if (int rc = call(c, "GET", "/admin/jobs", {}, answer, doc); rc != exit_ok) {
      c.term.err << reporter.finish();
      return complain(c, "stopped following " + started.job + "; the job goes on", rc);
    }
    const rapidjson::Value* found = nullptr;
    if (const auto* jobs = member(doc, "jobs"); jobs != nullptr && jobs->IsArray())
      for (const auto& j : jobs->GetArray())
        if (str_of(j, "source") == started.source) found = &j;
    if (found == nullptr) {
      c.term.err << reporter.finish();
      return complain(c, "GET /admin/jobs no longer lists source " + started.source, exit_refused);
    }
    now = parse_job(*found);
    if (now.job.empty()) now.job = started.job;
    c.term.err << reporter.update(now, c.term.now_ms());
    c.term.err.flush();
    if (run_finished(now, started.started_ts)) {
      last.CopyFrom(*found, last.GetAllocator());
      break;
    }
  }
  c.term.err << reporter.finish();
  if (c.json()) {
    c.term.out << to_json(last) << "\n";
  } else {
    c.term.out << render_finished(now);
  }
  return now.last_status == "failed" || now.last_status == "cancelled" ? exit_refused : exit_ok;
}

}  // namespace internal

int run(const std::vector<std::string>& args, const environment& env,
        const transport_factory& make_transport, terminal& term) {
  auto inv = parse_args(args, env);
  if (!inv) {
    term.err << "recsctl: " << inv.err().message << "\n";
    return exit_usage;
  }
  if (inv->help) {
    if (inv->command.empty()) {
      term.out << global_help();
    } else if (const auto* spec = find_command(inv->command)) {
      term.out << command_help(*spec);
    } else {
      term.out << group_help(inv->command);
    }
    return exit_ok;
  }
  internal::context c{
      *inv, api_client(inv->globals.url, inv->globals.token, make_transport(inv->globals)), term};
  const std::string& cmd = inv->command;
  int rc = exit_usage;
  if (cmd == "recommend") {
    rc = internal::cmd_recommend(c);
  } else if (cmd == "rate") {
    rc = internal::cmd_rate(c);
  } else if (cmd == "import serializd" && inv->positionals.empty()) {
    rc = internal::cmd_import_serializd(c);
  } else if (cmd.rfind("import ", 0) == 0) {
    rc = internal::cmd_import_file(c, cmd.substr(7));
  } else if (cmd.rfind("sync ", 0) == 0) {
    rc = internal::cmd_sync(c);
  } else if (cmd.rfind("admin ", 0) == 0) {
    rc = internal::cmd_admin(c);
  } else if (cmd == "preflight") {
    rc = internal::cmd_preflight(c);
  } else if (cmd == "setup") {
    rc = internal::cmd_setup(c);
  } else {
    term.err << "recsctl: no handler for '" << cmd << "'\n";
  }
  term.out.flush();
  return rc;
}

}  // namespace recs::cli
