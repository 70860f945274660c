#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "net/auth.hpp"
#include "recsys/slate.hpp"

namespace recs::net {

/// The raw fields of a slate request as a client sent them: GET /recommendations' query
/// parameters, or a /ws subscribe message's fields (numbers and booleans as their decimal or
/// true/false text). Absent fields are nullopt.
struct slate_query_input {
  std::optional<std::string> for_profiles;  ///< for=
  std::optional<std::string> intent;
  std::optional<std::string> seed;
  std::optional<std::string> limit;
  std::optional<std::string> explain;
  std::optional<std::string> only_my_services;
};

/// What a slate request asks for, checked against the caller's household. One rule for REST and
/// /ws (docs/api.md, "Recommendations"):
/// - a Family Mix when intent=family_mix, or `for` names several profiles (comma-separated), or
///   `for` is "family" or "all" (any case: these words name the whole household, so a profile
///   with such a name is addressed by its id there); the members are those named, else all;
/// - otherwise one profile, by case-insensitive name or id; `for` is required.
struct slate_query {
  std::int64_t household_id = 0;
  std::vector<std::int64_t> members;  ///< one profile, or the Family Mix members as named
  bool family = false;
  slate_request req;  ///< explain only from REST
  /// The cache and live-topic key: equal queries (explain aside) have equal keys, e.g.
  /// "p|12|default|99|20|0" or "f|12,14|family_mix|0|20|1".
  std::string key() const;
};

/// Parses and checks `in` for `who`. Errors: invalid_argument (400) naming the field and what
/// it must be; not_found (404) for a profile not in the caller's household.
result<slate_query> parse_slate_query(const slate_query_input& in, const caller& who);

}  // namespace recs::net
