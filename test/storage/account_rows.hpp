#pragma once

// What the account store cases (store_accounts_test.cpp, store_invites_test.cpp) build their
// rows from.

#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <string_view>

#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

template <class T>
inline bool has_text(const result<T>& r, std::string_view text) {
  return !r.ok() && r.err().message.find(text) != std::string::npos;
}

inline new_household home(std::string owner_email, std::string password_hash = "$argon2id$owner") {
  new_household h;
  h.name = "Home";
  h.owner_email = std::move(owner_email);
  h.password_hash = std::move(password_hash);
  h.services = {"stan", "abc_iview"};
  h.profiles = {{"Ross", maturity::r18, false}, {"Son", maturity::pg, true}};
  return h;
}

inline session_record session(std::string digest, std::int64_t account_id, std::int64_t now) {
  return session_record{std::move(digest), account_id, "csrf-" + std::to_string(now), now, now,
                        now + 3600,        0};
}

inline api_token token(std::string digest, std::int64_t account_id, token_scope scope) {
  api_token t;
  t.account_id = account_id;
  t.name = "script " + digest;
  t.digest = std::move(digest);
  t.scope = scope;
  t.created_at = 1000;
  return t;
}

inline invite invitation(std::string digest, std::int64_t household_id, std::string email,
                         account_role role, std::int64_t expires_at) {
  invite i;
  i.digest = std::move(digest);
  i.household_id = household_id;
  i.email = std::move(email);
  i.role = role;
  i.created_by = 0;
  i.created_at = 1000;
  i.expires_at = expires_at;
  i.used_at = 777;  // ignored by create_invite
  return i;
}

using row_counts = std::map<std::string, std::int64_t>;

inline row_counts table_rows(test_backend& backend) {
  auto counts = backend.table_row_counts();
  BOOST_REQUIRE_MESSAGE(counts.ok(), describe(counts));
  BOOST_REQUIRE(!counts->empty());
  return row_counts(counts->begin(), counts->end());
}

}  // namespace recs::storage::testing
