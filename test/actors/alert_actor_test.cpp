// The alert actor and its relays: notifications recorded, counted in the service's metrics and
// relayed to a local replay server standing in for Discord and Teams, including a webhook that
// keeps failing (counted and logged, never silently lost) and one too slow to keep up (bounded).
#define BOOST_TEST_MODULE actors_alert_actor
#include <boost/test/unit_test.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "actors/alert_actor.hpp"
#include "test/alerts/fixture.hpp"
#include "test/support/replay_server.hpp"

using namespace recs;
using namespace std::chrono_literals;
using recs::alerts::testing::make_alert;
using recs::alerts::testing::parsed;
using recs::test::answer;
using recs::test::replay_route;
using recs::test::replay_server;
using recs::test::route;

namespace {

std::unique_ptr<replay_server> serve(std::vector<replay_route> routes) {
  auto server =
      std::make_unique<replay_server>(test::replay_scenarios{{"default", std::move(routes)}});
  auto st = server->start();
  BOOST_REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.err().message));
  return server;
}

/// Log lines, thread-safe.
struct lines {
  std::shared_ptr<std::mutex> mu = std::make_shared<std::mutex>();
  std::shared_ptr<std::vector<std::string>> all = std::make_shared<std::vector<std::string>>();
  std::function<void(const std::string&)> sink() const {
    return [mu = mu, all = all](const std::string& l) {
      std::lock_guard<std::mutex> lock(*mu);
      all->push_back(l);
    };
  }
  std::vector<std::string> get() const {
    std::lock_guard<std::mutex> lock(*mu);
    return *all;
  }
};

struct fixture {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys = std::make_unique<caf::actor_system>(cfg);
  std::shared_ptr<metrics::registry> reg = std::make_shared<metrics::registry>();
  lines log;
  std::shared_ptr<actors::alert_service> alerts;

  actors::alert_options options(std::vector<actors::relay_target> targets) {
    actors::alert_options o;
    o.targets = std::move(targets);
    o.now = [] { return std::int64_t{1800000000}; };
    o.log = log.sink();
    o.relay.sleep = [](std::chrono::milliseconds) {};  // no real backoff in tests
    o.relay.http.request_timeout = 5000ms;
    return o;
  }

  void start(actors::alert_options o) {
    auto s = actors::alert_service::start(*sys, std::move(o), reg);
    BOOST_REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.err().message));
    alerts = *s;
  }

  result<std::size_t> record(alerts::webhook_payload p) {
    std::promise<result<std::size_t>> done;
    alerts->record(std::move(p), [&](result<std::size_t> r) { done.set_value(std::move(r)); });
    auto f = done.get_future();
    BOOST_REQUIRE(f.wait_for(10s) == std::future_status::ready);
    return f.get();
  }

  /// Until `pred` holds (at most 20 s).
  template <class Pred>
  void wait_until(Pred pred, const std::string& what) {
    const auto end = std::chrono::steady_clock::now() + 20s;
    while (!pred()) {
      BOOST_REQUIRE_MESSAGE(std::chrono::steady_clock::now() < end, "timed out waiting: " + what);
      std::this_thread::sleep_for(10ms);
    }
  }

  actors::alert_service::relay_status relay(actors::relay_kind k) const {
    for (const auto& r : alerts->relays())
      if (r.kind == k) return r;
    BOOST_FAIL("no such relay");
    return {};
  }

  bool metric_line(const std::string& line) const {
    return ("\n" + reg->render()).find("\n" + line + "\n") != std::string::npos;
  }

  ~fixture() {
    if (alerts) alerts->stop();
    alerts.reset();
    sys.reset();  // waits for every actor
  }
};

std::size_t count(const std::vector<test::logged_request>& log, const std::string& target) {
  std::size_t n = 0;
  for (const auto& r : log) n += r.method == "POST" && r.target == target ? 1 : 0;
  return n;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_notification_is_recorded_counted_and_relayed, fixture) {
  // Discord accepts only the body it should get; Teams keeps failing.
  auto hooks = serve({route("POST", "/api/webhooks/1/tok", {answer(204, "")}),
                      route("POST", "/teams", {answer(500, "{\"error\":\"down\"}")})});
  start(options({{actors::relay_kind::teams, hooks->base_url() + "/teams"},
                 {actors::relay_kind::discord, hooks->base_url() + "/api/webhooks/1/tok"}}));
  BOOST_TEST(metric_line("recs_alerts_received_total{status=\"firing\"} 0"));
  BOOST_TEST(metric_line("recs_alert_relay_failures_total{target=\"teams\"} 0"));
  BOOST_TEST(metric_line("recs_alert_relay_failures_total{target=\"discord\"} 0"));

  int changes = 0;
  std::mutex mu;
  alerts->on_alerts_changed([&] {
    std::lock_guard<std::mutex> lock(mu);
    ++changes;
  });

  auto n = record(parsed("firing.json"));
  BOOST_REQUIRE(n.ok());
  BOOST_TEST(*n == 1u);
  // Recorded (and heard of) before the answer.
  BOOST_TEST(alerts->log().size() == 1u);
  {
    std::lock_guard<std::mutex> lock(mu);
    BOOST_TEST(changes == 1);
  }
  const std::string json = alerts->recent_json();
  BOOST_TEST(json.find("\"name\":\"RecsP95LatencyHigh\"") != std::string::npos);
  BOOST_TEST(json.find("\"first_received_ts\":1800000000") != std::string::npos);
  BOOST_TEST(metric_line("recs_alerts_received_total{status=\"firing\"} 1"));
  BOOST_TEST(metric_line("recs_alerts_received_total{status=\"resolved\"} 0"));

  wait_until([&] { return relay(actors::relay_kind::discord).sent == 1; }, "discord relay");
  wait_until([&] { return relay(actors::relay_kind::teams).failed == 1; }, "teams failure");
  BOOST_TEST(relay(actors::relay_kind::teams).pending == 0u);
  BOOST_TEST(metric_line("recs_alert_relay_failures_total{target=\"teams\"} 1"));
  BOOST_TEST(metric_line("recs_alert_relay_failures_total{target=\"discord\"} 0"));

  const auto requests = hooks->log();
  BOOST_TEST(count(requests, "/api/webhooks/1/tok") == 1u);
  BOOST_TEST(count(requests, "/teams") == 3u);  // three attempts, then given up
  for (const auto& r : requests) {
    if (r.target == "/api/webhooks/1/tok") {
      BOOST_TEST(r.body.rfind("{\"content\":\"**[FIRING:1] RecsP95LatencyHigh (warning)**", 0) ==
                 0u);
    } else {
      BOOST_TEST(r.body.rfind("{\"type\":\"message\",\"attachments\":[{\"contentType\":"
                              "\"application/vnd.microsoft.card.adaptive\"",
                              0) == 0u);
    }
    bool json_type = false;
    for (const auto& [k, v] : r.headers)
      json_type |= k == "content-type" && v == "application/json";
    BOOST_TEST(json_type);
  }
  // The failure is logged with the target and the notification, never the URL (a secret).
  const auto logged = log.get();
  BOOST_REQUIRE(logged.size() == 1u);
  BOOST_TEST(logged[0].find("alert relay to teams failed") != std::string::npos);
  BOOST_TEST(logged[0].find("[FIRING:1] RecsP95LatencyHigh") != std::string::npos);
  BOOST_TEST(logged[0].find("/teams") == std::string::npos);

  // The resolve: the same entry turns resolved, counted as resolved, relayed again.
  auto m = record(parsed("resolved.json"));
  BOOST_REQUIRE(m.ok());
  BOOST_TEST(alerts->log().size() == 1u);
  BOOST_TEST(alerts->log().firing() == 0u);
  BOOST_TEST(metric_line("recs_alerts_received_total{status=\"resolved\"} 1"));
  wait_until([&] { return relay(actors::relay_kind::discord).sent == 2; }, "second relay");
  wait_until([&] { return relay(actors::relay_kind::teams).failed == 2; }, "second failure");
  BOOST_TEST(metric_line("recs_alert_relay_failures_total{target=\"teams\"} 2"));
}

BOOST_FIXTURE_TEST_CASE(a_rejected_body_is_not_retried_and_counts, fixture) {
  // Discord answers 400 to a body it cannot use: retrying the same body does not help.
  auto hooks = serve({route("POST", "/discord",
                            {answer(400,
                                    "{\"message\":\"Cannot send an "
                                    "empty message\",\"code\":50006}")})});
  start(options({{actors::relay_kind::discord, hooks->base_url() + "/discord"}}));
  BOOST_REQUIRE(record(parsed("grouped.json")).ok());
  wait_until([&] { return relay(actors::relay_kind::discord).failed == 1; }, "discord failure");
  BOOST_TEST(count(hooks->log(), "/discord") == 1u);
  BOOST_TEST(metric_line("recs_alert_relay_failures_total{target=\"discord\"} 1"));
  BOOST_TEST(metric_line("recs_alerts_received_total{status=\"firing\"} 1"));
  BOOST_TEST(metric_line("recs_alerts_received_total{status=\"resolved\"} 1"));
}

BOOST_FIXTURE_TEST_CASE(an_unreachable_webhook_fails_after_retries, fixture) {
  // A port nobody listens on (the server is stopped at once).
  std::string url;
  {
    auto gone = serve({});
    url = gone->base_url() + "/hook";
    gone->stop();
  }
  auto o = options({{actors::relay_kind::slack, url}});
  o.relay.http.connect_timeout = 1000ms;
  start(std::move(o));
  BOOST_REQUIRE(record(parsed("firing.json")).ok());
  wait_until([&] { return relay(actors::relay_kind::slack).failed == 1; }, "slack failure");
  BOOST_TEST(metric_line("recs_alert_relay_failures_total{target=\"slack\"} 1"));
  const auto logged = log.get();
  BOOST_REQUIRE(logged.size() == 1u);
  BOOST_TEST(logged[0].find("alert relay to slack failed") != std::string::npos);
  BOOST_TEST(logged[0].find("/hook") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_slow_webhook_cannot_queue_without_bound, fixture) {
  test::canned_response slow = answer(204, "");
  slow.delay_ms = 1500;
  auto hooks = serve({route("POST", "/slow", {slow})});
  auto o = options({{actors::relay_kind::discord, hooks->base_url() + "/slow"}});
  o.relay.max_pending = 2;
  start(std::move(o));
  for (int i = 0; i < 5; ++i) {
    alerts::webhook_payload p;
    p.version = "4";
    p.receiver = "default";
    p.group_key = "{}:{alertname=\"A\"}";
    p.alerts = {make_alert("A" + std::to_string(i), "fp" + std::to_string(i))};
    BOOST_REQUIRE(record(std::move(p)).ok());
  }
  // Two waited (one in progress, one queued); three were dropped at once, counted and logged.
  BOOST_TEST(relay(actors::relay_kind::discord).dropped == 3u);
  BOOST_TEST(metric_line("recs_alert_relay_failures_total{target=\"discord\"} 3"));
  BOOST_TEST(log.get().size() == 3u);
  BOOST_TEST(log.get()[0].find("2 notifications are already waiting") != std::string::npos);
  wait_until([&] { return relay(actors::relay_kind::discord).sent == 2; }, "the two waiting");
  BOOST_TEST(relay(actors::relay_kind::discord).pending == 0u);
  BOOST_TEST(alerts->log().size() == 5u);  // the log keeps every alert either way
}

BOOST_FIXTURE_TEST_CASE(without_webhooks_nothing_is_relayed, fixture) {
  start(options({}));
  BOOST_TEST(alerts->relays().empty());
  auto n = record(parsed("grouped.json"));
  BOOST_REQUIRE(n.ok());
  BOOST_TEST(*n == 2u);
  BOOST_TEST(reg->render().find("recs_alert_relay_failures_total{") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(one_pipeline_per_registry_and_none_after_stop, fixture) {
  start(options({}));
  auto second = actors::alert_service::start(*sys, options({}), reg);
  BOOST_TEST(!second.ok());
  alerts->stop();
  alerts->stop();  // idempotent
  auto r = record(parsed("firing.json"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(static_cast<int>(r.err().code) == static_cast<int>(errc::unavailable));
}

BOOST_AUTO_TEST_CASE(relay_targets_keep_the_configured_ones_in_order) {
  auto t = actors::relay_targets("https://teams.test/x", "", "https://hooks.slack.com/y");
  BOOST_REQUIRE(t.size() == 2u);
  BOOST_TEST(actors::to_string(t[0].kind) == "teams");
  BOOST_TEST(actors::to_string(t[1].kind) == "slack");
  BOOST_TEST(t[1].url == "https://hooks.slack.com/y");
  BOOST_TEST(actors::relay_targets("", "", "").empty());
}
