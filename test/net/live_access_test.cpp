// Open /ws connections follow their credential and their household: a revoked token, a signed-out
// session (everywhere) or a removed member closes the connection at once (1008), while the
// household's other connections and other households' stay; a profile created or deleted
// elsewhere reaches every open page ("profiles"), and a subscription to a deleted profile ends.
#define BOOST_TEST_MODULE net_live_access
#include <boost/test/unit_test.hpp>

#include <future>

#include "app/bootstrap.hpp"
#include "test/support/live_fixture.hpp"

using namespace recs;
using test::live_fixture;
using test::msg;
using test::ws_client;

namespace {

/// Waits for a port's answer and requires it to be ok.
template <class T, class Call>
T await(Call call) {
  std::promise<result<T>> p;
  call([&](result<T> r) { p.set_value(std::move(r)); });
  auto f = p.get_future();
  BOOST_REQUIRE(f.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  auto r = f.get();
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  return std::move(*r);
}

net::new_session sign_in(live_fixture& f, const std::string& email, const std::string& password) {
  return await<net::new_session>(
      [&](auto cb) { f.svc->accounts().login(email, password, "127.0.0.1", std::move(cb)); });
}

/// A client authenticated by `header: value`, past its "ready".
std::unique_ptr<ws_client> open(live_fixture& f, const std::string& header,
                                const std::string& value) {
  auto c = std::make_unique<ws_client>(
      f.server->port(), "/ws", std::vector<std::pair<std::string, std::string>>{{header, value}});
  BOOST_REQUIRE(c->status() == 101);
  msg ready(c->receive(5000), "ready");
  BOOST_REQUIRE(ready.type() == "ready");
  return c;
}

/// The next message that is not a slate (slates may come at any time after a change).
msg next_not_slate(ws_client& c, const std::string& where) {
  for (int i = 0; i < 20; ++i) {
    msg m(c.receive(5000), where);
    if (m.type() != "slate") return m;
  }
  BOOST_FAIL("only slates at " + where);
  return msg(std::string("{}"));
}

/// Still open and answering.
void require_alive(ws_client& c, const std::string& where) {
  BOOST_REQUIRE(c.send_text(R"({"type":"ping"})"));
  BOOST_TEST(next_not_slate(c, where).type() == "pong", where);
}

/// Closed by the server with 1008, after an "unauthorized" error.
void require_closed(ws_client& c, const std::string& where) {
  msg m = next_not_slate(c, where);
  BOOST_TEST(m.type() == "error", where);
  BOOST_TEST(m.d["code"].GetString() == std::string("unauthorized"), where);
  BOOST_TEST(!c.receive(5000).has_value(), where);
  BOOST_TEST(c.closed(), where);
  BOOST_TEST(c.close_code() == 1008u, where);
}

std::vector<std::string> profile_names(const msg& m) {
  std::vector<std::string> out;
  for (const auto& p : m.d["profiles"].GetArray()) out.emplace_back(p["name"].GetString());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_revoked_credential_closes_its_connections_and_only_those) {
  live_fixture f;
  const auto owner = sign_in(f, "demo@local.test", app::demo_password);
  const auto screen = sign_in(f, "demo@local.test", app::demo_password);
  const auto token = await<net::new_token>([&](auto cb) {
    f.svc->accounts().create_token(owner.who, "script", net::scope::read, std::move(cb));
  });

  auto by_cookie = open(f, "Cookie", "recs_session=" + owner.id);
  auto other_screen = open(f, "Cookie", "recs_session=" + screen.id);
  auto by_token = open(f, "Authorization", "Bearer " + token.token);
  auto by_message = std::make_unique<ws_client>(f.server->port(), "/ws");
  by_message->send_text(R"({"type":"auth","token":")" + token.token + R"("})");
  BOOST_REQUIRE(msg(by_message->receive(5000), "auth").type() == "ready");
  auto other_home = f.client("Bearer devtoken:other@x.test");
  by_token->send_text(R"({"type":"subscribe","id":"r","for":"ross","limit":5})");
  BOOST_REQUIRE(msg(by_token->receive(10000), "slate").type() == "slate");

  // The token is revoked: both of its connections close; the sessions stay.
  const auto id = token.info.id;
  await<unit>([&](auto cb) { f.svc->accounts().revoke_token(owner.who, id, std::move(cb)); });
  require_closed(*by_token, "token on the upgrade");
  require_closed(*by_message, "token by message");
  require_alive(*by_cookie, "the session, after the token went");
  require_alive(*other_screen, "the other session, after the token went");

  // This screen signs out: its connection closes, the other screen's stays.
  await<unit>([&](auto cb) { f.svc->accounts().logout(owner.who, std::move(cb)); });
  require_closed(*by_cookie, "signed out");
  require_alive(*other_screen, "the other session, after one signed out");

  // Sign out everywhere: every session of the account.
  await<unit>([&](auto cb) { f.svc->accounts().logout_all(screen.who, std::move(cb)); });
  require_closed(*other_screen, "signed out everywhere");
  require_alive(*other_home, "another household");
}

BOOST_AUTO_TEST_CASE(a_removed_member_is_cut_off) {
  live_fixture f;
  const auto owner = sign_in(f, "demo@local.test", app::demo_password);
  const auto invite = await<net::new_invite>([&](auto cb) {
    f.svc->households().invite(owner.who, "kin@x.test", net::member_role::member, std::move(cb));
  });
  const auto kin = await<net::new_session>([&](auto cb) {
    f.svc->accounts().accept_invite(invite.code, "kin@x.test", "a long password", "127.0.0.1",
                                    std::move(cb));
  });
  auto owner_page = open(f, "Cookie", "recs_session=" + owner.id);
  auto kin_page = open(f, "Cookie", "recs_session=" + kin.id);
  const auto household = owner.who.household_id, account = kin.who.account_id;
  await<unit>(
      [&](auto cb) { f.svc->households().remove_member(household, account, std::move(cb)); });
  require_closed(*kin_page, "removed member");
  require_alive(*owner_page, "the owner");
}

BOOST_AUTO_TEST_CASE(profiles_created_or_deleted_elsewhere_reach_open_pages) {
  live_fixture f;
  const auto owner = sign_in(f, "demo@local.test", app::demo_password);
  auto page = open(f, "Cookie", "recs_session=" + owner.id);
  auto other_home = f.client("Bearer devtoken:other@x.test");
  const auto household = owner.who.household_id;

  net::profile_spec spec;
  spec.name = "Guest";
  const auto guest = await<profile>(
      [&](auto cb) { f.svc->households().create_profile(household, spec, std::move(cb)); });
  msg added = next_not_slate(*page, "profile added");
  BOOST_REQUIRE(added.type() == "profiles");
  BOOST_TEST(added.d["household"].GetInt64() == household);
  const auto names = profile_names(added);
  BOOST_TEST((std::find(names.begin(), names.end(), "Guest") != names.end()));

  page->send_text(R"({"type":"subscribe","id":"g","for":"guest","limit":5})");
  BOOST_REQUIRE(msg(page->receive(10000), "guest slate").type() == "slate");
  page->send_text(R"({"type":"subscribe","id":"r","for":"ross","limit":5})");
  BOOST_REQUIRE(msg(page->receive(10000), "ross slate").type() == "slate");

  const auto gone = guest.id;
  await<unit>([&](auto cb) { f.svc->households().delete_profile(gone, std::move(cb)); });
  msg ended = next_not_slate(*page, "subscription ended");
  BOOST_TEST(ended.type() == "error");
  BOOST_TEST(ended.d["id"].GetString() == std::string("g"));
  BOOST_TEST(ended.d["code"].GetString() == std::string("not_found"));
  msg removed = next_not_slate(*page, "profile removed");
  BOOST_REQUIRE(removed.type() == "profiles");
  const auto after = profile_names(removed);
  BOOST_TEST((std::find(after.begin(), after.end(), "Guest") == after.end()));
  // The other subscription is still served: unsubscribing it is acknowledged.
  page->send_text(R"({"type":"unsubscribe","id":"r"})");
  BOOST_TEST(next_not_slate(*page, "unsubscribe").type() == "unsubscribed");
  // Another household heard nothing of it.
  require_alive(*other_home, "another household");
}
