#include "test/support/live_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <chrono>
#include <future>
#include <system_error>
#include <thread>
#include <utility>

#include "app/bootstrap.hpp"
#include "storage/sqlite_store.hpp"
#include "test/recsys/fixtures.hpp"

namespace recs::test {

namespace fs = std::filesystem;

live_fixture::live_fixture(const live_fixture_options& opts) {
  std::string tmpl = opts.dir_template;
  dir = ::mkdtemp(tmpl.data());
  auto db = storage::open_sqlite((dir / "recs.sqlite").string());
  BOOST_REQUIRE(db.ok());
  BOOST_REQUIRE((*db)->migrate().ok());
  BOOST_REQUIRE(app::seed_demo_household(**db, accounts::hash_cost::minimal()).ok());
  auto other = (*db)->create_household("Other", "other@x.test", {"stan"});
  BOOST_REQUIRE(other.ok());
  BOOST_REQUIRE((*db)->create_profile(other->id, "Solo", maturity::r18).ok());
  BOOST_REQUIRE(
      (*db)->create_account(other->id, "other@x.test", "", storage::account_role::owner).ok());
  sys = std::make_unique<caf::actor_system>(cfg);
  actors::service_options o;
  o.timeout = std::chrono::milliseconds(5000);
  auto s = actors::service::start(*sys, o, std::move(*db), small_snapshot());
  BOOST_REQUIRE(s.ok());
  svc = std::move(*s);
  auto desk = storage::open_sqlite((dir / "recs.sqlite").string());
  BOOST_REQUIRE(desk.ok());
  actors::account_options ao;
  ao.cost = accounts::hash_cost::minimal();
  BOOST_REQUIRE(svc->start_accounts(ao, std::move(*desk)).ok());
  wait_for_first_model();
  net::live_options lo;
  lo.auth.dev_mode = true;
  lo.auth.admin_emails = opts.admin_emails;
  hub = net::live_hub::create(svc->directory(), svc->slates(), svc->changes(), lo);
  if (opts.alerts) hub->connect_alerts(opts.alerts);
  net::server_options so;
  so.address = "127.0.0.1";
  so.port = 0;
  so.websocket = hub->acceptor();
  server = std::make_unique<net::http_server>(
      so, [](net::request&&, net::responder r) { r(net::json_error(404, "not_found", "x")); });
  BOOST_REQUIRE(server->start().ok());
}

void live_fixture::wait_for_first_model() {
  auto trainer_line = [this] {
    std::promise<result<std::vector<net::actor_info>>> p;
    svc->admin().actors([&](result<std::vector<net::actor_info>> r) { p.set_value(std::move(r)); });
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
  // The trainer sent the model to the pool before its status said so; this request queues
  // behind it, so once answered the pool has applied the model and announced it.
  trainer_line();
}

live_fixture::~live_fixture() {
  server->stop();
  svc->shutdown();
  hub.reset();
  svc.reset();
  sys.reset();  // waits for every actor, the store's SQLite connection closed with it
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

std::unique_ptr<ws_client> live_fixture::client(const char* auth) {
  auto c = std::make_unique<ws_client>(
      server->port(), "/ws",
      std::vector<std::pair<std::string, std::string>>{{"Authorization", auth}});
  BOOST_REQUIRE(c->status() == 101);
  auto ready = c->receive(5000);
  BOOST_REQUIRE(ready.has_value());
  BOOST_REQUIRE(ready->find("\"type\":\"ready\"") != std::string::npos);
  return c;
}

void live_fixture::rate(std::int64_t profile, const std::string& show, verdict v) {
  std::promise<result<rating>> p;
  rating r;
  r.profile_id = profile;
  r.show_id = show;
  r.primary = v;
  svc->taste().put_rating(r, [&](result<rating> x) { p.set_value(std::move(x)); });
  auto f = p.get_future();
  BOOST_REQUIRE(f.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  BOOST_REQUIRE(f.get().ok());
}

msg::msg(const std::optional<std::string>& text, const std::string& where) {
  BOOST_TEST_INFO(where);
  BOOST_REQUIRE(text.has_value());
  d.Parse(text->c_str());
  BOOST_REQUIRE(d.IsObject());
}

std::string msg::type() const {
  return d.HasMember("type") && d["type"].IsString() ? d["type"].GetString() : "";
}

std::vector<std::string> msg::ids() const {
  std::vector<std::string> out;
  for (const auto& it : d["items"].GetArray()) out.emplace_back(it["id"].GetString());
  return out;
}

}  // namespace recs::test
