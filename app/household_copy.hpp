#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "recsys/profile.hpp"
#include "storage/store.hpp"

namespace recs::app {

/// One household with everything a store keeps of it, with the ids of the store it was read
/// from.
struct household_bundle {
  household home;
  std::vector<profile> members;
  std::vector<rating> ratings;                                   ///< of every member
  std::vector<std::pair<std::int64_t, tag_pref>> tags;           ///< profile id -> tag
  std::vector<std::pair<std::int64_t, note>> notes;              ///< profile id -> note
  std::vector<std::pair<std::int64_t, show_feedback>> feedback;  ///< profile id -> feedback
  /// Every watchlist entry: the household's own (profile_id 0) and each member's.
  std::vector<watch_entry> watchlist;
  std::vector<family_watch> watches;  ///< oldest first, with their fits
  /// Who signs in (with their password hashes); sessions and API tokens are not carried over.
  std::vector<storage::account> accounts;
  std::vector<std::pair<std::int64_t, std::string>> pins;  ///< profile id -> PIN hash
  /// Its own webhook for watchlist alerts, when it set one (the URL is a secret: never printed).
  std::optional<household_webhook> webhook;
};

/// How much a bundle holds; what a copy wrote.
struct bundle_counts {
  std::size_t profiles = 0;
  std::size_t ratings = 0;
  std::size_t tags = 0;
  std::size_t notes = 0;
  std::size_t feedback = 0;
  std::size_t listed = 0;  ///< watchlist entries
  std::size_t watches = 0;
  std::size_t fits = 0;

  bool operator==(const bundle_counts& o) const {
    return profiles == o.profiles && ratings == o.ratings && tags == o.tags && notes == o.notes &&
           feedback == o.feedback && listed == o.listed && watches == o.watches && fits == o.fits;
  }
};

/// "3 profiles, 12 ratings, 2 tags, 1 note, 4 feedback marks, 3 watchlist entries, 2 family
/// watches (5 fits)".
std::string describe(const bundle_counts& c);

bundle_counts count(const household_bundle& b);

/// Reads household `h` (as returned by `db`) with its profiles, their ratings, tags and notes,
/// and the household's Family Mix watches.
result<household_bundle> read_household(storage::store& db, const household& h);

/// The show ids a bundle refers to (ratings, notes, watches), sorted, each once.
std::vector<std::string> shows_of(const household_bundle& b);

/// What copy_missing_catalog added to the target.
struct catalog_gap {
  std::size_t shows_added = 0;
  std::size_t providers_added = 0;
  std::vector<std::string> unknown_shows;  ///< referred to, but in neither catalog
};

/// "added 1 show and 0 providers the target lacked", with the unknown shows when there are.
std::string describe(const catalog_gap& g);

/// Makes `to` know every show in `show_ids` and every provider in `provider_ids` (plus the
/// providers of the shows it adds) that `from` knows and `to` lacks, copying them from `from`
/// (upsert_shows and upsert_providers, each one transaction). Shows and providers `to` already
/// has are left as they are.
result<catalog_gap> copy_missing_catalog(storage::store& from, storage::store& to,
                                         const std::vector<std::string>& show_ids,
                                         const std::vector<std::string>& provider_ids);

/// Writes the members, ratings, tags, notes and watches of `b` into the existing, empty
/// household `household_id` of `to`, with profile ids remapped to the new profiles. Timestamps
/// are kept. Each write is the store's own transaction: on an error the household is partly
/// written (the caller discards it).
result<bundle_counts> write_members(storage::store& to, const household_bundle& b,
                                    std::int64_t household_id);

}  // namespace recs::app
