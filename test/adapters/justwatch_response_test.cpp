#define BOOST_TEST_MODULE adapters_justwatch_response
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "adapters/justwatch_response.hpp"
#include "adapters/upstream_body.hpp"
#include "test/adapters/printers.hpp"
#include "test/adapters/upstream_fixture.hpp"
#include "test/adapters/upstream_printers.hpp"

namespace ad = recs::adapters;
using ad::testing::upstream;
using recs::errc;

namespace {

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(providers_are_parsed) {
  const auto r = ad::parse_jw_providers(upstream("justwatch/providers_au.json"));
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->size(), 21u);
  const ad::jw_package& nfx = r->front();
  BOOST_TEST(nfx.node_id == "cGF8OA==");
  BOOST_TEST(nfx.package_id == 8);
  BOOST_TEST(nfx.clear_name == "Netflix");
  BOOST_TEST(nfx.technical_name == "netflix");
  BOOST_TEST(nfx.short_name == "nfx");
  BOOST_TEST(nfx.monetization_types == std::vector<std::string>{"FLATRATE"});
}

BOOST_AUTO_TEST_CASE(popular_page_one) {
  const auto r = ad::parse_jw_title_page(upstream("justwatch/popular_au_page1.json"));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->total_count == 6);
  BOOST_TEST(r->has_next_page);
  BOOST_TEST(r->end_cursor == "eyJzIjozLCJvIjoiUE9QVUxBUiJ9");
  BOOST_REQUIRE_EQUAL(r->titles.size(), 3u);

  const ad::jw_title& sh = r->titles[0];
  BOOST_TEST(sh.id == "ts301826");
  BOOST_TEST(sh.object_id == 301826);
  BOOST_TEST(sh.object_type == ad::jw_object_type::show);
  BOOST_TEST(sh.title == "Slow Horses");
  BOOST_TEST(sh.original_release_year == 2022);
  BOOST_TEST(sh.runtime == 49);
  BOOST_TEST(sh.imdb_id == "tt5875444");
  BOOST_TEST(sh.tmdb_id == 95480);  // a string in the response
  BOOST_TEST(sh.age_certification == "MA 15+");
  BOOST_TEST(sh.total_season_count == 4);
  BOOST_TEST(sh.genres == (std::vector<std::string>{"drm", "trl", "crm"}));
  BOOST_TEST(sh.full_path == "/au/tv-show/slow-horses");
  BOOST_REQUIRE_EQUAL(sh.offers.size(), 2u);
  const ad::jw_offer& o = sh.offers[0];
  BOOST_TEST(o.monetization_type == "FLATRATE");
  BOOST_TEST(o.presentation_type == "_4K");
  BOOST_TEST(o.element_count == 4);
  BOOST_TEST(o.available_to.empty());
  BOOST_TEST(starts_with(o.url, "https://tv.apple.com/au/show/slow-horses/"));
  BOOST_TEST(o.package.technical_name == "appletvplus");
  BOOST_TEST(o.package.package_id == 350);

  const ad::jw_title& bluey = r->titles[1];
  BOOST_REQUIRE_EQUAL(bluey.offers.size(), 3u);
  BOOST_TEST(bluey.offers[1].available_to == "2026-06-30");
  BOOST_TEST(bluey.offers[0].monetization_type == "FREE");
  BOOST_TEST(r->titles[2].title == "Fargo");
}

BOOST_AUTO_TEST_CASE(popular_page_two_ends_the_paging) {
  const auto r = ad::parse_jw_title_page(upstream("justwatch/popular_au_page2.json"));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(!r->has_next_page);
  BOOST_REQUIRE_EQUAL(r->titles.size(), 3u);
  BOOST_TEST(r->titles[1].title == "Utopia");
  BOOST_TEST(r->titles[1].imdb_id.empty());  // externalIds.imdbId null
  BOOST_TEST(r->titles[1].tmdb_id == 46896);
  BOOST_TEST(r->titles[2].imdb_id.empty());  // externalIds null
  BOOST_TEST(r->titles[2].tmdb_id == 0);
  BOOST_TEST(r->titles[1].offers[1].element_count == 0);  // elementCount null
}

BOOST_AUTO_TEST_CASE(search_has_no_paging_and_keeps_movies_apart) {
  const auto r = ad::parse_jw_title_page(upstream("justwatch/search_bluey.json"));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->total_count == -1);
  BOOST_TEST(!r->has_next_page);
  BOOST_TEST(r->end_cursor.empty());
  BOOST_REQUIRE_EQUAL(r->titles.size(), 2u);
  BOOST_TEST(r->titles[0].object_type == ad::jw_object_type::show);
  BOOST_TEST(r->titles[1].object_type == ad::jw_object_type::movie);
  BOOST_TEST(r->titles[1].id == "tm1322342");
  BOOST_TEST(r->titles[1].total_season_count == 0);
}

BOOST_AUTO_TEST_CASE(title_node_and_missing_node) {
  const auto r = ad::parse_jw_title_node(upstream("justwatch/title_offers_slow_horses.json"));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->title == "Slow Horses");
  BOOST_TEST(r->offers.size() == 7u);
  const auto missing = ad::parse_jw_title_node(upstream("justwatch/title_offers_not_found.json"));
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.err().code == errc::not_found);
}

BOOST_AUTO_TEST_CASE(graphql_complexity_error_is_invalid_argument) {
  const auto r = ad::parse_jw_title_page(upstream("justwatch/error_complexity.json"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.err().code == errc::invalid_argument);
  BOOST_TEST(r.err().message ==
             "justwatch graphql: operation complexity 18500 exceeds the maximum allowed "
             "complexity of 10000 (GRAPHQL_VALIDATION_FAILED)");
}

BOOST_AUTO_TEST_CASE(graphql_server_error_with_partial_data_fails_as_unavailable) {
  const auto r = ad::parse_jw_title_page(upstream("justwatch/error_internal.json"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.err().code == errc::unavailable);
  BOOST_TEST(!ad::is_rate_limited(r.err()));
  BOOST_TEST(r.err().message ==
             "justwatch graphql: upstream service timed out (INTERNAL_SERVER_ERROR, at "
             "popularTitles.edges[2].node.offers)");
}

BOOST_AUTO_TEST_CASE(graphql_error_categories) {
  const auto code = [](const std::string& c, const std::string& msg) {
    const std::string body = "{\"errors\":[{\"message\":\"" + msg +
                             "\",\"extensions\":{\"code\":\"" + c + "\"}}],\"data\":null}";
    return ad::parse_jw_providers(body).err();
  };
  BOOST_TEST(code("BAD_USER_INPUT", "country must match ^[A-Z]{2}$").code ==
             errc::invalid_argument);
  BOOST_TEST(code("", "title not found").code == errc::not_found);
  BOOST_TEST(code("FORBIDDEN", "no").code == errc::forbidden);
  const auto limited = code("TOO_MANY_REQUESTS", "slow down");
  BOOST_TEST(limited.code == errc::unavailable);
  BOOST_TEST(ad::is_rate_limited(limited));
  BOOST_TEST(code("SOMETHING_NEW", "odd").code == errc::internal);
  // Several errors: the first decides, every message is kept.
  const auto two = ad::parse_jw_providers(
      "{\"errors\":[{\"message\":\"a\"},{\"message\":\"b\",\"path\":[\"packages\"]}]}");
  BOOST_TEST(two.err().message == "justwatch graphql: a; b (at packages)");
}

BOOST_AUTO_TEST_CASE(html_and_malformed_bodies) {
  const auto html = ad::parse_jw_title_page(upstream("justwatch/blocked_403.html"));
  BOOST_REQUIRE(!html.ok());
  BOOST_TEST(ad::is_blocked(html.err()));
  const auto cut = ad::parse_jw_title_page(upstream("justwatch/malformed_truncated.json"));
  BOOST_REQUIRE(!cut.ok());
  BOOST_TEST(cut.err().code == errc::internal);
  BOOST_TEST(starts_with(cut.err().message, "justwatch: malformed JSON at offset "));
}

BOOST_AUTO_TEST_CASE(unexpected_shapes_name_the_path) {
  const auto no_data = ad::parse_jw_providers("{}");
  BOOST_TEST(no_data.err().code == errc::internal);
  BOOST_TEST(no_data.err().message == "justwatch: unexpected response shape: data is required");
  const auto wrong = ad::parse_jw_title_page(
      "{\"data\":{\"popularTitles\":{\"edges\":[{\"node\":{\"id\":\"ts1\",\"offers\":[{"
      "\"monetizationType\":\"FLATRATE\",\"package\":{\"packageId\":\"8\"}}]}}]}}}");
  BOOST_TEST(wrong.err().message ==
             "justwatch: unexpected response shape: data.popularTitles.edges[0].node.offers[0]."
             "package.packageId must be an integer");
  const auto bad_date = ad::parse_jw_title_node(
      "{\"data\":{\"node\":{\"id\":\"ts1\",\"offers\":[{\"monetizationType\":\"FREE\","
      "\"availableTo\":\"soon\",\"package\":{\"packageId\":8}}]}}}");
  BOOST_TEST(bad_date.err().message ==
             "justwatch: unexpected response shape: data.node.offers[0].availableTo must be an "
             "ISO date");
  BOOST_TEST(!ad::parse_jw_title_node("{\"data\":{}}").ok());
  BOOST_TEST(!ad::parse_jw_providers("{\"data\":{\"packages\":{}}}").ok());
}
