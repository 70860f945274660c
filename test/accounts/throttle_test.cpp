#define BOOST_TEST_MODULE accounts_throttle
#include <boost/test/unit_test.hpp>

#include <string>

#include "accounts/throttle.hpp"

using namespace recs::accounts;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const signin_throttle::clock::time_point t0{};

throttle_limits small() {
  throttle_limits l;
  l.free_failures = 2;
  l.first_wait = milliseconds(1000);
  l.max_wait = milliseconds(8000);
  l.forget_after = seconds(60);
  l.max_keys = 50;
  return l;
}

}  // namespace

BOOST_AUTO_TEST_CASE(waits_grow_with_failures_beyond_the_free_ones_up_to_the_ceiling) {
  signin_throttle t(small());
  BOOST_TEST(t.wait("account:a@x.test", t0).count() == 0);
  BOOST_TEST(t.failed("account:a@x.test", t0).count() == 0);
  BOOST_TEST(t.failed("account:a@x.test", t0).count() == 1000);  // two allowed: the third waits
  BOOST_TEST(t.failed("account:a@x.test", t0).count() == 2000);
  BOOST_TEST(t.failed("account:a@x.test", t0).count() == 4000);
  BOOST_TEST(t.failed("account:a@x.test", t0).count() == 8000);
  BOOST_TEST(t.failed("account:a@x.test", t0).count() == 8000);  // the ceiling
  BOOST_TEST(t.wait("account:a@x.test", t0 + milliseconds(3000)).count() == 5000);
  BOOST_TEST(t.wait("account:a@x.test", t0 + milliseconds(8000)).count() == 0);
  BOOST_TEST(t.wait("addr:203.0.113.9", t0).count() == 0);  // keys are separate
}

BOOST_AUTO_TEST_CASE(a_success_or_a_quiet_hour_starts_afresh) {
  signin_throttle t(small());
  for (int i = 0; i < 4; ++i) t.failed("k", t0);
  BOOST_TEST(t.wait("k", t0).count() > 0);
  t.succeeded("k");
  BOOST_TEST(t.wait("k", t0).count() == 0);
  BOOST_TEST(t.keys() == 0u);
  for (int i = 0; i < 4; ++i) t.failed("k", t0);
  const auto later = t0 + seconds(61);
  BOOST_TEST(t.wait("k", later).count() == 0);
  BOOST_TEST(t.failed("k", later).count() == 0);  // counted from one again
}

BOOST_AUTO_TEST_CASE(memory_stays_bounded_under_a_spray_of_keys) {
  signin_throttle t(small());
  for (int i = 0; i < 1000; ++i) t.failed("account:" + std::to_string(i), t0 + milliseconds(i));
  BOOST_TEST(t.keys() <= 51u);
  // The newest keys are kept.
  t.failed("account:999", t0 + milliseconds(1000));
  t.failed("account:999", t0 + milliseconds(1000));
  BOOST_TEST(t.wait("account:999", t0 + milliseconds(1000)).count() > 0);
}
