#define BOOST_TEST_MODULE redis_client
#include "redis/redis_client.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "test/redis/redis_server_fixture.hpp"

using namespace std::chrono_literals;
using recs::errc;
using recs::redis::redis_client;
using recs::redis::redis_options;
using recs::redis::testing::redis_server;
using steady = std::chrono::steady_clock;

namespace {

redis_options fast_options() {
  redis_options o;
  o.connect_timeout = 300ms;
  o.command_timeout = 300ms;
  return o;
}

/// Calls `f` every 20 ms until it returns true or `limit` passes.
template <class F>
bool eventually(F f, std::chrono::milliseconds limit = 10s) {
  auto deadline = steady::now() + limit;
  while (steady::now() < deadline) {
    if (f()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return f();
}

}  // namespace

BOOST_AUTO_TEST_CASE(set_get_del_round_trip) {
  redis_server server;
  redis_client c(server.url());
  BOOST_TEST(!c.connected());  // lazy: no I/O before the first call
  BOOST_REQUIRE(c.ping().ok());
  BOOST_TEST(c.connected());

  BOOST_REQUIRE(c.set_ex("slate:ross", "[1,2,3]", 60s).ok());
  auto got = c.get("slate:ross");
  BOOST_REQUIRE(got.ok());
  BOOST_REQUIRE(got->has_value());
  BOOST_TEST(**got == "[1,2,3]");

  auto missing = c.get("slate:nobody");
  BOOST_REQUIRE(missing.ok());
  BOOST_TEST(!missing->has_value());

  // Values are binary-safe: NUL, CR/LF and a large payload survive.
  std::string odd("a\0b\r\nc", 6);
  std::string big(1 << 20, 'x');
  BOOST_REQUIRE(c.set_ex("odd", odd, 60s).ok());
  BOOST_REQUIRE(c.set_ex("big", big, 60s).ok());
  BOOST_TEST(**c.get("odd") == odd);
  BOOST_TEST(**c.get("big") == big);

  auto removed = c.del({"slate:ross", "slate:nobody", "odd"});
  BOOST_REQUIRE(removed.ok());
  BOOST_TEST(*removed == 2);
  BOOST_TEST(!c.get("slate:ross")->has_value());
  BOOST_TEST(*c.del({}) == 0);
}

BOOST_AUTO_TEST_CASE(keys_expire_after_their_ttl) {
  redis_server server;
  redis_client c(server.url());
  BOOST_REQUIRE(c.set_ex("short", "v", 1s).ok());
  BOOST_REQUIRE(c.set_ex("long", "v", 3600s).ok());
  BOOST_TEST(eventually([&] {
    auto v = c.get("short");
    return v.ok() && !v->has_value();
  }));
  BOOST_TEST(c.get("long")->has_value());
  BOOST_TEST((c.set_ex("k", "v", 0s).err().code == errc::invalid_argument));
}

BOOST_AUTO_TEST_CASE(db_from_the_url_is_selected) {
  redis_server server;
  redis_client db3(server.url("", 3));
  redis_client db0(server.url());
  BOOST_REQUIRE(db3.set_ex("where", "three", 60s).ok());
  BOOST_TEST(**db3.get("where") == "three");
  BOOST_TEST(!db0.get("where")->has_value());
}

BOOST_AUTO_TEST_CASE(publish_counts_receivers) {
  redis_server server;
  redis_client c(server.url());
  auto n = c.publish("recs.nobody-listens", "hello");
  BOOST_REQUIRE(n.ok());
  BOOST_TEST(*n == 0);
}

BOOST_AUTO_TEST_CASE(password_protected_server) {
  redis_server server({"--requirepass", "s3cret"});

  redis_client with(server.url("s3cret"));
  BOOST_REQUIRE(with.set_ex("k", "v", 60s).ok());
  BOOST_TEST(**with.get("k") == "v");

  auto acl_url = server.url("s3cret");
  acl_url.username = "default";  // redis://default:s3cret@... (AUTH user password)
  redis_client acl(acl_url);
  BOOST_TEST(acl.ping().ok());

  redis_client without(server.url());
  auto refused = without.get("k");
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST((refused.err().code == errc::forbidden));  // NOAUTH

  redis_client wrong(server.url("guess"));
  auto denied = wrong.ping();
  BOOST_REQUIRE(!denied.ok());
  BOOST_TEST((denied.err().code == errc::forbidden));  // WRONGPASS on connect
  BOOST_TEST(!wrong.connected());
  BOOST_TEST(denied.err().message.find("guess") == std::string::npos);
}

// Redis gone: every call fails with unavailable, and fast: a dead Redis costs one connection
// attempt per backoff window, not a connect timeout per call.
BOOST_AUTO_TEST_CASE(stopped_server_fails_fast_with_unavailable) {
  redis_server server;
  redis_client c(server.url(), fast_options());
  BOOST_REQUIRE(c.ping().ok());
  server.stop();

  auto first = c.get("k");  // the old connection finds the server gone
  BOOST_REQUIRE(!first.ok());
  BOOST_TEST((first.err().code == errc::unavailable));
  BOOST_TEST(!c.connected());

  auto start = steady::now();
  for (int i = 0; i < 100; ++i) {
    auto r = c.get("k");
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST((r.err().code == errc::unavailable));
  }
  auto took = steady::now() - start;
  BOOST_TEST_MESSAGE("100 calls against a stopped Redis: "
                     << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                     << " ms");
  BOOST_TEST((took < 100 * 300ms / 10));  // generous: in practice a few ms
}

// A hung Redis (SIGSTOP: TCP still accepts, nothing answers) costs one command timeout, then
// calls fail at once until the backoff allows the next attempt.
BOOST_AUTO_TEST_CASE(frozen_server_costs_one_timeout_per_backoff_window) {
  redis_server server;
  redis_client c(server.url(), fast_options());
  BOOST_REQUIRE(c.ping().ok());
  server.freeze();

  auto start = steady::now();
  int slow = 0;
  for (int i = 0; i < 100; ++i) {
    auto call_start = steady::now();
    auto r = c.set_ex("k", "v", 60s);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST((r.err().code == errc::unavailable));
    if (steady::now() - call_start >= 250ms) ++slow;
  }
  auto took = steady::now() - start;
  server.thaw();
  BOOST_TEST_MESSAGE("100 calls against a frozen Redis: "
                     << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                     << " ms, " << slow << " waited for a timeout");
  BOOST_TEST(slow >= 1);
  BOOST_TEST(slow <= 10);
  BOOST_TEST((took < 100 * 300ms / 3));
}

BOOST_AUTO_TEST_CASE(client_comes_back_when_the_server_restarts) {
  redis_server server;
  redis_client c(server.url(), fast_options());
  BOOST_REQUIRE(c.set_ex("before", "1", 60s).ok());
  server.stop();
  BOOST_TEST(!c.get("before").ok());
  BOOST_TEST(!c.ping().ok());

  server.restart();  // same port, empty (no persistence)
  BOOST_TEST(eventually([&] { return c.ping().ok(); }));
  BOOST_TEST(c.connected());
  BOOST_REQUIRE(c.set_ex("after", "2", 60s).ok());
  BOOST_TEST(**c.get("after") == "2");
  BOOST_TEST(!c.get("before")->has_value());
}
