#pragma once

// Parsers for the export files households bring from other services (shared/spec/
// import-formats.md): IMDb ratings/watchlist CSV, Trakt JSON, Netflix viewing activity CSV and
// the Serializd diary JSON. Pure: text in, shows out, no catalog and no I/O. Matching the shows
// to the catalog is import_plan.hpp's job.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/catalog_match.hpp"
#include "core/result.hpp"

namespace recs::adapters {

/// The services whose export files can be imported.
enum class import_format : std::uint8_t { imdb, trakt, netflix, serializd };

/// "imdb", "trakt", "netflix", "serializd" (ASCII case ignored); nullopt for anything else.
std::optional<import_format> parse_import_format(std::string_view s) noexcept;
/// The lower-case name parse_import_format reads; also the `source` of imported ratings.
std::string_view to_string(import_format f) noexcept;

/// One show as an export file names it, rolled up over its rows.
struct imported_show {
  title_key key;             ///< imdb_id, tmdb_id, title, year as the file gives them
  std::optional<int> score;  ///< 1-10 when the file rates the show (the latest rating of it)
  bool watched = false;      ///< the file says it was watched (Netflix, Trakt watched/history)
  bool watchlist = false;    ///< on the file's watchlist (IMDb watchlist export, Trakt watchlist)
  int episodes = 0;          ///< distinct episodes watched (Netflix, Trakt), 0 unknown
  std::int64_t ts = 0;       ///< latest date the file gives for it, unix seconds (0 unknown)
  /// Where it first appears: the CSV record number (1 = the header, data from 2; a record
  /// counts once even when a quoted field spans lines) or the 1-based JSON array index.
  std::size_t line = 0;
};

/// What a parser read from one file.
struct parsed_export {
  std::vector<imported_show> shows;  ///< one per show, in first-seen order
  std::size_t records = 0;           ///< data rows / array items read
  std::size_t skipped = 0;           ///< rows that are not shows (films, trailers, episodes, ...)
  /// Remarks about the file as a whole first (e.g. how Netflix dates were read), then the first
  /// 20 skips, each "line N: why" ("line 7: 'X' is a TV Episode: an episode's rating names no
  /// show").
  std::vector<std::string> notes;
};

/// Every parser fails with errc::invalid_argument and a message naming the place ("line N: ...",
/// "csv line N: ..." from parse_csv, "item N...: ..." or "byte N: ..." for JSON) when the file is
/// not what it should be: an empty body, missing required columns (the message lists those
/// expected), broken quoting, a rating outside 1-10, a date that does not parse, JSON that is not
/// an array of objects. A header without rows is a valid, empty file. Never throws on any input.

/// IMDb "Your ratings" or watchlist export. Columns are found by name (with or without
/// `Original Title`); required: Const, Your Rating, Title, Title Type; optional: Date Rated,
/// Year, Created. Only `TV Series` / `TV Mini Series` (`tvSeries` / `tvMiniSeries`) rows are
/// shows; others (episodes, films, specials, ...) are skipped with a note. An empty Your Rating
/// is a watchlist row (watchlist = true, no score). ts = Date Rated (YYYY-MM-DD, 00:00 UTC), or
/// Created when Date Rated is empty and that column exists. A Year that is not a number reads 0.
/// The same Const twice keeps the later rating.
result<parsed_export> parse_imdb_export(std::string_view text);

/// One Trakt export file (a JSON array). Each item is read by its fields, so any of the show
/// files works (and a mix): `rating` -> ratings-shows (score, ts = rated_at); `plays`, `seasons`
/// or `last_watched_at` -> watched-shows (watched, episodes = the distinct episodes of
/// `seasons`, ts = last_watched_at); `listed_at` -> watchlist-shows (watchlist, ts = listed_at);
/// an `episode` object (or "type":"episode") with `watched_at` -> history, rolled up per show
/// (watched, episodes = distinct season/episode numbers, ts = the latest watched_at). Items of
/// ratings-seasons / ratings-episodes (a `season` / `episode` object beside `show`) and films
/// (`movie`) are skipped with a note. Ids: show.ids.imdb (string or null), show.ids.tmdb (integer
/// or null). An item with no `show` or `movie` object is an error. An empty array is a valid
/// file with nothing in it. Shows roll up by IMDb id, else TMDB id, else Trakt id, else title and
/// year.
result<parsed_export> parse_trakt_export(std::string_view text);

/// Netflix viewing activity, either form:
/// - `Title,Date` (a profile's "Viewing activity" download). Dates are `12/31/23` (month first)
///   or `31/12/2023` (day first), decided from the whole file: a first field > 12 anywhere means
///   day first, a second field > 12 means month first, both at once is an error; when no date
///   tells, day first is assumed (as in Australia) and a note says so. Two-digit years are
///   20YY. ISO `2023-12-31` is accepted too.
/// - `Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,...` (from
///   "Download your personal information"). Start Time is `YYYY-MM-DD HH:MM:SS` UTC. Rows with a
///   Supplemental Video Type (trailers, hooks) are skipped. With `netflix_profile` set only that
///   profile's rows are read (ASCII case ignored; none of them is an error); without it a file
///   holding several profiles is an error listing them ("this file holds the viewing of several
///   Netflix profiles (A, B): choose one"). Other profiles' rows count as skipped, with one note.
///
/// Which titles are shows (see split_netflix_title): a title is an episode of a show when
///   (a) a part after the first (parts are joined by ": ") is a season marker (`Season 2`,
///       `Series 2`, `Limited Series`, `Miniseries`, `Part 2`, `Volume 2`, `Vol. 2`, `Chapter 2`,
///       `Book 2`, `Collection 2`, or the show's own name and a number, "Stranger Things 4";
///       numbers as digits, words up to twenty or Roman numerals) and another part follows it:
///       the show is the parts before the marker;
///   (b) its leading parts are the name of a show found by (a) elsewhere in the file
///       ("Law & Order: Special Victims Unit: Some Episode");
///   (c) it has two or more parts and its first part appears in the file with two or more
///       different remainders ("Our Planet: One Planet", "Our Planet: Jungles").
/// A title without ": " is a show only when the whole title is a show found by (a)-(c) (then it
/// counts as watched, without an episode). Everything else is read as a film and skipped with a
/// note: "The Irishman", "Glass Onion: A Knives Out Mystery", and also a show watched for a
/// single episode whose title carries no season marker (one such row cannot be told from a film
/// named "Name: Subtitle").
/// Shows roll up by normalised title; year is 0 (Netflix gives none), watched = true, episodes =
/// the distinct episode titles, ts = the latest date.
result<parsed_export> parse_netflix_export(std::string_view text,
                                           std::string_view netflix_profile = {});

/// A Serializd diary page as the API returns it (GET /user/{name}/diary; see
/// serializd_response.hpp), rolled up per show with rollup_diary: key.tmdb_id = the show id,
/// title and year from the entries, score = the roll-up's, watched = true, ts = the latest
/// watch. Shows are in the order of their first entry; line = that entry's 1-based index.
result<parsed_export> parse_serializd_export(std::string_view text);

/// The parser of `format` (`netflix_profile` is for Netflix only).
result<parsed_export> parse_export(import_format format, std::string_view text,
                                   std::string_view netflix_profile = {});

/// How parse_netflix_export reads one title.
struct netflix_title {
  std::string show;            ///< the show's name, or the whole title when it is no episode
  std::string episode;         ///< what follows the show ("Season 2: Pilot"); empty if none
  bool season_marker = false;  ///< rule (a) found a season marker
};

/// Splits `title` by rule (a) of parse_netflix_export. Without a season marker, `show` is the
/// first part and `episode` the rest (empty for a title without ": "): only the whole file tells
/// whether that is a show (rules b and c).
netflix_title split_netflix_title(std::string_view title);

}  // namespace recs::adapters
