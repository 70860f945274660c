#pragma once

// What importing one parsed export file (export_files.hpp) into a profile would write: matched
// to the catalog, compared with what the profile already has. Pure: the caller reads the
// profile, applies the plan and reports it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/catalog_match.hpp"
#include "adapters/export_files.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/import_report.hpp"
#include "recsys/profile.hpp"

namespace recs::adapters {

/// What the profile already has.
struct import_existing {
  std::vector<rating> ratings;         ///< every rating of the profile, any source
  std::vector<std::string> seen;       ///< show ids marked seen
  std::vector<std::string> watchlist;  ///< show ids on the watchlist
};

/// The plan: what to write, and the report of it.
struct import_plan : import_report {
  static constexpr std::size_t kMaxProblems = 100;  ///< per list
  static constexpr std::size_t kMaxCandidates = 3;  ///< per unmatched item
  static constexpr std::size_t kMaxTied = 10;       ///< per ambiguous item

  std::vector<rating> ratings;    ///< to write: new, or changed since an earlier import
  std::vector<std::string> seen;  ///< show ids to mark seen (new ones only)
  /// When each of `seen` was watched: the latest date the file gives for it (0 unknown).
  std::vector<std::int64_t> seen_ts;
  std::vector<std::string> watchlist;  ///< show ids to add (new ones only)
};

/// Plans importing `file` (read from `source`: "imdb", "trakt", "netflix" or "serializd", see
/// to_string(import_format)) into profile `profile_id`.
///
/// Matching: `matcher` (built from `catalog`'s shows and known TMDB links) by IMDb id, then TMDB
/// id, then normalised title + year (TMDB first for serializd); Netflix titles carry year 0 and
/// match any year. A title that does not match is tried once more without a trailing
/// parenthesised qualifier ("The Office (U.S.)" -> "The Office"). Unmatched items get up to
/// kMaxCandidates closest shows from catalog.search(title) (if that finds nothing, the title's
/// leading words, longest first, not a lone article); ambiguous items list the matcher's tied
/// shows (at most kMaxTied).
/// `matched`/`unmatched`/`ambiguous` count the file's shows; several of them landing on one
/// catalog show are merged first (the later-dated score wins; watched and watchlist are
/// or-ed), and `added`/`updated`/`already` count the catalog shows.
///
/// Per catalog show, in the file's order:
/// - with a score: rating{profile_id, show, serializd_verdict(score), score, source, ts = the
///   file's date or `now` when 0}. No rating of the show yet -> `ratings`, added. An earlier one
///   from the same source with another verdict or score -> `ratings`, updated. Otherwise
///   (unchanged, or rated in the app or from another source) -> already: an import never
///   overrides what the user said elsewhere.
/// - else watched: not rated and not seen yet -> `seen`, added; otherwise already. Watching is
///   not rating.
/// - else on the watchlist: not rated and not listed yet -> `watchlist`, added; otherwise
///   already.
/// Applying the plan and planning the same file again gives nothing to write, all `already`.
import_plan plan_import(const parsed_export& file, const catalog_snapshot& catalog,
                        const catalog_matcher& matcher, const import_existing& existing,
                        std::int64_t profile_id, std::string_view source, std::int64_t now);

}  // namespace recs::adapters
