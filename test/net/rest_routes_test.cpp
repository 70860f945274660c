#define BOOST_TEST_MODULE net_rest_routes
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include "test/net/fake_ports.hpp"

// The REST handlers against fake ports: status codes, error bodies and auth levels, walked over
// the route table itself so that a new route is covered without editing this file.

using namespace recs;
using recs::test::fake_ports;

namespace {

constexpr const char* kAdmin = "devtoken:ross@home.test";
constexpr const char* kOther = "devtoken:solo@other.test";

net::response call(fake_ports& f, const std::string& method, const std::string& target,
                   const char* token = kAdmin, std::string body = "") {
  net::request req;
  req.method = method;
  req.target = target;
  const auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = net::parse_query(target.substr(q + 1));
  if (token != nullptr) req.headers.emplace_back("authorization", std::string("Bearer ") + token);
  req.body = std::move(body);
  std::optional<net::response> out;
  f.router.dispatch(std::move(req), [&](net::response r) { out = std::move(r); });
  BOOST_REQUIRE_MESSAGE(out.has_value(), method << " " << target << " did not answer at once");
  return *out;
}

/// The error code of a JSON error body, "" when the body is not one.
std::string error_of(const net::response& r) {
  rapidjson::Document d;
  d.Parse(r.body.c_str(), r.body.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("error") || !d.HasMember("message") ||
      !d["error"].IsString() || !d["message"].IsString())
    return "";
  return d["error"].GetString();
}

/// A concrete path for a pattern: every {param} becomes "x".
std::string concrete(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      i = pattern.find('}', i);
      out += "x";
    } else {
      out += pattern[i];
    }
  }
  return out;
}

std::size_t calls(const fake_ports& f) {
  return f.taste.calls.size() + f.slates.keys.size() + f.family.calls.size() + f.sync.calls.size() +
         f.admin.calls.size() + f.admin.log.size() + f.accounts.calls.size() +
         f.households.calls.size() + f.lists.calls.size();
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_member_and_admin_route_refuses_a_missing_or_unknown_token) {
  fake_ports f;
  std::size_t checked = 0;
  for (const auto& e : f.table) {
    if (e.level == net::access::open) continue;
    for (const char* token :
         {static_cast<const char*>(nullptr), "devtoken:nobody@nowhere.test", "not-a-dev-token"}) {
      BOOST_TEST_CONTEXT(e.method << " " << e.pattern << " token " << (token ? token : "none")) {
        auto r = call(f, e.method, concrete(e.pattern), token);
        BOOST_TEST(r.status == 401u);
        BOOST_TEST(error_of(r) == "unauthorized");
      }
    }
    ++checked;
  }
  BOOST_TEST(checked > 30u);
  BOOST_TEST(calls(f) == 0u);  // no port was reached
}

BOOST_AUTO_TEST_CASE(every_admin_route_refuses_a_member_who_is_not_an_admin) {
  fake_ports f;
  std::size_t checked = 0;
  for (const auto& e : f.table) {
    if (e.level != net::access::admin) continue;
    BOOST_TEST_CONTEXT(e.method << " " << e.pattern) {
      auto r = call(f, e.method, concrete(e.pattern), kOther);
      BOOST_TEST(r.status == 403u);
      BOOST_TEST(error_of(r) == "forbidden");
    }
    ++checked;
  }
  BOOST_TEST(checked > 15u);
  BOOST_TEST(calls(f) == 0u);
}

BOOST_AUTO_TEST_CASE(open_routes_need_no_token) {
  fake_ports f;
  BOOST_TEST(call(f, "GET", "/healthz", nullptr).status == 200u);
  auto m = call(f, "GET", "/metrics", nullptr);
  BOOST_TEST(m.status == 200u);
  BOOST_TEST(m.content_type.find("text/plain") == 0u);
  BOOST_TEST(m.body == f.admin.metrics_text());
}

BOOST_AUTO_TEST_CASE(one_slate_rule_for_profiles_and_family_mixes) {
  fake_ports f;
  f.slates.body = R"([{"id":"tt2802850"}])";
  auto r = call(f, "GET", "/recommendations?for=ross&seed=99");
  BOOST_TEST(r.status == 200u);
  BOOST_TEST(r.body == f.slates.body);
  BOOST_TEST(call(f, "GET", "/recommendations?for=2&intent=binge&limit=5").status == 200u);
  BOOST_TEST(call(f, "GET", "/recommendations?for=Family&only_my_services=true").status == 200u);
  BOOST_TEST(call(f, "GET", "/recommendations?for=all").status == 200u);
  BOOST_TEST(call(f, "GET", "/recommendations?for=son,ross").status == 200u);
  BOOST_TEST(call(f, "GET", "/recommendations?intent=family_mix").status == 200u);
  BOOST_TEST(call(f, "GET", "/recommendations?for=ross&explain=true").status == 200u);
  const std::vector<std::string> want = {"p|1|default|99|20|0",     "p|2|binge|0|5|0",
                                         "f|1,2|family_mix|0|20|1", "f|1,2|family_mix|0|20|0",
                                         "f|2,1|family_mix|0|20|0", "f|1,2|family_mix|0|20|0",
                                         "p|1|default|0|20|0"};
  BOOST_TEST(f.slates.keys == want, boost::test_tools::per_element());
  BOOST_TEST(f.slates.explained.back());
}

BOOST_AUTO_TEST_CASE(bad_slate_queries_are_4xx_json_and_reach_no_port) {
  fake_ports f;
  struct bad {
    const char* target;
    unsigned status;
  };
  for (const bad& b :
       {bad{"/recommendations", 400}, bad{"/recommendations?for=", 400},
        bad{"/recommendations?for=nobody", 404},
        bad{"/recommendations?for=solo", 404},  // another household's profile
        bad{"/recommendations?for=3", 404}, bad{"/recommendations?for=ross&intent=bogus", 400},
        bad{"/recommendations?for=ross,ross", 400}, bad{"/recommendations?for=ross,", 400},
        bad{"/recommendations?for=family&intent=binge", 400},
        bad{"/recommendations?for=ross&seed=abc", 400},
        bad{"/recommendations?for=ross&seed=-1", 400},
        bad{"/recommendations?for=ross&limit=0", 400},
        bad{"/recommendations?for=ross&limit=101", 400},
        bad{"/recommendations?for=ross&explain=maybe", 400}}) {
    BOOST_TEST_CONTEXT(b.target) {
      auto r = call(f, "GET", b.target);
      BOOST_TEST(r.status == b.status);
      BOOST_TEST(!error_of(r).empty());
    }
  }
  BOOST_TEST(f.slates.keys.empty());
  auto r = call(f, "GET", "/recommendations?for=ross&intent=bogus");
  BOOST_TEST(r.body.find("intent 'bogus' is not supported") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ratings_are_checked_before_the_taste_port_sees_them) {
  fake_ports f;
  BOOST_TEST(call(f, "POST", "/ratings", kAdmin, "not json").status == 400u);
  BOOST_TEST(call(f, "POST", "/ratings", kAdmin, R"({"profile_id":1})").status == 400u);
  BOOST_TEST(call(f, "POST", "/ratings", kAdmin,
                  R"({"profile_id":3,"show_id":"tt2802850","primary":2})")
                 .status == 404u);  // Solo is another household's
  BOOST_TEST(call(f, "POST", "/ratings", kAdmin,
                  R"({"profile_id":1,"show_id":"tt0000000","primary":2})")
                 .status == 404u);  // no such show
  BOOST_TEST(
      call(f, "POST", "/ratings", kAdmin, R"({"profile_id":1,"show_id":"tt2802850","primary":7})")
          .status == 400u);
  BOOST_TEST(f.taste.calls.empty());
  auto ok =
      call(f, "POST", "/ratings", kAdmin, R"({"profile_id":2,"show_id":"tt2802850","primary":0})");
  BOOST_TEST(ok.status == 201u);
  BOOST_TEST(f.taste.calls == std::vector<std::string>{"put_rating 2 tt2802850 0"});

  BOOST_TEST(call(f, "DELETE", "/ratings?profile_id=1").status == 400u);
  BOOST_TEST(call(f, "DELETE", "/ratings?profile_id=x&show_id=tt2802850").status == 400u);
  BOOST_TEST(call(f, "DELETE", "/ratings?profile_id=3&show_id=tt2802850").status == 404u);
  BOOST_TEST(call(f, "DELETE", "/ratings?profile_id=1&show_id=tt2802850").status == 204u);
  BOOST_TEST(call(f, "GET", "/ratings").status == 400u);
  BOOST_TEST(call(f, "GET", "/ratings?profile_id=1").status == 200u);
  BOOST_TEST(f.taste.calls.size() == 3u);
}

BOOST_AUTO_TEST_CASE(tags_notes_and_services_refuse_bad_input) {
  fake_ports f;
  BOOST_TEST(
      call(f, "POST", "/tags", kAdmin, R"({"profile_id":1,"tag":"   ","liked":true})").status ==
      400u);
  BOOST_TEST(call(f, "DELETE", "/tags?profile_id=1&tag=%20").status == 400u);
  BOOST_TEST(
      call(f, "POST", "/notes", kAdmin, R"({"profile_id":1,"show_id":"tt0","text":"x"})").status ==
      404u);
  BOOST_TEST(call(f, "PUT", "/me/services", kAdmin, R"({"services":["stan","nope"]})").status ==
             400u);
  BOOST_TEST(f.taste.calls.empty());
  BOOST_TEST(
      call(f, "POST", "/tags", kAdmin, R"({"profile_id":1,"tag":" Dry Humour ","liked":true})")
          .status == 201u);
  BOOST_TEST(
      call(f, "PUT", "/me/services", kAdmin, R"({"services":["stan","netflix","stan"]})").status ==
      200u);
  BOOST_TEST(f.taste.calls ==
                 (std::vector<std::string>{"put_tag 1 dry humour", "set_services 1 stan netflix"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(feedback_is_checked_before_the_lists_port_sees_it) {
  fake_ports f;
  const std::vector<std::pair<std::string, unsigned>> refused = {
      {"not json", 400},
      {R"({"profile_id":1,"show_id":"tt2802850"})", 400},
      {R"({"profile_id":1,"show_id":"tt2802850","kind":"meh"})", 400},
      {R"({"profile_id":1,"show_id":"tt2802850","kind":3})", 400},
      {R"({"profile_id":3,"show_id":"tt2802850","kind":"seen"})", 404},  // Solo's
      {R"({"profile_id":1,"show_id":"tt0000000","kind":"seen"})", 404},  // no such show
  };
  for (const auto& [body, status] : refused) {
    auto r = call(f, "POST", "/feedback", kAdmin, body);
    BOOST_TEST(r.status == status, body);
    BOOST_TEST(!error_of(r).empty());
  }
  BOOST_TEST(call(f, "DELETE", "/feedback?profile_id=1&show_id=tt2802850").status == 400u);
  BOOST_TEST(call(f, "DELETE", "/feedback?profile_id=1&show_id=tt2802850&kind=x").status == 400u);
  BOOST_TEST(call(f, "DELETE", "/feedback?profile_id=3&show_id=tt2802850&kind=seen").status ==
             404u);
  BOOST_TEST(call(f, "GET", "/feedback").status == 400u);
  BOOST_TEST(f.lists.calls.empty());

  auto ok = call(f, "POST", "/feedback", kAdmin,
                 R"({"profile_id":1,"show_id":"tt2802850","kind":"not_tonight"})");
  BOOST_REQUIRE(ok.status == 201u);
  rapidjson::Document d;
  d.Parse(ok.body.c_str());
  BOOST_TEST(std::string(d["kind"].GetString()) == "not_tonight");
  BOOST_TEST(d["until"].GetInt64() - d["ts"].GetInt64() == 16 * 3600);
  auto seen = call(f, "POST", "/feedback", kAdmin,
                   R"({"profile_id":2,"show_id":"tt2802850","kind":"seen"})");
  d.Parse(seen.body.c_str());
  BOOST_TEST(d["until"].IsNull());
  BOOST_TEST(call(f, "DELETE", "/feedback?profile_id=1&show_id=tt2802850&kind=seen").status ==
             204u);
  BOOST_TEST(call(f, "GET", "/feedback?profile_id=1").status == 200u);
  BOOST_TEST(f.lists.calls ==
                 (std::vector<std::string>{"put_feedback 1 tt2802850 not_tonight",
                                           "put_feedback 2 tt2802850 seen",
                                           "delete_feedback 1 tt2802850 seen", "feedback_of 1"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(watchlists_name_exactly_one_list_of_the_callers_household) {
  fake_ports f;
  const std::vector<std::pair<std::string, unsigned>> refused = {
      {R"({"show_id":"tt2802850"})", 400},  // neither list
      {R"({"show_id":"tt2802850","profile_id":1,"list":"household"})", 400},
      {R"({"show_id":"tt2802850","list":"mine"})", 400},
      {R"({"show_id":"","profile_id":1})", 400},
      {R"({"show_id":"tt2802850","profile_id":3})", 404},
      {R"({"show_id":"tt0000000","list":"household"})", 404},
  };
  for (const auto& [body, status] : refused) {
    auto r = call(f, "POST", "/watchlist", kAdmin, body);
    BOOST_TEST(r.status == status, body);
    BOOST_TEST(!error_of(r).empty());
  }
  BOOST_TEST(call(f, "DELETE", "/watchlist?show_id=tt2802850").status == 400u);
  BOOST_TEST(call(f, "DELETE", "/watchlist?list=household").status == 400u);
  BOOST_TEST(call(f, "DELETE", "/watchlist?list=household&profile_id=1&show_id=x").status == 400u);
  BOOST_TEST(call(f, "DELETE", "/watchlist?profile_id=3&show_id=tt2802850").status == 404u);
  BOOST_TEST(call(f, "GET", "/watchlist?list=all").status == 400u);
  BOOST_TEST(call(f, "GET", "/watchlist?profile_id=3").status == 404u);
  BOOST_TEST(f.lists.calls.empty());

  auto mine = call(f, "POST", "/watchlist", kAdmin, R"({"show_id":"tt2802850","profile_id":2})");
  BOOST_REQUIRE(mine.status == 201u);
  rapidjson::Document d;
  d.Parse(mine.body.c_str());
  BOOST_TEST(std::string(d["list"].GetString()) == "profile");
  BOOST_TEST(std::string(d["show"]["title"].GetString()) == "Fargo");
  auto ours =
      call(f, "POST", "/watchlist", kAdmin, R"({"show_id":"tt2802850","list":"household"})");
  d.Parse(ours.body.c_str());
  BOOST_TEST(std::string(d["list"].GetString()) == "household");
  BOOST_TEST(d["profile_id"].IsNull());
  BOOST_TEST(call(f, "DELETE", "/watchlist?list=household&show_id=tt2802850").status == 204u);

  // GET filters the household's lists to the one asked for.
  watch_entry a, b;
  a.show_id = "tt2802850";
  b.show_id = "tt0098904";
  b.profile_id = 2;
  f.lists.listed = {a, b};
  auto all = call(f, "GET", "/watchlist");
  d.Parse(all.body.c_str());
  BOOST_TEST(d["items"].Size() == 2u);
  auto sons = call(f, "GET", "/watchlist?profile_id=2");
  d.Parse(sons.body.c_str());
  BOOST_REQUIRE(d["items"].Size() == 1u);
  BOOST_TEST(std::string(d["items"][0]["show"]["id"].GetString()) == "tt0098904");
  auto household = call(f, "GET", "/watchlist?list=household");
  d.Parse(household.body.c_str());
  BOOST_REQUIRE(d["items"].Size() == 1u);
  BOOST_TEST(std::string(d["items"][0]["list"].GetString()) == "household");
  BOOST_TEST(f.lists.calls ==
                 (std::vector<std::string>{"add_watch 1 2 tt2802850", "add_watch 1 0 tt2802850",
                                           "remove_watch 1 0 tt2802850", "watchlists 1",
                                           "watchlists 1", "watchlists 1"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(onboarding_and_the_inbox_refuse_bad_input) {
  fake_ports f;
  BOOST_TEST(call(f, "GET", "/onboarding").status == 400u);
  BOOST_TEST(call(f, "GET", "/onboarding?profile_id=1&limit=0").status == 400u);
  BOOST_TEST(call(f, "GET", "/onboarding?profile_id=1&limit=61").status == 400u);
  BOOST_TEST(call(f, "GET", "/onboarding?profile_id=3").status == 404u);
  BOOST_TEST(call(f, "GET", "/inbox?limit=101").status == 400u);
  for (const char* body : {"{}", R"({"ids":[]})", R"({"ids":[0]})", R"({"ids":"1"})",
                           R"({"ids":[1],"all":true})", R"({"all":"yes"})", "[]"})
    BOOST_TEST(call(f, "POST", "/inbox/read", kAdmin, body).status == 400u, body);
  BOOST_TEST(f.lists.calls.empty());
  auto grid = call(f, "GET", "/onboarding?profile_id=2&limit=5");
  BOOST_REQUIRE(grid.status == 200u);
  rapidjson::Document d;
  d.Parse(grid.body.c_str());
  BOOST_REQUIRE(d["items"].Size() == 1u);  // an id the catalog no longer has is left out
  BOOST_TEST(std::string(d["items"][0]["id"].GetString()) == "tt2802850");
  auto box = call(f, "GET", "/inbox");
  d.Parse(box.body.c_str());
  BOOST_TEST(d["unread"].GetInt() == 1);
  BOOST_TEST(std::string(d["items"][0]["title"].GetString()) == "Fargo");
  BOOST_TEST(call(f, "POST", "/inbox/read", kAdmin, R"({"ids":[5,6]})").body == R"({"marked":2})");
  BOOST_TEST(call(f, "POST", "/inbox/read", kAdmin, R"({"all":true})").status == 200u);
  BOOST_TEST(f.lists.calls == (std::vector<std::string>{"onboarding 2 5", "inbox 1 50",
                                                        "mark_read 1 2", "mark_read 1 0"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_port_that_did_not_answer_is_a_503) {
  fake_ports f;
  f.taste.fail = error{errc::unavailable, "the profile actor did not answer in time"};
  auto r = call(f, "GET", "/notes?profile_id=1");
  BOOST_TEST(r.status == 503u);
  BOOST_TEST(error_of(r) == "unavailable");
  BOOST_TEST(r.body.find("did not answer in time") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(family_marks_only_the_callers_profiles) {
  fake_ports f;
  BOOST_TEST(
      call(f, "POST", "/family/watched", kAdmin, R"({"show_id":"tt2802850","profile_ids":[1,3]})")
          .status == 404u);
  BOOST_TEST(call(f, "POST", "/family/watched", kAdmin, R"({"show_id":"tt0"})").status == 404u);
  BOOST_TEST(f.family.calls.empty());
  BOOST_TEST(call(f, "POST", "/family/watched", kAdmin, R"({"show_id":"tt2802850"})").status ==
             201u);
  BOOST_TEST(call(f, "GET", "/family/ledger", kOther).status == 200u);
  BOOST_TEST(f.family.calls == (std::vector<std::string>{"watched 1 tt2802850 1 2", "ledger 2"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(admin_commands_are_audited_with_their_status) {
  fake_ports f;
  BOOST_TEST(call(f, "POST", "/admin/scoring/resize", kAdmin, R"({"scorers":0})").status == 400u);
  auto ok = call(f, "POST", "/admin/scoring/resize", kAdmin, R"({"scorers":4})");
  BOOST_TEST(ok.status == 200u);
  BOOST_TEST(ok.body == R"({"command":"resize_pool","scorers":4})");
  auto flushed = call(f, "POST", "/admin/cache/flush");
  BOOST_TEST(flushed.body == R"({"command":"flush_cache","dropped":3})");
  BOOST_TEST(call(f, "POST", "/admin/model/retrain").status == 202u);
  BOOST_REQUIRE(f.admin.log.size() == 4u);
  BOOST_TEST(f.admin.log[0].command == "resize_pool");
  BOOST_TEST(f.admin.log[0].status == 400u);
  BOOST_TEST(f.admin.log[1].detail == "scorers=4");
  BOOST_TEST(f.admin.log[1].status == 200u);
  BOOST_TEST(f.admin.log[1].admin == "ross@home.test");
  BOOST_TEST(f.admin.log[3].status == 202u);
  auto status = call(f, "GET", "/admin/status");
  BOOST_TEST(status.status == 200u);
  BOOST_TEST(status.body.find(R"("cache":"local")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sync_jobs_answer_conflict_not_found_and_bad_request) {
  fake_ports f;
  auto off = call(f, "POST", "/admin/jobs/daily_refresh");
  BOOST_TEST(off.status == 409u);
  BOOST_TEST(error_of(off) == "conflict");
  BOOST_TEST(call(f, "POST", "/admin/jobs/nope").status == 400u);
  BOOST_TEST(call(f, "POST", "/admin/jobs/nope?dry_run=true").status == 400u);
  BOOST_TEST(call(f, "POST", "/admin/jobs/daily_refresh?dry_run=true").status == 200u);
  BOOST_TEST(call(f, "POST", "/admin/jobs/serializd_import").status == 400u);
  BOOST_TEST(call(f, "POST", "/admin/jobs/serializd_import?profile=solo").status == 404u);
  BOOST_TEST(call(f, "POST", "/admin/jobs/serializd_import?profile=son").status == 202u);
  BOOST_TEST(call(f, "POST", "/admin/sync/nope/pause").status == 404u);
  BOOST_TEST(call(f, "GET", "/admin/freshness").status == 200u);
  BOOST_TEST(call(f, "GET", "/admin/nope").status == 404u);
  BOOST_TEST(f.sync.calls == (std::vector<std::string>{"start daily_refresh", "start nope", "plan",
                                                       "serializd 2", "pause nope", "freshness"}),
             boost::test_tools::per_element());
}
