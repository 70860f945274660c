#define BOOST_TEST_MODULE net_ws_transport
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "net/http_server.hpp"
#include "test/support/http_client.hpp"
#include "test/support/ws_client.hpp"

using namespace recs;

namespace {

/// Echoes every text message; records what happened to its connection.
struct echo : net::ws_listener {
  std::shared_ptr<net::ws_connection> conn;
  std::atomic<bool> closed{false};
  void on_text(std::string text) override { conn->send("echo:" + text); }
  void on_closed() override { closed = true; }
};

struct server_fixture {
  std::shared_ptr<echo> last;
  std::unique_ptr<net::http_server> server;

  explicit server_fixture(std::size_t queue_limit = 256,
                          std::chrono::milliseconds idle = std::chrono::milliseconds(30000)) {
    net::server_options o;
    o.address = "127.0.0.1";
    o.port = 0;
    o.ws_queue_limit = queue_limit;
    o.ws_message_limit = 1024;
    o.ws_idle_timeout = idle;
    o.websocket = [this](const net::request& up) {
      net::ws_decision d;
      if (up.header("origin") == "http://evil.example") {
        d.refuse = net::json_error(403, "forbidden", "origin not allowed");
        return d;
      }
      d.make_listener = [this](std::shared_ptr<net::ws_connection> c) {
        auto e = std::make_shared<echo>();
        e->conn = std::move(c);
        last = e;
        return e;
      };
      return d;
    };
    server = std::make_unique<net::http_server>(
        o, [](net::request&&, net::responder r) { r(net::json_error(404, "not_found", "x")); });
    BOOST_REQUIRE(server->start().ok());
  }
};

bool eventually(const std::function<bool()>& f, int ms = 5000) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < end) {
    if (f()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return f();
}

}  // namespace

BOOST_AUTO_TEST_CASE(upgrade_echo_and_close) {
  server_fixture f;
  test::ws_client c(f.server->port(), "/ws");
  BOOST_REQUIRE(c.status() == 101);
  BOOST_TEST(c.send_text("hello"));
  BOOST_TEST(c.receive(5000).value_or("") == "echo:hello");
  // Plain HTTP on the same port still works.
  BOOST_TEST(test::http_call(f.server->port(), "GET", "/x").status == 404);
}

BOOST_AUTO_TEST_CASE(wrong_path_and_refused_origin_get_http_errors) {
  server_fixture f;
  test::ws_client wrong(f.server->port(), "/not-ws");
  BOOST_TEST(wrong.status() == 404);
  test::ws_client evil(f.server->port(), "/ws", {{"Origin", "http://evil.example"}});
  BOOST_TEST(evil.status() == 403);
  BOOST_TEST(evil.refusal().find("origin not allowed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_message_over_the_limit_closes_with_1009) {
  server_fixture f;
  test::ws_client c(f.server->port(), "/ws");
  BOOST_REQUIRE(c.status() == 101);
  c.send_text(std::string(4096, 'x'));
  BOOST_TEST(!c.receive(5000).has_value());
  BOOST_TEST(c.closed());
  BOOST_TEST(c.close_code() == 1009u);
}

BOOST_AUTO_TEST_CASE(a_client_that_does_not_read_is_disconnected_not_buffered) {
  server_fixture f(8);
  test::ws_client c(f.server->port(), "/ws");
  BOOST_REQUIRE(c.status() == 101);
  BOOST_REQUIRE(eventually([&] { return f.last != nullptr; }));
  auto conn = f.last->conn;
  // The client never reads: the socket buffers fill, then the queue; a send is refused.
  const std::string big(256 * 1024, 'y');
  bool refused = false;
  for (int i = 0; i < 2000 && !refused; ++i) {
    refused = !conn->send(big);
    if (!refused && conn->queued() >= 8) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  BOOST_TEST(refused);
  BOOST_TEST(conn->queued() <= 8u);
  c.close_socket();
  BOOST_TEST(eventually([&] { return f.last->closed.load(); }));
  BOOST_TEST(!conn->send("after close"));
}

BOOST_AUTO_TEST_CASE(server_stop_closes_open_connections) {
  server_fixture f;
  test::ws_client c(f.server->port(), "/ws");
  BOOST_REQUIRE(c.status() == 101);
  BOOST_REQUIRE(eventually([&] { return f.last != nullptr; }));
  f.server->stop();
  BOOST_TEST(!c.receive(5000).has_value());
  BOOST_TEST(c.closed());
  BOOST_TEST(f.last->closed.load());
}

BOOST_AUTO_TEST_CASE(heartbeats_keep_a_live_client_and_cut_a_silent_one) {
  server_fixture f(256, std::chrono::milliseconds(400));
  test::ws_client live(f.server->port(), "/ws");
  BOOST_REQUIRE(live.status() == 101);
  BOOST_REQUIRE(eventually([&] { return f.last != nullptr; }));
  auto live_listener = f.last;
  test::ws_client silent(f.server->port(), "/ws");
  BOOST_REQUIRE(silent.status() == 101);
  BOOST_REQUIRE(eventually([&] { return f.last != live_listener; }));
  auto silent_listener = f.last;
  // For 2 s the live client reads (and so answers pings); the silent one never does.
  for (int i = 0; i < 20; ++i) live.receive(100);
  BOOST_TEST(!live_listener->closed.load());
  BOOST_TEST(silent_listener->closed.load());
  BOOST_TEST(live.send_text("still here"));
  BOOST_TEST(live.receive(2000).value_or("") == "echo:still here");
}
