#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/catalog_match.hpp"
#include "adapters/serializd_response.hpp"
#include "recsys/profile.hpp"

namespace recs::adapters {

/// Our verdict for a Serializd score (1-10, i.e. half-stars: 2 = one star, 10 = five):
/// <= 4 (two stars or fewer) bad, 5-7 (two and a half to three and a half stars) good, >= 8
/// (four stars or more) loved.
verdict serializd_verdict(int score) noexcept;

/// One show's diary entries rolled into one score.
struct serializd_show_rollup {
  std::int64_t show_id = 0;       ///< TMDB TV id
  std::string show_name;          ///< the first non-empty showName of its entries
  int show_year = 0;              ///< the first non-zero premiere year of its entries
  std::optional<int> score;       ///< 1-10; nullopt when none of its entries is rated
  bool whole_show = false;        ///< the score is a whole-show rating, not a roll-up of seasons
  int rated_seasons = 0;          ///< seasons that went into the score (0 for a whole-show rating)
  int entries = 0;                ///< diary entries of the show
  std::int64_t last_watched = 0;  ///< latest watched_at() of its entries
};

/// Rolls diary entries up per show, sorted by show id:
/// - a rated whole-show entry (no season, no episode) wins: the latest one (by watched_at(),
///   then entry id) is the score, since the user rated the show as a whole;
/// - otherwise each season's score is its latest rated season entry (a season-level entry is
///   preferred over episode entries of that season, rewatches supersede earlier watches), and
///   the show's score is the mean of its season scores, rounded half up. The mean is used
///   rather than the latest season so that one weak final season does not turn a show the user
///   loved for years into "bad";
/// - entries without a rating (logs) only count as watched.
std::vector<serializd_show_rollup> rollup_diary(const std::vector<serializd_diary_entry>& entries);

struct serializd_import_example {
  std::int64_t show_id = 0;
  std::string show_name;
  int show_year = 0;
  std::vector<std::string> candidates;  ///< catalog ids, for an ambiguous match
};

/// What an import did, for the admin page and logs.
struct serializd_import_report {
  /// One per matched, rated catalog show: primary = serializd_verdict(score), score, source
  /// "serializd", ts = last_watched. When two Serializd shows land on one catalog show, the
  /// later rating is kept and `duplicates` counts the other.
  std::vector<rating> ratings;
  /// TMDB id -> catalog id of every matched show, for later catalog_matcher tmdb_links.
  std::vector<std::pair<std::int64_t, std::string>> tmdb_links;
  std::size_t shows = 0;       ///< rolled-up shows seen
  std::size_t matched = 0;     ///< found in the catalog (rated or not)
  std::size_t unmatched = 0;   ///< not in the catalog
  std::size_t ambiguous = 0;   ///< several catalog shows fit its title and year
  std::size_t unrated = 0;     ///< matched, but only logged without a rating
  std::size_t duplicates = 0;  ///< matched a catalog show an earlier Serializd show matched
  std::vector<serializd_import_example> unmatched_examples;  ///< the first max_examples
  std::vector<serializd_import_example> ambiguous_examples;  ///< the first max_examples
};

/// Joins rolled-up shows to the catalog (TMDB id, then IMDb id, then title + year: see
/// catalog_matcher; Serializd carries only TMDB ids, so the TMDB rule relies on the matcher's
/// links) and turns the rated ones into ratings of `profile_id`.
serializd_import_report import_serializd(const std::vector<serializd_show_rollup>& shows,
                                         const catalog_matcher& catalog, std::int64_t profile_id,
                                         std::size_t max_examples = 5);

}  // namespace recs::adapters
