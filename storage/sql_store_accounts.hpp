#pragma once
// sql_store<Conn>: accounts, sessions, API tokens and invites (account_store). Included only by
// the backend .cpp files that instantiate sql_store (see sql_store.hpp).
#include <string>
#include <utility>

#include "recsys/text.hpp"
#include "storage/sql_store.hpp"

namespace recs::storage {

namespace internal {

// The schema's CHECKs keep roles and scopes to known names; the fallbacks are the weakest.
inline account_role stored_role(std::string_view text) {
  auto r = parse_account_role(text);
  return r ? *r : account_role::member;
}

// The columns a.id ... a.created_at of the account statements, from column `at` on.
template <class Query>
account read_account(const Query& q, int at = 0) {
  account a;
  a.id = q.int64(at);
  a.household_id = q.int64(at + 1);
  a.email = q.text(at + 2);
  a.password_hash = q.text(at + 3);
  a.role = stored_role(q.text(at + 4));
  a.created_at = q.int64(at + 5);
  return a;
}

template <class Query>
session_record read_session(const Query& q) {
  session_record s;
  s.digest = q.text(0);
  s.account_id = q.int64(1);
  s.csrf = q.text(2);
  s.created_at = q.int64(3);
  s.last_seen_at = q.int64(4);
  s.expires_at = q.int64(5);
  s.profile_id = q.int64(6);
  return s;
}

template <class Query>
api_token read_token(const Query& q) {
  api_token t;
  t.id = q.int64(0);
  t.account_id = q.int64(1);
  t.name = q.text(2);
  t.digest = q.text(3);
  auto scope = parse_token_scope(q.text(4));
  t.scope = scope ? *scope : token_scope::read;
  t.created_at = q.int64(5);
  t.last_used_at = q.int64(6);
  return t;
}

template <class Query>
invite read_invite(const Query& q) {
  invite i;
  i.id = q.int64(0);
  i.digest = q.text(1);
  i.household_id = q.int64(2);
  i.email = q.text(3);
  i.role = stored_role(q.text(4));
  i.created_by = q.int64(5);
  i.created_at = q.int64(6);
  i.expires_at = q.int64(7);
  i.used_at = q.int64(8);
  return i;
}

/// The id an INSERT ... RETURNING id answered with.
template <class Query>
result<std::int64_t> returned_id(result<Query> q, const std::string& what) {
  if (!q) return in(what, q.err());
  auto row = q->step();
  if (!row) return in(what, row.err());
  if (!*row) return error{errc::internal, what + ": no id returned"};
  return q->int64(0);
}

}  // namespace internal

// -- accounts ---------------------------------------------------------------------------------

template <class Conn>
template <class Query>
result<account> sql_store<Conn>::one_account(result<Query> q, const char* what,
                                             const std::string& missing) {
  if (!q) return internal::in(what, q.err());
  auto row = q->step();
  if (!row) return internal::in(what, row.err());
  if (!*row) return error{errc::not_found, missing};
  return internal::read_account(*q);
}

template <class Conn>
result<household> sql_store<Conn>::create_household_with_owner(const new_household& h,
                                                               bool first_run) {
  using internal::in;
  const std::string email(trim(h.owner_email));
  const std::string what = "create_household_with_owner " + email;
  if (email.empty()) return error{errc::invalid_argument, what + ": empty owner email"};
  if (trim(h.name).empty()) return error{errc::invalid_argument, what + ": empty name"};
  for (const new_profile& p : h.profiles) {
    if (trim(p.name).empty()) return error{errc::invalid_argument, what + ": a nameless profile"};
  }
  auto tx = backend::begin(conn_);
  if (!tx) return in(what, tx.err());
  if (first_run) {
    const error set_up{errc::invalid_argument, "this service is already set up: sign in instead"};
    {
      auto q = conn_.query(sql::count_accounts_and_households);
      if (!q) return in(what, q.err());
      auto row = q->step();
      if (!row) return in(what, row.err());
      if (*row && q->int64(0) > 0) return set_up;
    }
    // Once per database: a concurrent first run fails here (PostgreSQL: once this one commits).
    auto st = conn_.run(sql::insert_first_run_marker, std::to_string(unix_now()));
    if (!st) return st.err().code == errc::invalid_argument ? set_up : in(what, st.err());
  }
  if (auto taken = account_by_email(email); taken || taken.err().code != errc::not_found) {
    if (!taken) return in(what, taken.err());
    return error{errc::invalid_argument, what + ": the email has an account already"};
  }
  const std::int64_t now = unix_now();
  auto id = internal::returned_id(conn_.bound(sql::insert_household, h.name, email, now), what);
  if (!id) return id.err();  // a duplicate owner email: invalid_argument
  for (const auto& s : h.services) {
    if (auto st = conn_.run(sql::insert_household_service, *id, s); !st) {
      return in(what + ": service '" + s + "'", st.err());
    }
  }
  if (!h.password_hash.empty()) {
    auto owner = internal::returned_id(conn_.bound(sql::insert_account, *id, email, h.password_hash,
                                                   to_string(account_role::owner), now),
                                       what + ": owner account");
    if (!owner) return owner.err();
  }
  for (const new_profile& p : h.profiles) {
    auto pid = internal::returned_id(
        conn_.bound(sql::insert_profile, *id, p.name, to_string(p.cap), p.kid),
        what + ": profile '" + p.name + "'");
    if (!pid) return pid.err();
  }
  if (auto st = tx->commit(); !st) return in(what, st.err());
  return household_by_id(*id);
}

template <class Conn>
result<std::int64_t> sql_store<Conn>::account_count() {
  auto q = conn_.query(sql::count_accounts);
  if (!q) return internal::in("account_count", q.err());
  auto row = q->step();
  if (!row) return internal::in("account_count", row.err());
  return *row ? q->int64(0) : 0;
}

template <class Conn>
result<account> sql_store<Conn>::create_account(std::int64_t household_id, const std::string& email,
                                                const std::string& password_hash,
                                                account_role role) {
  account a;
  a.household_id = household_id;
  a.email = std::string(trim(email));
  a.password_hash = password_hash;
  a.role = role;
  a.created_at = unix_now();
  const std::string what = "create_account " + a.email;
  if (a.email.empty()) return error{errc::invalid_argument, "create_account: empty email"};
  // The unique index on lower(email) refuses a taken email; the foreign key a missing household.
  auto id = internal::returned_id(conn_.bound(sql::insert_account, household_id, a.email,
                                              password_hash, to_string(role), a.created_at),
                                  what);
  if (!id) return id.err();
  a.id = *id;
  return a;
}

template <class Conn>
result<account> sql_store<Conn>::account_by_email(std::string_view email) {
  return one_account(conn_.bound(sql::select_account_by_email, trim(email)), "account_by_email",
                     "no account has the email " + std::string(trim(email)));
}

template <class Conn>
result<account> sql_store<Conn>::account_by_id(std::int64_t id) {
  return one_account(conn_.bound(sql::select_account_by_id, id), "account_by_id",
                     "no account " + std::to_string(id));
}

template <class Conn>
result<std::vector<account>> sql_store<Conn>::accounts_of(std::int64_t household_id) {
  auto q = conn_.bound(sql::select_accounts_of_household, household_id);
  if (!q) return internal::in("accounts_of", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) { return internal::read_account(r); });
  if (!out) return internal::in("accounts_of", out.err());
  return out;
}

template <class Conn>
status sql_store<Conn>::set_password_hash(std::int64_t account_id, const std::string& hash) {
  return change_one(sql::update_password_hash, "set_password_hash",
                    "no account " + std::to_string(account_id), hash, account_id);
}

// Its sessions and tokens go with it (ON DELETE CASCADE).
template <class Conn>
status sql_store<Conn>::delete_account(std::int64_t account_id) {
  return change_one(sql::delete_account, "delete_account",
                    "no account " + std::to_string(account_id), account_id);
}

// -- sessions ---------------------------------------------------------------------------------

template <class Conn>
status sql_store<Conn>::create_session(const session_record& s) {
  if (auto st = conn_.run(sql::insert_session, s.digest, s.account_id, s.csrf, s.created_at,
                          s.last_seen_at, s.expires_at);
      !st) {
    return internal::in("create_session for account " + std::to_string(s.account_id), st.err());
  }
  return ok_status();
}

template <class Conn>
result<session_login> sql_store<Conn>::session_by_digest(std::string_view digest) {
  auto q = conn_.bound(sql::select_session_login, digest);
  if (!q) return internal::in("session_by_digest", q.err());
  auto row = q->step();
  if (!row) return internal::in("session_by_digest", row.err());
  if (!*row) return error{errc::not_found, "no such session"};
  return session_login{internal::read_session(*q), internal::read_account(*q, 7)};
}

template <class Conn>
status sql_store<Conn>::set_session_profile(std::string_view digest, std::int64_t profile_id) {
  return change_one(sql::set_session_profile, "set_session_profile", "no such session", profile_id,
                    digest);
}

template <class Conn>
status sql_store<Conn>::touch_session(std::string_view digest, std::int64_t now) {
  return change_one(sql::touch_session, "touch_session", "no such session", now, digest);
}

template <class Conn>
status sql_store<Conn>::delete_session(std::string_view digest) {
  return change_one(sql::delete_session, "delete_session", "no such session", digest);
}

template <class Conn>
result<std::int64_t> sql_store<Conn>::delete_sessions_of(std::int64_t account_id) {
  if (auto st = conn_.run(sql::delete_sessions_of_account, account_id); !st) {
    return internal::in("delete_sessions_of", st.err());
  }
  return conn_.changes();
}

template <class Conn>
result<std::int64_t> sql_store<Conn>::purge_expired(std::int64_t now, std::int64_t idle_before) {
  using internal::in;
  auto tx = backend::begin(conn_);
  if (!tx) return in("purge_expired", tx.err());
  if (auto st = conn_.run(sql::delete_expired_sessions, now, idle_before); !st) {
    return in("purge_expired: sessions", st.err());
  }
  const std::int64_t sessions = conn_.changes();
  if (auto st = conn_.run(sql::delete_expired_invites, now); !st) {
    return in("purge_expired: invites", st.err());
  }
  const std::int64_t invites = conn_.changes();
  if (auto st = tx->commit(); !st) return in("purge_expired", st.err());
  return sessions + invites;
}

// -- API tokens -------------------------------------------------------------------------------

template <class Conn>
result<api_token> sql_store<Conn>::create_token(const api_token& t) {
  const std::string what = "create_token for account " + std::to_string(t.account_id);
  if (trim(t.name).empty()) return error{errc::invalid_argument, what + ": empty name"};
  auto id = internal::returned_id(conn_.bound(sql::insert_token, t.account_id, t.name, t.digest,
                                              to_string(t.scope), t.created_at, t.last_used_at),
                                  what);
  if (!id) return id.err();
  api_token out = t;
  out.id = *id;
  return out;
}

template <class Conn>
result<token_login> sql_store<Conn>::token_by_digest(std::string_view digest) {
  auto q = conn_.bound(sql::select_token_login, digest);
  if (!q) return internal::in("token_by_digest", q.err());
  auto row = q->step();
  if (!row) return internal::in("token_by_digest", row.err());
  if (!*row) return error{errc::not_found, "no such API token"};
  return token_login{internal::read_token(*q), internal::read_account(*q, 7)};
}

template <class Conn>
result<std::vector<api_token>> sql_store<Conn>::tokens_of(std::int64_t account_id) {
  auto q = conn_.bound(sql::select_tokens_of_account, account_id);
  if (!q) return internal::in("tokens_of", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) { return internal::read_token(r); });
  if (!out) return internal::in("tokens_of", out.err());
  return out;
}

template <class Conn>
status sql_store<Conn>::touch_token(std::int64_t token_id, std::int64_t now) {
  return change_one(sql::touch_token, "touch_token", "no API token " + std::to_string(token_id),
                    now, token_id);
}

template <class Conn>
status sql_store<Conn>::delete_token(std::int64_t account_id, std::int64_t token_id) {
  return change_one(
      sql::delete_token_of_account, "delete_token",
      "account " + std::to_string(account_id) + " has no API token " + std::to_string(token_id),
      account_id, token_id);
}

// -- invites ----------------------------------------------------------------------------------

template <class Conn>
result<invite> sql_store<Conn>::create_invite(const invite& i) {
  invite out = i;
  out.email = std::string(trim(i.email));
  out.used_at = 0;
  const std::string what = "create_invite to household " + std::to_string(i.household_id);
  auto id = internal::returned_id(
      conn_.bound(sql::insert_invite, out.digest, out.household_id, out.email, to_string(out.role),
                  out.created_by, out.created_at, out.expires_at),
      what);
  if (!id) return id.err();
  out.id = *id;
  return out;
}

template <class Conn>
result<std::vector<invite>> sql_store<Conn>::open_invites(std::int64_t household_id,
                                                          std::int64_t now) {
  auto q = conn_.bound(sql::select_open_invites_of_household, household_id, now);
  if (!q) return internal::in("open_invites", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) { return internal::read_invite(r); });
  if (!out) return internal::in("open_invites", out.err());
  return out;
}

template <class Conn>
result<invite> sql_store<Conn>::invite_by_digest(std::string_view digest) {
  auto q = conn_.bound(sql::select_invite_by_digest, digest);
  if (!q) return internal::in("invite_by_digest", q.err());
  auto row = q->step();
  if (!row) return internal::in("invite_by_digest", row.err());
  if (!*row) return error{errc::not_found, "no such invite"};
  return internal::read_invite(*q);
}

template <class Conn>
status sql_store<Conn>::delete_invite(std::int64_t household_id, std::int64_t invite_id) {
  return change_one(
      sql::delete_invite_of_household, "delete_invite",
      "household " + std::to_string(household_id) + " has no invite " + std::to_string(invite_id),
      household_id, invite_id);
}

template <class Conn>
result<account> sql_store<Conn>::accept_invite(std::string_view digest, std::int64_t now,
                                               const std::string& email,
                                               const std::string& password_hash) {
  using internal::in;
  account a;
  a.email = std::string(trim(email));
  a.password_hash = password_hash;
  a.created_at = now;
  const std::string what = "accept_invite for " + a.email;
  if (a.email.empty()) return error{errc::invalid_argument, "accept_invite: empty email"};
  auto tx = backend::begin(conn_);
  if (!tx) return in(what, tx.err());
  {
    // Unknown, used, expired and meant for someone else all answer alike.
    auto q = conn_.bound(sql::take_invite, now, digest, a.email);
    if (!q) return in(what, q.err());
    auto row = q->step();
    if (!row) return in(what, row.err());
    if (!*row) return error{errc::not_found, what + ": no open invite with that code"};
    a.household_id = q->int64(0);
    a.role = internal::stored_role(q->text(1));
  }
  // A taken email fails on the unique index (invalid_argument); the invite stays unused.
  auto id = internal::returned_id(conn_.bound(sql::insert_account, a.household_id, a.email,
                                              a.password_hash, to_string(a.role), now),
                                  what);
  if (!id) return id.err();
  a.id = *id;
  if (a.role == account_role::owner) {
    if (auto st = conn_.run(sql::update_household_owner_email, a.email, a.household_id); !st) {
      return in(what + ": owner email", st.err());
    }
  }
  if (auto st = tx->commit(); !st) return in(what, st.err());
  return a;
}

}  // namespace recs::storage
