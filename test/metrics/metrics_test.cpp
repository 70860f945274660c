// The Prometheus text exposition format (0.0.4) as render() writes it, byte for byte, the
// registry's refusals, and recording from many threads at once.
#define BOOST_TEST_MODULE metrics
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "metrics/metrics.hpp"

using namespace recs;
using namespace recs::metrics;

BOOST_AUTO_TEST_CASE(counters_and_gauges_with_and_without_labels) {
  registry r;
  auto errors = r.add_counter("recs_request_errors_total", "Requests answered 5xx.", {"route"});
  BOOST_REQUIRE(errors.ok());
  auto up = r.add_gauge("recs_ws_connections", "Open WebSocket connections.");
  BOOST_REQUIRE(up.ok());
  (*errors)->with({"GET /recommendations"}).inc();
  (*errors)->with({"GET /recommendations"}).inc(2);
  (*errors)->with({"POST /ratings"}).inc();
  (*errors)->with({"POST /ratings"}).inc(-5);  // ignored: counters only go up
  (*up)->with().set(3);
  (*up)->with().add(-1);
  BOOST_TEST(r.render() ==
             "# HELP recs_request_errors_total Requests answered 5xx.\n"
             "# TYPE recs_request_errors_total counter\n"
             "recs_request_errors_total{route=\"GET /recommendations\"} 3\n"
             "recs_request_errors_total{route=\"POST /ratings\"} 1\n"
             "# HELP recs_ws_connections Open WebSocket connections.\n"
             "# TYPE recs_ws_connections gauge\n"
             "recs_ws_connections 2\n");
}

BOOST_AUTO_TEST_CASE(a_family_without_children_has_only_its_header) {
  registry r;
  BOOST_REQUIRE(r.add_counter("recs_sync_failures_total", "Failed sync runs.", {"source"}).ok());
  BOOST_TEST(r.render() ==
             "# HELP recs_sync_failures_total Failed sync runs.\n"
             "# TYPE recs_sync_failures_total counter\n");
}

BOOST_AUTO_TEST_CASE(histograms_have_cumulative_buckets_inf_sum_and_count) {
  registry r;
  auto h = r.add_histogram("recs_request_latency_ms", "Request latency.", {"route"}, {1, 2.5, 10});
  BOOST_REQUIRE(h.ok());
  auto& slate = (*h)->with({"GET /recommendations"});
  for (double v : {0.5, 1.0, 2.0, 7.25, 50.0}) slate.observe(v);
  BOOST_TEST(r.render() ==
             "# HELP recs_request_latency_ms Request latency.\n"
             "# TYPE recs_request_latency_ms histogram\n"
             "recs_request_latency_ms_bucket{route=\"GET /recommendations\",le=\"1\"} 2\n"
             "recs_request_latency_ms_bucket{route=\"GET /recommendations\",le=\"2.5\"} 3\n"
             "recs_request_latency_ms_bucket{route=\"GET /recommendations\",le=\"10\"} 4\n"
             "recs_request_latency_ms_bucket{route=\"GET /recommendations\",le=\"+Inf\"} 5\n"
             "recs_request_latency_ms_sum{route=\"GET /recommendations\"} 60.75\n"
             "recs_request_latency_ms_count{route=\"GET /recommendations\"} 5\n");
}

BOOST_AUTO_TEST_CASE(a_histogram_without_labels) {
  registry r;
  auto h = r.add_histogram("recs_stale_ratio", "Stale share of a slate.", {}, {0.5, 1});
  BOOST_REQUIRE(h.ok());
  (*h)->with().observe(0.25);
  BOOST_TEST(r.render() ==
             "# HELP recs_stale_ratio Stale share of a slate.\n"
             "# TYPE recs_stale_ratio histogram\n"
             "recs_stale_ratio_bucket{le=\"0.5\"} 1\n"
             "recs_stale_ratio_bucket{le=\"1\"} 1\n"
             "recs_stale_ratio_bucket{le=\"+Inf\"} 1\n"
             "recs_stale_ratio_sum 0.25\n"
             "recs_stale_ratio_count 1\n");
}

BOOST_AUTO_TEST_CASE(help_and_label_values_are_escaped) {
  registry r;
  auto c = r.add_counter("x_total", "a \\ back\nslash", {"v"});
  BOOST_REQUIRE(c.ok());
  (*c)->with({"say \"hi\"\\\n"}).inc();
  BOOST_TEST(r.render() ==
             "# HELP x_total a \\\\ back\\nslash\n"
             "# TYPE x_total counter\n"
             "x_total{v=\"say \\\"hi\\\"\\\\\\n\"} 1\n");
}

BOOST_AUTO_TEST_CASE(values_are_written_as_prometheus_reads_them) {
  registry r;
  auto g = r.add_gauge("g", "values", {"k"});
  BOOST_REQUIRE(g.ok());
  (*g)->with({"a"}).set(0.1);
  (*g)->with({"b"}).set(1e21);
  (*g)->with({"c"}).set(-HUGE_VAL);
  (*g)->with({"d"}).set(std::nan(""));
  (*g)->with({"e"}).set(123456789.0);
  BOOST_TEST(r.render() ==
             "# HELP g values\n# TYPE g gauge\n"
             "g{k=\"a\"} 0.1\n"
             "g{k=\"b\"} 1e+21\n"
             "g{k=\"c\"} -Inf\n"
             "g{k=\"d\"} NaN\n"
             "g{k=\"e\"} 123456789\n");
}

BOOST_AUTO_TEST_CASE(bad_names_labels_bounds_and_duplicates_are_refused) {
  registry r;
  BOOST_TEST(r.add_counter("ok_total", "h").ok());
  for (const auto* bad : {"", "9lives", "has-dash", "has space", "é"}) {
    auto c = r.add_counter(bad, "h");
    BOOST_TEST((!c.ok() && c.err().code == errc::invalid_argument), "name '" << bad << "'");
  }
  BOOST_TEST(!r.add_counter("ok_total", "again").ok());
  BOOST_TEST(!r.add_gauge("ok_total", "as a gauge").ok());
  BOOST_TEST(!r.add_gauge("g1", "h", {"__reserved"}).ok());
  BOOST_TEST(!r.add_gauge("g2", "h", {"a:b"}).ok());
  BOOST_TEST(r.add_gauge("g3", "h", {"le"}).ok());  // only histograms reserve le
  BOOST_TEST(!r.add_histogram("h1", "h", {"le"}, {1}).ok());
  BOOST_TEST(!r.add_histogram("h2", "h", {}, {2, 1}).ok());
  BOOST_TEST(!r.add_histogram("h3", "h", {}, {1, 1}).ok());
  BOOST_TEST(!r.add_histogram("h4", "h", {}, {1, HUGE_VAL}).ok());
  BOOST_TEST(r.add_histogram("h5", "h", {}, latency_ms_buckets()).ok());
  BOOST_TEST(r.add_histogram("h6", "h", {}, ratio_buckets()).ok());
}

BOOST_AUTO_TEST_CASE(scrape_hooks_run_before_each_render) {
  registry r;
  auto g = r.add_gauge("recs_actor_mailbox", "Messages waiting.", {"actor"});
  BOOST_REQUIRE(g.ok());
  int scrapes = 0;
  r.on_scrape([&] { (*g)->with({"store"}).set(++scrapes * 10); });
  BOOST_TEST(r.render().find("recs_actor_mailbox{actor=\"store\"} 10\n") != std::string::npos);
  BOOST_TEST(r.render().find("recs_actor_mailbox{actor=\"store\"} 20\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(many_threads_record_without_losing_counts) {
  registry r;
  auto c = r.add_counter("hits_total", "h", {"t"});
  auto h = r.add_histogram("lat_ms", "h", {}, {1, 10});
  BOOST_REQUIRE(c.ok());
  BOOST_REQUIRE(h.ok());
  constexpr int threads = 4;
  constexpr int each = 20000;
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t) {
    ts.emplace_back([&, t] {
      for (int i = 0; i < each; ++i) {
        (*c)->with({t % 2 ? "odd" : "even"}).inc();
        (*h)->with().observe(i % 3 == 0 ? 0.5 : 5);
      }
      // Rendering meanwhile is safe too.
      BOOST_CHECK(!r.render().empty());
    });
  }
  for (auto& t : ts) t.join();
  BOOST_TEST((*c)->with({"even"}).value() == 2.0 * each);
  BOOST_TEST((*c)->with({"odd"}).value() == 2.0 * each);
  const auto s = (*h)->with().read();
  BOOST_TEST(s.count == static_cast<std::uint64_t>(threads * each));
  BOOST_TEST(s.cumulative.back() == s.count);
  const std::uint64_t small = threads * ((each + 2) / 3);
  BOOST_TEST(s.cumulative[0] == small);
  BOOST_TEST(s.sum ==
             0.5 * static_cast<double>(small) + 5.0 * static_cast<double>(s.count - small));
}

BOOST_AUTO_TEST_CASE(a_mirrored_counter_never_goes_down) {
  registry r;
  auto c = r.add_counter("mirrored_total", "h");
  BOOST_REQUIRE(c.ok());
  auto& m = (*c)->with();
  m.advance_to(5);
  BOOST_TEST(m.value() == 5.0);
  m.advance_to(3);  // a source that restarted: the counter keeps its value
  BOOST_TEST(m.value() == 5.0);
  m.advance_to(9);
  BOOST_TEST(m.value() == 9.0);
  // Concurrent scrapes mirroring the same total do not add it up.
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([&] {
      for (int i = 10; i <= 1000; ++i) m.advance_to(i);
    });
  for (auto& t : ts) t.join();
  BOOST_TEST(m.value() == 1000.0);
  BOOST_TEST(r.render().find("mirrored_total 1000\n") != std::string::npos, r.render());
}

BOOST_AUTO_TEST_CASE(seconds_and_training_buckets_are_valid_and_increasing) {
  registry r;
  auto s = r.add_histogram("sync_seconds", "h", {"source"}, seconds_buckets());
  auto t = r.add_histogram("train_ms", "h", {"model"}, train_ms_buckets());
  BOOST_REQUIRE(s.ok());
  BOOST_REQUIRE(t.ok());
  (*s)->with({"justwatch"}).observe(42);
  (*t)->with({"collaborative"}).observe(1234);
  const auto text = r.render();
  BOOST_TEST(
      text.find("sync_seconds_bucket{source=\"justwatch\",le=\"30\"} 0\n") != std::string::npos,
      text);
  BOOST_TEST(
      text.find("sync_seconds_bucket{source=\"justwatch\",le=\"60\"} 1\n") != std::string::npos,
      text);
  BOOST_TEST(
      text.find("train_ms_bucket{model=\"collaborative\",le=\"5000\"} 1\n") != std::string::npos,
      text);
}
