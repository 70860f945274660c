#pragma once
// sql_store<Conn>: profiles (household_store): their names, caps, kid flags and PINs.
// Included only by the backend .cpp files that instantiate sql_store (see sql_store.hpp).
#include <utility>

#include "recsys/text.hpp"
#include "storage/sql_store.hpp"

namespace recs::storage {

namespace internal {

template <class Query>
profile read_profile(const Query& q) {
  profile p;
  p.id = q.int64(0);
  p.household_id = q.int64(1);
  p.name = q.text(2);
  p.maturity_cap = parse_maturity(q.text(3)).value_or(maturity::unknown);
  p.kid = q.int64(4) != 0;
  p.has_pin = q.int64(5) != 0;
  return p;
}

}  // namespace internal

template <class Conn>
result<profile> sql_store<Conn>::create_profile(std::int64_t household_id, const std::string& name,
                                                maturity cap) {
  using internal::in;
  const std::string what =
      "create_profile '" + name + "' in household " + std::to_string(household_id);
  auto q = conn_.bound(sql::insert_profile, household_id, name, to_string(cap), false);
  if (!q) return in(what, q.err());
  auto row = q->step();
  if (!row) return in(what, row.err());
  if (!*row) return error{errc::internal, "create_profile: no id returned"};
  profile p;
  p.id = q->int64(0);
  p.household_id = household_id;
  p.name = name;
  p.maturity_cap = cap;
  return p;
}

template <class Conn>
result<std::vector<profile>> sql_store<Conn>::profiles(std::int64_t household_id) {
  using internal::in;
  auto q = conn_.bound(sql::select_profiles_of_household, household_id);
  if (!q) return in("profiles", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) { return internal::read_profile(r); });
  if (!out) return in("profiles", out.err());
  return out;
}

template <class Conn>
result<profile> sql_store<Conn>::profile_by_id(std::int64_t id) {
  using internal::in;
  auto q = conn_.bound(sql::select_profile_by_id, id);
  if (!q) return in("profile_by_id", q.err());
  auto row = q->step();
  if (!row) return in("profile_by_id", row.err());
  if (!*row) return error{errc::not_found, "no profile " + std::to_string(id)};
  return internal::read_profile(*q);
}

template <class Conn>
status sql_store<Conn>::set_maturity_cap(std::int64_t profile_id, maturity cap) {
  return change_one(sql::update_maturity_cap, "set_maturity_cap",
                    "no profile " + std::to_string(profile_id), to_string(cap), profile_id);
}

template <class Conn>
status sql_store<Conn>::rename_profile(std::int64_t profile_id, const std::string& name) {
  if (trim(name).empty()) return error{errc::invalid_argument, "rename_profile: empty name"};
  return change_one(sql::update_profile_name, "rename_profile",
                    "no profile " + std::to_string(profile_id), name, profile_id);
}

template <class Conn>
status sql_store<Conn>::set_profile_kid(std::int64_t profile_id, bool kid) {
  return change_one(sql::update_profile_kid, "set_profile_kid",
                    "no profile " + std::to_string(profile_id), kid, profile_id);
}

template <class Conn>
status sql_store<Conn>::set_profile_pin(std::int64_t profile_id, const std::string& pin_hash) {
  return change_one(sql::update_profile_pin, "set_profile_pin",
                    "no profile " + std::to_string(profile_id), pin_hash, profile_id);
}

template <class Conn>
result<std::string> sql_store<Conn>::profile_pin_hash(std::int64_t profile_id) {
  using internal::in;
  auto q = conn_.bound(sql::select_profile_pin, profile_id);
  if (!q) return in("profile_pin_hash", q.err());
  auto row = q->step();
  if (!row) return in("profile_pin_hash", row.err());
  if (!*row) return error{errc::not_found, "no profile " + std::to_string(profile_id)};
  return q->text(0);
}

// Its ratings, tags, notes and fits in Family Mix watches go with it (ON DELETE CASCADE). The
// watches themselves stay, with the other members' fits: the household did watch the show.
template <class Conn>
status sql_store<Conn>::delete_profile(std::int64_t profile_id) {
  return change_one(sql::delete_profile, "delete_profile",
                    "no profile " + std::to_string(profile_id), profile_id);
}

}  // namespace recs::storage
