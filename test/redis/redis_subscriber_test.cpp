#define BOOST_TEST_MODULE redis_subscriber
#include "redis/redis_subscriber.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

#include "redis/redis_client.hpp"
#include "test/redis/redis_server_fixture.hpp"

using namespace std::chrono_literals;
using recs::errc;
using recs::redis::link_state;
using recs::redis::redis_client;
using recs::redis::redis_options;
using recs::redis::redis_subscriber;
using recs::redis::subscriber_callbacks;
using recs::redis::testing::redis_server;
using steady = std::chrono::steady_clock;

namespace {

/// What a subscriber reported, from its thread, with waits for the test thread.
class recorder {
 public:
  subscriber_callbacks callbacks() {
    return {[this](const std::string& channel, const std::string& message) {
              std::lock_guard<std::mutex> lock(m_);
              messages_.emplace_back(channel, message);
              cv_.notify_all();
            },
            [this](link_state s, const std::string& detail) {
              std::lock_guard<std::mutex> lock(m_);
              states_.push_back(s);
              // Logged later by the test thread: Boost.Test is not thread-safe.
              details_.push_back(detail);
              cv_.notify_all();
            }};
  }

  /// Waits (generously) until `n` states have been reported; the last one.
  std::optional<link_state> wait_states(std::size_t n, std::chrono::milliseconds limit = 10s) {
    std::unique_lock<std::mutex> lock(m_);
    bool reached = cv_.wait_for(lock, limit, [&] { return states_.size() >= n; });
    for (; logged_ < states_.size(); ++logged_) {
      BOOST_TEST_MESSAGE(
          (states_[logged_] == link_state::connected ? "connected: " : "disconnected: ")
          << details_[logged_]);
    }
    if (!reached) return std::nullopt;
    return states_.back();
  }

  bool wait_message(const std::string& channel, const std::string& message,
                    std::chrono::milliseconds limit = 10s) {
    std::unique_lock<std::mutex> lock(m_);
    return cv_.wait_for(lock, limit, [&] {
      for (const auto& m : messages_) {
        if (m.first == channel && m.second == message) return true;
      }
      return false;
    });
  }

  std::vector<link_state> states() {
    std::lock_guard<std::mutex> lock(m_);
    return states_;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<std::pair<std::string, std::string>> messages_;
  std::vector<link_state> states_;
  std::vector<std::string> details_;
  std::size_t logged_ = 0;
};

redis_options fast_options() {
  redis_options o;
  o.connect_timeout = 300ms;
  o.command_timeout = 300ms;
  o.heartbeat_interval = 300ms;
  return o;
}

std::unique_ptr<redis_subscriber> subscribe(const redis_server& server, recorder& rec,
                                            std::vector<std::string> channels) {
  auto sub =
      redis_subscriber::start(server.url(), std::move(channels), rec.callbacks(), fast_options());
  BOOST_REQUIRE(sub.ok());
  return std::move(*sub);
}

/// subscribe(), then waits until the subscriber reports its first state: connected.
std::unique_ptr<redis_subscriber> subscribed(const redis_server& server, recorder& rec,
                                             std::vector<std::string> channels) {
  auto sub = subscribe(server, rec, std::move(channels));
  BOOST_REQUIRE((rec.wait_states(1) == link_state::connected));
  return sub;
}

/// Publishes until some subscriber receives it (PUBLISH counts receivers), the way to know a
/// (re)subscription is in place on the server.
bool publish_until_received(redis_client& c, const std::string& channel,
                            const std::string& message) {
  auto deadline = steady::now() + 10s;
  while (steady::now() < deadline) {
    auto n = c.publish(channel, message);
    if (n.ok() && *n >= 1) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

long long millis(steady::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace

BOOST_AUTO_TEST_CASE(start_rejects_bad_arguments) {
  recs::redis::redis_url url{"127.0.0.1", 6379, "", "", 0};
  recorder rec;
  auto none = redis_subscriber::start(url, {}, rec.callbacks());
  BOOST_REQUIRE(!none.ok());
  BOOST_TEST((none.err().code == errc::invalid_argument));
  auto no_handler = redis_subscriber::start(url, {"c"}, subscriber_callbacks{});
  BOOST_REQUIRE(!no_handler.ok());
  BOOST_TEST((no_handler.err().code == errc::invalid_argument));
}

BOOST_AUTO_TEST_CASE(publish_subscribe_round_trip) {
  redis_server server;
  recorder rec;
  auto sub = subscribed(server, rec, {"recs.invalidate", "recs.live"});
  BOOST_TEST(sub->connected());
  std::this_thread::sleep_for(1s);  // idle: a few heartbeat PINGs, answered, keep the link up
  BOOST_TEST(rec.states().size() == 1u);
  BOOST_TEST(sub->connected());

  redis_client pub(server.url());
  auto n = pub.publish("recs.invalidate", "profile:ross");
  BOOST_REQUIRE(n.ok());
  BOOST_TEST(*n == 1);
  std::string binary("slate\0\r\n{}", 10);
  BOOST_REQUIRE(pub.publish("recs.live", binary).ok());
  BOOST_REQUIRE(pub.publish("recs.other", "not for us").ok());
  BOOST_TEST(rec.wait_message("recs.invalidate", "profile:ross"));
  BOOST_TEST(rec.wait_message("recs.live", binary));
  BOOST_TEST(!rec.wait_message("recs.other", "not for us", 200ms));
}

BOOST_AUTO_TEST_CASE(password_protected_subscription) {
  redis_server server({"--requirepass", "s3cret"});
  recorder rec;
  auto sub =
      redis_subscriber::start(server.url("s3cret"), {"recs.live"}, rec.callbacks(), fast_options());
  BOOST_REQUIRE(sub.ok());
  BOOST_REQUIRE((rec.wait_states(1) == link_state::connected));
  redis_client pub(server.url("s3cret"));
  BOOST_REQUIRE(publish_until_received(pub, "recs.live", "hi"));
  BOOST_TEST(rec.wait_message("recs.live", "hi"));

  recorder refused;
  auto wrong = redis_subscriber::start(server.url("guess"), {"recs.live"}, refused.callbacks(),
                                       fast_options());
  BOOST_REQUIRE(wrong.ok());
  BOOST_TEST((refused.wait_states(1) == link_state::disconnected));
}

// The server stops and comes back on the same port: the subscriber reports disconnected, then
// reconnects and re-subscribes on its own.
BOOST_AUTO_TEST_CASE(subscriber_comes_back_when_the_server_restarts) {
  redis_server server;
  recorder rec;
  auto sub = subscribed(server, rec, {"recs.live"});

  server.stop();
  BOOST_REQUIRE((rec.wait_states(2) == link_state::disconnected));
  BOOST_TEST(!sub->connected());
  std::this_thread::sleep_for(500ms);  // a few failed attempts (not reported one by one)

  server.restart();
  BOOST_REQUIRE((rec.wait_states(3) == link_state::connected));
  BOOST_TEST(sub->connected());
  redis_client pub(server.url());
  BOOST_REQUIRE(publish_until_received(pub, "recs.live", "after restart"));
  BOOST_TEST(rec.wait_message("recs.live", "after restart"));
  BOOST_TEST(
      (rec.states() == std::vector<link_state>{link_state::connected, link_state::disconnected,
                                               link_state::connected}));
}

// No server at first: the first report is disconnected; it connects once the server is there.
BOOST_AUTO_TEST_CASE(subscriber_waits_for_a_server_that_is_not_up_yet) {
  redis_server server;
  server.stop();
  recorder rec;
  auto sub = subscribe(server, rec, {"recs.live"});
  BOOST_REQUIRE((rec.wait_states(1) == link_state::disconnected));
  server.restart();
  BOOST_REQUIRE((rec.wait_states(2) == link_state::connected));
}

// A hung server (SIGSTOP) sends no FIN: the heartbeat PING finds it within
// heartbeat_interval + command_timeout (600 ms here); generous bound for a noisy machine.
BOOST_AUTO_TEST_CASE(silent_server_is_noticed_by_the_heartbeat) {
  redis_server server;
  recorder rec;
  auto sub = subscribed(server, rec, {"recs.live"});

  auto frozen_at = steady::now();
  server.freeze();
  BOOST_REQUIRE((rec.wait_states(2) == link_state::disconnected));
  auto noticed = steady::now() - frozen_at;
  BOOST_TEST_MESSAGE("frozen server noticed after " << millis(noticed) << " ms");
  BOOST_TEST((noticed < 5s));

  server.thaw();
  BOOST_REQUIRE((rec.wait_states(3) == link_state::connected));
}

// stop() must not wait for a timeout, whatever the thread is doing: idle on a healthy link,
// sleeping in a backoff with the server gone, or waiting for a frozen server's reply.
BOOST_AUTO_TEST_CASE(stop_returns_promptly) {
  redis_server server;
  auto timed_stop = [](redis_subscriber& s) {
    auto start = steady::now();
    s.stop();
    auto took = steady::now() - start;
    BOOST_TEST_MESSAGE("stop took " << millis(took) << " ms");
    return took;
  };
  auto generous = 250ms;  // expected: about a millisecond

  recorder idle;
  auto a = subscribed(server, idle, {"recs.live"});
  std::this_thread::sleep_for(100ms);
  BOOST_TEST((timed_stop(*a) < generous));
  BOOST_TEST(!a->connected());
  a->stop();  // idempotent

  recorder frozen;
  auto b = subscribed(server, frozen, {"recs.live"});
  server.freeze();
  std::this_thread::sleep_for(400ms);  // inside the heartbeat's PING wait or reconnecting
  BOOST_TEST((timed_stop(*b) < generous));
  server.thaw();

  recorder gone;
  auto c = subscribed(server, gone, {"recs.live"});
  server.stop();
  BOOST_REQUIRE((gone.wait_states(2) == link_state::disconnected));
  std::this_thread::sleep_for(700ms);  // deep in the backoff
  BOOST_TEST((timed_stop(*c) < generous));
  auto states = gone.states();
  BOOST_TEST(states.size() == 2u);  // stop() reports nothing
}
