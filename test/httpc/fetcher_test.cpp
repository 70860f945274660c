#define BOOST_TEST_MODULE httpc_fetcher
#include "httpc/fetcher.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "adapters/upstream_body.hpp"
#include "test/support/replay_server.hpp"

using namespace std::chrono_literals;
using recs::errc;
using recs::httpc::client_options;
using recs::httpc::fetcher;
using recs::httpc::request;
using recs::httpc::retry_policy;
using recs::test::answer;
using recs::test::replay_route;
using recs::test::replay_server;
using recs::test::route;
using std::chrono::milliseconds;

namespace {

constexpr const char* kBlockPage =
    "<!DOCTYPE html><html><head><title>Access denied</title></head><body>blocked</body></html>";

std::unique_ptr<replay_server> serve(std::vector<replay_route> routes) {
  auto server =
      std::make_unique<replay_server>(recs::test::replay_scenarios{{"default", std::move(routes)}});
  auto st = server->start();
  BOOST_REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.err().message));
  return server;
}

/// Records the waits a fetcher asks for instead of sleeping.
struct recorded_waits {
  std::shared_ptr<std::vector<milliseconds>> waits = std::make_shared<std::vector<milliseconds>>();
  fetcher::sleeper sleeper() const {
    auto w = waits;
    return [w](milliseconds d) { w->push_back(d); };
  }
};

request get(const replay_server& server, const std::string& path) {
  request r;
  r.url = server.base_url() + path;
  return r;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_success_is_returned_at_once) {
  auto server = serve({route("GET", "/shows", {answer(200, "[]")})});
  recorded_waits rec;
  fetcher f("tvmaze", {}, {}, std::nullopt, rec.sleeper());
  auto r = f.fetch(get(*server, "/shows"));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->body == "[]");
  BOOST_TEST(f.stats().requests == 1u);
  BOOST_TEST(f.stats().retries == 0u);
  BOOST_TEST(f.stats().failures == 0u);
  BOOST_TEST(rec.waits->empty());
}

BOOST_AUTO_TEST_CASE(a_500_then_200_is_retried) {
  auto server = serve({route("GET", "/shows", {answer(500, "{}"), answer(200, "[1]")})});
  recorded_waits rec;
  fetcher f("tvmaze", {}, {}, std::nullopt, rec.sleeper());
  auto r = f.fetch(get(*server, "/shows"));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(r->body == "[1]");
  BOOST_TEST(f.stats().requests == 2u);
  BOOST_TEST(f.stats().retries == 1u);
  BOOST_REQUIRE(rec.waits->size() == 1u);
  BOOST_TEST((rec.waits->at(0) >= 400ms && rec.waits->at(0) <= 600ms));
  BOOST_TEST(server->log().size() == 2u);
}

BOOST_AUTO_TEST_CASE(four_503s_give_up_with_growing_delays) {
  auto server = serve({route("GET", "/shows", {answer(503, "{}")})});
  recorded_waits rec;
  fetcher f("tvmaze", {}, {}, std::nullopt, rec.sleeper());
  auto r = f.fetch(get(*server, "/shows"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(contains(r.err().message, "tvmaze answered HTTP 503"), r.err().message);
  BOOST_TEST(contains(r.err().message, "(after 4 attempts)"), r.err().message);
  BOOST_TEST(server->log().size() == 4u);
  BOOST_REQUIRE(rec.waits->size() == 3u);
  BOOST_TEST((rec.waits->at(0) < rec.waits->at(1)));
  BOOST_TEST((rec.waits->at(1) < rec.waits->at(2)));
  BOOST_TEST((rec.waits->at(2) >= 1600ms && rec.waits->at(2) <= 2400ms));
  BOOST_TEST(f.stats().requests == 4u);
  BOOST_TEST(f.stats().retries == 3u);
  BOOST_TEST(f.stats().failures == 1u);
}

BOOST_AUTO_TEST_CASE(timeouts_are_retried_then_reported) {
  auto slow = answer(200);
  slow.delay_ms = 3000;
  auto server = serve({route("GET", "/slow", {slow})});
  client_options copts;
  copts.request_timeout = 200ms;
  retry_policy rp;
  rp.max_attempts = 2;
  recorded_waits rec;
  fetcher f("justwatch", copts, rp, std::nullopt, rec.sleeper());
  auto r = f.fetch(get(*server, "/slow"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(contains(r.err().message, "justwatch: timeout after 200 ms reading the answer"),
             r.err().message);
  BOOST_TEST(contains(r.err().message, "(after 2 attempts)"), r.err().message);
  BOOST_TEST(rec.waits->size() == 1u);
  BOOST_TEST(server->connections() == 2u);  // a timed-out connection is not reused
}

BOOST_AUTO_TEST_CASE(connect_refused_is_retried_then_unavailable) {
  std::uint16_t port;
  {
    auto gone = serve({});
    port = gone->port();
  }
  recorded_waits rec;
  fetcher f("serializd", {}, {}, std::nullopt, rec.sleeper());
  request r;
  r.url = "http://127.0.0.1:" + std::to_string(port) + "/api/diary";
  auto out = f.fetch(r);
  BOOST_REQUIRE(!out.ok());
  BOOST_TEST((out.err().code == errc::unavailable));
  BOOST_TEST(contains(out.err().message, "serializd: connect: Connection refused"),
             out.err().message);
  BOOST_TEST(rec.waits->size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_429_waits_for_retry_after) {
  auto server = serve(
      {route("GET", "/shows", {answer(429, "{}", {{"Retry-After", "3"}}), answer(200, "[]")})});
  recorded_waits rec;
  fetcher f("tvmaze", {}, {}, std::nullopt, rec.sleeper());
  auto r = f.fetch(get(*server, "/shows"));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_REQUIRE(rec.waits->size() == 1u);
  BOOST_TEST((rec.waits->at(0) >= 3000ms));
  BOOST_TEST(f.stats().rate_limited == 1u);
  BOOST_TEST(f.stats().waited_ms >= 3000u);
}

BOOST_AUTO_TEST_CASE(a_retry_after_beyond_the_maximum_gives_up_at_once) {
  auto server = serve({route("GET", "/shows", {answer(429, "{}", {{"Retry-After", "3600"}})})});
  recorded_waits rec;
  fetcher f("tvmaze", {}, {}, std::nullopt, rec.sleeper());
  auto r = f.fetch(get(*server, "/shows"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(recs::adapters::is_rate_limited(r.err()), r.err().message);
  BOOST_TEST(contains(r.err().message, "Retry-After asks for 3600 s"), r.err().message);
  BOOST_TEST(contains(r.err().message, "try again after 20"), r.err().message);
  BOOST_TEST(rec.waits->empty());
  BOOST_TEST(server->log().size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_html_page_with_200_is_a_block_page_when_json_was_expected) {
  auto server = serve(
      {route("POST", "/graphql", {answer(200, kBlockPage, {{"Content-Type", "text/html"}})})});
  recorded_waits rec;
  fetcher f("justwatch", {}, {}, std::nullopt, rec.sleeper());
  request r = get(*server, "/graphql");
  r.method = "POST";
  r.body = "{}";
  auto out = f.fetch(r);
  BOOST_REQUIRE(!out.ok());
  BOOST_TEST(recs::adapters::is_blocked(out.err()), out.err().message);
  BOOST_TEST(contains(out.err().message, "Access denied"), out.err().message);
  BOOST_REQUIRE(rec.waits->size() == 1u);  // retried once, after a long wait
  BOOST_TEST((rec.waits->at(0) >= 60000ms));
  BOOST_TEST(server->log().size() == 2u);
  BOOST_TEST(f.stats().blocked == 2u);

  // The same page is a fine answer when HTML is what the caller wants.
  auto html = f.fetch(r, false);
  BOOST_REQUIRE(html.ok());
  BOOST_TEST(html->body == kBlockPage);
}

BOOST_AUTO_TEST_CASE(an_html_page_with_403_is_a_block_page) {
  auto server =
      serve({route("GET", "/x", {answer(403, kBlockPage, {{"Content-Type", "text/html"}})})});
  recorded_waits rec;
  fetcher f("justwatch", {}, {}, std::nullopt, rec.sleeper());
  auto out = f.fetch(get(*server, "/x"));
  BOOST_REQUIRE(!out.ok());
  BOOST_TEST(recs::adapters::is_blocked(out.err()), out.err().message);
  BOOST_TEST(server->log().size() == 2u);
  BOOST_REQUIRE(rec.waits->size() == 1u);
  BOOST_TEST((rec.waits->at(0) >= 60000ms));
}

BOOST_AUTO_TEST_CASE(malformed_json_passes_through_for_the_parser_to_judge) {
  auto server = serve({route("GET", "/shows", {answer(200, "[{\"id\": 1,")}),
                       route("GET", "/empty", {answer(200, "")})});
  fetcher f("tvmaze", {}, {}, std::nullopt, recorded_waits{}.sleeper());
  auto r = f.fetch(get(*server, "/shows"));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->body == "[{\"id\": 1,");
  auto e = f.fetch(get(*server, "/empty"));
  BOOST_REQUIRE(e.ok());
  BOOST_TEST(e->body.empty());
}

BOOST_AUTO_TEST_CASE(client_errors_are_not_retried) {
  auto server = serve({route("GET", "/missing", {answer(404, "{}")}),
                       route("GET", "/private", {answer(401, "{}")}),
                       route("GET", "/odd", {answer(418, "{}")})});
  recorded_waits rec;
  fetcher f("serializd", {}, {}, std::nullopt, rec.sleeper());
  auto missing = f.fetch(get(*server, "/missing"));
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST((missing.err().code == errc::not_found));
  BOOST_TEST(missing.err().message == "serializd answered HTTP 404");
  auto priv = f.fetch(get(*server, "/private"));
  BOOST_REQUIRE(!priv.ok());
  BOOST_TEST((priv.err().code == errc::forbidden));
  auto odd = f.fetch(get(*server, "/odd"));
  BOOST_REQUIRE(!odd.ok());
  BOOST_TEST((odd.err().code == errc::internal));
  BOOST_TEST(rec.waits->empty());
  BOOST_TEST(server->log().size() == 3u);
  BOOST_TEST(f.stats().failures == 3u);
}

BOOST_AUTO_TEST_CASE(a_too_large_answer_is_not_retried) {
  auto server = serve({route("GET", "/big", {answer(200, std::string(4096, ' ') + "[]")})});
  client_options copts;
  copts.max_body_bytes = 1024;
  recorded_waits rec;
  fetcher f("tvmaze", copts, {}, std::nullopt, rec.sleeper());
  auto r = f.fetch(get(*server, "/big"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(contains(r.err().message, "tvmaze: answer too large"), r.err().message);
  BOOST_TEST(rec.waits->empty());
  BOOST_TEST(server->log().size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_rate_limit_makes_the_21st_call_wait) {
  auto server = serve({route("GET", "/shows", {answer(200, "[]")})});
  recorded_waits rec;
  fetcher f("tvmaze", {}, {}, recs::rate_limiter(20, std::chrono::seconds(10)), rec.sleeper());
  for (int i = 0; i < 21; ++i) {
    auto r = f.fetch(get(*server, "/shows?page=" + std::to_string(i)));
    BOOST_REQUIRE(r.ok());
  }
  BOOST_REQUIRE(rec.waits->size() == 1u);
  BOOST_TEST((rec.waits->at(0) > 0ms && rec.waits->at(0) <= 10000ms));
  BOOST_TEST((rec.waits->at(0) > 5000ms));  // 20 calls in far less than 5 s
  BOOST_TEST(f.stats().throttled == 1u);
  BOOST_TEST(server->log().size() == 21u);
}

BOOST_AUTO_TEST_CASE(cancel_ends_a_long_backoff) {
  auto server = serve({route("GET", "/shows", {answer(503, "{}"), answer(200, "[]")})});
  retry_policy rp;
  rp.base_delay = 60s;
  fetcher f("tvmaze", {}, rp);  // the real, sliced sleeper
  std::thread canceller([flag = f.cancel_flag()] {
    std::this_thread::sleep_for(300ms);
    flag->store(true);
  });
  const auto t0 = std::chrono::steady_clock::now();
  auto r = f.fetch(get(*server, "/shows"));
  const auto took = std::chrono::steady_clock::now() - t0;
  canceller.join();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(r.err().message == "tvmaze: cancelled");
  BOOST_TEST((took < 20s));  // not the 60 s backoff

  // While set, nothing is sent; after reset_cancel the next fetch goes on.
  auto refused = f.fetch(get(*server, "/shows"));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(server->log().size() == 1u);
  f.reset_cancel();
  auto ok = f.fetch(get(*server, "/shows"));
  BOOST_REQUIRE(ok.ok());
  BOOST_TEST(ok->body == "[]");
}

BOOST_AUTO_TEST_CASE(cancel_from_an_injected_sleeper) {
  auto server = serve({route("GET", "/shows", {answer(503, "{}")})});
  fetcher* self = nullptr;
  std::vector<milliseconds> waits;
  fetcher f("tvmaze", {}, {}, std::nullopt, [&](milliseconds d) {
    waits.push_back(d);
    self->cancel();
  });
  self = &f;
  auto r = f.fetch(get(*server, "/shows"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(contains(r.err().message, "cancelled"), r.err().message);
  BOOST_TEST(waits.size() == 1u);
  BOOST_TEST(server->log().size() == 1u);
}
