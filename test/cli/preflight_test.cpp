#define BOOST_TEST_MODULE cli_preflight
#include "cli/preflight.hpp"

#include <boost/test/unit_test.hpp>

#include "fake_service.hpp"

using namespace recs::cli;
using recs::cli::test::demo_service;
using recs::cli::test::fake_service;

BOOST_TEST_DONT_PRINT_LOG_VALUE(recs::cli::check_outcome)

namespace {

struct fixture {
  fake_service fake;
  demo_service demo;
  fixture() { demo.attach(fake); }

  std::vector<check_result> run(preflight_options o = {}) {
    api_client api("http://svc.test:8080", "devtoken:demo@local.test", fake.make());
    printed.clear();
    return run_preflight(api, o, [this](const check_result& c) { printed.push_back(c.name); });
  }
  std::vector<std::string> printed;
};

int count(const std::vector<check_result>& cs, check_outcome o) {
  return static_cast<int>(
      std::count_if(cs.begin(), cs.end(), [o](const check_result& c) { return c.outcome == o; }));
}

const check_result& named(const std::vector<check_result>& cs, const std::string& part) {
  for (const auto& c : cs)
    if (c.name.find(part) != std::string::npos) return c;
  BOOST_FAIL("no check named like " + part);
  return cs.front();
}

std::string names(const std::vector<check_result>& cs) {
  std::string s;
  for (const auto& c : cs) s += render_check(c) + "\n";
  return s;
}

api_answer answer(int status, std::string body) {
  return api_answer{status, std::move(body), {}};
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_healthy_service_passes_and_no_rating_is_left_behind, fixture) {
  auto cs = run();
  BOOST_TEST(count(cs, check_outcome::fail) == 0, names(cs));
  BOOST_TEST(cs.size() == 6u, names(cs));
  BOOST_TEST(printed.size() == cs.size());  // each printed as it came
  BOOST_TEST(named(cs, "healthz").detail == "ok, 4 shows, version 0.1.0");
  BOOST_TEST(named(cs, "same seed").detail == "4 items, top tt1 (Show tt1)");
  BOOST_TEST(named(cs, "BAD").detail == "top tt1 -> tt2, tt1 left the slate");
  BOOST_TEST(named(cs, "deleted again").detail ==
             "DELETE /ratings answered 204; tt1 is back on top");
  BOOST_TEST(named(cs, "metrics").outcome == check_outcome::pass);
  BOOST_TEST(named(cs, "freshness").detail.find("4 shows, 0 verified, 4 never checked") == 0u);
  BOOST_TEST(demo.rated.empty());
  const auto calls = fake.calls();
  BOOST_TEST((std::find(calls.begin(), calls.end(),
                        "GET /recommendations?for=ross&intent=default&seed=99") != calls.end()));
  BOOST_TEST((std::find(calls.begin(), calls.end(), "DELETE /ratings?profile_id=1&show_id=tt1") !=
              calls.end()));
  BOOST_TEST(fake.requests.front().headers.size() >= 2u);
  bool bearer = false;
  for (const auto& [k, v] : fake.requests.front().headers)
    bearer = bearer || (k == "Authorization" && v == "Bearer devtoken:demo@local.test");
  BOOST_TEST(bearer);
}

BOOST_FIXTURE_TEST_CASE(the_profile_and_seed_are_options, fixture) {
  preflight_options o;
  o.for_ref = "Ross";
  o.seed = 7;
  auto cs = run(o);
  BOOST_TEST(count(cs, check_outcome::fail) == 0, names(cs));
  const auto calls = fake.calls();
  BOOST_TEST((std::find(calls.begin(), calls.end(),
                        "GET /recommendations?for=Ross&intent=default&seed=7") != calls.end()));
  o.for_ref = "nobody";
  cs = run(o);
  BOOST_TEST(named(cs, "BAD").outcome == check_outcome::fail);
  BOOST_TEST(named(cs, "BAD").detail.find("no profile 'nobody'") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(each_broken_contract_fails_its_check, fixture) {
  demo.broken_determinism = true;
  auto cs = run();
  BOOST_TEST(named(cs, "same seed").outcome == check_outcome::fail);
  BOOST_TEST(named(cs, "same seed").detail.find("first: tt1 tt2 tt3 ...; second: tt4") == 0u);
  demo.broken_determinism = false;

  demo.broken_rating = true;
  cs = run();
  BOOST_TEST(named(cs, "BAD").outcome == check_outcome::fail);
  BOOST_TEST(named(cs, "BAD").detail == "the top is still tt1");
  BOOST_TEST(named(cs, "deleted again").outcome == check_outcome::pass);  // undone anyway
  BOOST_TEST(demo.rated.empty());
  demo.broken_rating = false;

  demo.broken_delete = true;
  cs = run();
  BOOST_TEST(named(cs, "deleted again").outcome == check_outcome::fail);
  BOOST_TEST(named(cs, "deleted again").detail.find("HTTP 404") != std::string::npos);
  demo.broken_delete = false;
  demo.rated.clear();

  demo.broken_metrics = true;
  cs = run();
  BOOST_TEST(named(cs, "metrics").outcome == check_outcome::fail);
  BOOST_TEST(count(cs, check_outcome::fail) == 1);
}

BOOST_FIXTURE_TEST_CASE(freshness_is_skipped_for_a_non_admin, fixture) {
  demo.admin = false;
  auto cs = run();
  BOOST_TEST(named(cs, "freshness").outcome == check_outcome::skip);
  BOOST_TEST(count(cs, check_outcome::fail) == 0);
}

BOOST_FIXTURE_TEST_CASE(an_unreachable_service_fails_healthz_and_stops, fixture) {
  fake.down = true;
  auto cs = run();
  BOOST_REQUIRE(cs.size() == 1u);
  BOOST_TEST(cs[0].outcome == check_outcome::fail);
  BOOST_TEST(cs[0].detail.find("cannot reach the service at http://svc.test:8080") == 0u);
}

BOOST_FIXTURE_TEST_CASE(the_family_contract, fixture) {
  preflight_options o;
  o.family = true;
  o.seed = 123;
  auto cs = run(o);
  BOOST_TEST(cs.size() == 4u, names(cs));
  BOOST_TEST(count(cs, check_outcome::fail) == 0, names(cs));
  BOOST_TEST(named(cs, "default answer").detail == "4 items, 1 strong");
  BOOST_TEST(named(cs, "explain=true gives").detail ==
             "4 items, 1 strong, 1 locked; rule min >= 0.78");
  BOOST_TEST(named(cs, "keeps the order").detail == "4 items in the same order");
  const auto calls = fake.calls();
  BOOST_TEST(
      (std::find(calls.begin(), calls.end(),
                 "GET /recommendations?intent=family_mix&seed=123&explain=true") != calls.end()));

  demo.no_strong = true;
  cs = run(o);
  BOOST_TEST(count(cs, check_outcome::fail) == 0, names(cs));
  BOOST_TEST(named(cs, "explain=true gives").detail.find("warning no_strong_pick") !=
             std::string::npos);

  demo.broken_warning = true;
  cs = run(o);
  BOOST_TEST(named(cs, "explain=true gives").outcome == check_outcome::fail);
  demo.broken_warning = false;
  demo.no_strong = false;

  demo.broken_explain_order = true;
  cs = run(o);
  BOOST_TEST(named(cs, "keeps the order").outcome == check_outcome::fail);

  o.for_ref = "ross,son";
  run(o);
  const auto calls2 = fake.calls();
  BOOST_TEST(
      (std::find(calls2.begin(), calls2.end(),
                 "GET /recommendations?intent=family_mix&seed=123&for=ross,son") != calls2.end()));
}

BOOST_AUTO_TEST_CASE(the_family_judgements_on_answers) {
  BOOST_TEST((judge_family_default(answer(200, R"({"items":[]})")).outcome == check_outcome::fail));
  BOOST_TEST((judge_family_default(answer(200, R"([{"id":"a","family_strong":"yes"}])")).detail ==
              "a has no boolean family_strong"));
  BOOST_TEST((judge_family_default(answer(200, "[]")).outcome == check_outcome::pass));
  BOOST_TEST(
      (judge_family_default(answer(400, R"({"error":"bad_request","message":"no"})")).detail ==
       "no (HTTP 400 bad_request)"));

  const std::string fam =
      R"("family":{"strong_locked_ids":["a"],"warning":null,"strong_min_fit":0.78,"strong_rule":"min"})";
  BOOST_TEST((judge_family_explain(
                  answer(200, R"({"items":[{"id":"a","family_strong":true}],)" + fam + "}"))
                  .outcome == check_outcome::pass));
  // A locked id that is not a strong item.
  BOOST_TEST((judge_family_explain(
                  answer(200, R"({"items":[{"id":"a","family_strong":false}],)" + fam + "}"))
                  .detail.find("locked id a") == 0u));
  BOOST_TEST((judge_family_explain(answer(200, "[]")).detail == "the answer is not a JSON object"));
  BOOST_TEST((judge_family_explain(answer(200, R"({"items":[]})")).detail == "no family object"));
  BOOST_TEST((judge_family_explain(
                  answer(200, R"({"items":[],"family":{"strong_locked_ids":[],"strong_min_fit":"x",
                                  "strong_rule":"min"}})"))
                  .detail == "family.strong_min_fit is not a number"));
  BOOST_TEST((judge_family_explain(
                  answer(200, R"({"items":[],"family":{"strong_locked_ids":[],"strong_min_fit":1,
                                  "strong_rule":"max"}})"))
                  .detail == "family.strong_rule is 'max', not min or avg"));
  // A strong item and a warning anyway.
  BOOST_TEST(
      (judge_family_explain(answer(200, R"({"items":[{"id":"a","family_strong":true}],"family":{
                    "strong_locked_ids":[],"strong_min_fit":1,"strong_rule":"avg",
                    "warning":{"code":"no_strong_pick","message":"m"}}})"))
           .outcome == check_outcome::fail));
}

BOOST_AUTO_TEST_CASE(health_metrics_and_ids) {
  BOOST_TEST((judge_health(answer(200, R"({"status":"ok","shows":3,"version":"0.1.0"})")).outcome ==
              check_outcome::pass));
  BOOST_TEST(
      (judge_health(answer(200, R"({"status":"degraded"})")).outcome == check_outcome::fail));
  BOOST_TEST((judge_health(answer(503, "")).detail == "HTTP 503 with an empty body"));
  BOOST_TEST(
      (judge_metrics(answer(200, "recs_request_latency_ms_count 1\n")).detail == "1 sample lines"));
  BOOST_TEST((judge_metrics(answer(401, R"({"error":"unauthorized","message":"token"})")).outcome ==
              check_outcome::fail));
  auto ids = slate_ids(answer(200, R"({"items":[{"id":"a"},{"id":"b"}]})"));
  BOOST_REQUIRE(ids.ok());
  BOOST_TEST(ids->size() == 2u);
  BOOST_TEST(!slate_ids(answer(200, R"([{"title":"no id"}])")).ok());
  BOOST_TEST(!slate_ids(answer(200, "{}")).ok());
}

BOOST_AUTO_TEST_CASE(rendering_checks) {
  check_result c{"healthz", check_outcome::pass, "ok"};
  BOOST_TEST(render_check(c) == "PASS  healthz: ok");
  check_result f{"x \"quoted\"", check_outcome::fail, ""};
  BOOST_TEST(render_check(f) == "FAIL  x \"quoted\"");
  check_result s{"fresh", check_outcome::skip, "not admin"};
  BOOST_TEST(render_checks_json({c, f, s}) ==
             R"({"ok":false,"passed":1,"failed":1,"skipped":1,"checks":[)"
             R"({"name":"healthz","result":"pass","detail":"ok"},)"
             R"({"name":"x \"quoted\"","result":"fail","detail":""},)"
             R"({"name":"fresh","result":"skip","detail":"not admin"}]})");
}
