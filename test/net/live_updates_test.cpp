// Live updates end to end in one process: the real actor service on SQLite, the live hub and the
// Beast server, with WebSocket clients on loopback. A rating re-ranks every subscribed client of
// that slate (and of Family Mixes the profile is in), and nobody else's.
#define BOOST_TEST_MODULE net_live_updates
#include <boost/test/unit_test.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <future>

#include "net/json_codec.hpp"
#include "test/recsys/fixtures.hpp"
#include "test/support/live_fixture.hpp"

using namespace recs;
using test::live_fixture;
using test::msg;

namespace {

constexpr const char* kDemo = "Bearer devtoken:demo@local.test";
constexpr const char* kOther = "Bearer devtoken:other@x.test";

/// A slate message as the hub has always written it, in one piece: the head fields by rapidjson,
/// then the REST body as `items`.
std::string expected_slate(const std::string& id, std::uint64_t version, const std::string& reason,
                           const std::string& body) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("type");
  w.String("slate");
  w.Key("id");
  w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
  w.Key("version");
  w.Uint64(version);
  w.Key("reason");
  w.String(reason.c_str(), static_cast<rapidjson::SizeType>(reason.size()));
  w.EndObject();
  std::string head(sb.GetString(), sb.GetSize());
  head.pop_back();
  return head + ",\"items\":" + body + "}";
}

/// The REST body of GET /recommendations for `profile` with `req`, through the same backend.
std::string rest_body(live_fixture& f, std::int64_t profile, const slate_request& req) {
  std::promise<result<slate_ptr>> p;
  f.svc->slates().recommend(profile, req, [&](result<slate_ptr> r) { p.set_value(std::move(r)); });
  auto fut = p.get_future();
  BOOST_REQUIRE(fut.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  auto r = fut.get();
  BOOST_REQUIRE(r.ok());
  return net::render_slate(**r, false);
}

std::int64_t profile_id(live_fixture& f, const std::string& name) {
  for (const auto& p :
       f.svc->directory().profiles(f.svc->directory().household_by_email("demo@local.test")->id))
    if (p.name == name) return p.id;
  BOOST_FAIL("no profile " + name);
  return 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_rating_reranks_every_subscriber_of_that_slate_and_nobody_else) {
  live_fixture f;
  const auto ross = profile_id(f, "Ross"), son = profile_id(f, "Son");
  auto a = f.client(kDemo);
  a->send_text(R"({"type":"subscribe","id":"r","for":"ross","limit":5})");
  msg first(a->receive(10000), "first");
  BOOST_REQUIRE(first.type() == "slate");
  BOOST_TEST(first.d["reason"].GetString() == std::string("subscribe"));
  const auto v1 = first.version();
  const auto top = first.ids().front();

  // A second client authenticates by message and shares the topic: same version at once.
  test::ws_client b(f.server->port(), "/ws");
  BOOST_REQUIRE(b.status() == 101);
  b.send_text(R"({"type":"auth","token":"devtoken:demo@local.test"})");
  BOOST_TEST(msg(b.receive(5000), "line 139").type() == "ready");
  b.send_text(R"({"type":"subscribe","id":"mine","for":"Ross","limit":5})");
  msg b1(b.receive(5000), "b1");
  BOOST_TEST(b1.version() == v1);
  BOOST_TEST(b1.d["id"].GetString() == std::string("mine"));

  auto fam = f.client(kDemo);
  fam->send_text(R"({"type":"subscribe","id":"f","for":"ross,son"})");
  msg f1(fam->receive(10000), "f1");
  BOOST_TEST(f1.type() == "slate");
  BOOST_TEST(f1.d["items"][0].HasMember("family_strong"));

  auto other = f.client(kOther);
  other->send_text(R"({"type":"subscribe","id":"o","for":"solo","limit":5})");
  BOOST_TEST(msg(other->receive(10000), "line 153").type() == "slate");

  f.rate(ross, top, verdict::bad);
  msg a2(a->receive(5000), "a2");
  BOOST_TEST(a2.d["reason"].GetString() == std::string("rating"));
  BOOST_TEST(a2.version() > v1);
  const auto after = a2.ids();
  BOOST_TEST((std::find(after.begin(), after.end(), top) == after.end()));
  msg b2(b.receive(5000), "b2");
  BOOST_TEST(b2.version() == a2.version());
  BOOST_TEST(msg(fam->receive(5000), "line 163").d["reason"].GetString() == std::string("rating"));
  BOOST_TEST(!other->receive(700).has_value());  // another household hears nothing
  BOOST_TEST(!other->closed());

  // Son's rating of a show in the Mix moves the Family Mix, not Ross's own slate.
  const std::string in_mix = f1.ids().front() == top ? f1.ids().back() : f1.ids().front();
  f.rate(son, in_mix, verdict::loved);
  BOOST_TEST(msg(fam->receive(5000), "line 169").type() == "slate");
  BOOST_TEST(!a->receive(700).has_value());

  // Unsubscribed: nothing more arrives.
  b.send_text(R"({"type":"unsubscribe","id":"mine"})");
  BOOST_TEST(msg(b.receive(5000), "line 174").type() == "unsubscribed");
  f.rate(ross, "tt0098904", verdict::good);
  BOOST_TEST(msg(a->receive(5000), "line 176").type() == "slate");
  BOOST_TEST(!b.receive(700).has_value());

  // A client that reconnects gets the current slate and version at once.
  auto again = f.client(kDemo);
  again->send_text(R"({"type":"subscribe","id":"r2","for":"ross","limit":5,"version":1})");
  msg now(again->receive(5000));
  BOOST_TEST(now.version() >= a2.version());
}

BOOST_AUTO_TEST_CASE(origin_auth_and_bad_messages) {
  live_fixture f;
  const std::string port = std::to_string(f.server->port());
  test::ws_client evil(f.server->port(), "/ws", {{"Origin", "http://evil.example"}});
  BOOST_TEST(evil.status() == 403);
  test::ws_client same(f.server->port(), "/ws", {{"Origin", "http://127.0.0.1:" + port}});
  BOOST_TEST(same.status() == 101);
  // A malformed credential is refused at the upgrade; a well-formed unknown one is looked up
  // after it: an error message, then the connection closes (1008).
  test::ws_client malformed(f.server->port(), "/ws", {{"Authorization", "Basic bm9wZQ=="}});
  BOOST_TEST(malformed.status() == 401);
  test::ws_client bad_token(f.server->port(), "/ws", {{"Authorization", "Bearer nope"}});
  BOOST_REQUIRE(bad_token.status() == 101);
  BOOST_TEST(msg(bad_token.receive(5000), "unknown token").d["code"].GetString() ==
             std::string("unauthorized"));
  BOOST_TEST(!bad_token.receive(5000).has_value());
  test::ws_client bad_cookie(f.server->port(), "/ws", {{"Cookie", "recs_session=nope"}});
  BOOST_REQUIRE(bad_cookie.status() == 101);
  BOOST_TEST(msg(bad_cookie.receive(5000), "unknown session").d["code"].GetString() ==
             std::string("unauthorized"));

  // Subscribing before authenticating: an error, then the connection closes (1008).
  test::ws_client anon(f.server->port(), "/ws");
  BOOST_REQUIRE(anon.status() == 101);
  anon.send_text(R"({"type":"subscribe","id":"x","for":"ross"})");
  BOOST_TEST(msg(anon.receive(5000), "line 200").d["code"].GetString() ==
             std::string("unauthorized"));
  BOOST_TEST(!anon.receive(5000).has_value());
  BOOST_TEST(anon.close_code() == 1008u);

  auto c = f.client(kDemo);
  c->send_text("not json");
  BOOST_TEST(msg(c->receive(5000), "line 206").d["code"].GetString() == std::string("bad_request"));
  c->send_text(R"({"type":"subscribe","id":"x","for":"nobody"})");
  BOOST_TEST(msg(c->receive(5000), "line 208").d["code"].GetString() == std::string("not_found"));
  c->send_text(R"({"type":"subscribe","id":"x","for":"ross","limit":0})");
  BOOST_TEST(msg(c->receive(5000), "line 210").d["code"].GetString() == std::string("bad_request"));
  c->send_text(R"({"type":"subscribe","id":"x","for":"ross,son","intent":"quick"})");
  BOOST_TEST(msg(c->receive(5000), "line 212").d["code"].GetString() == std::string("bad_request"));
  c->send_text(R"({"type":"ping"})");
  BOOST_TEST(msg(c->receive(5000), "line 214").type() == "pong");
  BOOST_TEST(!c->closed());  // bad messages are answered, not fatal
}

BOOST_AUTO_TEST_CASE(an_availability_change_reaches_open_slates) {
  live_fixture f;
  auto a = f.client(kDemo);
  a->send_text(R"({"type":"subscribe","id":"r","for":"ross","limit":10})");
  msg first(a->receive(10000), "first");
  // The sync moved The Office from Stan to Netflix: a new catalog version.
  auto shows = test::small_catalog();
  for (auto& s : shows)
    if (s.id == "tt0386676") {
      s.offers.clear();
      offer o;
      o.provider = "netflix";
      o.type = monetization::flatrate;
      o.inferred = false;
      o.basis = "verified";
      o.last_checked_ts = 1795000000;
      s.offers.push_back(o);
    }
  std::promise<result<unit>> p;
  f.svc->publish_catalog(catalog_snapshot::build(shows, test::small_providers(), 2),
                         [&](result<unit> r) { p.set_value(std::move(r)); });
  BOOST_REQUIRE(p.get_future().get().ok());
  msg next(a->receive(5000), "availability");
  BOOST_TEST(next.d["reason"].GetString() == std::string("availability"));
  BOOST_TEST(next.version() > first.version());
  bool found = false;
  for (const auto& it : next.d["items"].GetArray()) {
    if (std::string(it["id"].GetString()) != "tt0386676") continue;
    found = true;
    BOOST_TEST(it["availability"][0]["provider"].GetString() == std::string("netflix"));
    BOOST_TEST(it["availability"][0]["status"].GetString() == std::string("verified"));
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(subscribers_with_different_ids_get_the_exact_slate_message_of_before) {
  live_fixture f;
  const auto ross = profile_id(f, "Ross");
  slate_request req;
  req.limit = 5;
  // An id that JSON must escape, and a plain one, on two connections sharing the topic.
  const std::string odd = "q\"\\/\u00e9\t1";
  auto a = f.client(kDemo);
  auto b = f.client(kDemo);
  a->send_text(R"({"type":"subscribe","id":"a","for":"ross","limit":5})");
  const auto a1 = a->receive(10000);
  msg first(a1, "a1");
  BOOST_REQUIRE(first.type() == "slate");
  b->send_text(R"({"type":"subscribe","id":"q\"\\/\u00e9\t1","for":"ross","limit":5})");
  const auto b1 = b->receive(5000);
  msg second(b1, "b1");
  BOOST_TEST(second.d["id"].GetString() == odd);
  BOOST_TEST(second.version() == first.version());
  const std::string body = rest_body(f, ross, req);
  BOOST_TEST(*a1 == expected_slate("a", first.version(), "subscribe", body));
  BOOST_TEST(*b1 == expected_slate(odd, first.version(), "subscribe", body));

  // A push to both: one body, two heads.
  f.rate(ross, first.ids().front(), verdict::bad);
  const auto a2 = a->receive(5000);
  const auto b2 = b->receive(5000);
  msg pushed(a2, "a2");
  BOOST_REQUIRE(pushed.type() == "slate");
  BOOST_TEST(msg(b2, "b2").version() == pushed.version());
  const std::string after = rest_body(f, ross, req);
  BOOST_TEST(after != body);
  BOOST_TEST(*a2 == expected_slate("a", pushed.version(), "rating", after));
  BOOST_TEST(*b2 == expected_slate(odd, pushed.version(), "rating", after));
}
