#pragma once

// Downloads in the shape of IMDb's own exports (GET /export/ratings.csv, /export/watchlist.csv),
// so that what a household told this service can go elsewhere, and come back through
// POST /imports/imdb unchanged. Pure.

#include <string>
#include <vector>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/profile.hpp"

namespace recs::net {

/// The IMDb ratings header: Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,
/// IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors.
extern const char* const imdb_csv_header;

/// IMDb's 1-10 for a rating: its score when it has one from 1 to 10, else Loved 9, Good 7,
/// Bad 3 (which the IMDb import reads back as the same verdicts).
int imdb_rating_of(const rating& r) noexcept;

/// One row per rating, newest first; CRLF line ends, RFC 4180 quoting. `Const` is the show's id
/// (an IMDb id where the catalog knows one), the show's details from the catalog (empty for a
/// show no longer in it), `Title Type` "TV Series", `Date Rated` YYYY-MM-DD (UTC).
std::string render_imdb_ratings_csv(const std::vector<rating>& ratings,
                                    const catalog_snapshot& cat);
/// The same columns for watchlist entries, `Your Rating` empty and `Date Rated` the day the show
/// was listed, oldest first (IMDb's watchlist order).
std::string render_imdb_watchlist_csv(const std::vector<watch_entry>& entries,
                                      const catalog_snapshot& cat);

}  // namespace recs::net
