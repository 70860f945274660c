// Recent alerts over GET /ws for the admin page: {"type":"subscribe_alerts"} answers the alert
// log at once and again after every change; admins only; unsubscribe_alerts stops it. The hub
// runs on the real actor service (for authentication) with a stand-in alert sink.
#define BOOST_TEST_MODULE net_alerts_live
#include <boost/test/unit_test.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "alerts/alert_log.hpp"
#include "test/alerts/fixture.hpp"
#include "test/support/live_fixture.hpp"

using namespace recs;
using test::msg;

namespace {

constexpr const char* kAdmin = "Bearer devtoken:demo@local.test";
constexpr const char* kOther = "Bearer devtoken:other@x.test";

/// An alert sink holding a log the test changes by hand.
class fake_sink : public net::alert_sink {
 public:
  void record(alerts::webhook_payload p, net::callback<std::size_t> cb) override {
    log_.record(p, 1800000000);
    std::vector<std::function<void()>> copy;
    {
      std::lock_guard<std::mutex> lock(mu_);
      copy = listeners_;
    }
    for (auto& f : copy) f();
    cb(p.alerts.size());
  }
  std::string recent_json() const override { return log_.to_json(); }
  void on_alerts_changed(std::function<void()> listener) override {
    std::lock_guard<std::mutex> lock(mu_);
    listeners_.push_back(std::move(listener));
  }

 private:
  alerts::alert_log log_{3};
  std::mutex mu_;
  std::vector<std::function<void()>> listeners_;
};

/// The live fixture with admins and the fake sink connected (or not) to the hub.
struct hub_fixture : test::live_fixture {
  std::shared_ptr<fake_sink> sink;

  explicit hub_fixture(bool with_alerts = true,
                       std::shared_ptr<fake_sink> s = std::make_shared<fake_sink>())
      : live_fixture(options(with_alerts ? s : nullptr)), sink(std::move(s)) {}

  static test::live_fixture_options options(std::shared_ptr<net::alert_sink> alerts) {
    test::live_fixture_options o;
    o.dir_template = "/tmp/recs-alerts-live-XXXXXX";
    o.admin_emails = {"demo@local.test"};
    o.alerts = std::move(alerts);
    return o;
  }

  void fire(const std::string& name) {
    alerts::webhook_payload p;
    p.version = "4";
    p.receiver = "default";
    p.group_key = "{}:{alertname=\"" + name + "\"}";
    p.alerts = {alerts::testing::make_alert(name, "fp-" + name)};
    sink->record(std::move(p), [](result<std::size_t>) {});
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(an_admin_gets_the_alerts_at_once_and_after_every_change) {
  hub_fixture f;
  f.fire("OffersStaleRatioHigh");
  auto admin = f.client(kAdmin);
  admin->send_text(R"({"type":"subscribe_alerts"})");
  auto first = admin->receive(5000);
  // Exactly {"type":"alerts"} followed by alert_log::to_json()'s fields.
  const std::string log_json = f.sink->recent_json();
  BOOST_REQUIRE(first.has_value());
  BOOST_TEST(*first == "{\"type\":\"alerts\"," + log_json.substr(1));
  const msg m(first);
  BOOST_TEST(m.d["capacity"].GetUint() == 3u);
  BOOST_TEST(m.d["count"].GetUint() == 1u);
  BOOST_TEST(m.d["firing"].GetUint() == 1u);
  BOOST_TEST(m.d["alerts"][0]["name"].GetString() == std::string("OffersStaleRatioHigh"));
  BOOST_TEST(f.hub->alert_subscribers() == 1u);

  // A second subscribe is not a second subscription: the current log again, one push later.
  admin->send_text(R"({"type":"subscribe_alerts"})");
  BOOST_TEST(msg(admin->receive(5000)).d["count"].GetUint() == 1u);
  BOOST_TEST(f.hub->alert_subscribers() == 1u);

  auto second = f.client(kAdmin);
  second->send_text(R"({"type":"subscribe_alerts"})");
  BOOST_TEST(msg(second->receive(5000)).type() == "alerts");

  f.fire("RecsP95LatencyHigh");
  for (auto* c : {admin.get(), second.get()}) {
    const msg pushed(c->receive(5000));
    BOOST_TEST(pushed.type() == "alerts");
    BOOST_TEST(pushed.d["count"].GetUint() == 2u);
    BOOST_TEST(pushed.d["alerts"][0]["name"].GetString() == std::string("RecsP95LatencyHigh"));
  }
  BOOST_TEST(!admin->receive(300).has_value());  // one push per change

  admin->send_text(R"({"type":"unsubscribe_alerts"})");
  BOOST_TEST(msg(admin->receive(5000)).type() == "alerts_unsubscribed");
  BOOST_TEST(f.hub->alert_subscribers() == 1u);
  f.fire("RecsErrorRateHigh");
  BOOST_TEST(msg(second->receive(5000)).d["count"].GetUint() == 3u);
  BOOST_TEST(!admin->receive(300).has_value());

  // A closed connection stops being a subscriber.
  second.reset();
  for (int i = 0; i < 100 && f.hub->alert_subscribers() > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  BOOST_TEST(f.hub->alert_subscribers() == 0u);
  f.fire("Another");  // nobody to tell: nothing breaks
}

BOOST_AUTO_TEST_CASE(alerts_are_for_admins_only) {
  hub_fixture f;
  auto other = f.client(kOther);
  other->send_text(R"({"type":"subscribe_alerts"})");
  const msg e(other->receive(5000));
  BOOST_TEST(e.type() == "error");
  BOOST_TEST(e.d["code"].GetString() == std::string("forbidden"));
  BOOST_TEST(e.d["message"].GetStringLength() > 0u);
  BOOST_TEST(f.hub->alert_subscribers() == 0u);
  // The connection stays usable.
  other->send_text(R"({"type":"ping"})");
  BOOST_TEST(msg(other->receive(5000)).type() == "pong");
  f.fire("OffersStaleRatioHigh");
  BOOST_TEST(!other->receive(300).has_value());

  // Before authenticating: unauthorized, and the connection is closed (as for slates).
  test::ws_client anon(f.server->port(), "/ws");
  BOOST_REQUIRE(anon.status() == 101);
  anon.send_text(R"({"type":"subscribe_alerts"})");
  const msg u(anon.receive(5000));
  BOOST_TEST(u.d["code"].GetString() == std::string("unauthorized"));
  BOOST_TEST(!anon.receive(5000).has_value());
  BOOST_TEST(anon.closed());
  BOOST_TEST(anon.close_code() == 1008u);
}

BOOST_AUTO_TEST_CASE(without_an_alert_pipeline_subscribe_alerts_is_unavailable) {
  hub_fixture f(false);
  auto admin = f.client(kAdmin);
  admin->send_text(R"({"type":"subscribe_alerts"})");
  const msg e(admin->receive(5000));
  BOOST_TEST(e.type() == "error");
  BOOST_TEST(e.d["code"].GetString() == std::string("unavailable"));
}
