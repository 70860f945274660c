// Signing in and what a signed-in person holds: /auth/* and /me/tokens (docs/api.md, "Signing
// in").
#include "net/json_accounts.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

/// Answers a new session: the cookie, and the signed-in object with its CSRF token.
callback<new_session> reply_session(responder respond, const identity_port& ids,
                                    const auth_options& auth, unsigned status) {
  return [respond = std::move(respond), &ids, auth, status](result<new_session> s) {
    if (!s) return respond(error_response(s.err()));
    auto home = ids.household_by_id(s->who.household_id);
    response r =
        ok_json(render_signed_in(s->who, is_admin_email(auth, s->who.email),
                                 home.value_or(household{}), ids.profiles(s->who.household_id)),
                status);
    r.headers.emplace_back("Set-Cookie", session_cookie(auth, s->id));
    r.headers.emplace_back("Cache-Control", "no-store");
    respond(std::move(r));
  };
}

/// Sign-in forms are open routes: a foreign page must not post them either (login CSRF).
bool foreign(const request& req, const auth_options& auth, const responder& respond) {
  if (origin_allowed(req, auth)) return false;
  respond(json_error(403, "forbidden", "cross-site request refused"));
  return true;
}

}  // namespace

route_table account_routes(account_port& accounts, const identity_port& ids,
                           const auth_options& auth, const account_route_options& opts) {
  route_table t;
  t.push_back({"GET", "/auth/state", access::open,
               [&accounts, opts, auth](request&&, const params&, const caller&, responder respond) {
                 accounts.is_set_up([respond, opts, auth](result<bool> up) {
                   if (!up) return respond(error_response(up.err()));
                   respond(ok_json(render_auth_state(*up, opts.signup_open, auth.dev_mode)));
                 });
               }});
  t.push_back(
      {"POST", "/auth/setup", access::open,
       [&accounts, &ids, auth](request&& req, const params&, const caller&, responder respond) {
         if (foreign(req, auth, respond)) return;
         auto body = parse_setup_body(req.body);
         if (!body) return respond(error_response(body.err()));
         accounts.setup(std::move(*body), client_address(req, auth),
                        reply_session(std::move(respond), ids, auth, 201));
       }});
  t.push_back({"POST", "/auth/signup", access::open,
               [&accounts, &ids, auth, opts](request&& req, const params&, const caller&,
                                             responder respond) {
                 if (foreign(req, auth, respond)) return;
                 if (!opts.signup_open)
                   return respond(
                       json_error(403, "forbidden", "sign-up is closed on this deployment"));
                 auto body = parse_signup_body(req.body);
                 if (!body) return respond(error_response(body.err()));
                 accounts.signup(std::move(body->household), std::move(body->email),
                                 std::move(body->password), client_address(req, auth),
                                 reply_session(std::move(respond), ids, auth, 201));
               }});
  t.push_back(
      {"POST", "/auth/login", access::open,
       [&accounts, &ids, auth](request&& req, const params&, const caller&, responder respond) {
         if (foreign(req, auth, respond)) return;
         auto body = parse_login_body(req.body);
         if (!body) return respond(error_response(body.err()));
         accounts.login(std::move(body->email), std::move(body->password),
                        client_address(req, auth),
                        reply_session(std::move(respond), ids, auth, 200));
       }});
  t.push_back(
      {"POST", "/auth/accept-invite", access::open,
       [&accounts, &ids, auth](request&& req, const params&, const caller&, responder respond) {
         if (foreign(req, auth, respond)) return;
         auto body = parse_accept_body(req.body);
         if (!body) return respond(error_response(body.err()));
         accounts.accept_invite(std::move(body->code), std::move(body->email),
                                std::move(body->password), client_address(req, auth),
                                reply_session(std::move(respond), ids, auth, 201));
       }});
  t.push_back({"POST", "/auth/logout", access::member,
               [&accounts, auth](request&&, const params&, const caller& who, responder respond) {
                 accounts.logout(who.account, reply_signed_out(std::move(respond), auth));
               }});
  t.push_back({"POST", "/auth/logout-all", access::member,
               [&accounts, auth](request&&, const params&, const caller& who, responder respond) {
                 accounts.logout_all(who.account, reply_signed_out(std::move(respond), auth));
               }});

  t.push_back({"GET", "/me/tokens", access::member,
               [&accounts](request&&, const params&, const caller& who, responder respond) {
                 accounts.tokens(who.account.account_id, reply_with<std::vector<token_info>>(
                                                             std::move(respond), render_tokens));
               }});
  t.push_back({"POST", "/me/tokens", access::member,
               [&accounts](request&& req, const params&, const caller& who, responder respond) {
                 if (auto st = adult_screen(who); !st) return respond(error_response(st.err()));
                 if (who.account.via == credential_kind::token)
                   return respond(json_error(
                       403, "forbidden", "tokens are made by a signed-in person, not by a token"));
                 auto body = parse_token_body(req.body);
                 if (!body) return respond(error_response(body.err()));
                 if (body->scope == scope::admin && !who.admin)
                   return respond(json_error(
                       403, "forbidden", "scope admin is for deployment admins (ADMIN_EMAILS)"));
                 accounts.create_token(
                     who.account, std::move(body->name), body->scope,
                     reply_with<new_token>(std::move(respond), render_new_token, 201));
               }});
  t.push_back({"DELETE", "/me/tokens/{id}", access::member,
               [&accounts](request&&, const params& ps, const caller& who, responder respond) {
                 if (auto st = adult_screen(who); !st) return respond(error_response(st.err()));
                 auto id = parse_uint(ps.at(0).second, "token id", 0, 1, INT64_MAX);
                 if (!id) return respond(error_response(id.err()));
                 accounts.revoke_token(who.account, static_cast<std::int64_t>(*id),
                                       reply_empty(std::move(respond)));
               }});
  return t;
}

}  // namespace recs::net
