#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "recsys/profile.hpp"

namespace recs::storage {

/// A person's place in a household. Deployment admins are not a role: they are ADMIN_EMAILS.
enum class account_role { owner, member };
std::string_view to_string(account_role r) noexcept;
result<account_role> parse_account_role(std::string_view text);

/// Someone who signs in: one email (unique, compared case-insensitively), one household.
struct account {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  std::string email;
  /// The PHC string (accounts/password.hpp); empty while the account has no password (an owner
  /// carried over from a database made before accounts existed).
  std::string password_hash;
  account_role role = account_role::member;
  std::int64_t created_at = 0;  ///< unix seconds
};

/// A browser session: the digest of the random id the cookie carries, never the id itself.
struct session_record {
  std::string digest;  ///< hex SHA-256 of the session id (primary key)
  std::int64_t account_id = 0;
  std::string csrf;  ///< the token the page sends back in X-CSRF-Token (not a secret from it)
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;  ///< for the idle expiry
  std::int64_t expires_at = 0;    ///< the absolute expiry
  /// The profile the session's screen acts as (0: none chosen); a kid profile's screen may not
  /// change caps, PINs, members, tokens or the household.
  std::int64_t profile_id = 0;
};

/// What an API token may do.
enum class token_scope { read, write, admin };
std::string_view to_string(token_scope s) noexcept;
result<token_scope> parse_token_scope(std::string_view text);

/// A named API token; stored as the digest of the secret shown once.
struct api_token {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string name;
  std::string digest;  ///< hex SHA-256 of the token (unique)
  token_scope scope = token_scope::read;
  std::int64_t created_at = 0;
  std::int64_t last_used_at = 0;  ///< 0: never used
};

/// A one-time link to join a household (or to become the owner of a new one).
struct invite {
  std::int64_t id = 0;
  std::string digest;  ///< hex SHA-256 of the code in the link (unique)
  std::int64_t household_id = 0;
  std::string email;  ///< who may accept it; empty: whoever has the link
  account_role role = account_role::member;
  std::int64_t created_by = 0;  ///< the inviting account; 0: a deployment admin
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::int64_t used_at = 0;  ///< 0: not used yet
};

/// A session or token found by its digest, with its account (one query on the hot path).
struct session_login {
  session_record session;
  account who;
};
struct token_login {
  api_token token;
  account who;
};

/// A profile to create with a new household.
struct new_profile {
  std::string name;
  maturity cap = maturity::r18;
  bool kid = false;
};

/// A household with its owner and profiles, created in one transaction.
struct new_household {
  std::string name;
  std::string owner_email;
  /// Empty: no owner account yet (a deployment admin's new household, whose owner accepts an
  /// invite and sets the password then).
  std::string password_hash;
  std::vector<std::string> services;
  std::vector<new_profile> profiles;
};

/// The store's role for accounts, sessions, API tokens and invites. Part of storage::store
/// (one owner, durable writes). Emails compare case-insensitively (ASCII); digests bytewise.
/// Deleting an account deletes its sessions and tokens; deleting a household deletes its
/// accounts, invites and everything of its profiles (household_store::delete_household).
class account_store {
 public:
  virtual ~account_store() = default;

  /// Creates the household, its owner account (unless `h.password_hash` is empty), its
  /// services and profiles, all or nothing. With `first_run`, refuses (invalid_argument
  /// "already set up") when any account or household exists already; concurrent first runs on
  /// one database create one household between them. Once every household is deleted, a first
  /// run may happen again (household_store::delete_household). invalid_argument for an email that
  /// has an account or owns a household already, an empty name or email, a bad profile.
  virtual result<household> create_household_with_owner(const new_household& h, bool first_run) = 0;
  /// How many accounts exist (0: the deployment is not set up yet).
  virtual result<std::int64_t> account_count() = 0;

  /// invalid_argument for an email that has an account already or an unknown household.
  virtual result<account> create_account(std::int64_t household_id, const std::string& email,
                                         const std::string& password_hash, account_role role) = 0;
  /// not_found when no account has that email (case-insensitive).
  virtual result<account> account_by_email(std::string_view email) = 0;
  virtual result<account> account_by_id(std::int64_t id) = 0;
  /// The household's accounts, owner first, then by id.
  virtual result<std::vector<account>> accounts_of(std::int64_t household_id) = 0;
  virtual status set_password_hash(std::int64_t account_id, const std::string& hash) = 0;
  /// Deletes the account with its sessions and tokens. not_found when there is none.
  virtual status delete_account(std::int64_t account_id) = 0;

  /// invalid_argument for a digest in use or an unknown account.
  virtual status create_session(const session_record& s) = 0;
  /// The session with that digest and its account; not_found when there is none (expired ones
  /// are found: the caller decides, with its clock).
  virtual result<session_login> session_by_digest(std::string_view digest) = 0;
  /// Sets the profile the session acts as (not checked: the caller did); not_found when the
  /// session is gone.
  virtual status set_session_profile(std::string_view digest, std::int64_t profile_id) = 0;
  /// Sets last_seen_at; not_found when the session is gone.
  virtual status touch_session(std::string_view digest, std::int64_t now) = 0;
  /// not_found when there is no such session.
  virtual status delete_session(std::string_view digest) = 0;
  /// Deletes every session of the account; how many there were.
  virtual result<std::int64_t> delete_sessions_of(std::int64_t account_id) = 0;
  /// Deletes sessions whose absolute expiry is at or before `now` or that were last seen at or
  /// before `idle_before`, and invites that expired at or before `now`; how many rows went.
  virtual result<std::int64_t> purge_expired(std::int64_t now, std::int64_t idle_before) = 0;

  /// Stores `t` (its id is assigned); invalid_argument for a digest in use, an empty name or an
  /// unknown account.
  virtual result<api_token> create_token(const api_token& t) = 0;
  /// not_found when no token has that digest.
  virtual result<token_login> token_by_digest(std::string_view digest) = 0;
  /// The account's tokens, by id.
  virtual result<std::vector<api_token>> tokens_of(std::int64_t account_id) = 0;
  virtual status touch_token(std::int64_t token_id, std::int64_t now) = 0;
  /// Deletes the account's token `token_id`; not_found when the account has no such token.
  virtual status delete_token(std::int64_t account_id, std::int64_t token_id) = 0;

  /// Stores `i` (its id is assigned, used_at ignored); invalid_argument for a digest in use or
  /// an unknown household.
  virtual result<invite> create_invite(const invite& i) = 0;
  /// The household's invites not used and not expired at `now`, by id.
  virtual result<std::vector<invite>> open_invites(std::int64_t household_id, std::int64_t now) = 0;
  /// The invite with that digest, used or not; not_found when there is none.
  virtual result<invite> invite_by_digest(std::string_view digest) = 0;
  /// Deletes the household's invite `invite_id`; not_found when it has no such invite.
  virtual status delete_invite(std::int64_t household_id, std::int64_t invite_id) = 0;
  /// In one transaction: the invite with `digest` must be unused and expire after `now`
  /// (not_found otherwise: unknown, used and expired answer alike), and when it names an email
  /// `email` must be it (not_found too); creates the account (the invite's household and role)
  /// and marks the invite used. An owner invite also makes `email` the household's
  /// owner_email. invalid_argument when `email` has an account already.
  virtual result<account> accept_invite(std::string_view digest, std::int64_t now,
                                        const std::string& email,
                                        const std::string& password_hash) = 0;
};

}  // namespace recs::storage
