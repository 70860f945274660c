#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "recsys/profile.hpp"

namespace recs::storage {

/// The store's role for a profile's taste: its ratings, liked/disliked tags and notes. Part of
/// storage::store, which states what holds for every role.
class taste_store {
 public:
  virtual ~taste_store() = default;

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
};

}  // namespace recs::storage
