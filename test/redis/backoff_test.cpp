#define BOOST_TEST_MODULE redis_backoff
#include "redis/backoff.hpp"

#include <boost/test/unit_test.hpp>

#include "redis/redis_options.hpp"
#include "redis/reply.hpp"

using namespace std::chrono_literals;
using recs::errc;
using recs::redis::backoff;
using recs::redis::backoff_delay;
using recs::redis::backoff_policy;

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

BOOST_AUTO_TEST_CASE(options_are_validated) {
  recs::redis::redis_options o;
  BOOST_TEST(validate(o).ok());
  o.command_timeout = 0ms;
  BOOST_TEST((validate(o).err().code == errc::invalid_argument));
  o = {};
  o.backoff.max = 50ms;
  BOOST_TEST(!validate(o).ok());
  o = {};
  o.backoff.jitter = 1.5;
  BOOST_TEST(!validate(o).ok());
}

BOOST_AUTO_TEST_CASE(error_replies_map_to_categories) {
  using recs::redis::internal::reply;
  auto err = [](const char* text) { return reply{reply::kind::error, text, 0, {}}; };
  BOOST_TEST((to_error(err("NOAUTH Authentication required.")).code == errc::forbidden));
  BOOST_TEST((to_error(err("WRONGPASS invalid username-password pair")).code == errc::forbidden));
  BOOST_TEST((to_error(err("LOADING Redis is loading the dataset")).code == errc::unavailable));
  BOOST_TEST((to_error(err("BUSY Redis is busy running a script")).code == errc::unavailable));
  BOOST_TEST((to_error(err("WRONGTYPE Operation against a key")).code == errc::internal));
  auto odd = unexpected(reply{reply::kind::integer, "", 3, {}}, "GET");
  BOOST_TEST((odd.code == errc::internal));
  BOOST_TEST(odd.message == "GET: unexpected reply type");
}
