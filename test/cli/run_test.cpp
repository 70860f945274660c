#define BOOST_TEST_MODULE cli_run
#include "cli/run.hpp"

#include <boost/test/unit_test.hpp>

#include <sstream>

#include "cli/json_util.hpp"
#include "fake_service.hpp"

using namespace recs::cli;
using recs::cli::test::demo_service;
using recs::cli::test::fake_service;

namespace {

/// recsctl against the fake service, with captured output and a fake clock.
struct cli_fixture {
  fake_service fake;
  demo_service demo;
  std::ostringstream out, err;
  bool tty = false;
  std::int64_t clock_ms = 1764000000000;
  int sleeps = 0;
  environment env{std::string("http://svc.test:8080"), std::string("devtoken:demo@local.test")};

  cli_fixture() { demo.attach(fake); }

  std::vector<std::string> input;  ///< lines of standard input

  int run(std::vector<std::string> args) {
    out.str("");
    err.str("");
    fake.requests.clear();
    terminal term{out,
                  err,
                  tty,
                  60,
                  [this](std::chrono::milliseconds d) {
                    ++sleeps;
                    clock_ms += d.count();
                  },
                  [this] { return clock_ms; },
                  std::chrono::milliseconds(500),
                  [this]() -> std::optional<std::string> {
                    if (input.empty()) return std::nullopt;
                    std::string line = input.front();
                    input.erase(input.begin());
                    return line;
                  }};
    return recs::cli::run(
        args, env, [this](const global_options&) { return fake.make(); }, term);
  }

  /// Answers one route, leaving the rest to the demo service.
  void route(const std::string& method, const std::string& target, int status, std::string body) {
    auto previous = fake.handler;
    fake.handler = [=](const std::string& m, const std::string& t, const std::string& b) {
      if (m == method && t == target) return std::make_pair(status, body);
      return previous(m, t, b);
    };
  }

  std::string last_call() const { return fake.calls().back(); }
  std::string last_body() const { return fake.requests.back().body; }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string job(const std::string& state, int done, int total, const std::string& last_status = "",
                const std::string& message = "", long long finished = 0) {
  return R"({"source":"serializd","job":"serializd_import","state":")" + state +
         R"(","enabled":true,"run_id":4,"started_ts":1764000000,"progress":{"total":)" +
         std::to_string(total) + ",\"done\":" + std::to_string(done) +
         R"(,"changed":1,"failed":0,"current":"Bluey"},"last_run":{"status":")" + last_status +
         R"(","message":")" + message + R"(","finished_ts":)" +
         (finished > 0 ? std::to_string(finished) : "null") + R"(},"next_run_ts":null})";
}

/// /admin/jobs answers these job JSONs one after the other (the last one repeats).
void jobs_sequence(cli_fixture& f, std::vector<std::string> seq) {
  auto previous = f.fake.handler;
  auto i = std::make_shared<std::size_t>(0);
  f.fake.handler = [=](const std::string& m, const std::string& t, const std::string& b) {
    if (m == "GET" && t == "/admin/jobs") {
      const std::string& j = seq[std::min(*i, seq.size() - 1)];
      ++*i;
      return std::make_pair(200, R"({"jobs":[{"source":"justwatch","state":"off"},)" + j + "]}");
    }
    return previous(m, t, b);
  };
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(help_is_exit_0_on_stdout, cli_fixture) {
  BOOST_TEST(run({"--help"}) == 0);
  BOOST_TEST(has(out.str(), "Commands:"));
  BOOST_TEST(has(out.str(), "preflight"));
  BOOST_TEST(run({"recommend", "--help"}) == 0);
  BOOST_TEST(has(out.str(), "usage: recsctl recommend [options]"));
  BOOST_TEST(has(out.str(), "$ recsctl recommend --for ross --seed 99"));
  BOOST_TEST(run({"help", "admin"}) == 0);
  BOOST_TEST(has(out.str(), "admin flush-cache"));
  BOOST_TEST(fake.requests.empty());
}

BOOST_FIXTURE_TEST_CASE(usage_errors_are_exit_2_and_call_nothing, cli_fixture) {
  BOOST_TEST(run({}) == 2);
  BOOST_TEST(run({"recommend", "--limit", "500", "--for", "ross"}) == 2);
  BOOST_TEST(has(err.str(), "recsctl: --limit wants a whole number from 1 to 100"));
  BOOST_TEST(out.str().empty());
  BOOST_TEST(run({"recommend"}) == 2);  // neither --for nor a Family Mix
  BOOST_TEST(has(err.str(), "recommend needs --for NAME"));
  BOOST_TEST(run({"sync", "run", "serializd_import"}) == 2);
  BOOST_TEST(has(err.str(), "recsctl import serializd --for NAME"));
  BOOST_TEST(fake.requests.empty());
}

BOOST_FIXTURE_TEST_CASE(recommend_prints_a_table_or_the_raw_json, cli_fixture) {
  BOOST_TEST(run({"recommend", "--for", "ross", "--seed", "99", "--limit", "3",
                  "--only-my-services"}) == 0);
  BOOST_TEST(last_call() == "GET /recommendations?for=ross&seed=99&limit=3&only_my_services=true");
  BOOST_TEST(has(out.str(), "1  Show tt1  2020  0.70  -"));
  BOOST_TEST(err.str().empty());

  BOOST_TEST(run({"--json", "recommend", "--for", "ross", "--intent", "quick", "--explain"}) == 0);
  BOOST_TEST(last_call() == "GET /recommendations?for=ross&intent=quick&explain=true");
  auto doc = parse_json(out.str());
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(doc->IsArray());

  BOOST_TEST(run({"recommend", "--intent", "family_mix", "--explain"}) == 0);
  BOOST_TEST(last_call() == "GET /recommendations?intent=family_mix&explain=true");
  BOOST_TEST(has(out.str(), "strong picks locked on top: tt1"));

  BOOST_TEST(run({"recommend", "--for", "Ross, son"}) == 0);  // a Family Mix by its members
  BOOST_TEST(last_call() == "GET /recommendations?for=Ross,%20son");
}

BOOST_FIXTURE_TEST_CASE(rate_resolves_the_profile_and_posts_the_api_body, cli_fixture) {
  route("POST", "/ratings", 201,
        R"({"profile_id":1,"show_id":"tt9","primary":2,"score":8,"source":"app","ts":1})");
  BOOST_TEST(
      run({"rate", "--for", "ROSS", "--show", "tt9", "--verdict", "loved", "--score", "8"}) == 0);
  auto calls = fake.calls();
  BOOST_REQUIRE(calls.size() == 2u);
  BOOST_TEST(calls[0] == "GET /me/profiles");
  BOOST_TEST(calls[1] == "POST /ratings");
  BOOST_TEST(last_body() == R"({"profile_id":1,"show_id":"tt9","primary":2,"score":8})");
  BOOST_TEST(out.str() == "Rated tt9 loved for Ross (score 8).\n");
  bool json_type = false;
  for (const auto& [k, v] : fake.requests.back().headers)
    json_type = json_type || (k == "Content-Type" && v == "application/json");
  BOOST_TEST(json_type);

  BOOST_TEST(run({"rate", "--for", "bob", "--show", "tt9", "--verdict", "bad"}) == 1);
  BOOST_TEST(has(err.str(), "no profile 'bob' in this household (Ross, Wife, Son)"));
}

BOOST_FIXTURE_TEST_CASE(a_refusal_is_exit_1_with_the_services_message, cli_fixture) {
  route("GET", "/admin/status", 403,
        R"({"error":"forbidden","message":"admin only: not in ADMIN_EMAILS"})");
  BOOST_TEST(run({"admin", "status"}) == 1);
  BOOST_TEST(err.str() ==
             "recsctl: GET /admin/status: admin only: not in ADMIN_EMAILS (HTTP 403 forbidden)\n");
  BOOST_TEST(out.str().empty());
  BOOST_TEST(run({"--json", "admin", "status"}) == 1);
  BOOST_TEST(has(out.str(), R"("error":"forbidden")"));  // scripts get the JSON too

  fake.down = true;
  BOOST_TEST(run({"sync", "jobs"}) == 1);
  BOOST_TEST(has(err.str(), "recsctl: cannot reach the service at http://svc.test:8080"));
}

BOOST_FIXTURE_TEST_CASE(import_follows_the_job_with_plain_lines_off_a_terminal, cli_fixture) {
  route("POST", "/admin/jobs/serializd_import?profile=ross", 202, job("running", 0, 0));
  jobs_sequence(*this, {job("running", 0, 0), job("running", 5, 10), job("running", 10, 10),
                        job("idle", 10, 10, "ok", "imported 10, unmatched 0", 1764000100)});
  BOOST_TEST(run({"import", "serializd", "--for", "ross"}) == 0);
  BOOST_TEST(has(err.str(), "started: serializd serializd_import: running, run 4\n"));
  BOOST_TEST(has(err.str(), "serializd_import: running, 1 changed, 0 failed, at \"Bluey\"\n"));
  BOOST_TEST(has(err.str(), "serializd_import: idle 10/10 (100%)"));
  BOOST_TEST(!has(err.str(), "\r"));
  BOOST_TEST(out.str() ==
             "serializd_import finished: ok, 10/10 done, 1 changed, 0 failed\n"
             "imported 10, unmatched 0\n");
  BOOST_TEST(sleeps == 4);
}

BOOST_FIXTURE_TEST_CASE(on_a_terminal_the_bar_is_drawn_on_stderr, cli_fixture) {
  tty = true;
  route("POST", "/admin/jobs/daily_refresh", 202, job("running", 0, 4));
  jobs_sequence(*this, {job("running", 2, 4), job("stopping", 3, 4),
                        job("idle", 4, 4, "partial", "2 not found", 1764000100)});
  BOOST_TEST(run({"sync", "run", "daily_refresh", "--wait"}) == 0);
  const std::string e = err.str();
  BOOST_TEST(has(e, "\rserializd_import [##"));
  BOOST_TEST(has(e, "2/4  50%"));
  BOOST_TEST(has(e, "\x1b[K"));
  BOOST_TEST(e.back() == '\n');
  BOOST_TEST(has(out.str(), "finished: partial, 4/4 done"));
}

BOOST_FIXTURE_TEST_CASE(a_failed_run_is_exit_1_and_json_gives_the_final_job, cli_fixture) {
  route("POST", "/admin/jobs/serializd_import?profile=ross", 202, job("running", 0, 0));
  jobs_sequence(*this, {job("idle", 0, 0, "failed", "token rejected", 1764000100)});
  BOOST_TEST(run({"--json", "import", "serializd", "--for", "ross"}) == 1);
  auto doc = parse_json(out.str());
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(str_of((*doc)["last_run"], "status") == "failed");

  route(
      "POST", "/admin/jobs/serializd_import?profile=son", 409,
      R"j({"error":"conflict","message":"the serializd sync is off (USE_REAL_SERIALIZD=false)"})j");
  BOOST_TEST(run({"import", "serializd", "--for", "son"}) == 1);
  BOOST_TEST(
      has(err.str(), "the serializd sync is off (USE_REAL_SERIALIZD=false) (HTTP 409 conflict)"));

  route("POST", "/admin/jobs/serializd_import?profile=wife", 202, job("running", 0, 0));
  BOOST_TEST(run({"import", "serializd", "--for", "wife", "--no-wait"}) == 0);
  BOOST_TEST(out.str() == "serializd serializd_import: running, run 4\n");
}

BOOST_FIXTURE_TEST_CASE(sync_commands_use_the_admin_routes, cli_fixture) {
  route("POST", "/admin/jobs/daily_refresh?dry_run=true", 200,
        R"({"job":"daily_refresh","dry_run":true,"planned":0,"due_total":0,"items":[]})");
  BOOST_TEST(run({"sync", "run", "daily_refresh", "--dry-run"}) == 0);
  BOOST_TEST(has(out.str(), "(nothing due)"));
  route("POST", "/admin/sync/justwatch/pause", 200,
        R"({"source":"justwatch","job":"daily_refresh","state":"paused"})");
  BOOST_TEST(run({"sync", "pause", "justwatch"}) == 0);
  BOOST_TEST(out.str() == "justwatch daily_refresh: paused\n");
  route("POST", "/admin/sync/nope/resume", 404, R"({"error":"not_found","message":"no source"})");
  BOOST_TEST(run({"sync", "resume", "nope"}) == 1);
  BOOST_TEST(run({"sync", "freshness"}) == 0);
  BOOST_TEST(has(out.str(), "4 total, 0 verified"));
  jobs_sequence(*this, {job("idle", 0, 0)});
  BOOST_TEST(run({"sync", "jobs"}) == 0);
  BOOST_TEST(has(out.str(), "serializd  serializd_import"));
}

BOOST_FIXTURE_TEST_CASE(admin_commands_post_their_contracts, cli_fixture) {
  route("POST", "/admin/scoring/resize", 200, R"({"command":"resize_pool","scorers":4})");
  route("POST", "/admin/cache/flush", 200, R"({"command":"flush_cache"})");
  route("POST", "/admin/model/retrain", 202, R"({"command":"retrain"})");
  route(
      "GET", "/admin/actors", 200,
      R"({"actors":[{"name":"scoring_pool","state":"running","instances":1,"mailbox":0,"processed":9}]})");
  route("GET", "/admin/commands", 200, R"({"commands":[]})");
  route("GET", "/admin/alerts", 200, R"({"capacity":100,"count":0,"firing":0,"alerts":[]})");

  BOOST_TEST(run({"admin", "resize-pool", "4"}) == 0);
  BOOST_TEST(last_call() == "POST /admin/scoring/resize");
  BOOST_TEST(last_body() == R"({"scorers":4})");
  BOOST_TEST(out.str() == "resize_pool: ok (scorers=4)\n");
  BOOST_TEST(run({"admin", "flush-cache"}) == 0);
  BOOST_TEST(out.str() == "flush_cache: ok\n");
  BOOST_TEST(run({"admin", "retrain"}) == 0);
  BOOST_TEST(out.str() == "retrain: accepted, running in the background\n");
  BOOST_TEST(run({"admin", "actors"}) == 0);
  BOOST_TEST(has(out.str(), "scoring_pool"));
  BOOST_TEST(run({"admin", "commands"}) == 0);
  BOOST_TEST(out.str() == "(no admin commands yet)\n");
  BOOST_TEST(run({"admin", "alerts", "--firing"}) == 0);
  BOOST_TEST(has(out.str(), "0 alerts kept (0 firing, capacity 100)"));
}

BOOST_FIXTURE_TEST_CASE(preflight_prints_each_check_and_exits_1_on_a_failure, cli_fixture) {
  BOOST_TEST(run({"preflight"}) == 0);
  BOOST_TEST(has(out.str(), "preflight against http://svc.test:8080\nPASS  healthz: ok"));
  BOOST_TEST(has(out.str(), "preflight: 6 passed, 0 failed\n"));
  BOOST_TEST(run({"preflight", "--family"}) == 0);
  BOOST_TEST(has(out.str(), "preflight --family against"));
  BOOST_TEST(has(out.str(), "preflight: 4 passed, 0 failed\n"));

  demo.broken_metrics = true;
  BOOST_TEST(run({"preflight"}) == 1);
  BOOST_TEST(has(out.str(), "FAIL  /metrics has recs_request_latency_ms"));
  BOOST_TEST(run({"--json", "preflight"}) == 1);
  auto doc = parse_json(out.str());
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(!bool_of(*doc, "ok", true));
  BOOST_TEST(int_of(*doc, "failed") == 1);

  fake.down = true;
  BOOST_TEST(run({"preflight"}) == 1);
  BOOST_TEST(has(out.str(), "FAIL  healthz: cannot reach the service"));
  BOOST_TEST(has(out.str(), "preflight: 0 passed, 1 failed"));
}

BOOST_AUTO_TEST_CASE(setup_reads_the_password_from_stdin_and_prints_a_token_once) {
  cli_fixture f;
  f.fake.reply_headers = {{"set-cookie", "recs_session=sess-1; Path=/; HttpOnly; SameSite=Lax"}};
  f.route("POST", "/auth/setup", 201,
          R"({"email":"me@x.test","csrf":"c-1","household":{"id":1,"name":"Home"}})");
  f.route("POST", "/me/tokens", 201,
          R"({"token":"tok-123","id":1,"name":"recsctl","scope":"write"})");
  f.route("POST", "/auth/logout", 204, "");
  f.input = {"a long enough password"};
  const int rc = f.run({"setup", "--household", "Home", "--email", "me@x.test", "--profiles",
                        "Ross,Son:M:kid", "--services", "netflix,stan"});
  BOOST_TEST(rc == exit_ok, f.err.str());
  BOOST_TEST(has(f.out.str(), "API token (write, shown once): tok-123"));
  const auto calls = f.fake.calls();
  BOOST_REQUIRE(calls.size() == 3u);
  BOOST_TEST(calls[0] == "POST /auth/setup");
  BOOST_TEST(calls[1] == "POST /me/tokens");
  BOOST_TEST(calls[2] == "POST /auth/logout");
  auto body = parse_json(f.fake.requests[0].body);
  BOOST_REQUIRE(body.ok());
  BOOST_TEST(str_of(*body, "password") == "a long enough password");
  BOOST_TEST((*body)["profiles"][1]["maturity_cap"].GetString() == std::string("M"));
  BOOST_TEST((*body)["profiles"][1]["kid"].GetBool());
  BOOST_TEST((*body)["services"][1].GetString() == std::string("stan"));
  // The token call carries the session and its CSRF token, and no bearer token (RECS_TOKEN).
  bool cookie = false, csrf = false, bearer = false;
  for (const auto& [k, v] : f.fake.requests[1].headers) {
    cookie = cookie || (k == "Cookie" && v == "recs_session=sess-1");
    csrf = csrf || (k == "X-CSRF-Token" && v == "c-1");
    bearer = bearer || k == "Authorization";
  }
  BOOST_TEST(cookie);
  BOOST_TEST(csrf);
  BOOST_TEST(!bearer);
}

BOOST_AUTO_TEST_CASE(setup_without_a_password_or_refused_says_why) {
  cli_fixture f;
  BOOST_TEST(f.run({"setup", "--household", "Home", "--email", "me@x.test"}) == exit_usage);
  BOOST_TEST(has(f.err.str(), "standard input"));
  BOOST_TEST(f.fake.requests.empty());
  f.route("POST", "/auth/setup", 400, R"({"error":"bad_request","message":"already set up"})");
  f.input = {"a long enough password"};
  BOOST_TEST(f.run({"setup", "--household", "Home", "--email", "me@x.test"}) == exit_refused);
  BOOST_TEST(has(f.err.str(), "already set up"));
  BOOST_TEST(f.run({"setup", "--email", "me@x.test"}) == exit_usage);  // --household is required
}
