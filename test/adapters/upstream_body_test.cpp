#define BOOST_TEST_MODULE adapters_upstream_body
#include <boost/test/unit_test.hpp>

#include <string>

#include "adapters/upstream_body.hpp"
#include "test/adapters/printers.hpp"
#include "test/adapters/upstream_fixture.hpp"

namespace ad = recs::adapters;
using recs::errc;

namespace {

recs::status parse(const std::string& body) {
  rapidjson::Document doc;
  return ad::parse_upstream_json("justwatch", body, doc);
}

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(body)

BOOST_AUTO_TEST_CASE(json_with_bom_and_whitespace_parses) {
  rapidjson::Document doc;
  BOOST_REQUIRE(ad::parse_upstream_json("x", "\xEF\xBB\xBF  {\"a\":[1,2]}\n", doc).ok());
  BOOST_TEST(doc["a"].Size() == 2u);
}

BOOST_AUTO_TEST_CASE(html_block_page_is_blocked_with_its_title) {
  const auto s = parse(ad::testing::upstream("justwatch/blocked_403.html"));
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.err().code == errc::unavailable);
  BOOST_TEST(ad::is_blocked(s.err()));
  BOOST_TEST(!ad::is_rate_limited(s.err()));
  BOOST_TEST(s.err().message ==
             "blocked: justwatch answered with an HTML page instead of JSON (\"Attention "
             "Required! | Cloudflare\")");
}

BOOST_AUTO_TEST_CASE(plain_text_is_blocked_too) {
  const auto s = parse("Too Many Requests");
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(ad::is_blocked(s.err()));
  BOOST_TEST(s.err().message == "blocked: justwatch answered with text that is not JSON");
}

BOOST_AUTO_TEST_CASE(empty_body_is_unavailable_but_not_blocked) {
  const auto s = parse(" \r\n");
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.err().code == errc::unavailable);
  BOOST_TEST(!ad::is_blocked(s.err()));
}

BOOST_AUTO_TEST_CASE(truncated_json_is_internal_with_offset) {
  const std::string body = ad::testing::upstream("justwatch/malformed_truncated.json");
  const auto s = parse(body);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.err().code == errc::internal);
  BOOST_TEST(!ad::is_blocked(s.err()));
  BOOST_TEST(starts_with(s.err().message, "justwatch: malformed JSON at offset "));
}

BOOST_AUTO_TEST_CASE(malformed_json_names_the_position) {
  const auto s = parse("{\"a\":1 \"b\":2}");
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.err().message ==
             "justwatch: malformed JSON at offset 7: Missing a comma or '}' after an object "
             "member.");
  const auto trailing = parse("{} {}");
  BOOST_REQUIRE(!trailing.ok());
  BOOST_TEST(trailing.err().code == errc::internal);
}

BOOST_AUTO_TEST_CASE(http_status_errors) {
  const auto e429 = ad::http_status_error("tvmaze", 429, "{}");
  BOOST_TEST(e429.code == errc::unavailable);
  BOOST_TEST(ad::is_rate_limited(e429));
  BOOST_TEST(e429.message == "rate limited: tvmaze answered HTTP 429");
  BOOST_TEST(ad::http_status_error("serializd", 401, "{}").code == errc::forbidden);
  BOOST_TEST(ad::http_status_error("serializd", 403, "").code == errc::forbidden);
  BOOST_TEST(ad::http_status_error("tvmaze", 404, "").code == errc::not_found);
  BOOST_TEST(ad::http_status_error("tvmaze", 503, "").code == errc::unavailable);
  BOOST_TEST(ad::http_status_error("tvmaze", 408, "").code == errc::unavailable);
  BOOST_TEST(ad::http_status_error("tvmaze", 400, "").code == errc::internal);
  const auto html =
      ad::http_status_error("justwatch", 403, ad::testing::upstream("justwatch/blocked_403.html"));
  BOOST_TEST(ad::is_blocked(html));
}

BOOST_AUTO_TEST_SUITE_END()
