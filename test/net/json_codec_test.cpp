#define BOOST_TEST_MODULE net_json_codec
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include "net/json_codec.hpp"
#include "net/rest_api.hpp"
#include "recsys/content_scorer.hpp"
#include "test/recsys/fixtures.hpp"

using namespace recs;
using namespace recs::net;

namespace {

rapidjson::Document json(const std::string& s) {
  rapidjson::Document d;
  d.Parse(s.c_str(), s.size());
  BOOST_REQUIRE(!d.HasParseError());
  return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(errors_map_to_status_codes_with_json_bodies) {
  const std::pair<errc, unsigned> cases[] = {{errc::invalid_argument, 400},
                                             {errc::not_found, 404},
                                             {errc::forbidden, 403},
                                             {errc::unavailable, 503},
                                             {errc::internal, 500}};
  for (auto [code, status] : cases) {
    response r = error_response({code, "why \"quoted\""});
    BOOST_TEST(r.status == status);
    auto d = json(r.body);
    BOOST_TEST(d["message"].GetString() == std::string("why \"quoted\""));
    BOOST_TEST(d["error"].IsString());
  }
}

BOOST_AUTO_TEST_CASE(rating_body_accepts_valid_input) {
  auto r = parse_rating_body(R"({"profile_id":3,"show_id":"tt0903747","primary":2,"score":9})");
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->profile_id == 3);
  BOOST_TEST(r->show_id == "tt0903747");
  BOOST_TEST(r->primary == 2);
  BOOST_TEST(r->score.value() == 9);
  auto n = parse_rating_body(R"({"profile_id":3,"show_id":"x","primary":0,"score":null})");
  BOOST_REQUIRE(n.ok());
  BOOST_TEST(!n->score.has_value());
}

BOOST_AUTO_TEST_CASE(rating_body_rejects_bad_input_with_a_message) {
  const char* bad[] = {
      "",                                                           // empty
      "{",                                                          // truncated
      "[1,2]",                                                      // not an object
      R"({"show_id":"x","primary":1})",                             // no profile_id
      R"({"profile_id":"1","show_id":"x","primary":1})",            // string id
      R"({"profile_id":1,"show_id":"x","primary":3})",              // out of range
      R"({"profile_id":1,"show_id":"x","primary":-1})",             // out of range
      R"({"profile_id":1,"show_id":"x","primary":"2"})",            // string primary
      R"({"profile_id":1,"show_id":"x","primary":1.5})",            // float primary
      R"({"profile_id":1,"show_id":"x","primary":true})",           // bool primary
      R"({"profile_id":1,"show_id":"","primary":1})",               // empty show id
      R"({"profile_id":1,"show_id":7,"primary":1})",                // numeric show id
      R"({"profile_id":1,"show_id":"x","primary":1,"score":11})",   // score out of range
      R"({"profile_id":1,"show_id":"x","primary":1,"primary":0})",  // duplicate key
      "{\"profile_id\":1,\"show_id\":\"a\xff\",\"primary\":1}",     // invalid UTF-8
  };
  for (const char* body : bad) {
    auto r = parse_rating_body(body);
    BOOST_TEST_INFO("body: " << body);
    BOOST_TEST(!r.ok());
    if (!r.ok()) {
      BOOST_TEST((r.err().code == errc::invalid_argument));
      BOOST_TEST(!r.err().message.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(tag_note_and_services_bodies) {
  BOOST_TEST(parse_tag_body(R"({"profile_id":1,"tag":"spy","liked":false})")->liked == false);
  BOOST_TEST(parse_tag_body(R"({"profile_id":1,"tag":"spy"})")->liked == true);
  BOOST_TEST(!parse_tag_body(R"({"profile_id":1,"tag":"spy","liked":"no"})").ok());
  BOOST_TEST(!parse_tag_body(R"({"profile_id":1,"tag":""})").ok());
  BOOST_TEST(!parse_tag_body("{\"profile_id\":1,\"tag\":\"" + std::string(65, 'a') + "\"}").ok());
  BOOST_TEST(parse_note_body(R"({"profile_id":1,"show_id":"x","text":""})").ok());
  BOOST_TEST(!parse_note_body("{\"profile_id\":1,\"show_id\":\"x\",\"text\":\"" +
                              std::string(2001, 'a') + "\"}")
                  .ok());
  BOOST_TEST((*parse_services_body(R"({"services":["stan","netflix"]})") ==
              std::vector<std::string>{"stan", "netflix"}));
  BOOST_TEST(!parse_services_body(R"({"services":"stan"})").ok());
  BOOST_TEST(!parse_services_body(R"({"services":[1]})").ok());
}

BOOST_AUTO_TEST_CASE(slate_rendering_has_the_contract_fields) {
  auto cat = test::small_snapshot();
  slate s = score_content(cat, test::adult({test::rate("tt2802850", verdict::loved)}), {});
  auto d = json(render_slate(s, false));
  BOOST_REQUIRE(d.IsArray());
  BOOST_REQUIRE(d.Size() == s.items.size());
  for (const auto& item : d.GetArray()) {
    for (const char* field : {"id", "title", "year", "premise", "availability", "rationale", "fit",
                              "family_strong", "classification", "reasons"})
      BOOST_TEST(item.HasMember(field), "missing " << field);
    BOOST_TEST(!item.HasMember("components"));
    BOOST_TEST(item["family_strong"].IsBool());
    BOOST_TEST((item["fit"].GetDouble() >= 0.0 && item["fit"].GetDouble() <= 1.0));
  }
  auto e = json(render_slate(s, true));
  BOOST_TEST(e[0]["components"]["raw"].IsNumber());
  // An inferred offer says so and has no last_checked_ts.
  bool saw_offer = false;
  for (const auto& item : e.GetArray())
    for (const auto& o : item["availability"].GetArray()) {
      saw_offer = true;
      BOOST_TEST(o["status"].GetString() == std::string("inferred"));
      BOOST_TEST(o["last_checked_ts"].IsNull());
    }
  BOOST_TEST(saw_offer);
}
