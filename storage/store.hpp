#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recsys/profile.hpp"
#include "recsys/result.hpp"
#include "recsys/show.hpp"

namespace recs::storage {

/// The persistence boundary. Implementations are NOT thread-safe: one owner (a detached
/// storage actor) calls them. Every write is durable when it returns ok (fsync'd).
/// No backend type (sqlite3*, PGresult*) ever crosses this interface.
class store {
 public:
  virtual ~store() = default;

  /// Applies pending versioned migrations; idempotent. Returns the schema version.
  virtual result<int> migrate() = 0;

  /// Another store on the same database with a connection of its own, for a pool of storage
  /// actors; nullptr when the backend is best used through this one connection (SQLite: one
  /// file, one writer). unavailable when the database cannot be reached.
  virtual result<std::unique_ptr<store>> open_sibling() { return std::unique_ptr<store>(); }

  // -- households and profiles ---------------------------------------------------------------

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

  // -- taste ---------------------------------------------------------------------------------

  /// Inserts or replaces the profile's rating of that show.
  virtual status put_rating(const rating& r) = 0;
  /// not_found when there was no such rating.
  virtual status delete_rating(std::int64_t profile_id, const std::string& show_id) = 0;
  virtual result<std::vector<rating>> ratings(std::int64_t profile_id) = 0;
  /// Every rating of every profile (for training the collaborative model).
  virtual result<std::vector<rating>> all_ratings() = 0;

  /// Inserts or replaces a liked/disliked tag.
  virtual status put_tag(std::int64_t profile_id, const tag_pref& t) = 0;
  virtual status delete_tag(std::int64_t profile_id, const std::string& tag) = 0;
  virtual result<std::vector<tag_pref>> tags(std::int64_t profile_id) = 0;

  /// Inserts or replaces the profile's note on a show; an empty text deletes it.
  virtual status put_note(std::int64_t profile_id, const note& n) = 0;
  virtual result<std::vector<note>> notes(std::int64_t profile_id) = 0;

  // -- Family Mix watches (the fairness ledger's data) ----------------------------------------

  /// Records a Family Mix pick the household watched, with one fit per member present, in one
  /// transaction: on any error nothing is written. invalid_argument for an empty show id, no
  /// fits, a non-finite fit, a profile listed twice or one that is not a member of the
  /// household; not_found when the household does not exist.
  virtual status add_family_watch(const family_watch& w) = 0;
  /// The household's watches, oldest first (by ts, then in the order they were added), each
  /// with its fits in the order they were written. Empty for an unknown household.
  virtual result<std::vector<family_watch>> family_watches(std::int64_t household_id) = 0;

  // -- catalog -------------------------------------------------------------------------------

  /// Upserts shows with their offers (replacing the offers of each given show), in one
  /// transaction.
  virtual status upsert_shows(const std::vector<show>& shows) = 0;
  virtual result<std::vector<show>> shows() = 0;
  virtual result<std::int64_t> show_count() = 0;
  virtual status upsert_providers(const std::vector<provider>& providers) = 0;
  virtual result<std::vector<provider>> providers() = 0;

  // -- small key/value metadata (catalog version, job state, ...) ------------------------------

  virtual result<std::optional<std::string>> get_meta(const std::string& key) = 0;
  virtual status set_meta(const std::string& key, const std::string& value) = 0;
};

}  // namespace recs::storage
