#define BOOST_TEST_MODULE net_http_types
#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>

#include "net/http_types.hpp"
#include "net/json_writer.hpp"

namespace net = recs::net;

namespace {

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  return doc;
}

}  // namespace

BOOST_AUTO_TEST_CASE(url_decode_handles_escapes_and_plus) {
  BOOST_TEST(*net::url_decode("a%20b%2Fc", false) == "a b/c");
  BOOST_TEST(*net::url_decode("a+b", false) == "a+b");
  BOOST_TEST(*net::url_decode("a+b", true) == "a b");
  BOOST_TEST(*net::url_decode("%e2%9c%93", false) == "\xE2\x9C\x93");
  BOOST_TEST(*net::url_decode("", false) == "");
  BOOST_TEST(*net::url_decode("%00", false) == std::string(1, '\0'));
}

BOOST_AUTO_TEST_CASE(url_decode_rejects_malformed_escapes) {
  BOOST_TEST(!net::url_decode("%", false));
  BOOST_TEST(!net::url_decode("%2", false));
  BOOST_TEST(!net::url_decode("abc%", false));
  BOOST_TEST(!net::url_decode("%zz", false));
  BOOST_TEST(!net::url_decode("%2g", false));
}

BOOST_AUTO_TEST_CASE(parse_query_decodes_pairs_in_order) {
  const auto q = net::parse_query("for=ross&intent=family_mix&title=slow+horses%21&flag&=v&&x=");
  BOOST_TEST_REQUIRE(q.size() == 6u);
  BOOST_TEST(q[0].first == "for");
  BOOST_TEST(q[0].second == "ross");
  BOOST_TEST(q[1].second == "family_mix");
  BOOST_TEST(q[2].second == "slow horses!");
  BOOST_TEST(q[3].first == "flag");
  BOOST_TEST(q[3].second == "");
  BOOST_TEST(q[4].first == "");
  BOOST_TEST(q[4].second == "v");
  BOOST_TEST(q[5].first == "x");
  BOOST_TEST(q[5].second == "");
  BOOST_TEST(net::parse_query("").empty());
  BOOST_TEST(net::parse_query("?a=1").at(0).first == "a");
}

BOOST_AUTO_TEST_CASE(parse_query_keeps_malformed_escapes_raw) {
  const auto q = net::parse_query("a=%zz&b=%41");
  BOOST_TEST_REQUIRE(q.size() == 2u);
  BOOST_TEST(q[0].second == "%zz");
  BOOST_TEST(q[1].second == "A");
}

BOOST_AUTO_TEST_CASE(request_header_and_param_lookups) {
  net::request req;
  req.headers = {{"content-type", "text/plain"}, {"x-a", "1"}, {"x-a", "2"}};
  req.query = {{"seed", "7"}, {"seed", "8"}, {"empty", ""}};
  BOOST_TEST(req.header("x-a") == "1");
  BOOST_TEST(req.header("missing").empty());
  BOOST_TEST(*req.param("seed") == "7");
  BOOST_TEST(req.param("empty").has_value());
  BOOST_TEST(!req.param("nope").has_value());
}

BOOST_AUTO_TEST_CASE(json_error_escapes_its_strings) {
  const auto res = net::json_error(404, "not_found", "no \"show\"\n\\ here \x01");
  BOOST_TEST(res.status == 404u);
  BOOST_TEST(res.content_type == "application/json");
  const auto doc = parse(res.body);
  BOOST_TEST_REQUIRE(!doc.HasParseError());
  BOOST_TEST(std::string(doc["error"].GetString()) == "not_found");
  BOOST_TEST(std::string(doc["message"].GetString()) == "no \"show\"\n\\ here \x01");
}

BOOST_AUTO_TEST_CASE(json_error_survives_invalid_utf8) {
  const auto res = net::json_error(400, "bad_request", "path /\xFF\xC3(");
  const auto doc = parse(res.body);
  BOOST_TEST_REQUIRE(!doc.HasParseError());
  BOOST_TEST(std::string(doc["message"].GetString()) == "path /\xEF\xBF\xBD\xEF\xBF\xBD(");
}

BOOST_AUTO_TEST_CASE(json_writer_builds_documents) {
  net::json_writer w;
  w.begin_object()
      .member("id", 42)
      .member("title", std::string("Slow Horses"))
      .member("fit", 0.5)
      .member("nan", std::numeric_limits<double>::quiet_NaN())
      .member("big", std::uint64_t{1} << 40)
      .member("ok", true)
      .key("tags")
      .begin_array()
      .value("dry humour")
      .end_array()
      .key("none")
      .null()
      .end_object();
  BOOST_TEST(w.ok());
  const auto doc = parse(w.str());
  BOOST_TEST_REQUIRE(!doc.HasParseError());
  BOOST_TEST(doc["id"].GetInt() == 42);
  BOOST_TEST(std::string(doc["title"].GetString()) == "Slow Horses");
  BOOST_TEST(doc["fit"].GetDouble() == 0.5);
  BOOST_TEST(doc["nan"].IsNull());
  BOOST_TEST(doc["big"].GetUint64() == (std::uint64_t{1} << 40));
  BOOST_TEST(doc["ok"].GetBool());
  BOOST_TEST(std::string(doc["tags"][0].GetString()) == "dry humour");
  BOOST_TEST(doc["none"].IsNull());
}

BOOST_AUTO_TEST_CASE(sanitize_utf8_replaces_only_bad_bytes) {
  BOOST_TEST(net::sanitize_utf8("plain") == "plain");
  BOOST_TEST(net::sanitize_utf8("caf\xC3\xA9") == "caf\xC3\xA9");
  BOOST_TEST(net::sanitize_utf8("\xF0\x9F\x93\xBA tv") == "\xF0\x9F\x93\xBA tv");
  BOOST_TEST(net::sanitize_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  BOOST_TEST(net::sanitize_utf8("\xED\xA0\x80") ==
             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");                            // surrogate
  BOOST_TEST(net::sanitize_utf8("ab\xE2\x9C") == "ab\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated
}

BOOST_AUTO_TEST_CASE(a_rate_limited_error_says_when_to_retry) {
  const auto r = recs::net::error_response({recs::errc::rate_limited, "try again in 7 s", 7});
  BOOST_TEST(r.status == 429u);
  BOOST_REQUIRE(r.headers.size() == 1u);
  BOOST_TEST(r.headers[0].first == "Retry-After");
  BOOST_TEST(r.headers[0].second == "7");
  BOOST_TEST(recs::net::error_response({recs::errc::forbidden, "no"}).headers.empty());
}
