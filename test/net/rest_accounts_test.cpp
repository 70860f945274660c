#define BOOST_TEST_MODULE net_rest_accounts
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include "test/net/fake_ports.hpp"

// Signing in, sessions, CSRF, token scopes and the kid screen, through the real route table and
// authentication against fake ports.

using namespace recs;
using recs::test::fake_ports;

namespace {

struct call_options {
  std::string bearer;  ///< Authorization: Bearer <this>
  std::string cookie;  ///< Cookie: recs_session=<this>
  std::string csrf;    ///< X-CSRF-Token
  std::string origin;
  std::string body;
  std::string remote = "192.0.2.7";
};

net::response call(fake_ports& f, const std::string& method, const std::string& target,
                   const call_options& o = {}) {
  net::request req;
  req.method = method;
  req.target = target;
  const auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = net::parse_query(target.substr(q + 1));
  req.headers.emplace_back("host", "tv.home.test");
  if (!o.bearer.empty()) req.headers.emplace_back("authorization", "Bearer " + o.bearer);
  if (!o.cookie.empty()) req.headers.emplace_back("cookie", "theme=dark; recs_session=" + o.cookie);
  if (!o.csrf.empty()) req.headers.emplace_back("x-csrf-token", o.csrf);
  if (!o.origin.empty()) req.headers.emplace_back("origin", o.origin);
  req.remote = o.remote;
  req.body = o.body;
  std::optional<net::response> out;
  f.router.dispatch(std::move(req), [&](net::response r) { out = std::move(r); });
  BOOST_REQUIRE(out.has_value());
  return *out;
}

std::string header(const net::response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

rapidjson::Document json(const std::string& body) {
  rapidjson::Document d;
  d.Parse(body.c_str(), body.size());
  BOOST_REQUIRE(!d.HasParseError());
  return d;
}

call_options session(std::string csrf = "csrf-1") {
  call_options o;
  o.cookie = "ross-session";
  o.csrf = std::move(csrf);
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sign_in_sets_a_session_cookie_with_its_flags) {
  fake_ports f;
  call_options o;
  o.body = R"({"email":" Ross@Home.test ","password":"right password"})";
  auto r = call(f, "POST", "/auth/login", o);
  BOOST_TEST(r.status == 200u);
  const std::string cookie = header(r, "Set-Cookie");
  BOOST_TEST(cookie.find("recs_session=new-session-id;") == 0u);
  for (const char* flag : {"; HttpOnly", "; SameSite=Lax", "; Path=/", "; Max-Age=2592000"})
    BOOST_TEST(cookie.find(flag) != std::string::npos, flag);
  BOOST_TEST(cookie.find("Secure") == std::string::npos);
  BOOST_TEST(header(r, "Cache-Control") == "no-store");
  BOOST_TEST(std::string(json(r.body)["csrf"].GetString()) == "csrf-new");
  BOOST_TEST(f.accounts.calls.back() == "login ross@home.test from 192.0.2.7");

  // The table holds the options by value: a table made after the change sees it.
  fake_ports tls;
  tls.auth.secure_cookies = true;
  tls.table = net::rest_routes(net::rest_ports{tls.identity,
                                               tls.accounts,
                                               tls.households,
                                               tls.auth,
                                               {},
                                               tls.catalog,
                                               tls.admin,
                                               tls.slates,
                                               tls.taste,
                                               tls.lists,
                                               tls.family,
                                               tls.sync,
                                               tls.admin,
                                               tls.admin,
                                               nullptr,
                                               {}});
  net::router secure_router;
  net::install(secure_router, tls.table, tls.identity, tls.auth);
  net::request req;
  req.method = "POST";
  req.target = req.path = "/auth/login";
  req.body = o.body;
  std::optional<net::response> out;
  secure_router.dispatch(std::move(req), [&](net::response x) { out = std::move(x); });
  BOOST_REQUIRE(out.has_value());
  BOOST_TEST(header(*out, "Set-Cookie").find("; Secure") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_is_401_and_bad_bodies_are_400) {
  fake_ports f;
  call_options o;
  o.body = R"({"email":"ross@home.test","password":"wrong"})";
  auto r = call(f, "POST", "/auth/login", o);
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(header(r, "Set-Cookie").empty());
  for (const char* bad : {"", "{}", R"({"email":"not an email","password":"x"})",
                          R"({"email":"a@b","password":5})", R"({"email":"@b","password":"x"})"}) {
    o.body = bad;
    BOOST_TEST(call(f, "POST", "/auth/login", o).status == 400u, bad);
  }
}

BOOST_AUTO_TEST_CASE(sign_in_forms_refuse_a_foreign_origin) {
  fake_ports f;
  call_options o;
  o.body = R"({"email":"ross@home.test","password":"right password"})";
  o.origin = "https://evil.test";
  BOOST_TEST(call(f, "POST", "/auth/login", o).status == 403u);
  o.origin = "http://tv.home.test";
  BOOST_TEST(call(f, "POST", "/auth/login", o).status == 200u);
}

BOOST_AUTO_TEST_CASE(a_session_needs_its_csrf_token_to_change_anything) {
  fake_ports f;
  const std::string rate = R"({"profile_id":1,"show_id":"tt0098904","primary":2})";
  auto o = session("");
  o.body = rate;
  BOOST_TEST(call(f, "POST", "/ratings", o).status == 403u);
  o.csrf = "csrf-2";
  BOOST_TEST(call(f, "POST", "/ratings", o).status == 403u);
  o.csrf = "csrf-1";
  o.origin = "https://evil.test";
  BOOST_TEST(call(f, "POST", "/ratings", o).status == 403u);
  BOOST_TEST(f.taste.calls.empty());
  o.origin = "https://tv.home.test";
  BOOST_TEST(call(f, "POST", "/ratings", o).status == 201u);
  BOOST_TEST(f.taste.calls.size() == 1u);
  // Reads need no CSRF token.
  auto me = call(f, "GET", "/me", session(""));
  BOOST_TEST(me.status == 200u);
  auto d = json(me.body);
  BOOST_TEST(std::string(d["via"].GetString()) == "session");
  BOOST_TEST(std::string(d["csrf"].GetString()) == "csrf-1");
  BOOST_TEST(std::string(d["role"].GetString()) == "owner");
}

BOOST_AUTO_TEST_CASE(token_scopes) {
  fake_ports f;
  call_options read;
  read.bearer = "read-token";
  BOOST_TEST(call(f, "GET", "/me/profiles", read).status == 200u);
  read.body = R"({"profile_id":1,"show_id":"tt0098904","primary":2})";
  BOOST_TEST(call(f, "POST", "/ratings", read).status == 403u);
  BOOST_TEST(call(f, "GET", "/admin/status", read).status ==
             403u);  // an admin's token, not admin scope
  call_options write;
  write.bearer = "write-token";
  write.body = read.body;
  BOOST_TEST(call(f, "POST", "/ratings", write).status == 201u);
  write.body = R"({"name":"ci","scope":"read"})";
  BOOST_TEST(call(f, "POST", "/me/tokens", write).status == 403u);  // a token makes no tokens
  BOOST_TEST(call(f, "GET", "/me", write).status == 200u);
  BOOST_TEST(std::string(json(call(f, "GET", "/me", write).body)["scope"].GetString()) == "write");
}

BOOST_AUTO_TEST_CASE(tokens_are_made_shown_once_and_revoked) {
  fake_ports f;
  auto o = session();
  o.body = R"({"name":"laptop script","scope":"write"})";
  auto r = call(f, "POST", "/me/tokens", o);
  BOOST_TEST(r.status == 201u);
  BOOST_TEST(std::string(json(r.body)["token"].GetString()) == "secret-shown-once");
  o.body = R"({"name":"x","scope":"root"})";
  BOOST_TEST(call(f, "POST", "/me/tokens", o).status == 400u);
  auto list = call(f, "GET", "/me/tokens", session());
  BOOST_TEST(list.status == 200u);
  BOOST_TEST(list.body.find("token\"") == std::string::npos);  // no secret in the list
  BOOST_TEST(call(f, "DELETE", "/me/tokens/7", session()).status == 204u);
  BOOST_TEST(call(f, "DELETE", "/me/tokens/abc", session()).status == 400u);
  BOOST_TEST(f.accounts.calls.back() == "revoke_token ross@home.test 7");
}

BOOST_AUTO_TEST_CASE(a_kid_screen_cannot_raise_a_cap_or_manage_the_household) {
  fake_ports f;
  call_options kid;
  kid.cookie = "kid-session";
  kid.csrf = "csrf-1";
  kid.body = R"({"maturity_cap":"R18+"})";
  BOOST_TEST(call(f, "PATCH", "/me/profiles/2", kid).status == 403u);
  kid.body = R"({"name":"x","scope":"read"})";
  BOOST_TEST(call(f, "POST", "/me/tokens", kid).status == 403u);
  kid.body = R"({"email":"gran@home.test"})";
  BOOST_TEST(call(f, "POST", "/me/invites", kid).status == 403u);
  kid.body.clear();
  BOOST_TEST(call(f, "DELETE", "/me/household?confirm=true", kid).status == 403u);
  BOOST_TEST(f.households.calls.empty());
  // An adult's screen may.
  auto adult = session();
  adult.body = R"({"maturity_cap":"PG"})";
  BOOST_TEST(call(f, "PATCH", "/me/profiles/2", adult).status == 200u);
  BOOST_TEST(f.households.calls.back() == "update_profile 2 cap PG");
}

BOOST_AUTO_TEST_CASE(profiles_and_the_household_need_a_confirmation_to_go) {
  fake_ports f;
  BOOST_TEST(call(f, "DELETE", "/me/profiles/2", session()).status == 400u);
  BOOST_TEST(call(f, "DELETE", "/me/profiles/3?confirm=true", session()).status == 404u);
  BOOST_TEST(call(f, "DELETE", "/me/profiles/2?confirm=true", session()).status == 204u);
  BOOST_TEST(call(f, "DELETE", "/me/household", session()).status == 400u);
  auto gone = call(f, "DELETE", "/me/household?confirm=true", session());
  BOOST_TEST(gone.status == 204u);
  BOOST_TEST(header(gone, "Set-Cookie").find("Max-Age=0") != std::string::npos);
  BOOST_TEST(f.households.calls.back() == "delete_household 1");
}

BOOST_AUTO_TEST_CASE(export_as_json_and_csv) {
  fake_ports f;
  auto j = call(f, "GET", "/me/export", session());
  BOOST_TEST(j.status == 200u);
  BOOST_TEST(std::string(json(j.body)["format"].GetString()) == "recs-household-export");
  auto c = call(f, "GET", "/me/export?format=csv", session());
  BOOST_TEST(c.status == 200u);
  BOOST_TEST(c.content_type.find("text/csv") == 0u);
  BOOST_TEST(c.body.find("profile,show_id,title,verdict,score,source,rated_at") == 0u);
  BOOST_TEST(call(f, "GET", "/me/export?format=xml", session()).status == 400u);
}

BOOST_AUTO_TEST_CASE(sign_up_is_closed_unless_the_deployment_opens_it) {
  fake_ports f;
  call_options o;
  o.body = R"({"household":"Flat 2","email":"new@x.test","password":"long enough pass"})";
  BOOST_TEST(call(f, "POST", "/auth/signup", o).status == 403u);
  BOOST_TEST(f.accounts.calls.empty());
}

BOOST_AUTO_TEST_CASE(a_pin_guards_choosing_a_profile_and_setup_checks_its_body) {
  fake_ports f;
  BOOST_TEST(call(f, "POST", "/me/profiles/1/select", session()).status == 204u);
  BOOST_TEST(f.accounts.calls.back() == "select_profile ross@home.test 1");
  BOOST_TEST(call(f, "POST", "/me/profiles/3/select", session()).status == 404u);
  call_options o;
  o.body = R"({"household":"Home","email":"me@x.test","password":"long enough pass",)"
           R"("profiles":[{"name":"Me"},{"name":"Kid","kid":true,"maturity_cap":"G"}]})";
  BOOST_TEST(call(f, "POST", "/auth/setup", o).status == 201u);
  o.body =
      R"({"household":"Home","email":"me@x.test","password":"long enough pass","profiles":[]})";
  BOOST_TEST(call(f, "POST", "/auth/setup", o).status == 400u);
  o.body = R"({"household":"Home","email":"me@x.test","password":"p",)"
           R"("profiles":[{"name":"Me","maturity_cap":"X"}]})";
  BOOST_TEST(call(f, "POST", "/auth/setup", o).status == 400u);
}

BOOST_AUTO_TEST_CASE(the_owners_webhook_is_set_answered_masked_tested_and_removed) {
  fake_ports f;
  auto none = call(f, "GET", "/me/webhook", session());
  BOOST_TEST(none.status == 200u);
  BOOST_TEST(json(none.body)["webhook"].IsNull());
  BOOST_TEST(std::string(json(none.body)["policy"].GetString()) == "public");
  auto o = session();
  for (const char* bad : {"not json", "{}", R"({"kind":"discord"})", R"({"url":"https://x.org/a"})",
                          R"({"kind":7,"url":"https://x.org/a"})"}) {
    o.body = bad;
    BOOST_TEST(call(f, "PUT", "/me/webhook", o).status == 400u, bad);
  }
  BOOST_TEST(f.lists.calls.size() == 1u);  // only the GET reached the port
  o.body = R"({"kind":"discord","url":"https://discord.com/api/webhooks/1/SECRET"})";
  auto set = call(f, "PUT", "/me/webhook", o);
  BOOST_TEST(set.status == 200u);
  BOOST_TEST(set.body.find("SECRET") == std::string::npos);
  BOOST_TEST(std::string(json(set.body)["webhook"]["kind"].GetString()) == "discord");
  BOOST_TEST(f.lists.calls.back() == "set_webhook 1 discord 41");
  auto test = call(f, "POST", "/me/webhook/test", session());
  BOOST_TEST(test.status == 200u);
  BOOST_TEST(!json(test.body)["delivered"].GetBool());
  BOOST_TEST(std::string(json(test.body)["message"].GetString()).find("HTTP 404") !=
             std::string::npos);
  BOOST_TEST(call(f, "DELETE", "/me/webhook", session()).status == 204u);
  // Neither a kid's screen nor a read-scope token may touch it.
  call_options kid;
  kid.cookie = "kid-session";
  kid.csrf = "csrf-1";
  BOOST_TEST(call(f, "GET", "/me/webhook", kid).status == 403u);
  kid.body = o.body;
  BOOST_TEST(call(f, "PUT", "/me/webhook", kid).status == 403u);
  call_options reader;
  reader.bearer = "read-token";
  reader.body = o.body;
  BOOST_TEST(call(f, "PUT", "/me/webhook", reader).status == 403u);
  BOOST_TEST(f.lists.calls.size() == 4u);  // GET, PUT, test, DELETE
}
