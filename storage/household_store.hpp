#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "recsys/profile.hpp"

namespace recs::storage {

/// The store's role for households and their profiles. Part of storage::store, which states
/// what holds for every role (one owner, durable writes, no backend types).
class household_store {
 public:
  virtual ~household_store() = default;

  virtual result<household> create_household(const std::string& name,
                                             const std::string& owner_email,
                                             const std::vector<std::string>& services) = 0;
  /// not_found when no household belongs to that email (case-insensitive).
  virtual result<household> household_by_email(std::string_view email) = 0;
  virtual result<household> household_by_id(std::int64_t id) = 0;
  virtual result<std::vector<household>> households() = 0;
  virtual status set_household_services(std::int64_t household_id,
                                        const std::vector<std::string>& services) = 0;

  virtual result<profile> create_profile(std::int64_t household_id, const std::string& name,
                                         maturity cap) = 0;
  virtual result<std::vector<profile>> profiles(std::int64_t household_id) = 0;
  virtual result<profile> profile_by_id(std::int64_t id) = 0;
  virtual status set_maturity_cap(std::int64_t profile_id, maturity cap) = 0;
  /// not_found when there is no such profile; invalid_argument for an empty name.
  virtual status rename_profile(std::int64_t profile_id, const std::string& name) = 0;
  virtual status set_profile_kid(std::int64_t profile_id, bool kid) = 0;
  /// Sets the PHC string of the profile's PIN; "" removes the PIN.
  virtual status set_profile_pin(std::int64_t profile_id, const std::string& pin_hash) = 0;
  /// The PHC string of the profile's PIN, "" when it has none; not_found for no such profile.
  virtual result<std::string> profile_pin_hash(std::int64_t profile_id) = 0;
  /// Deletes the profile with its ratings, tags, notes and its fits in Family Mix watches.
  /// not_found when there is none.
  virtual status delete_profile(std::int64_t profile_id) = 0;
  /// Deletes the household and every row that belongs to it: services, profiles and all of
  /// theirs, Family Mix watches, accounts with their sessions and tokens, invites. not_found
  /// when there is none.
  virtual status delete_household(std::int64_t household_id) = 0;
};

}  // namespace recs::storage
