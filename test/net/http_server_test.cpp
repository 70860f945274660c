#define BOOST_TEST_MODULE net_http_server
#include <stdlib.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "net/http_server.hpp"
#include "net/json_writer.hpp"
#include "net/router.hpp"
#include "net/static_files.hpp"
#include "test/support/http_client.hpp"

namespace fs = std::filesystem;
namespace net = recs::net;
using recs::test::http_call;
using recs::test::http_connection;
using recs::test::http_reply;
using namespace std::chrono_literals;

namespace {

// Generous client-side limit: the tests never assert how fast anything is.
constexpr int client_timeout_ms = 10000;

std::unique_ptr<net::http_server> start(net::handler h, net::server_options o = {}) {
  o.address = "127.0.0.1";
  o.port = 0;
  auto server = std::make_unique<net::http_server>(std::move(o), std::move(h));
  const auto st = server->start();
  BOOST_TEST_REQUIRE(st.ok());
  BOOST_TEST_REQUIRE(server->port() != 0);
  return server;
}

// Answers with a JSON echo of what the server parsed.
void echo(net::request&& req, net::responder respond) {
  net::json_writer w;
  w.begin_object().member("method", req.method).member("path", req.path);
  w.member("target", req.target).member("body", req.body).member("remote", req.remote);
  w.key("query").begin_array();
  for (const auto& [k, v] : req.query) w.begin_array().value(k).value(v).end_array();
  w.end_array().member("ua", req.header("user-agent")).end_object();
  net::response res;
  res.body = w.str();
  res.headers.emplace_back("X-Echo", "yes");
  respond(std::move(res));
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(get_works) {
  auto server = start(echo);
  const auto r = http_call(server->port(), "GET", "/hello", "", {{"User-Agent", "tester/1"}},
                           client_timeout_ms);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.header("server") == "recs/0.1");
  BOOST_TEST(r.header("content-type") == "application/json");
  BOOST_TEST(r.header("content-length") == std::to_string(r.body.size()));
  BOOST_TEST(r.header("x-echo") == "yes");
  BOOST_TEST(contains(r.body, R"("method":"GET")"));
  BOOST_TEST(contains(r.body, R"("path":"/hello")"));
  BOOST_TEST(contains(r.body, R"("ua":"tester/1")"));  // header names reach the handler lower-case
  BOOST_TEST(contains(r.body, R"("remote":"127.0.0.1")"));
}

BOOST_AUTO_TEST_CASE(post_body_reaches_the_handler) {
  auto server = start(echo);
  const auto r =
      http_call(server->port(), "POST", "/ratings", R"({"primary":2})", {}, client_timeout_ms);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(contains(r.body, R"("body":"{\"primary\":2}")"));
}

BOOST_AUTO_TEST_CASE(keep_alive_serves_two_requests_on_one_connection) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  BOOST_TEST_REQUIRE(conn.connected());
  const auto first = conn.call("GET", "/one");
  BOOST_TEST(first.status == 200);
  BOOST_TEST(contains(first.body, R"("path":"/one")"));
  const auto second = conn.call("POST", "/two", "xyz");
  BOOST_TEST(second.status == 200);
  BOOST_TEST(contains(second.body, R"("path":"/two")"));
  BOOST_TEST(contains(second.body, R"("body":"xyz")"));
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  BOOST_TEST_REQUIRE(
      conn.send_raw("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"));
  BOOST_TEST(contains(conn.read_reply().body, R"("path":"/a")"));
  BOOST_TEST(contains(conn.read_reply().body, R"("path":"/b")"));
}

BOOST_AUTO_TEST_CASE(query_and_path_are_decoded) {
  auto server = start(echo);
  const auto r = http_call(server->port(), "GET",
                           "/shows/slow%20horses?for=ross&q=dry+humour&tick=%E2%9C%93&flag", "", {},
                           client_timeout_ms);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(contains(r.body, R"("path":"/shows/slow horses")"));
  BOOST_TEST(contains(r.body, R"("target":"/shows/slow%20horses?for=ross)"));
  BOOST_TEST(contains(r.body, R"(["for","ross"],["q","dry humour"],["tick","✓"],["flag",""])"));
}

BOOST_AUTO_TEST_CASE(malformed_escape_in_path_is_400_but_keeps_the_connection) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  const auto bad = conn.call("GET", "/shows/%zz");
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(contains(bad.body, R"("error":"bad_request")"));
  BOOST_TEST(conn.call("GET", "/fine").status == 200);
}

BOOST_AUTO_TEST_CASE(router_params_404_and_405) {
  net::router rt;
  rt.add("GET", "/shows/{id}/similar",
         [](net::request&&, const net::router::params& p, net::responder respond) {
           net::json_writer w;
           w.begin_object().member("id", p.at(0).second).end_object();
           net::response res;
           res.body = w.str();
           respond(std::move(res));
         });
  rt.add("POST", "/ratings", [](net::request&&, const net::router::params&, net::responder r) {
    r(net::response{201, "application/json", "{}", {}});
  });
  auto server = start(rt.as_handler());
  const auto port = server->port();

  const auto ok = http_call(port, "GET", "/shows/the%20bear/similar/", "", {}, client_timeout_ms);
  BOOST_TEST(ok.status == 200);
  BOOST_TEST(ok.body == R"({"id":"the bear"})");
  BOOST_TEST(http_call(port, "POST", "/ratings", "{}", {}, client_timeout_ms).status == 201);

  const auto missing = http_call(port, "GET", "/nowhere", "", {}, client_timeout_ms);
  BOOST_TEST(missing.status == 404);
  BOOST_TEST(contains(missing.body, R"("error":"not_found")"));

  const auto wrong = http_call(port, "DELETE", "/ratings", "", {}, client_timeout_ms);
  BOOST_TEST(wrong.status == 405);
  BOOST_TEST(wrong.header("allow") == "POST");
  BOOST_TEST(contains(wrong.body, R"("error":"method_not_allowed")"));
}

BOOST_AUTO_TEST_CASE(head_sends_headers_only) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  const auto get = conn.call("GET", "/same");
  const auto head = conn.call("HEAD", "/same");
  BOOST_TEST(head.status == 200);
  BOOST_TEST(head.body.empty());
  // The echo differs only in the method name: "HEAD" is one byte longer than "GET".
  BOOST_TEST(head.header("content-length") == std::to_string(get.body.size() + 1));
  BOOST_TEST(conn.call("GET", "/after").status == 200);  // framing intact afterwards
}

BOOST_AUTO_TEST_CASE(body_over_the_limit_is_413_and_closes) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  const auto r = conn.call("POST", "/ratings", std::string(65 * 1024, 'x'));
  BOOST_TEST(r.status == 413);
  BOOST_TEST(r.header("content-type") == "application/json");
  BOOST_TEST(contains(r.body, R"("error":"payload_too_large")"));
  BOOST_TEST(contains(r.body, R"("message":")"));
  BOOST_TEST(conn.wait_closed(client_timeout_ms));
  // A body exactly at the limit is fine.
  const auto at_limit =
      http_call(server->port(), "POST", "/x", std::string(64 * 1024, 'y'), {}, client_timeout_ms);
  BOOST_TEST(at_limit.status == 200);
}

BOOST_AUTO_TEST_CASE(chunked_body_over_the_limit_is_413) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  std::string req = "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(16 * 1024, 'z');
  for (int i = 0; i < 5; ++i) req += "4000\r\n" + chunk + "\r\n";
  req += "0\r\n\r\n";
  conn.send_raw(req);
  const auto r = conn.read_reply();
  BOOST_TEST(r.status == 413);
  BOOST_TEST(contains(r.body, "payload_too_large"));
}

BOOST_AUTO_TEST_CASE(malformed_request_line_is_400_and_closes) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  conn.send_raw("THIS IS NOT HTTP\r\n\r\n");
  const auto r = conn.read_reply();
  BOOST_TEST(r.status == 400);
  BOOST_TEST(contains(r.body, R"("error":"bad_request")"));
  BOOST_TEST(conn.wait_closed(client_timeout_ms));
}

BOOST_AUTO_TEST_CASE(oversized_headers_are_431_and_close) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  const auto r = conn.call("GET", "/x", "", {{"X-Big", std::string(20 * 1024, 'h')}});
  BOOST_TEST(r.status == 431);
  BOOST_TEST(contains(r.body, R"("error":"headers_too_large")"));
  BOOST_TEST(conn.wait_closed(client_timeout_ms));
}

BOOST_AUTO_TEST_CASE(expect_100_continue_is_answered) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  conn.send_raw(
      "POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  BOOST_TEST(conn.read_reply(false, true).status == 100);
  conn.send_raw("hello");
  const auto r = conn.read_reply();
  BOOST_TEST(r.status == 200);
  BOOST_TEST(contains(r.body, R"("body":"hello")"));
}

BOOST_AUTO_TEST_CASE(http10_without_keep_alive_is_closed_after_the_response) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  conn.send_raw("GET /old HTTP/1.0\r\n\r\n");
  BOOST_TEST(conn.read_reply().status == 200);
  BOOST_TEST(conn.wait_closed(client_timeout_ms));
}

BOOST_AUTO_TEST_CASE(idle_keep_alive_connection_is_closed_after_the_read_timeout) {
  net::server_options o;
  o.read_timeout = 200ms;
  auto server = start(echo, o);
  http_connection conn(server->port(), client_timeout_ms);
  BOOST_TEST(conn.call("GET", "/x").status == 200);
  BOOST_TEST(conn.wait_closed(client_timeout_ms));
}

BOOST_AUTO_TEST_CASE(silent_handler_gets_503_after_the_deadline) {
  std::mutex m;
  std::vector<net::responder> parked;  // kept alive, answered only after the 503
  net::server_options o;
  o.handler_deadline = 200ms;
  auto server = start(
      [&](net::request&& req, net::responder respond) {
        if (req.path == "/quick") return echo(std::move(req), std::move(respond));
        std::lock_guard lock(m);
        parked.push_back(std::move(respond));
      },
      o);
  http_connection conn(server->port(), client_timeout_ms);
  const auto r = conn.call("GET", "/slow");
  BOOST_TEST(r.status == 503);
  BOOST_TEST(r.header("content-type") == "application/json");
  BOOST_TEST(r.body == R"({"error":"timeout","message":"the service did not answer in time"})");
  {
    std::lock_guard lock(m);
    BOOST_TEST_REQUIRE(parked.size() == 1u);
    parked[0](net::response{200, "text/plain", "too late", {}});  // must be ignored
  }
  const auto next = conn.call("GET", "/quick");  // the connection goes on in order
  BOOST_TEST(next.status == 200);
  BOOST_TEST(contains(next.body, R"("path":"/quick")"));
}

BOOST_AUTO_TEST_CASE(responder_called_later_from_another_thread) {
  std::mutex m;
  std::vector<std::thread> workers;
  auto server = start([&](net::request&& req, net::responder respond) {
    std::lock_guard lock(m);
    workers.emplace_back([path = req.path, respond = std::move(respond)] {
      std::this_thread::sleep_for(50ms);
      respond(net::response{200, "text/plain", "late " + path, {}});
    });
  });
  http_connection conn(server->port(), client_timeout_ms);
  const auto a = conn.call("GET", "/a");
  const auto b = conn.call("GET", "/b");
  BOOST_TEST(a.status == 200);
  BOOST_TEST(a.body == "late /a");
  BOOST_TEST(a.header("content-type") == "text/plain");
  BOOST_TEST(b.body == "late /b");
  std::lock_guard lock(m);
  for (auto& t : workers) t.join();
}

BOOST_AUTO_TEST_CASE(responder_racing_the_handler_return_is_never_lost) {
  // Another thread answers while the handler may still be returning; with and without a
  // deadline every request must get its own answer.
  for (const auto deadline : {10000ms, 0ms}) {
    std::mutex m;
    std::vector<std::thread> workers;
    net::server_options o;
    o.handler_deadline = deadline;
    auto server = start(
        [&](net::request&& req, net::responder respond) {
          std::lock_guard lock(m);
          workers.emplace_back([path = req.path, respond = std::move(respond)] {
            respond(net::response{200, "text/plain", path, {}});
          });
        },
        o);
    http_connection conn(server->port(), client_timeout_ms);
    int answered = 0;
    for (int i = 0; i < 100; ++i) {
      const auto r = conn.call("GET", "/r" + std::to_string(i));
      answered += r.status == 200 && r.body == "/r" + std::to_string(i);
    }
    BOOST_TEST(answered == 100);
    std::lock_guard lock(m);
    for (auto& t : workers) t.join();
  }
}

BOOST_AUTO_TEST_CASE(second_responder_call_is_ignored) {
  auto server = start([](net::request&&, net::responder respond) {
    respond(net::response{200, "text/plain", "first", {}});
    respond(net::response{500, "text/plain", "second", {}});
  });
  http_connection conn(server->port(), client_timeout_ms);
  BOOST_TEST(conn.call("GET", "/x").body == "first");
  BOOST_TEST(conn.call("GET", "/y").body == "first");
}

BOOST_AUTO_TEST_CASE(throwing_handler_is_500_json) {
  auto server = start([](net::request&& req, net::responder) {
    if (req.path == "/int") throw 42;
    throw std::runtime_error("boom");
  });
  http_connection conn(server->port(), client_timeout_ms);
  const auto r = conn.call("GET", "/boom");
  BOOST_TEST(r.status == 500);
  BOOST_TEST(contains(r.body, R"("error":"internal")"));
  BOOST_TEST(conn.call("GET", "/int").status == 500);
}

BOOST_AUTO_TEST_CASE(websocket_upgrade_is_refused_for_now) {
  auto server = start(echo);
  http_connection conn(server->port(), client_timeout_ms);
  conn.send_raw(
      "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  const auto r = conn.read_reply();
  BOOST_TEST(r.status == 404);
  BOOST_TEST(contains(r.body, R"("error":"not_found")"));
}

BOOST_AUTO_TEST_CASE(on_complete_hook_sees_each_exchange) {
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::pair<std::string, unsigned>> seen;
  net::server_options o;
  o.on_complete = [&](const net::request& req, const net::response& res,
                      std::chrono::microseconds) {
    std::lock_guard lock(m);
    seen.emplace_back(req.method + " " + req.path, res.status);
    cv.notify_all();
  };
  auto server = start(echo, o);
  const auto wait_for = [&](std::size_t n) {
    // The hook runs after the write completes, possibly after the client has read the reply.
    std::unique_lock lock(m);
    return cv.wait_for(lock, 10s, [&] { return seen.size() >= n; });
  };
  BOOST_TEST(http_call(server->port(), "GET", "/logged", "", {}, client_timeout_ms).status == 200);
  BOOST_TEST(wait_for(1));
  http_connection conn(server->port(), client_timeout_ms);
  conn.send_raw("NOT HTTP\r\n\r\n");
  BOOST_TEST(conn.read_reply().status == 400);
  BOOST_TEST(wait_for(2));
  std::lock_guard lock(m);
  BOOST_TEST_REQUIRE(seen.size() == 2u);
  BOOST_TEST(seen[0].first == "GET /logged");
  BOOST_TEST(seen[0].second == 200u);
  BOOST_TEST(seen[1].second == 400u);
}

BOOST_AUTO_TEST_CASE(static_files_through_the_server) {
  std::string tmpl = (fs::temp_directory_path() / "recs_web_XXXXXX").string();
  BOOST_TEST_REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  const fs::path base = tmpl;
  fs::create_directories(base / "web");
  std::ofstream(base / "web" / "index.html") << "<h1>recs</h1>";
  std::ofstream(base / "web" / "app.js") << "let x = 1;";
  std::ofstream(base / "secret.txt") << "TOP SECRET";

  auto files = net::static_files::open((base / "web").string());
  BOOST_TEST_REQUIRE(files.ok());
  net::router rt;
  rt.add("GET", "/healthz", [](net::request&&, const net::router::params&, net::responder r) {
    r(net::response{200, "text/plain", "ok", {}});
  });
  rt.set_fallback(files->as_fallback());
  auto server = start(rt.as_handler());
  const auto port = server->port();

  const auto index = http_call(port, "GET", "/", "", {}, client_timeout_ms);
  BOOST_TEST(index.status == 200);
  BOOST_TEST(index.body == "<h1>recs</h1>");
  BOOST_TEST(index.header("content-type") == "text/html; charset=utf-8");
  const auto js = http_call(port, "GET", "/app.js?v=3", "", {}, client_timeout_ms);
  BOOST_TEST(js.body == "let x = 1;");
  BOOST_TEST(js.header("content-type") == "text/javascript; charset=utf-8");
  const auto head = http_call(port, "HEAD", "/app.js", "", {}, client_timeout_ms);
  BOOST_TEST(head.status == 200);
  BOOST_TEST(head.header("content-length") == "10");
  BOOST_TEST(http_call(port, "GET", "/healthz", "", {}, client_timeout_ms).body == "ok");

  for (const std::string target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2E%2E%2Fsecret.txt",
        "/%252e%252e/secret.txt", "/..\\secret.txt", "/index.html%00.js", "//etc/passwd",
        "/%2fetc%2fpasswd", "/missing.css"}) {
    BOOST_TEST_CONTEXT("target=" << target) {
      const auto r = http_call(port, "GET", target, "", {}, client_timeout_ms);
      BOOST_TEST(r.status == 404);
      BOOST_TEST(!contains(r.body, "SECRET"));
    }
  }
  server.reset();
  fs::remove_all(base);
}

BOOST_AUTO_TEST_CASE(stop_closes_connections_and_frees_the_port) {
  std::mutex m;
  std::vector<net::responder> parked;
  auto server = start([&](net::request&& req, net::responder respond) {
    if (req.path != "/park") return echo(std::move(req), std::move(respond));
    std::lock_guard lock(m);
    parked.push_back(std::move(respond));
  });
  const uint16_t port = server->port();
  http_connection idle(port, client_timeout_ms);
  BOOST_TEST(idle.call("GET", "/warm").status == 200);
  http_connection waiting(port, client_timeout_ms);
  waiting.send_raw("GET /park HTTP/1.1\r\nHost: x\r\n\r\n");
  for (int i = 0; i < 1000; ++i) {  // let the handler park its responder
    {
      std::lock_guard lock(m);
      if (!parked.empty()) break;
    }
    std::this_thread::sleep_for(5ms);
  }

  std::thread stopper([&] { server->stop(); });  // e.g. a signal-waiting thread
  stopper.join();
  server->stop();  // idempotent
  BOOST_TEST(idle.wait_closed(client_timeout_ms));
  BOOST_TEST(waiting.wait_closed(client_timeout_ms));
  BOOST_TEST(!http_connection(port, client_timeout_ms).connected());

  {
    std::lock_guard lock(m);
    BOOST_TEST_REQUIRE(parked.size() == 1u);
    parked[0](net::response{});  // after stop: ignored, and must not crash
  }
  server.reset();
  {
    std::lock_guard lock(m);
    parked.clear();  // the last reference to the server's state goes here
  }

  net::server_options o;
  o.address = "127.0.0.1";
  o.port = port;
  net::http_server again(o, echo);
  const auto st = again.start();
  BOOST_TEST_REQUIRE(st.ok());
  BOOST_TEST(http_call(port, "GET", "/back", "", {}, client_timeout_ms).status == 200);
}

BOOST_AUTO_TEST_CASE(start_reports_errors) {
  auto first = start(echo);
  net::server_options o;
  o.address = "127.0.0.1";
  o.port = first->port();
  net::http_server clash(o, echo);
  const auto busy = clash.start();
  BOOST_TEST_REQUIRE(!busy.ok());
  BOOST_TEST((busy.err().code == recs::errc::unavailable));

  o.address = "not-an-address";
  net::http_server bad(o, echo);
  const auto invalid = bad.start();
  BOOST_TEST_REQUIRE(!invalid.ok());
  BOOST_TEST((invalid.err().code == recs::errc::invalid_argument));
  BOOST_TEST(!first->start().ok());  // already started
}
