#define BOOST_TEST_MODULE net_openapi_routes
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "test/net/fake_ports.hpp"

// web/openapi.json against the REST route table, both ways: every listed route is documented
// with its method, every documented operation is routed (or is one of the few paths served
// outside the table), and the open routes are exactly those documented without security.

using namespace recs;

namespace {

/// Served by the HTTP server itself, not by the REST table: the WebSocket upgrade and static
/// files.
const std::set<std::string> kOutsideTable = {"GET /ws", "GET /", "GET /openapi.json"};

struct stub_alerts final : net::alert_sink {
  void record(alerts::webhook_payload, net::callback<std::size_t> cb) override { cb(0); }
  std::string recent_json() const override { return "{}"; }
  void on_alerts_changed(std::function<void()>) override {}
};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

rapidjson::Document openapi() {
  const char* root = std::getenv("RECS_SOURCE_DIR");
  BOOST_REQUIRE(root != nullptr);
  std::ifstream in(std::string(root) + "/web/openapi.json");
  BOOST_REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document d;
  d.Parse(text.str().c_str());
  BOOST_REQUIRE(!d.HasParseError());
  return d;
}

struct documented_op {
  bool open = false;  ///< its "security" names no user token (bearerAuth): [] or a webhook secret
};

std::map<std::string, documented_op> documented() {
  const auto d = openapi();
  std::map<std::string, documented_op> out;
  for (const auto& path : d["paths"].GetObject()) {
    for (const auto& op : path.value.GetObject()) {
      documented_op o;
      auto sec = op.value.FindMember("security");
      o.open = sec != op.value.MemberEnd() && sec->value.IsArray();
      if (o.open)
        for (const auto& req : sec->value.GetArray())
          o.open = o.open && !req.HasMember("bearerAuth");
      out[upper(op.name.GetString()) + " " + path.name.GetString()] = o;
    }
  }
  return out;
}

net::route_table full_table(test::fake_ports& f) {
  return net::rest_routes(net::rest_ports{f.identity,
                                          f.accounts,
                                          f.households,
                                          f.auth,
                                          {},
                                          f.catalog,
                                          f.admin,
                                          f.slates,
                                          f.taste,
                                          f.lists,
                                          f.family,
                                          f.sync,
                                          f.admin,
                                          f.admin,
                                          std::make_shared<stub_alerts>(),
                                          {}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_route_is_documented_with_its_access) {
  test::fake_ports f;
  const auto docs = documented();
  std::size_t listed = 0;
  for (const auto& e : full_table(f)) {
    if (!e.listed) continue;
    ++listed;
    const std::string op = e.method + " " + e.pattern;
    BOOST_TEST_CONTEXT(op) {
      auto it = docs.find(op);
      BOOST_TEST((it != docs.end()), op << " is routed but not in web/openapi.json");
      if (it != docs.end())
        BOOST_TEST(it->second.open == (e.level == net::access::open),
                   op << ": documented security does not match access " << to_string(e.level));
    }
  }
  BOOST_TEST(listed > 30u);
}

BOOST_AUTO_TEST_CASE(every_documented_operation_is_routed) {
  test::fake_ports f;
  std::set<std::string> routed = kOutsideTable;
  for (const auto& e : full_table(f))
    if (e.listed) routed.insert(e.method + " " + e.pattern);
  const auto docs = documented();
  BOOST_TEST(docs.count("GET /metrics") == 1u);
  for (const auto& [op, info] : docs)
    BOOST_TEST(routed.count(op) == 1u, op << " is in web/openapi.json but not routed");
}
