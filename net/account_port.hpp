#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "net/callback.hpp"
#include "net/identity_port.hpp"
#include "recsys/profile.hpp"

namespace recs::net {

/// A session just made: the id goes only into the cookie (HttpOnly); the page reads the CSRF
/// token from the answer.
struct new_session {
  std::string id;
  account_ref who;
};

/// A profile to create (at setup, or later).
struct profile_spec {
  std::string name;
  maturity cap = maturity::r18;
  bool kid = false;
};

/// First run: the household, its owner and profiles, its services (known provider ids).
struct setup_request {
  std::string household;
  std::string email;
  std::string password;
  std::vector<profile_spec> profiles;
  std::vector<std::string> services;
};

struct token_info {
  std::int64_t id = 0;
  std::string name;
  net::scope scope = net::scope::read;
  std::int64_t created_at = 0;
  std::int64_t last_used_at = 0;  ///< 0: never
};

/// A token just made: `token` is shown this once and never again.
struct new_token {
  token_info info;
  std::string token;
};

/// Signing in and what a signed-in person holds: sessions and API tokens (docs/api.md,
/// "Signing in"). Passwords are checked against the policy (invalid_argument naming what is
/// wrong) and stored as Argon2id hashes. Sign-in failures answer unauthenticated with the same
/// message for an unknown email and a wrong password; after repeated failures per account and
/// per client address, rate_limited ("too many attempts; try again in N s") until the wait is
/// over.
/// Every revocation is seen at once by every instance's identity port. unavailable when the
/// store does not answer.
class account_port {
 public:
  virtual ~account_port() = default;

  /// Whether the deployment has any account (false: the setup page is shown).
  virtual void is_set_up(callback<bool> cb) = 0;
  /// First run only (invalid_argument "already set up" afterwards): creates the household, its
  /// owner, profiles and services, and signs the owner in.
  virtual void setup(setup_request req, std::string client, callback<new_session> cb) = 0;
  /// SIGNUP_OPEN: a new household with its owner (and one profile named after the household's
  /// owner's email), signed in. forbidden when sign-up is closed.
  virtual void signup(std::string household, std::string email, std::string password,
                      std::string client, callback<new_session> cb) = 0;
  /// Signs in with a password; `client` is the peer address, for the throttle.
  virtual void login(std::string email, std::string password, std::string client,
                     callback<new_session> cb) = 0;
  /// Ends the caller's session (a session credential), or does nothing for other credentials.
  virtual void logout(account_ref who, callback<unit> cb) = 0;
  /// Ends every session of the caller's account (this one too).
  virtual void logout_all(account_ref who, callback<unit> cb) = 0;

  virtual void tokens(std::int64_t account_id, callback<std::vector<token_info>> cb) = 0;
  /// A new named token of `s` (admin only for a deployment admin: the caller checked).
  virtual void create_token(account_ref who, std::string name, net::scope s,
                            callback<new_token> cb) = 0;
  /// not_found when the account has no such token.
  virtual void revoke_token(account_ref who, std::int64_t token_id, callback<unit> cb) = 0;

  /// Chooses the profile a session's screen acts as (the caller checked its PIN); nothing for
  /// other credentials.
  virtual void select_profile(account_ref who, std::int64_t profile_id, callback<unit> cb) = 0;

  /// Joins the invite's household with a new account (email and password), signed in.
  /// not_found for an unknown, used or expired code, or one made out to another email.
  virtual void accept_invite(std::string code, std::string email, std::string password,
                             std::string client, callback<new_session> cb) = 0;
};

}  // namespace recs::net
