#define BOOST_TEST_MODULE net_auth
#include "net/auth.hpp"

#include <boost/test/unit_test.hpp>

#include "test/net/fake_ports.hpp"

// Which credential a request carries, and what an account may then do (net/auth.hpp).

using namespace recs;
using net::credential_kind;

namespace {

net::request req(std::vector<std::pair<std::string, std::string>> headers,
                 std::string remote = "192.0.2.1", std::string method = "GET") {
  net::request r;
  r.method = std::move(method);
  r.headers = std::move(headers);
  r.headers.emplace_back("host", "tv.home.test");
  r.remote = std::move(remote);
  return r;
}

net::auth_options proxied() {
  net::auth_options o;
  o.proxy_header = "remote-email";
  o.proxy_trusted = {"10.0.0.2"};
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(bearer_cookie_and_proxy_in_that_order) {
  auto o = proxied();
  auto c = net::read_credential(req({{"authorization", "Bearer abc_DEF-123"}}), o);
  BOOST_REQUIRE(c.ok());
  BOOST_TEST(((*c)->kind == credential_kind::token));
  BOOST_TEST((*c)->value == "abc_DEF-123");
  c = net::read_credential(req({{"cookie", "a=1; recs_session=s3ss10n ; b=2"}}), o);
  BOOST_REQUIRE(c.ok());
  BOOST_TEST(((*c)->kind == credential_kind::session));
  BOOST_TEST((*c)->value == "s3ss10n");
  // Bearer wins over a cookie.
  c = net::read_credential(req({{"cookie", "recs_session=s"}, {"authorization", "bearer tok"}}), o);
  BOOST_TEST(((*c)->kind == credential_kind::token));
  c = net::read_credential(req({{"remote-email", " Ross@Home.Test "}}, "10.0.0.2"), o);
  BOOST_REQUIRE(c.ok());
  BOOST_TEST(((*c)->kind == credential_kind::proxy));
  BOOST_TEST((*c)->value == "ross@home.test");
  BOOST_TEST(!net::read_credential(req({}), o)->has_value());
}

BOOST_AUTO_TEST_CASE(the_proxy_header_counts_only_from_a_trusted_address) {
  auto o = proxied();
  auto c = net::read_credential(req({{"remote-email", "ross@home.test"}}, "10.0.0.3"), o);
  BOOST_REQUIRE(c.ok());
  BOOST_TEST(!c->has_value());
  o.proxy_header.clear();  // off
  c = net::read_credential(req({{"remote-email", "ross@home.test"}}, "10.0.0.2"), o);
  BOOST_TEST(!c->has_value());
}

BOOST_AUTO_TEST_CASE(dev_tokens_only_in_dev_mode_and_malformed_credentials) {
  net::auth_options o;
  auto dev = net::read_credential(req({{"authorization", "Bearer devtoken:Demo@Local.test"}}), o);
  BOOST_TEST(!dev.ok());
  o.dev_mode = true;
  dev = net::read_credential(req({{"authorization", "Bearer devtoken:Demo@Local.test"}}), o);
  BOOST_REQUIRE(dev.ok());
  BOOST_TEST(((*dev)->kind == credential_kind::dev));
  BOOST_TEST((*dev)->value == "demo@local.test");
  for (const char* bad :
       {"Basic abc", "Bearer", "Bearer a b", "Bearer ../../etc", "Bearer tok\"en"})
    BOOST_TEST(!net::read_credential(req({{"authorization", bad}}), o).ok(), bad);
  BOOST_TEST(!net::read_credential(req({{"cookie", "recs_session=<script>"}}), o).ok());
}

BOOST_AUTO_TEST_CASE(scopes_csrf_and_the_proxy_origin_rule) {
  test::fake_identity ids;
  net::auth_options o;
  o.admin_emails = {"ross@home.test"};
  auto who = test::owner_ref(1, "ross@home.test", 1, credential_kind::token);
  who.scope = net::scope::read;
  BOOST_TEST(net::admit(req({}), who, ids, o, net::access::member).ok());
  auto post = req({}, "192.0.2.1", "POST");
  BOOST_TEST((net::admit(post, who, ids, o, net::access::member).err().code == errc::forbidden));
  // An admin's token is admin only with scope admin.
  who.scope = net::scope::write;
  BOOST_TEST(!net::admit(req({}), who, ids, o, net::access::admin).ok());
  who.scope = net::scope::admin;
  BOOST_TEST(net::admit(req({}), who, ids, o, net::access::admin)->admin);

  auto session = test::owner_ref(1, "ross@home.test", 1, credential_kind::session);
  session.csrf = "tok";
  BOOST_TEST(!net::admit(post, session, ids, o, net::access::member).ok());
  auto with_token = req({{"x-csrf-token", "tok"}}, "192.0.2.1", "POST");
  BOOST_TEST(net::admit(with_token, session, ids, o, net::access::member).ok());
  BOOST_TEST(net::admit(with_token, session, ids, o, net::access::admin)->admin);
  auto foreign =
      req({{"x-csrf-token", "tok"}, {"origin", "https://evil.test"}}, "192.0.2.1", "POST");
  BOOST_TEST(!net::admit(foreign, session, ids, o, net::access::member).ok());

  auto proxy = test::owner_ref(1, "ross@home.test", 1, credential_kind::proxy);
  BOOST_TEST(net::admit(req({}), proxy, ids, o, net::access::member).ok());
  BOOST_TEST(!net::admit(post, proxy, ids, o, net::access::member).ok());  // no Origin
  auto own = req({{"origin", "https://tv.home.test"}}, "192.0.2.1", "POST");
  BOOST_TEST(net::admit(own, proxy, ids, o, net::access::member).ok());
}

BOOST_AUTO_TEST_CASE(cookie_flags) {
  net::auth_options o;
  const auto c = net::session_cookie(o, "abc");
  BOOST_TEST(c == "recs_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000");
  o.secure_cookies = true;
  BOOST_TEST(net::session_cookie(o, "abc").find("; Secure") != std::string::npos);
  BOOST_TEST(net::cleared_session_cookie(o).find("Max-Age=0") != std::string::npos);
}
