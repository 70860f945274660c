// Recent alerts over GET /ws for the admin page: {"type":"subscribe_alerts"} answers the alert
// log at once and again after every change; admins only; unsubscribe_alerts stops it. The hub
// runs on the real actor service (for authentication) with a stand-in alert sink.
#define BOOST_TEST_MODULE net_alerts_live
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <filesystem>
#include <future>
#include <mutex>
#include <system_error>
#include <thread>

#include "actors/service.hpp"
#include "alerts/alert_log.hpp"
#include "app/bootstrap.hpp"
#include "net/http_server.hpp"
#include "net/live_hub.hpp"
#include "storage/sqlite_store.hpp"
#include "test/alerts/fixture.hpp"
#include "test/recsys/fixtures.hpp"
#include "test/support/ws_client.hpp"

using namespace recs;
namespace fs = std::filesystem;

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

struct hub_fixture {
  fs::path dir;
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<actors::service> svc;
  std::shared_ptr<net::live_hub> hub;
  std::shared_ptr<fake_sink> sink = std::make_shared<fake_sink>();
  std::unique_ptr<net::http_server> server;

  explicit hub_fixture(bool with_alerts = true) {
    char tmpl[] = "/tmp/recs-alerts-live-XXXXXX";
    dir = ::mkdtemp(tmpl);
    auto db = storage::open_sqlite((dir / "recs.sqlite").string());
    BOOST_REQUIRE(db.ok());
    BOOST_REQUIRE((*db)->migrate().ok());
    BOOST_REQUIRE(app::seed_demo_household(**db).ok());
    auto other = (*db)->create_household("Other", "other@x.test", {"stan"});
    BOOST_REQUIRE(other.ok());
    sys = std::make_unique<caf::actor_system>(cfg);
    auto s = actors::service::start(*sys, {}, std::move(*db), test::small_snapshot());
    BOOST_REQUIRE(s.ok());
    svc = std::move(*s);
    wait_for_first_model();
    net::live_options lo;
    lo.auth.dev_mode = true;
    lo.auth.admin_emails = {"demo@local.test"};
    hub = net::live_hub::create(*svc, lo);
    if (with_alerts) hub->connect_alerts(sink);
    net::server_options so;
    so.address = "127.0.0.1";
    so.port = 0;
    so.websocket = hub->acceptor();
    server = std::make_unique<net::http_server>(
        so, [](net::request&&, net::responder r) { r(net::json_error(404, "not_found", "x")); });
    BOOST_REQUIRE(server->start().ok());
  }

  /// The models are trained in the background at start; the tests are over before that, and the
  /// service is not stopped in the middle of it.
  void wait_for_first_model() {
    auto trainer_line = [this] {
      std::promise<result<std::vector<net::actor_info>>> p;
      svc->actors([&](result<std::vector<net::actor_info>> r) { p.set_value(std::move(r)); });
      auto f = p.get_future();
      BOOST_REQUIRE(f.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
      auto r = f.get();
      BOOST_REQUIRE(r.ok());
      for (const auto& a : *r)
        if (a.name == "cf_trainer") return a.state;
      return std::string();
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (trainer_line().rfind("idle, 1 fits", 0) != 0) {
      BOOST_REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  ~hub_fixture() {
    server->stop();
    svc->shutdown();
    hub.reset();
    svc.reset();
    sys.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }

  std::unique_ptr<test::ws_client> client(const char* auth) {
    auto c = std::make_unique<test::ws_client>(
        server->port(), "/ws",
        std::vector<std::pair<std::string, std::string>>{{"Authorization", auth}});
    BOOST_REQUIRE(c->status() == 101);
    auto ready = c->receive(5000);
    BOOST_REQUIRE(ready.has_value());
    BOOST_REQUIRE(ready->find("\"type\":\"ready\"") != std::string::npos);
    return c;
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

rapidjson::Document parse(const std::optional<std::string>& text) {
  rapidjson::Document d;
  BOOST_REQUIRE(text.has_value());
  d.Parse(text->c_str());
  BOOST_REQUIRE(d.IsObject());
  return d;
}

std::string type_of(const rapidjson::Document& d) {
  return d.HasMember("type") && d["type"].IsString() ? d["type"].GetString() : "";
}

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
  auto d = parse(first);
  BOOST_TEST(d["capacity"].GetUint() == 3u);
  BOOST_TEST(d["count"].GetUint() == 1u);
  BOOST_TEST(d["firing"].GetUint() == 1u);
  BOOST_TEST(d["alerts"][0]["name"].GetString() == std::string("OffersStaleRatioHigh"));
  BOOST_TEST(f.hub->alert_subscribers() == 1u);

  // A second subscribe is not a second subscription: the current log again, one push later.
  admin->send_text(R"({"type":"subscribe_alerts"})");
  BOOST_TEST(parse(admin->receive(5000))["count"].GetUint() == 1u);
  BOOST_TEST(f.hub->alert_subscribers() == 1u);

  auto second = f.client(kAdmin);
  second->send_text(R"({"type":"subscribe_alerts"})");
  BOOST_TEST(type_of(parse(second->receive(5000))) == "alerts");

  f.fire("RecsP95LatencyHigh");
  for (auto* c : {admin.get(), second.get()}) {
    auto pushed = parse(c->receive(5000));
    BOOST_TEST(type_of(pushed) == "alerts");
    BOOST_TEST(pushed["count"].GetUint() == 2u);
    BOOST_TEST(pushed["alerts"][0]["name"].GetString() == std::string("RecsP95LatencyHigh"));
  }
  BOOST_TEST(!admin->receive(300).has_value());  // one push per change

  admin->send_text(R"({"type":"unsubscribe_alerts"})");
  BOOST_TEST(type_of(parse(admin->receive(5000))) == "alerts_unsubscribed");
  BOOST_TEST(f.hub->alert_subscribers() == 1u);
  f.fire("RecsErrorRateHigh");
  BOOST_TEST(parse(second->receive(5000))["count"].GetUint() == 3u);
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
  auto e = parse(other->receive(5000));
  BOOST_TEST(type_of(e) == "error");
  BOOST_TEST(e["code"].GetString() == std::string("forbidden"));
  BOOST_TEST(e["message"].GetStringLength() > 0u);
  BOOST_TEST(f.hub->alert_subscribers() == 0u);
  // The connection stays usable.
  other->send_text(R"({"type":"ping"})");
  BOOST_TEST(type_of(parse(other->receive(5000))) == "pong");
  f.fire("OffersStaleRatioHigh");
  BOOST_TEST(!other->receive(300).has_value());

  // Before authenticating: unauthorized, and the connection is closed (as for slates).
  test::ws_client anon(f.server->port(), "/ws");
  BOOST_REQUIRE(anon.status() == 101);
  anon.send_text(R"({"type":"subscribe_alerts"})");
  auto u = parse(anon.receive(5000));
  BOOST_TEST(u["code"].GetString() == std::string("unauthorized"));
  BOOST_TEST(!anon.receive(5000).has_value());
  BOOST_TEST(anon.closed());
  BOOST_TEST(anon.close_code() == 1008u);
}

BOOST_AUTO_TEST_CASE(without_an_alert_pipeline_subscribe_alerts_is_unavailable) {
  hub_fixture f(false);
  auto admin = f.client(kAdmin);
  admin->send_text(R"({"type":"subscribe_alerts"})");
  auto e = parse(admin->receive(5000));
  BOOST_TEST(type_of(e) == "error");
  BOOST_TEST(e["code"].GetString() == std::string("unavailable"));
}
