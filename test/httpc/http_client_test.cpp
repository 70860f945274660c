#define BOOST_TEST_MODULE httpc_http_client
#include "httpc/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "test/support/replay_server.hpp"

using namespace std::chrono_literals;
using recs::errc;
using recs::httpc::client_options;
using recs::httpc::http_client;
using recs::httpc::request;
using recs::test::answer;
using recs::test::replay_options;
using recs::test::replay_route;
using recs::test::replay_server;
using recs::test::route;
using recs::test::tls_identity;

namespace {

struct temp_dir {
  std::string path;
  temp_dir() {
    char pattern[] = "/tmp/recs-httpc-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    BOOST_REQUIRE(made != nullptr);
    path = made;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::unique_ptr<replay_server> serve(std::vector<replay_route> routes,
                                     std::optional<tls_identity> tls = std::nullopt) {
  replay_options opts;
  opts.tls = std::move(tls);
  auto server = std::make_unique<replay_server>(
      recs::test::replay_scenarios{{"default", std::move(routes)}}, opts);
  auto st = server->start();
  BOOST_REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.err().message));
  return server;
}

request get(const std::string& url) {
  request r;
  r.url = url;
  return r;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// A port nothing listens on: bound, then closed.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

/// A TLS server for `names` and a client trusting it through a PEM file.
struct tls_setup {
  temp_dir dir;
  std::string ca_file;
  std::unique_ptr<replay_server> server;

  explicit tls_setup(std::vector<replay_route> routes,
                     std::vector<std::string> names = {"localhost", "127.0.0.1", "::1"}) {
    auto id = recs::test::make_self_signed(names);
    BOOST_REQUIRE_MESSAGE(id.ok(), (id.ok() ? "" : id.err().message));
    ca_file = dir.path + "/ca.pem";
    BOOST_REQUIRE(recs::test::write_text_file(ca_file, id->cert_pem).ok());
    server = serve(std::move(routes), *id);
  }
  client_options trusting() const {
    client_options o;
    o.ca_file = ca_file;
    return o;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(get_returns_status_headers_and_body) {
  auto server =
      serve({route("GET", "/shows?page=1", {answer(200, "[{\"id\":1}]", {{"X-Test", "yes"}})})});
  http_client client;
  auto r = client.send(get(server->base_url() + "/shows?page=1"));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(r->status == 200);
  BOOST_TEST(r->body == "[{\"id\":1}]");
  BOOST_TEST(r->header("x-test") == "yes");
  BOOST_TEST(r->header("X-TEST") == "yes");
  BOOST_TEST(r->header("content-type") == "application/json");
  BOOST_TEST(r->header("absent").empty());
  for (const auto& [name, value] : r->headers) {
    BOOST_TEST(name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos, name);
  }

  const auto log = server->log();
  BOOST_REQUIRE(log.size() == 1u);
  BOOST_TEST(log[0].method == "GET");
  BOOST_TEST(log[0].target == "/shows?page=1");
  const auto header = [&](const std::string& name) {
    for (const auto& [n, v] : log[0].headers) {
      if (n == name) return v;
    }
    return std::string();
  };
  BOOST_TEST(header("host") == "127.0.0.1:" + std::to_string(server->port()));
  BOOST_TEST(header("user-agent") == "recs/0.1");
}

BOOST_AUTO_TEST_CASE(post_sends_body_and_headers) {
  auto popular = route("POST", "/graphql", {answer(200, "{\"op\":\"popular\"}")});
  popular.body_contains = "\"operationName\":\"GetPopularTitles\"";
  auto providers = route("POST", "/graphql", {answer(200, "{\"op\":\"providers\"}")});
  providers.body_contains = "\"operationName\":\"GetProviders\"";
  auto server = serve({popular, providers});
  client_options opts;
  opts.user_agent = "recs-test/1";
  http_client client(opts);
  request r;
  r.method = "POST";
  r.url = server->base_url() + "/graphql";
  r.headers = {{"Content-Type", "application/json"}, {"X-Extra", "1"}, {"Content-Length", "999"}};
  r.body = "{\"operationName\":\"GetProviders\",\"variables\":{}}";
  auto a = client.send(r);
  BOOST_REQUIRE(a.ok());
  BOOST_TEST(a->body == "{\"op\":\"providers\"}");
  r.body = "{\"operationName\":\"GetPopularTitles\",\"variables\":{}}";
  auto b = client.send(r);
  BOOST_REQUIRE(b.ok());
  BOOST_TEST(b->body == "{\"op\":\"popular\"}");

  const auto log = server->log();
  BOOST_REQUIRE(log.size() == 2u);
  BOOST_TEST(log[1].body == r.body);
  std::string length, agent, extra;
  for (const auto& [n, v] : log[1].headers) {
    if (n == "content-length") length = v;
    if (n == "user-agent") agent = v;
    if (n == "x-extra") extra = v;
  }
  BOOST_TEST(length == std::to_string(r.body.size()));  // ours, not the caller's
  BOOST_TEST(agent == "recs-test/1");
  BOOST_TEST(extra == "1");
}

BOOST_AUTO_TEST_CASE(any_status_is_a_response) {
  auto server = serve({route("GET", "/missing", {answer(404, "{\"name\":\"Not Found\"}")}),
                       route("GET", "/broken", {answer(500, "oops")})});
  http_client client;
  auto missing = client.send(get(server->base_url() + "/missing"));
  BOOST_REQUIRE(missing.ok());
  BOOST_TEST(missing->status == 404);
  BOOST_TEST(missing->body == "{\"name\":\"Not Found\"}");
  auto broken = client.send(get(server->base_url() + "/broken"));
  BOOST_REQUIRE(broken.ok());
  BOOST_TEST(broken->status == 500);
  BOOST_TEST(broken->body == "oops");
  BOOST_TEST(server->connections() == 1u);  // error statuses keep the connection too
}

BOOST_AUTO_TEST_CASE(keep_alive_reuses_one_connection) {
  auto server = serve({route("GET", "/a", {answer(200, "{}")})});
  http_client client;
  for (int i = 0; i < 5; ++i) {
    auto r = client.send(get(server->base_url() + "/a?i=" + std::to_string(i)));
    BOOST_REQUIRE(r.ok());
    BOOST_TEST(r->status == 200);
  }
  BOOST_TEST(server->connections() == 1u);
  for (const auto& entry : server->log()) BOOST_TEST(entry.connection == 1u);
  client.close_all();
  BOOST_REQUIRE(client.send(get(server->base_url() + "/a")).ok());
  BOOST_TEST(server->connections() == 2u);
}

BOOST_AUTO_TEST_CASE(a_kept_alive_connection_the_server_closed_is_replaced_once) {
  auto first = answer(200, "{\"n\":1}");
  first.hangup = true;  // the server closes after answering, without saying so
  auto server = serve({route("GET", "/a", {first, answer(200, "{\"n\":2}")})});
  http_client client;
  auto a = client.send(get(server->base_url() + "/a"));
  BOOST_REQUIRE(a.ok());
  BOOST_TEST(a->body == "{\"n\":1}");
  auto b = client.send(get(server->base_url() + "/a"));
  BOOST_REQUIRE_MESSAGE(b.ok(), (b.ok() ? "" : b.err().message));
  BOOST_TEST(b->body == "{\"n\":2}");
  BOOST_TEST(server->connections() == 2u);
  BOOST_TEST(server->log().size() == 2u);  // the lost request never reached the server
}

BOOST_AUTO_TEST_CASE(connection_close_is_honoured) {
  auto server = serve({route("GET", "/a", {answer(200, "{}")})});
  http_client client;
  request r = get(server->base_url() + "/a");
  r.headers = {{"Connection", "close"}};
  BOOST_REQUIRE(client.send(r).ok());
  BOOST_REQUIRE(client.send(r).ok());
  BOOST_TEST(server->connections() == 2u);
}

BOOST_AUTO_TEST_CASE(a_fresh_connection_dropped_without_an_answer_is_an_error) {
  auto dropped = answer(200);
  dropped.drop = true;
  auto server = serve({route("GET", "/drop", {dropped})});
  http_client client;
  auto r = client.send(get(server->base_url() + "/drop"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(contains(r.err().message, "connection closed before the answer"), r.err().message);
  BOOST_TEST(server->log().size() == 1u);  // not sent twice
}

BOOST_AUTO_TEST_CASE(chunked_answers_are_joined) {
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "{\"id\":" + std::to_string(i) + "},";
  const std::string body = "[" + big + "{}]";
  auto chunked = answer(200, body);
  chunked.chunked = true;
  auto empty = answer(200, "");
  empty.chunked = true;
  auto server = serve({route("GET", "/big", {chunked}), route("GET", "/empty", {empty})});
  http_client client;
  auto r = client.send(get(server->base_url() + "/big"));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->body.size() == body.size());
  BOOST_TEST((r->body == body));
  auto e = client.send(get(server->base_url() + "/empty"));
  BOOST_REQUIRE(e.ok());
  BOOST_TEST(e->body.empty());
  BOOST_TEST(server->connections() == 1u);
}

BOOST_AUTO_TEST_CASE(a_slow_answer_times_out) {
  auto slow = answer(200);
  slow.delay_ms = 5000;
  auto server = serve({route("GET", "/slow", {slow})});
  client_options opts;
  opts.request_timeout = 300ms;
  http_client client(opts);
  const auto t0 = std::chrono::steady_clock::now();
  auto r = client.send(get(server->base_url() + "/slow"));
  const auto took = std::chrono::steady_clock::now() - t0;
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(contains(r.err().message, "timeout after 300 ms reading the answer"), r.err().message);
  BOOST_TEST(contains(r.err().message, "http://127.0.0.1:"), r.err().message);
  BOOST_TEST((took < 4s));  // well before the server's 5 s
}

BOOST_AUTO_TEST_CASE(connect_refused_is_unavailable) {
  http_client client;
  auto r = client.send(get("http://127.0.0.1:" + std::to_string(closed_port()) + "/"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(contains(r.err().message, "connect: Connection refused"), r.err().message);
}

BOOST_AUTO_TEST_CASE(an_unknown_host_is_unavailable) {
  http_client client;
  auto r = client.send(get("http://no-such-host.invalid/"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  // "resolve ...: Host not found", or a timeout where no DNS server answers.
  BOOST_TEST(contains(r.err().message, "no-such-host.invalid"), r.err().message);
}

BOOST_AUTO_TEST_CASE(an_answer_over_the_limit_is_an_error) {
  auto chunked = answer(200, std::string(5000, 'x'));
  chunked.chunked = true;
  auto server = serve({route("GET", "/big", {answer(200, std::string(5000, 'x'))}),
                       route("GET", "/chunked", {chunked}),
                       route("GET", "/small", {answer(200, std::string(1000, 'y'))})});
  client_options opts;
  opts.max_body_bytes = 1000;
  http_client client(opts);
  for (const char* path : {"/big", "/chunked"}) {
    auto r = client.send(get(server->base_url() + path));
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(recs::httpc::is_answer_too_large(r.err()), r.err().message);
    BOOST_TEST(contains(r.err().message, "over 1000 bytes"), r.err().message);
  }
  auto small = client.send(get(server->base_url() + "/small"));  // exactly the limit
  BOOST_REQUIRE(small.ok());
  BOOST_TEST(small->body.size() == 1000u);
}

BOOST_AUTO_TEST_CASE(bad_requests_are_invalid_argument) {
  http_client client;
  for (const char* url : {"ftp://127.0.0.1/", "127.0.0.1/x", "http://[::1/"}) {
    auto r = client.send(get(url));
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST((r.err().code == errc::invalid_argument), url);
  }
  request bad_header = get("http://127.0.0.1:1/");
  bad_header.headers = {{"X-Evil", "a\r\nInjected: 1"}};
  auto r = client.send(bad_header);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::invalid_argument));
  request bad_method = get("http://127.0.0.1:1/");
  bad_method.method = "GE T";
  BOOST_TEST((client.send(bad_method).err().code == errc::invalid_argument));
}

BOOST_AUTO_TEST_CASE(a_moved_client_keeps_its_connections) {
  auto server = serve({route("GET", "/a", {answer(200, "{}")})});
  http_client first;
  BOOST_REQUIRE(first.send(get(server->base_url() + "/a")).ok());
  http_client second(std::move(first));
  BOOST_REQUIRE(second.send(get(server->base_url() + "/a")).ok());
  BOOST_TEST(server->connections() == 1u);
}

BOOST_AUTO_TEST_CASE(tls_with_the_certificate_trusted) {
  tls_setup tls({route("GET", "/shows", {answer(200, "[1,2,3]")})});
  http_client client(tls.trusting());
  const std::string port = std::to_string(tls.server->port());
  auto r = client.send(get("https://127.0.0.1:" + port + "/shows"));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(r->status == 200);
  BOOST_TEST(r->body == "[1,2,3]");
  auto again = client.send(get("https://127.0.0.1:" + port + "/shows"));
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(tls.server->connections() == 1u);  // kept alive over TLS too

  auto named = client.send(get("https://localhost:" + port + "/shows"));
  BOOST_REQUIRE_MESSAGE(named.ok(), (named.ok() ? "" : named.err().message));
  const auto log = tls.server->log();
  BOOST_REQUIRE(log.size() == 3u);
  BOOST_TEST(log[0].sni.empty());  // no SNI for an address
  BOOST_TEST(log[2].sni == "localhost");
  BOOST_TEST(tls.server->connections() == 2u);  // another origin, another connection
}

BOOST_AUTO_TEST_CASE(tls_chunked_and_reconnect) {
  auto big = answer(200, std::string(100000, 'z'));
  big.chunked = true;
  big.hangup = true;
  tls_setup tls({route("GET", "/big", {big, answer(200, "{}")})});
  http_client client(tls.trusting());
  auto r = client.send(get(tls.server->base_url() + "/big"));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(r->body.size() == 100000u);
  auto again = client.send(get(tls.server->base_url() + "/big"));
  BOOST_REQUIRE_MESSAGE(again.ok(), (again.ok() ? "" : again.err().message));
  BOOST_TEST(again->body == "{}");
  BOOST_TEST(tls.server->connections() == 2u);
}

BOOST_AUTO_TEST_CASE(tls_without_the_ca_file_fails_verification) {
  tls_setup tls({route("GET", "/", {answer(200)})});
  http_client client;  // the system store only
  auto r = client.send(get(tls.server->base_url() + "/"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(recs::httpc::is_certificate_error(r.err()), r.err().message);
  BOOST_TEST(contains(r.err().message, "tls: certificate verify failed: self"), r.err().message);
  BOOST_TEST(tls.server->log().empty());  // nothing was sent
}

BOOST_AUTO_TEST_CASE(tls_for_another_name_fails_verification) {
  tls_setup tls({route("GET", "/", {answer(200)})}, {"api.tvmaze.com"});
  http_client client(tls.trusting());
  const std::string port = std::to_string(tls.server->port());
  auto by_address = client.send(get("https://127.0.0.1:" + port + "/"));
  BOOST_REQUIRE(!by_address.ok());
  BOOST_TEST(recs::httpc::is_certificate_error(by_address.err()), by_address.err().message);
  BOOST_TEST(contains(by_address.err().message, "IP address mismatch"), by_address.err().message);
  auto by_name = client.send(get("https://localhost:" + port + "/"));
  BOOST_REQUIRE(!by_name.ok());
  BOOST_TEST(recs::httpc::is_certificate_error(by_name.err()), by_name.err().message);
  BOOST_TEST(contains(by_name.err().message, "hostname mismatch"), by_name.err().message);
}

BOOST_AUTO_TEST_CASE(tls_without_verification_accepts_anything) {
  tls_setup tls({route("GET", "/", {answer(200, "{}")})}, {"api.tvmaze.com"});
  client_options opts;
  opts.verify_peer = false;
  http_client client(opts);
  auto r = client.send(get(tls.server->base_url() + "/"));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(r->status == 200);
}

BOOST_AUTO_TEST_CASE(an_unreadable_ca_file_fails_https_only) {
  auto plain = serve({route("GET", "/", {answer(200, "{}")})});
  client_options opts;
  opts.ca_file = "/nonexistent/ca.pem";
  http_client client(opts);
  auto r = client.send(get("https://127.0.0.1:1/"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(contains(r.err().message, "cannot load ca_file /nonexistent/ca.pem"), r.err().message);
  BOOST_TEST(client.send(get(plain->base_url() + "/")).ok());
}

BOOST_AUTO_TEST_CASE(tls_handshake_timeout) {
  // A plain server never answers a ClientHello: the handshake times out.
  auto plain = serve({route("GET", "/", {answer(200)})});
  client_options opts;
  opts.connect_timeout = 300ms;
  opts.verify_peer = false;
  http_client client(opts);
  auto r = client.send(get("https://127.0.0.1:" + std::to_string(plain->port()) + "/"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(contains(r.err().message, "timeout after 300 ms in the TLS handshake"),
             r.err().message);
}

BOOST_AUTO_TEST_CASE(public_only_never_connects_to_this_machine_or_its_network) {
  auto server = serve({route("POST", "/hook", {answer(204, "")})});
  client_options o;
  o.public_only = true;
  http_client client(o);
  request r;
  r.method = "POST";
  r.url = server->base_url() + "/hook";  // 127.0.0.1
  auto refused = client.send(r);
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST((refused.err().code == recs::errc::forbidden));
  BOOST_TEST(contains(refused.err().message, "not a public address"));
  r.url = "http://localhost:" + std::to_string(server->port()) + "/hook";  // by name too
  BOOST_TEST((client.send(r).err().code == recs::errc::forbidden));
  BOOST_TEST(server->log().empty());  // nothing reached the server
  http_client open;                   // the default connects anywhere
  BOOST_TEST(open.send(r).ok());
}

BOOST_AUTO_TEST_CASE(public_addresses_are_told_apart) {
  using recs::httpc::is_public_address;
  for (const char* a : {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "172.32.0.1", "100.128.0.1"})
    BOOST_TEST(is_public_address(a), a);
  for (const char* a : {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.10", "169.254.169.254",
                        "100.64.1.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1",
                        "::", "fe80::1", "fd12::1", "::ffff:10.0.0.1", "ff02::1", "not an address"})
    BOOST_TEST(!is_public_address(a), a);
}
