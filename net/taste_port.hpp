#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "net/callback.hpp"
#include "recsys/profile.hpp"

namespace recs::net {

/// What a household says about its taste: ratings, tags and notes per profile, and the streaming
/// services it has. The caller has checked that the profile or household is the caller's own.
/// A change is durable before its callback runs, and then open slates are re-ranked (a
/// change_event). Errors: not_found for an unknown profile or a missing rating/tag;
/// unavailable when the actors or the database did not answer in time.
class taste_port {
 public:
  virtual ~taste_port() = default;

  /// Inserts or replaces the profile's rating of a show; answers it as stored.
  virtual void put_rating(rating r, callback<rating> cb) = 0;
  virtual void delete_rating(std::int64_t profile_id, std::string show_id, callback<unit> cb) = 0;
  virtual void ratings(std::int64_t profile_id, callback<std::vector<rating>> cb) = 0;

  /// Inserts or replaces a liked/disliked tag (already normalised).
  virtual void put_tag(std::int64_t profile_id, tag_pref t, callback<tag_pref> cb) = 0;
  virtual void delete_tag(std::int64_t profile_id, std::string tag, callback<unit> cb) = 0;
  virtual void tags(std::int64_t profile_id, callback<std::vector<tag_pref>> cb) = 0;

  /// Inserts or replaces the profile's note on a show; an empty text deletes it.
  virtual void put_note(std::int64_t profile_id, note n, callback<note> cb) = 0;
  virtual void notes(std::int64_t profile_id, callback<std::vector<note>> cb) = 0;

  /// Replaces the household's streaming services (known provider ids, each once).
  virtual void set_services(std::int64_t household_id, std::vector<std::string> services,
                            callback<household> cb) = 0;
};

}  // namespace recs::net
