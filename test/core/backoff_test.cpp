#define BOOST_TEST_MODULE core_backoff
#include "core/backoff.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using recs::backoff;
using recs::backoff_delay;
using recs::backoff_policy;
using recs::doubling_delay;

BOOST_AUTO_TEST_CASE(delays_double_from_initial_up_to_max) {
  backoff_policy p{100ms, 2000ms, 0.0};
  BOOST_TEST(backoff_delay(p, 1, 0.5).count() == 100);
  BOOST_TEST(backoff_delay(p, 2, 0.5).count() == 200);
  BOOST_TEST(backoff_delay(p, 3, 0.5).count() == 400);
  BOOST_TEST(backoff_delay(p, 5, 0.5).count() == 1600);
  BOOST_TEST(backoff_delay(p, 6, 0.5).count() == 2000);
  BOOST_TEST(backoff_delay(p, 1000, 0.5).count() == 2000);
}

BOOST_AUTO_TEST_CASE(jitter_only_lengthens_a_delay) {
  backoff_policy p{100ms, 2000ms, 0.2};
  BOOST_TEST(backoff_delay(p, 1, 0.0).count() == 100);
  BOOST_TEST(backoff_delay(p, 1, 0.999).count() == 119);
  BOOST_TEST(backoff_delay(p, 10, 0.5).count() == 2200);
}

BOOST_AUTO_TEST_CASE(backoff_counts_failures_and_resets) {
  backoff b({100ms, 2000ms, 0.2}, 42);
  auto first = b.next();
  BOOST_TEST((first >= 100ms && first <= 120ms));
  auto second = b.next();
  BOOST_TEST((second >= 200ms && second <= 240ms));
  for (int i = 0; i < 100; ++i) b.next();
  auto capped = b.next();
  BOOST_TEST((capped >= 2000ms && capped <= 2400ms));
  b.reset();
  BOOST_TEST(b.failures() == 0u);
  BOOST_TEST((b.next() <= 120ms));
}

BOOST_AUTO_TEST_CASE(doubling_delay_never_overflows) {
  BOOST_TEST(doubling_delay(500ms, 30000ms, 0).count() == 500);
  BOOST_TEST(doubling_delay(500ms, 30000ms, 1).count() == 500);
  BOOST_TEST(doubling_delay(500ms, 30000ms, 4).count() == 4000);
  BOOST_TEST(doubling_delay(500ms, 30000ms, 4000000000u).count() == 30000);
}
