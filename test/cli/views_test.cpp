#define BOOST_TEST_MODULE cli_views
#include "cli/views.hpp"

#include <boost/test/unit_test.hpp>

#include "cli/json_util.hpp"
#include "cli/profiles.hpp"
#include "cli/table.hpp"

using namespace recs::cli;

namespace {

rapidjson::Document json(const std::string& text) {
  auto d = parse_json(text);
  BOOST_REQUIRE(d.ok());
  return std::move(*d);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(widths_count_code_points_and_cuts_keep_utf8_whole) {
  BOOST_TEST(display_width("abc") == 3u);
  BOOST_TEST(display_width("Am\xC3\xA9lie") == 6u);  // Amélie
  BOOST_TEST(truncate_to_width("Slow Horses", 20) == "Slow Horses");
  BOOST_TEST(truncate_to_width("Slow Horses", 8) == "Slow...");
  BOOST_TEST(truncate_to_width("Am\xC3\xA9lie Poulain", 6) == "Am\xC3\xA9...");
  BOOST_TEST(truncate_to_width("abcdef", 3) == "abc");
  BOOST_TEST(pad("ab", 4) == "ab  ");
  BOOST_TEST(pad("ab", 4, true) == "  ab");
  BOOST_TEST(pad("abcdef", 4) == "abcdef");
}

BOOST_AUTO_TEST_CASE(a_table_aligns_caps_and_trims) {
  table t;
  t.headers = {"#", "title", "fit"};
  t.rows = {{"1", "Slow Horses", "0.83"}, {"10", "A very long title indeed", "0.5"}};
  t.max_width = {0, 12};
  t.right_aligned = {0, 2};
  BOOST_TEST(t.render() ==
             " #  title          fit\n"
             "--  ------------  ----\n"
             " 1  Slow Horses   0.83\n"
             "10  A very lo...   0.5\n");
  table short_rows;
  short_rows.headers = {"a", "b"};
  short_rows.rows = {{"x"}};
  BOOST_TEST(short_rows.render() == "a  b\n-  -\nx\n");
}

BOOST_AUTO_TEST_CASE(times_and_ages) {
  BOOST_TEST(format_time(0) == "-");
  BOOST_TEST(format_time(1732400000) == "2024-11-23 22:13:20Z");
  BOOST_TEST(format_age(45) == "45s");
  BOOST_TEST(format_age(720) == "12m");
  BOOST_TEST(format_age(3600 * 3 + 300) == "3h 5m");
  BOOST_TEST(format_age(86400 * 2 + 3600 * 4) == "2d 4h");
  BOOST_TEST(format_age(86400) == "1d");
}

BOOST_AUTO_TEST_CASE(a_slate_is_a_table_with_where_to_watch) {
  auto d = json(R"([
    {"id":"tt5288312","title":"Slow Horses","year":2022,"fit":0.834,"family_strong":false,
     "rationale":"Because you loved Bosch",
     "availability":[{"provider":"netflix","name":"Netflix","on_my_services":false},
                     {"provider":"apple_tv_plus","name":"Apple TV+","on_my_services":true},
                     {"provider":"apple_tv_plus","name":"Apple TV+","on_my_services":true}],
     "components":{"similar_loved":0.31,"tags":-0.5,"jitter":0,"raw":1.25}},
    {"id":"tt1","title":"Nowhere","year":null,"fit":0.5,"availability":[]}])");
  const std::string s = render_slate(d, false);
  BOOST_TEST(has(s, "#  title"));
  BOOST_TEST(has(s, "where to watch"));
  BOOST_TEST(has(s, "1  Slow Horses  2022  0.83  Apple TV+*, Netflix"));
  BOOST_TEST(has(s, "2  Nowhere"));
  BOOST_TEST(has(s, "* on your household's services"));
  BOOST_TEST(!has(s, "why:"));
  BOOST_TEST(!has(s, "family"));

  const std::string e = render_slate(d, true);
  BOOST_TEST(has(e, "1. Slow Horses (tt5288312)"));
  BOOST_TEST(has(e, "why: Because you loved Bosch"));
  BOOST_TEST(has(e, "components: tags -0.500, similar_loved 0.310; raw 1.250"));
  BOOST_TEST(render_where(d[1]) == "-");
}

BOOST_AUTO_TEST_CASE(a_family_mix_marks_strong_picks_and_explains_the_family) {
  auto d = json(R"({"items":[
      {"id":"tt1","title":"Bluey","year":2018,"fit":0.9,"family_strong":true,"family_locked":true,
       "members":[]},
      {"id":"tt2","title":"Other","year":2019,"fit":0.6,"family_strong":false,"members":[]}],
    "family":{"members":[1,3],"strong_locked_ids":["tt1"],"warning":null,
              "strong_min_fit":0.78,"strong_rule":"min"}})");
  const std::string s = render_slate(d, true);
  BOOST_TEST(has(s, "family"));
  BOOST_TEST(has(s, "strong, locked"));
  BOOST_TEST(has(s, "Family Mix: members [1,3]; strong = min of the fits >= 0.78"));
  BOOST_TEST(has(s, "strong picks locked on top: tt1"));
  BOOST_TEST(!has(s, "warning"));

  auto w = json(R"({"items":[{"id":"tt2","title":"Other","fit":0.6,"family_strong":false}],
    "family":{"strong_locked_ids":[],"strong_min_fit":0.78,"strong_rule":"avg",
      "warning":{"code":"no_strong_pick","message":"No single title clears the bar."}}})");
  const std::string ws = render_slate(w, true);
  BOOST_TEST(has(ws, "locked on top: none"));
  BOOST_TEST(has(ws, "warning no_strong_pick: No single title clears the bar."));
  BOOST_TEST(render_slate(json("[]"), false) == "(no recommendations)\n");
  BOOST_TEST(render_slate(json("{}"), false) == "(the answer has no items)\n");
}

BOOST_AUTO_TEST_CASE(ratings_jobs_plans_and_freshness) {
  BOOST_TEST(render_rating(json(R"({"profile_id":1,"show_id":"tt1","primary":2,"score":9})"),
                           "Ross") == "Rated tt1 loved for Ross (score 9).\n");
  BOOST_TEST(render_rating(json(R"({"profile_id":1,"show_id":"tt1","primary":0,"score":null})"),
                           "Ross") == "Rated tt1 bad for Ross.\n");

  auto jobs = json(R"({"jobs":[
    {"source":"justwatch","job":"daily_refresh","state":"running","enabled":true,"run_id":3,
     "started_ts":1764000000,"progress":{"total":200,"done":41,"changed":3,"failed":0,
     "current":"Slow Horses"},"last_run":{"status":"ok","message":"","finished_ts":1763913600},
     "next_run_ts":null},
    {"source":"serializd","job":"serializd_import","state":"off","enabled":false,"run_id":null,
     "started_ts":null,"progress":{"total":0,"done":0,"changed":0,"failed":0,"current":""},
     "last_run":{"status":"partial","message":"imported 3, unmatched 2","finished_ts":null},
     "next_run_ts":null}]})");
  const std::string j = render_jobs(jobs);
  BOOST_TEST(has(j, "justwatch  daily_refresh     running  41/200"));
  BOOST_TEST(has(j, "2025-11-23 16:00:00Z"));
  BOOST_TEST(has(j, "serializd  serializd_import  off      -"));
  BOOST_TEST(has(j, "Last run messages:\n  serializd: imported 3, unmatched 2"));
  BOOST_TEST(render_job_line(jobs["jobs"][0]) ==
             "justwatch daily_refresh: running, run 3, 41/200 done\n");
  BOOST_TEST(render_job_line(jobs["jobs"][1]) == "serializd serializd_import: off\n");
  BOOST_TEST(render_jobs(json(R"({"jobs":[]})")) == "(no sync jobs)\n");

  auto plan = json(R"({"job":"daily_refresh","dry_run":true,"now":1764000000,
    "stale_after_days":14,"limit":200,"due_total":11070,"planned":1,"upstream_enabled":false,
    "items":[{"show_id":"tt0903747","title":"Breaking Bad","year":2008,"last_checked_ts":null,
              "reason":"never checked","justwatch_id":null}]})");
  const std::string p = render_plan(plan);
  BOOST_TEST(has(p, "1 of 11070 due titles (limit 200, stale after 14 days); upstream disabled"));
  BOOST_TEST(has(p, "tt0903747  Breaking Bad  2008  -             never checked"));

  auto f = json(R"({"offers_last_checked":1763996400,"serializd_last_seen":null,
    "stale_after_days":14,"shows":{"total":100,"verified":10,"stale":5,"never_checked":85},
    "next_daily_refresh":null})");
  const std::string fr = render_freshness(f, 1764000000);
  BOOST_TEST(has(fr, "offers last checked:  2025-11-24 15:00:00Z (1h ago)"));
  BOOST_TEST(has(fr, "serializd last seen:  never"));
  BOOST_TEST(has(fr, "100 total, 10 verified, 5 stale, 85 never checked"));
  BOOST_TEST(has(fr, "none (the JustWatch sync is off)"));
}

BOOST_AUTO_TEST_CASE(admin_views) {
  auto st = json(R"({"actors":[{"name":"catalog","state":"running"}],"shows":5,"profiles":3,
                     "cache":"local"})");
  const std::string s = render_status(st);
  BOOST_TEST(has(s, "shows: 5  profiles: 3  cache: local"));
  BOOST_TEST(has(s, "catalog  running"));

  auto actors = json(R"({"actors":[{"name":"scoring_pool","state":"running, 2 scorers, 0 restarts",
    "instances":1,"mailbox":0,"processed":1234}]})");
  const std::string a = render_actors(actors);
  BOOST_TEST(has(a, "actor         state                           instances  mailbox  processed"));
  BOOST_TEST(has(a, "scoring_pool  running, 2 scorers, 0 restarts          1        0       1234"));

  auto alerts = json(R"({"capacity":100,"count":2,"firing":1,"alerts":[
    {"fingerprint":"a1","name":"RecsP95LatencyHigh","severity":"warning","status":"firing",
     "summary":"p95 over 250 ms","labels":{},"starts_at":"2025-11-24T03:00:00Z","ends_at":null,
     "last_received_ts":1764000000,"notifications":2},
    {"fingerprint":"b2","name":"OffersStaleRatioHigh","severity":"","status":"resolved",
     "summary":"","labels":{"severity":"critical"},"starts_at":"2025-11-23T03:00:00Z",
     "last_received_ts":1763990000,"notifications":1}]})");
  const std::string al = render_alerts(alerts, false);
  BOOST_TEST(has(al, "2 alerts kept (1 firing, capacity 100)"));
  BOOST_TEST(has(al, "firing    warning   RecsP95LatencyHigh    p95 over 250 ms"));
  BOOST_TEST(has(al, "resolved  critical  OffersStaleRatioHigh"));
  const std::string firing = render_alerts(alerts, true);
  BOOST_TEST(!has(firing, "OffersStaleRatioHigh"));
  BOOST_TEST(
      has(render_alerts(json(R"({"count":0,"firing":0,"alerts":[]})"), true), "(none firing)"));

  auto cmds = json(R"({"commands":[{"ts":1732400000,"admin":"demo@local.test",
    "command":"resize_pool","detail":"scorers=4","status":200}]})");
  BOOST_TEST(has(render_commands(cmds),
                 "2024-11-23 22:13:20Z  demo@local.test  resize_pool  scorers=4     200"));
  BOOST_TEST(render_commands(json(R"({"commands":[]})")) == "(no admin commands yet)\n");

  BOOST_TEST(render_command_answer(json(R"({"command":"resize_pool","scorers":4})"), 200) ==
             "resize_pool: ok (scorers=4)\n");
  BOOST_TEST(render_command_answer(json(R"({"command":"retrain"})"), 202) ==
             "retrain: accepted, running in the background\n");
}

BOOST_AUTO_TEST_CASE(profiles_by_name_or_id) {
  auto ps = json(R"([{"id":1,"name":"Ross"},{"id":2,"name":"Wife"},{"id":3,"name":"Son"}])");
  BOOST_TEST(find_profile(ps, "ross")->id == 1);
  BOOST_TEST(find_profile(ps, "SON")->name == "Son");
  BOOST_TEST(find_profile(ps, "2")->name == "Wife");
  BOOST_TEST(!find_profile(ps, "bob"));
  BOOST_TEST(!find_profile(ps, ""));
  BOOST_TEST(profile_names(ps) == "Ross, Wife, Son");
}

BOOST_AUTO_TEST_CASE(json_helpers_are_tolerant) {
  auto d = json(R"({"s":"x","i":3,"f":1.5,"b":true,"n":null,"big":18446744073709551615})");
  BOOST_TEST(str_of(d, "s") == "x");
  BOOST_TEST(str_of(d, "i") == "3");
  BOOST_TEST(str_of(d, "b") == "true");
  BOOST_TEST(str_of(d, "n", "-") == "-");
  BOOST_TEST(str_of(d, "missing", "?") == "?");
  BOOST_TEST(str_of(d, "big") == "18446744073709551615");
  BOOST_TEST(int_of(d, "f") == 1);
  BOOST_TEST(int_of(d, "s", 7) == 7);
  BOOST_TEST(num_of(d, "f") == 1.5);
  BOOST_TEST(bool_of(d, "b"));
  BOOST_TEST(str_of(json("[1]"), "s", "none") == "none");
  auto bad = parse_json("<html>blocked</html>");
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST(has(bad.err().message, "not JSON"));
  BOOST_TEST(has(bad.err().message, "<html>"));
}
