#define BOOST_TEST_MODULE net_router
#include <boost/test/unit_test.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "net/router.hpp"

namespace net = recs::net;

namespace {

net::request make(std::string method, std::string target) {
  net::request r;
  r.method = std::move(method);
  r.target = std::move(target);
  const auto q = r.target.find('?');
  r.path = *net::url_decode(r.target.substr(0, q), false);
  return r;
}

// Dispatches synchronously and returns what the chosen handler answered.
net::response run(const net::router& rt, std::string method, std::string target) {
  std::optional<net::response> out;
  int calls = 0;
  rt.dispatch(make(std::move(method), std::move(target)), [&](net::response res) {
    ++calls;
    out = std::move(res);
  });
  BOOST_TEST_REQUIRE(calls == 1);
  return *out;
}

// A handler that answers "<tag> k=v;k=v;".
net::router::route_handler echo(std::string tag) {
  return [tag](net::request&& req, const net::router::params& p, net::responder respond) {
    net::response res;
    res.content_type = "text/plain";
    res.body = tag + " " + req.method + " ";
    for (const auto& [k, v] : p) res.body += k + "=" + v + ";";
    respond(std::move(res));
  };
}

std::string header(const net::response& res, const std::string& name) {
  for (const auto& [k, v] : res.headers) {
    if (k == name) return v;
  }
  return {};
}

net::router sample() {
  net::router rt;
  rt.add("GET", "/shows/{id}", echo("show"));
  rt.add("GET", "/shows/{id}/similar", echo("similar"));
  rt.add("GET", "/shows/popular", echo("popular"));
  rt.add("post", "/ratings", echo("rate"));
  rt.add("DELETE", "/ratings/{profile}/{show}", echo("unrate"));
  rt.add("GET", "/", echo("root"));
  return rt;
}

}  // namespace

BOOST_AUTO_TEST_CASE(matches_literals_and_params) {
  const auto rt = sample();
  BOOST_TEST(run(rt, "GET", "/shows/42").body == "show GET id=42;");
  BOOST_TEST(run(rt, "GET", "/shows/42/similar").body == "similar GET id=42;");
  BOOST_TEST(run(rt, "POST", "/ratings").body == "rate POST ");
  BOOST_TEST(run(rt, "DELETE", "/ratings/ross/tt1").body == "unrate DELETE profile=ross;show=tt1;");
  BOOST_TEST(run(rt, "GET", "/").body == "root GET ");
}

BOOST_AUTO_TEST_CASE(literal_beats_param_whatever_the_order) {
  const auto rt = sample();  // "/shows/popular" was added after "/shows/{id}"
  BOOST_TEST(run(rt, "GET", "/shows/popular").body == "popular GET ");
}

BOOST_AUTO_TEST_CASE(params_are_percent_decoded_per_segment) {
  const auto rt = sample();
  BOOST_TEST(run(rt, "GET", "/shows/slow%20horses").body == "show GET id=slow horses;");
  // An encoded slash stays inside its segment instead of splitting the path.
  BOOST_TEST(run(rt, "GET", "/shows/a%2Fb/similar").body == "similar GET id=a/b;");
  BOOST_TEST(run(rt, "GET", "/shows/a+b").body == "show GET id=a+b;");
}

BOOST_AUTO_TEST_CASE(query_string_is_not_part_of_the_path) {
  const auto rt = sample();
  BOOST_TEST(run(rt, "GET", "/shows/7?explain=true").body == "show GET id=7;");
}

BOOST_AUTO_TEST_CASE(trailing_slash_is_tolerated) {
  const auto rt = sample();
  BOOST_TEST(run(rt, "GET", "/shows/7/").body == "show GET id=7;");
  BOOST_TEST(run(rt, "POST", "/ratings/").body == "rate POST ");
}

BOOST_AUTO_TEST_CASE(unknown_path_is_404_json) {
  const auto rt = sample();
  const auto res = run(rt, "GET", "/nope");
  BOOST_TEST(res.status == 404u);
  BOOST_TEST(res.content_type == "application/json");
  BOOST_TEST(res.body.find("\"error\":\"not_found\"") != std::string::npos);
  // Empty segments never bind a parameter.
  BOOST_TEST(run(rt, "GET", "/shows//similar").status == 404u);
  BOOST_TEST(run(rt, "GET", "/shows/1/similar/more").status == 404u);
}

BOOST_AUTO_TEST_CASE(known_path_with_other_method_is_405_with_allow) {
  const auto rt = sample();
  const auto res = run(rt, "PUT", "/shows/9");
  BOOST_TEST(res.status == 405u);
  BOOST_TEST(res.body.find("\"error\":\"method_not_allowed\"") != std::string::npos);
  BOOST_TEST(header(res, "Allow") == "GET, HEAD");
  const auto post_only = run(rt, "GET", "/ratings");
  BOOST_TEST(post_only.status == 405u);
  BOOST_TEST(header(post_only, "Allow") == "POST");
}

BOOST_AUTO_TEST_CASE(head_uses_the_get_route) {
  const auto rt = sample();
  BOOST_TEST(run(rt, "HEAD", "/shows/3").body == "show HEAD id=3;");
  BOOST_TEST(run(rt, "HEAD", "/ratings").status == 405u);
}

BOOST_AUTO_TEST_CASE(method_is_case_insensitive) {
  const auto rt = sample();
  BOOST_TEST(run(rt, "get", "/shows/3").body == "show get id=3;");  // echo reports req.method
}

BOOST_AUTO_TEST_CASE(fallback_gets_unknown_paths_but_not_405s) {
  auto rt = sample();
  rt.set_fallback(echo("fallback"));
  BOOST_TEST(run(rt, "GET", "/index.html").body == "fallback GET ");
  BOOST_TEST(run(rt, "PUT", "/shows/1").status == 405u);
}

BOOST_AUTO_TEST_CASE(malformed_escape_in_path_is_400) {
  const auto rt = sample();
  net::request r;
  r.method = "GET";
  r.target = "/shows/%zz";
  std::optional<net::response> out;
  rt.dispatch(std::move(r), [&](net::response res) { out = std::move(res); });
  BOOST_TEST_REQUIRE(out.has_value());
  BOOST_TEST(out->status == 400u);
}

BOOST_AUTO_TEST_CASE(as_handler_dispatches) {
  const auto rt = sample();
  const net::handler h = rt.as_handler();
  std::optional<net::response> out;
  h(make("GET", "/shows/5"), [&](net::response res) { out = std::move(res); });
  BOOST_TEST_REQUIRE(out.has_value());
  BOOST_TEST(out->body == "show GET id=5;");
}

BOOST_AUTO_TEST_CASE(the_observer_sees_route_patterns_statuses_and_times) {
  auto rt = sample();
  rt.set_fallback(echo("fallback"));
  std::vector<std::pair<std::string, unsigned>> seen;
  rt.set_observer([&](const std::string& route, unsigned status, double ms) {
    BOOST_TEST(ms >= 0.0);
    seen.emplace_back(route, status);
  });
  run(rt, "GET", "/shows/tt42");
  run(rt, "get", "/shows/tt43?x=1");
  run(rt, "HEAD", "/shows/7");
  run(rt, "PUT", "/shows/1");
  run(rt, "GET", "/index.html");
  net::request bad;
  bad.method = "GET";
  bad.target = "/shows/%zz";
  rt.dispatch(std::move(bad), [](net::response) {});
  const std::vector<std::pair<std::string, unsigned>> want = {
      {"GET /shows/{id}", 200},                            // the pattern, never the id
      {"GET /shows/{id}", 200}, {"GET /shows/{id}", 200},  // HEAD answered by the GET route
      {"other", 405},           {"static", 200},          {"other", 400}};
  BOOST_TEST_REQUIRE(seen.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    BOOST_TEST(seen[i].first == want[i].first, "request " << i);
    BOOST_TEST(seen[i].second == want[i].second, "request " << i);
  }
}

BOOST_AUTO_TEST_CASE(the_observer_runs_when_a_handler_answers_later) {
  net::router rt;
  net::responder later;
  rt.add("GET", "/slow", [&](net::request&&, const net::router::params&, net::responder r) {
    later = std::move(r);
  });
  int calls = 0;
  unsigned status = 0;
  rt.set_observer([&](const std::string&, unsigned s, double) {
    ++calls;
    status = s;
  });
  std::optional<net::response> out;
  rt.dispatch(make("GET", "/slow"), [&](net::response res) { out = std::move(res); });
  BOOST_TEST(calls == 0);
  later(net::json_error(503, "unavailable", "later"));
  BOOST_TEST(calls == 1);
  BOOST_TEST(status == 503u);
  BOOST_TEST_REQUIRE(out.has_value());
  BOOST_TEST(out->status == 503u);
}

BOOST_AUTO_TEST_CASE(a_handler_that_throws_is_observed_as_a_500) {
  net::router rt;
  rt.add("GET", "/boom/{id}", [](net::request&&, const net::router::params&, net::responder) {
    throw std::runtime_error("bug");
  });
  std::string route;
  unsigned status = 0;
  rt.set_observer([&](const std::string& r, unsigned s, double) {
    route = r;
    status = s;
  });
  BOOST_CHECK_THROW(rt.dispatch(make("GET", "/boom/1"), [](net::response) {}), std::runtime_error);
  BOOST_TEST(route == "GET /boom/{id}");
  BOOST_TEST(status == 500u);
}
