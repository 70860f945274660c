#define BOOST_TEST_MODULE net_ws_transport
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "net/http_server.hpp"
#include "test/support/http_client.hpp"
#include "test/support/ws_client.hpp"

using namespace recs;

namespace {

/// `n` bytes of printable text that differ from one position to the next.
std::shared_ptr<const std::string> pattern(std::size_t n) {
  std::string s(n, ' ');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('!' + (i * 7 + i / 93) % 90);
  return std::make_shared<const std::string>(std::move(s));
}

/// Echoes every text message; records what happened to its connection. "twice <n>" is answered
/// with one message of an n-byte body sent twice: whole (send), then in parts (send_shared).
struct echo : net::ws_listener {
  std::shared_ptr<net::ws_connection> conn;
  std::atomic<bool> closed{false};
  void on_text(std::string text) override {
    if (text.rfind("twice ", 0) == 0) {
      auto body = pattern(std::stoul(text.substr(6)));
      conn->send("{\"head\":" + *body + "}");
      conn->send_shared("{\"head\":", body, "}");
      return;
    }
    conn->send("echo:" + text);
  }
  void on_closed() override { closed = true; }
};

/// A bare WebSocket client that keeps the server's frames as raw bytes (header included), to
/// compare what is on the wire.
class raw_client {
 public:
  explicit raw_client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    const std::string req =
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: "
        "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: "
        "13\r\n\r\n";
    if (!write_all(req)) return;
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return;
    upgraded_ = buf_.rfind("HTTP/1.1 101", 0) == 0;
    buf_.erase(0, end + 4);
  }
  ~raw_client() { ::close(fd_); }
  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  bool upgraded() const { return upgraded_; }

  /// One masked text frame (a zero mask key: the payload goes as is).
  bool send_text(const std::string& text) {
    std::string f{'\x81'};
    f += static_cast<char>(0x80 | text.size());  // short messages only
    f += std::string(4, '\0');
    return text.size() < 126 && write_all(f + text);
  }

  /// The frames of the next message, as received, and its payload; nullopt on a timeout.
  std::optional<std::pair<std::string, std::string>> message() {
    std::string raw, payload;
    for (;;) {
      while (buf_.size() < 2)
        if (!fill()) return std::nullopt;
      std::size_t len = static_cast<unsigned char>(buf_[1]) & 0x7f, pos = 2;
      if (len >= 126) {
        pos = len == 126 ? 4 : 10;
        while (buf_.size() < pos)
          if (!fill()) return std::nullopt;
        len = 0;
        for (std::size_t i = 2; i < pos; ++i)
          len = (len << 8) | static_cast<unsigned char>(buf_[i]);
      }
      while (buf_.size() < pos + len)
        if (!fill()) return std::nullopt;
      const bool fin = (static_cast<unsigned char>(buf_[0]) & 0x80) != 0;
      raw += buf_.substr(0, pos + len);
      payload += buf_.substr(pos, len);
      buf_.erase(0, pos + len);
      if (fin) return std::make_pair(raw, payload);
    }
  }

 private:
  bool write_all(const std::string& s) {
    return ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
  }
  bool fill() {
    char b[65536];
    const ssize_t n = ::recv(fd_, b, sizeof b, 0);
    if (n <= 0) return false;
    buf_.append(b, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool upgraded_ = false;
  std::string buf_;
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

BOOST_AUTO_TEST_CASE(a_message_in_parts_is_on_the_wire_byte_for_byte_as_the_whole_one) {
  server_fixture f;
  raw_client c(f.server->port());
  BOOST_REQUIRE(c.upgraded());
  // Small (one frame) and large (Beast fragments it: the frames must be the same too).
  for (const std::size_t n : {std::size_t{0}, std::size_t{100}, std::size_t{20 * 1024 + 3}}) {
    BOOST_TEST_INFO("body of " << n << " bytes");
    BOOST_REQUIRE(c.send_text("twice " + std::to_string(n)));
    const auto whole = c.message();
    const auto parts = c.message();
    BOOST_REQUIRE(whole.has_value());
    BOOST_REQUIRE(parts.has_value());
    BOOST_TEST(whole->second == "{\"head\":" + *pattern(n) + "}");
    BOOST_TEST(parts->first == whole->first);  // frame headers and payloads
    BOOST_TEST_MESSAGE(n << " body bytes: " << whole->first.size() - whole->second.size()
                         << " bytes of frame headers");
  }
}

BOOST_AUTO_TEST_CASE(one_shared_body_reaches_two_connections_each_with_its_own_head) {
  server_fixture f;
  test::ws_client a(f.server->port(), "/ws");
  BOOST_REQUIRE(a.status() == 101);
  BOOST_REQUIRE(eventually([&] { return f.last != nullptr; }));
  auto first = f.last;
  test::ws_client b(f.server->port(), "/ws");
  BOOST_REQUIRE(b.status() == 101);
  BOOST_REQUIRE(eventually([&] { return f.last != first; }));
  auto second = f.last;

  auto body = pattern(20 * 1024);
  BOOST_TEST(first->conn->send("before"));
  BOOST_TEST(first->conn->send_shared("{\"id\":\"a\",\"items\":", body, "}"));
  BOOST_TEST(second->conn->send_shared("{\"id\":\"bb\",\"items\":", body, "}"));
  BOOST_TEST(first->conn->send("after"));
  BOOST_TEST(second->conn->send_shared("head only:", nullptr, ":tail"));
  BOOST_TEST(a.receive(5000).value_or("") == "before");  // in order with plain messages
  BOOST_TEST(a.receive(5000).value_or("") == "{\"id\":\"a\",\"items\":" + *body + "}");
  BOOST_TEST(a.receive(5000).value_or("") == "after");
  BOOST_TEST(b.receive(5000).value_or("") == "{\"id\":\"bb\",\"items\":" + *body + "}");
  BOOST_TEST(b.receive(5000).value_or("") == "head only::tail");
  // Written, the messages let go of the body.
  BOOST_TEST(eventually([&] { return body.use_count() == 1; }));
}

BOOST_AUTO_TEST_CASE(shared_messages_count_against_the_queue_bound_too) {
  server_fixture f(8);
  test::ws_client c(f.server->port(), "/ws");
  BOOST_REQUIRE(c.status() == 101);
  BOOST_REQUIRE(eventually([&] { return f.last != nullptr; }));
  auto conn = f.last->conn;
  const auto big = pattern(256 * 1024);
  bool refused = false;
  for (int i = 0; i < 2000 && !refused; ++i) {
    refused = !conn->send_shared("[", big, "]");
    if (!refused && conn->queued() >= 8) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  BOOST_TEST(refused);
  BOOST_TEST(conn->queued() <= 8u);
  // The client reads at last: what was being written, then the close (1008, too slow).
  while (c.receive(5000).has_value()) {
  }
  BOOST_TEST(c.close_code() == 1008u);
  BOOST_TEST(eventually([&] { return f.last->closed.load(); }));
  BOOST_TEST(!conn->send_shared("[", big, "]"));
  BOOST_TEST(eventually([&] { return big.use_count() == 1; }));
}
