#define BOOST_TEST_MODULE core_upstream_error
#include <boost/test/unit_test.hpp>

#include "core/upstream_error.hpp"

using namespace recs;

BOOST_AUTO_TEST_CASE(statuses_map_to_categories) {
  BOOST_TEST((http_status_error("tvmaze", 404, "").code == errc::not_found));
  BOOST_TEST((http_status_error("tvmaze", 403, "{}").code == errc::forbidden));
  BOOST_TEST((http_status_error("tvmaze", 503, "").code == errc::unavailable));
  BOOST_TEST((http_status_error("tvmaze", 408, "").code == errc::unavailable));
  BOOST_TEST((http_status_error("tvmaze", 418, "").code == errc::internal));
  const auto limited = http_status_error("tvmaze", 429, "slow down");
  BOOST_TEST(is_rate_limited(limited));
  BOOST_TEST(!is_blocked(limited));
  BOOST_TEST(limited.message == "rate limited: tvmaze answered HTTP 429");
}

BOOST_AUTO_TEST_CASE(an_html_page_is_a_block_whatever_the_status) {
  const auto e = http_status_error(
      "justwatch", 200, "\xEF\xBB\xBF  <html><head><title>Just a\n  moment &amp; wait</title>");
  BOOST_TEST(is_blocked(e));
  BOOST_TEST(e.message ==
             "blocked: justwatch answered with an HTML page instead of JSON (\"Just a moment & "
             "wait\")");
  BOOST_TEST(blocked_error("x", "Too Many Requests").message ==
             "blocked: x answered with text that is not JSON");
  BOOST_TEST(!is_blocked(error{errc::internal, "blocked: but internal"}));
}
