#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "net/account_port.hpp"
#include "net/callback.hpp"
#include "net/identity_port.hpp"
#include "recsys/profile.hpp"

namespace recs::net {

struct member_info {
  std::int64_t account_id = 0;
  std::string email;
  member_role role = member_role::member;
  std::int64_t created_at = 0;
};

struct invite_info {
  std::int64_t id = 0;
  std::string email;  ///< empty: whoever has the link
  member_role role = member_role::member;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

/// An invite just made: `code` (for the link) is shown this once.
struct new_invite {
  invite_info info;
  std::int64_t household_id = 0;
  std::string code;
};

/// What may change on a profile; absent fields stay.
struct profile_patch {
  std::optional<std::string> name;
  std::optional<maturity> cap;
  std::optional<bool> kid;
  std::optional<std::string> pin;  ///< 4 digits; "" removes the PIN
};

/// Everything a household has, for GET /me/export.
struct profile_export {
  profile who;
  std::vector<rating> ratings;
  std::vector<tag_pref> tags;
  std::vector<note> notes;
  std::vector<show_feedback> feedback;
  std::vector<watch_entry> watchlist;
};
struct household_export {
  household home;
  std::vector<member_info> members;
  std::vector<profile_export> profiles;
  std::vector<family_watch> watches;
  std::vector<watch_entry> watchlist;  ///< the household's own list
};

/// A household's members, invites and profiles, and the household itself (docs/api.md,
/// "Households"). The caller has checked that the household is the caller's and that the
/// caller may do this (an owner, not a kid profile's screen). A change is durable before its
/// callback runs; profiles appear in and leave the directory (and every instance's) at once.
/// Errors: not_found for an unknown profile, member or invite of the household;
/// invalid_argument for a bad name or PIN; unavailable when the store did not answer.
class household_port {
 public:
  virtual ~household_port() = default;

  virtual void members(std::int64_t household_id, callback<std::vector<member_info>> cb) = 0;
  /// A one-time invite to the household for `email` (empty: whoever has the link), valid for
  /// INVITE_TTL_HOURS.
  virtual void invite(account_ref by, std::string email, member_role role,
                      callback<new_invite> cb) = 0;
  virtual void invites(std::int64_t household_id, callback<std::vector<invite_info>> cb) = 0;
  virtual void cancel_invite(std::int64_t household_id, std::int64_t invite_id,
                             callback<unit> cb) = 0;
  /// Removes a member's account (its sessions and tokens end at once). invalid_argument for the
  /// owner (the household would have none).
  virtual void remove_member(std::int64_t household_id, std::int64_t account_id,
                             callback<unit> cb) = 0;

  virtual void create_profile(std::int64_t household_id, profile_spec spec,
                              callback<profile> cb) = 0;
  virtual void update_profile(std::int64_t profile_id, profile_patch patch,
                              callback<profile> cb) = 0;
  /// Deletes the profile with its ratings, tags, notes and watch marks.
  virtual void delete_profile(std::int64_t profile_id, callback<unit> cb) = 0;
  /// Whether `pin` is the profile's PIN (true when it has none); throttled per profile and
  /// client address like sign-in.
  virtual void check_pin(std::int64_t profile_id, std::string pin, std::string client,
                         callback<bool> cb) = 0;

  virtual void export_household(std::int64_t household_id, callback<household_export> cb) = 0;
  /// Deletes the household and every row of it; its sessions and tokens end at once.
  virtual void delete_household(std::int64_t household_id, callback<unit> cb) = 0;
  /// A deployment admin's new household, with an owner invite for `owner_email`.
  virtual void create_household(std::string name, std::string owner_email,
                                callback<new_invite> cb) = 0;
};

}  // namespace recs::net
