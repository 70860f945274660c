#define BOOST_TEST_MODULE redis_options
#include "redis/redis_options.hpp"

#include <boost/test/unit_test.hpp>

#include "redis/reply.hpp"

using namespace std::chrono_literals;
using recs::errc;

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
