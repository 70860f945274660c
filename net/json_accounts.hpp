#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "net/account_port.hpp"
#include "net/auth.hpp"
#include "net/household_port.hpp"
#include "recsys/catalog_snapshot.hpp"

// Request bodies and renderings of the sign-in, token, member and profile routes (docs/api.md,
// "Signing in" and "Households").
namespace recs::net {

struct login_body {
  std::string email;
  std::string password;
};
struct signup_body {
  std::string household;
  std::string email;
  std::string password;
};
struct accept_body {
  std::string code;
  std::string email;
  std::string password;
};
struct token_body {
  std::string name;
  net::scope scope = net::scope::read;
};
struct invite_body {
  std::string email;  ///< empty: whoever has the link
  member_role role = member_role::member;
};
struct household_body {
  std::string name;
  std::string email;
};

result<setup_request> parse_setup_body(const std::string& body);
result<signup_body> parse_signup_body(const std::string& body);
result<login_body> parse_login_body(const std::string& body);
result<accept_body> parse_accept_body(const std::string& body);
result<token_body> parse_token_body(const std::string& body);
result<invite_body> parse_invite_body(const std::string& body);
result<profile_spec> parse_profile_body(const std::string& body);
/// {name?, maturity_cap?, kid?, pin?}: at least one; pin 4 digits or "" (remove).
result<profile_patch> parse_profile_patch(const std::string& body);
/// {pin}: 4 digits.
result<std::string> parse_pin_body(const std::string& body);
result<household_body> parse_household_body(const std::string& body);

/// GET /auth/state: {set_up, signup_open, dev_mode}: which page the browser shows first.
std::string render_auth_state(bool set_up, bool signup_open, bool dev_mode);
/// GET /me: the account, how it signed in, its household; `csrf` only for a session.
std::string render_me(const caller& who);
/// What sign-in routes answer: GET /me's object (`admin`: a deployment admin).
std::string render_signed_in(const account_ref& who, bool admin, const household& home,
                             const std::vector<profile>& profiles);
std::string render_profile(const profile& p);
std::string render_profiles(const std::vector<profile>& ps);
std::string render_tokens(const std::vector<token_info>& ts);
std::string render_new_token(const new_token& t);
std::string render_members(const std::vector<member_info>& ms);
std::string render_invites(const std::vector<invite_info>& is);
/// With the code and the page's link for it (`/#invite=<code>`).
std::string render_new_invite(const new_invite& i);
std::string render_export(const household_export& e, const catalog_snapshot& cat);
/// Every rating of every profile as CSV: profile,show_id,title,verdict,score,source,rated_at.
std::string render_ratings_csv(const household_export& e, const catalog_snapshot& cat);

}  // namespace recs::net
