#define BOOST_TEST_MODULE httpc_retry
#include "httpc/retry.hpp"

#include <boost/test/unit_test.hpp>

#include "adapters/upstream_body.hpp"

using namespace std::chrono_literals;
using recs::errc;
using recs::error;
using recs::result;
using recs::httpc::decide_retry;
using recs::httpc::parse_retry_after;
using recs::httpc::response;
using recs::httpc::retry_policy;
using std::chrono::milliseconds;

namespace {

// 1994-11-06T08:49:37Z, the RFC's example date.
constexpr std::int64_t kRfcDate = 784111777;

result<response> answer(int status, std::string body = "{}",
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
  response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

result<response> failure(errc code, std::string message) {
  return error{code, std::move(message)};
}

constexpr double kNoJitter = 0.5;

}  // namespace

BOOST_AUTO_TEST_CASE(retry_after_delta_seconds) {
  BOOST_TEST((parse_retry_after("3", 0).value()).count() == 3000);
  BOOST_TEST((parse_retry_after(" 120 ", 0).value()).count() == 120000);
  BOOST_TEST((parse_retry_after("0", 0).value()).count() == 0);
  BOOST_TEST((parse_retry_after("99999999999999999999", 0).value() == milliseconds::max()));
}

BOOST_AUTO_TEST_CASE(retry_after_http_dates_in_the_three_forms) {
  const std::int64_t now = kRfcDate - 90;
  BOOST_TEST((parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now).value()).count() == 90000);
  BOOST_TEST((parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now).value()).count() == 90000);
  BOOST_TEST((parse_retry_after("Sun Nov  6 08:49:37 1994", now).value()).count() == 90000);
  // A date in the past means now.
  BOOST_TEST((parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kRfcDate + 5).value()).count() ==
             0);
  // Leap day and year boundaries.
  BOOST_TEST((parse_retry_after("Thu, 29 Feb 2024 00:00:00 GMT", 1709164800 - 1).value()).count() ==
             1000);
  BOOST_TEST((parse_retry_after("Thu, 01 Jan 1970 00:00:10 GMT", 0).value()).count() == 10000);
}

BOOST_AUTO_TEST_CASE(retry_after_absent_or_invalid_is_nullopt) {
  for (const char* v : {"", "  ", "-1", "1.5", "soon", "Sun, 06 Nov 1994 08:49:37 PST",
                        "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
                        "Sun, 06 Foo 1994 08:49:37 GMT", "Sun 06 Nov 1994 08:49:37 GMT",
                        "Funday, 06-Nov-94 08:49:37 GMT"}) {
    BOOST_TEST(!parse_retry_after(v, kRfcDate).has_value(), v);
  }
}

BOOST_AUTO_TEST_CASE(backoff_doubles_is_capped_and_jittered_within_bounds) {
  retry_policy p;
  BOOST_TEST((recs::httpc::backoff_delay(p, 1, kNoJitter)).count() == 500);
  BOOST_TEST((recs::httpc::backoff_delay(p, 2, kNoJitter)).count() == 1000);
  BOOST_TEST((recs::httpc::backoff_delay(p, 3, kNoJitter)).count() == 2000);
  BOOST_TEST((recs::httpc::backoff_delay(p, 30, kNoJitter)).count() == 30000);
  BOOST_TEST((recs::httpc::backoff_delay(p, 1, 0.0)).count() == 400);
  BOOST_TEST(recs::httpc::backoff_delay(p, 1, 0.999999).count() == 599);
  BOOST_TEST((recs::httpc::backoff_delay(p, 30, 0.99)).count() == 30000);  // never over the cap
  BOOST_TEST((recs::httpc::backoff_delay(p, 30, 0.0)).count() == 24000);
}

BOOST_AUTO_TEST_CASE(transport_errors_are_retried_until_max_attempts) {
  retry_policy p;
  const auto refused = failure(errc::unavailable, "connect: Connection refused (http://h:1)");
  auto d1 = decide_retry(p, 1, refused, 0, kNoJitter);
  BOOST_TEST(d1.retry);
  BOOST_TEST((d1.delay).count() == 500);
  auto d3 = decide_retry(p, 3, refused, 0, kNoJitter);
  BOOST_TEST(d3.retry);
  BOOST_TEST((d3.delay).count() == 2000);
  BOOST_TEST(!decide_retry(p, 4, refused, 0, kNoJitter).retry);
  p.max_attempts = 1;
  BOOST_TEST(!decide_retry(p, 1, refused, 0, kNoJitter).retry);
}

BOOST_AUTO_TEST_CASE(errors_a_retry_cannot_fix_are_not_retried) {
  retry_policy p;
  for (const auto& e :
       {failure(errc::invalid_argument, "bad URL"),
        failure(errc::internal, "http client: bad_alloc"),
        failure(errc::unavailable, "answer too large: over 10 bytes (http://h:1)"),
        failure(errc::unavailable, "tls: certificate verify failed: self-signed certificate")}) {
    BOOST_TEST(!decide_retry(p, 1, e, 0, kNoJitter).retry, e.err().message);
  }
}

BOOST_AUTO_TEST_CASE(statuses_worth_retrying) {
  retry_policy p;
  for (int s : {408, 500, 502, 503, 504, 429}) {
    auto d = decide_retry(p, 2, answer(s), 0, kNoJitter);
    BOOST_TEST(d.retry, s);
    BOOST_TEST(d.delay.count() == 1000, s);
  }
  for (int s : {200, 204, 301, 304, 400, 401, 403, 404, 410, 422, 501, 505}) {
    auto d = decide_retry(p, 1, answer(s), 0, kNoJitter);
    BOOST_TEST(!d.retry, s);
    BOOST_TEST(d.delay.count() == 0, s);
  }
}

BOOST_AUTO_TEST_CASE(rate_limited_waits_the_longer_of_retry_after_and_backoff) {
  retry_policy p;
  auto d = decide_retry(p, 1, answer(429, "{}", {{"retry-after", "3"}}), 0, kNoJitter);
  BOOST_TEST(d.retry);
  BOOST_TEST((d.delay).count() == 3000);
  auto small = decide_retry(p, 3, answer(429, "{}", {{"retry-after", "1"}}), 0, kNoJitter);
  BOOST_TEST((small.delay).count() == 2000);  // the backoff is longer
  auto dated =
      decide_retry(p, 1, answer(503, "{}", {{"retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"}}),
                   kRfcDate - 10, kNoJitter);
  BOOST_TEST((dated.delay).count() == 10000);
  // No Retry-After: the backoff.
  BOOST_TEST((decide_retry(p, 1, answer(429), 0, kNoJitter).delay).count() == 500);
  // An invalid Retry-After is ignored.
  BOOST_TEST((decide_retry(p, 1, answer(429, "{}", {{"retry-after", "soon"}}), 0, kNoJitter).delay)
                 .count() == 500);
}

BOOST_AUTO_TEST_CASE(a_retry_after_beyond_the_maximum_gives_up_with_a_note) {
  retry_policy p;
  const auto far = answer(429, "{}", {{"retry-after", "3600"}});
  BOOST_TEST(!decide_retry(p, 1, far, 1700000000, kNoJitter).retry);
  const std::string note = recs::httpc::retry_after_note(p, far, 1700000000);
  BOOST_TEST(note ==
             "Retry-After asks for 3600 s, more than the 120 s we wait; try again after "
             "2023-11-14T23:13:20Z");
  // Exactly the maximum is still waited for, and needs no note.
  const auto edge = answer(429, "{}", {{"retry-after", "120"}});
  BOOST_TEST((decide_retry(p, 1, edge, 0, kNoJitter).delay).count() == 120000);
  BOOST_TEST(recs::httpc::retry_after_note(p, edge, 0).empty());
  BOOST_TEST(recs::httpc::retry_after_note(p, answer(200), 0).empty());
  // A Retry-After on a status that does not honour it changes nothing.
  BOOST_TEST(decide_retry(p, 1, answer(500, "{}", {{"retry-after", "3600"}}), 0, kNoJitter).retry);
}

BOOST_AUTO_TEST_CASE(block_pages_wait_long_and_are_retried_once) {
  retry_policy p;
  const auto page = answer(403, "<!DOCTYPE html><html><title>Access denied</title></html>");
  auto d = decide_retry(p, 1, page, 0, kNoJitter);
  BOOST_TEST(d.retry);
  BOOST_TEST((d.delay).count() == 60000);
  BOOST_TEST(!decide_retry(p, 2, page, 0, kNoJitter, 1).retry);
  // As an error (a 2xx page judged by the fetcher with the adapters' helper).
  const auto blocked = failure(errc::unavailable, "blocked: justwatch answered with an HTML page");
  BOOST_TEST(recs::adapters::is_blocked(blocked.err()));
  BOOST_TEST((decide_retry(p, 1, blocked, 0, kNoJitter).delay).count() == 60000);
  BOOST_TEST(!decide_retry(p, 1, blocked, 0, kNoJitter, 1).retry);
  // A long backoff beats a short blocked_delay.
  p.blocked_delay = 10ms;
  BOOST_TEST((decide_retry(p, 3, page, 0, kNoJitter).delay).count() == 2000);
  // The last attempt is the last, block page or not.
  BOOST_TEST(!decide_retry(p, 4, page, 0, kNoJitter).retry);
}
