#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "recsys/show.hpp"

namespace recs::adapters {

/// What an upstream source knows of a show, to find it in our catalog.
struct title_key {
  std::string imdb_id;       ///< "tt..." or empty
  std::int64_t tmdb_id = 0;  ///< TMDB TV id, 0 if unknown
  std::string title;
  int year = 0;  ///< first-air year, 0 if unknown
};

enum class match_outcome : std::uint8_t { matched, unmatched, ambiguous };
enum class match_basis : std::uint8_t { none, imdb, tmdb, title_year };

struct catalog_match {
  match_outcome outcome = match_outcome::unmatched;
  match_basis basis = match_basis::none;
  std::string show_id;                  ///< set when matched
  std::vector<std::string> candidates;  ///< the tied catalog ids when ambiguous, sorted
};

/// Which external id is tried first: JustWatch and TVmaze carry IMDb ids; Serializd carries
/// TMDB ids.
enum class id_order : std::uint8_t { imdb_first, tmdb_first };

/// Finds upstream shows in the catalog. Built once per catalog version (from
/// catalog_snapshot::shows() or a loaded catalog); keeps its own copies of the ids, so the
/// shows need not outlive it.
///
/// Rules, in order (the id rules in `order`):
/// - IMDb: the key's imdb_id is a catalog id (catalog ids are IMDb ids where known).
/// - TMDB: the key's tmdb_id is in `tmdb_links`. The catalog stores no TMDB ids, so these links
///   come from the caller (learned from JustWatch externalIds or earlier imports); a link to an
///   id the catalog lacks is ignored.
/// - title + year: the same normalise_title (non-empty) and a year within +-1 (any year when
///   the key's or the show's year is 0). A show whose IMDb id (or linked TMDB id) differs from
///   the key's is a different show and never a candidate. One candidate matches; among several,
///   a single one with exactly the key's year matches; otherwise the result is ambiguous with
///   every candidate listed.
/// Anything else is unmatched.
class catalog_matcher {
 public:
  explicit catalog_matcher(
      const std::vector<show>& shows,
      const std::vector<std::pair<std::int64_t, std::string>>& tmdb_links = {});

  catalog_match match(const title_key& key, id_order order = id_order::imdb_first) const;

  std::size_t size() const noexcept { return ids_.size(); }

 private:
  struct titled {
    int year = 0;
    std::uint32_t index = 0;
  };
  bool by_imdb(const title_key& key, catalog_match& m) const;
  bool by_tmdb(const title_key& key, catalog_match& m) const;
  catalog_match by_title(const title_key& key) const;

  std::vector<std::string> ids_;
  std::unordered_map<std::string, std::uint32_t> by_id_;
  std::unordered_map<std::int64_t, std::uint32_t> by_tmdb_;
  std::unordered_map<std::uint32_t, std::int64_t> tmdb_of_;
  std::unordered_map<std::string, std::vector<titled>> by_title_;
};

}  // namespace recs::adapters
