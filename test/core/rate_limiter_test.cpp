#define BOOST_TEST_MODULE core_rate_limiter
#include <boost/test/unit_test.hpp>

#include <chrono>

#include "core/rate_limiter.hpp"

using namespace std::chrono_literals;
using tp = recs::rate_limiter::clock::time_point;

namespace {

tp at(std::chrono::milliseconds ms) {
  return tp(ms);
}

// Milliseconds since the clock's epoch: time points do not print, numbers do.
long long ms(tp t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

BOOST_AUTO_TEST_CASE(twenty_calls_per_ten_seconds) {
  recs::rate_limiter limit;  // TVmaze: 20 per 10 s
  BOOST_TEST(limit.max_calls() == 20u);
  for (int i = 0; i < 20; ++i) {
    BOOST_TEST(ms(limit.next_allowed(at(i * 100ms))) == i * 100);
    BOOST_TEST(limit.try_acquire(at(i * 100ms)));
  }
  // The 21st waits until the first call (t = 0) leaves the window.
  BOOST_TEST(ms(limit.next_allowed(at(2000ms))) == 10000);
  BOOST_TEST(!limit.try_acquire(at(9999ms)));
  BOOST_TEST(limit.try_acquire(at(10000ms)));
  // Now the second call (t = 100 ms) is the oldest of the last 20.
  BOOST_TEST(ms(limit.next_allowed(at(10000ms))) == 10100);
  // Long after, the whole window is free again.
  BOOST_TEST(ms(limit.next_allowed(at(60000ms))) == 60000);
}

BOOST_AUTO_TEST_CASE(bursts_slide) {
  recs::rate_limiter limit(3, 1s);
  limit.record(at(0ms));
  limit.record(at(400ms));
  limit.record(at(900ms));
  BOOST_TEST(ms(limit.next_allowed(at(950ms))) == 1000);
  limit.record(at(1000ms));
  BOOST_TEST(ms(limit.next_allowed(at(1000ms))) == 1400);
  BOOST_TEST(ms(limit.next_allowed(at(1500ms))) == 1500);
  // A time earlier than the last recorded one counts as the last one.
  limit.record(at(500ms));
  BOOST_TEST(ms(limit.next_allowed(at(1500ms))) == 1900);
}

BOOST_AUTO_TEST_CASE(degenerate_limits) {
  recs::rate_limiter one(0, 0s);
  BOOST_TEST(one.max_calls() == 1u);
  BOOST_TEST(one.try_acquire(at(5ms)));
  BOOST_TEST((one.next_allowed(at(5ms)) > at(5ms)));
}
