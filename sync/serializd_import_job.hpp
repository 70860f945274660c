#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "adapters/serializd_import.hpp"
#include "adapters/serializd_response.hpp"
#include "core/result.hpp"
#include "recsys/profile.hpp"
#include "storage/catalog_store.hpp"
#include "storage/household_store.hpp"
#include "storage/link_store.hpp"
#include "storage/store.hpp"
#include "storage/taste_store.hpp"
#include "sync/serializd_source.hpp"

namespace recs::sync {

/// One import: whose ratings, and when.
struct serializd_import_options {
  std::int64_t profile_id = 0;   ///< the profile the ratings go to
  std::int64_t now = 0;          ///< unix seconds of the import: the ts of a rating with no date
  std::size_t max_examples = 5;  ///< unmatched / ambiguous / kept shows listed by name
  /// Records the TMDB id of every show matched by title and a known year (not already linked),
  /// so that the next import, and the JustWatch refresh, find it by id.
  bool learn_links = true;
  int max_pages = 500;  ///< per list (diary, watched): a guard against endless paging
};

/// What one import found, and what the profile should take from it.
struct serializd_import_result {
  std::int64_t profile_id = 0;
  std::string username;  ///< the Serializd account read
  /// The Serializd ratings to apply: new to the profile, or changed since an earlier import.
  /// primary = adapters::serializd_verdict(score), score 1-10, source "serializd", ts = when
  /// the show was last watched.
  std::vector<rating> ratings;
  /// The adapters' report (matched, unmatched, ambiguous, unrated, duplicates, examples); its
  /// `ratings` are every rated match, before the rule below.
  adapters::serializd_import_report report;
  /// Matches the profile rated itself (any source but "serializd": the app, a file import):
  /// that rating is its current opinion and stays.
  std::size_t kept = 0;
  std::size_t unchanged = 0;               ///< imported before with the same verdict and score
  std::vector<std::string> kept_examples;  ///< titles of the first max_examples kept
  int diary_pages = 0;
  int watched_pages = 0;
  std::size_t diary_entries = 0;
  std::size_t watched_shows = 0;  ///< shows on the watched pages
  std::size_t watched_only = 0;   ///< watched shows without any diary entry (matched, unrated)
  std::vector<std::pair<std::int64_t, std::string>> links_learned;  ///< TMDB id -> show id
};

/// A short human summary for admins (the sync board's last_message), e.g.
/// "rossw: 9 shows; 3 imported, 1 unchanged, 1 kept (Severance); 7 matched (2 without a
/// rating), 1 unmatched (The Amazing Race 2001), 1 ambiguous (The Bear 2022: tt1 | x-b)".
/// "imported" counts `ratings`; at most three examples of each kind, then "...". Pure.
std::string summarize(const serializd_import_result& r);

/// Rolls up the diary and adds the watched shows that have no diary entry (no score; year
/// unknown), sorted by TMDB id. Pure.
std::vector<adapters::serializd_show_rollup> serializd_shows(
    const std::vector<adapters::serializd_diary_entry>& diary,
    const std::vector<adapters::serializd_watched_item>& watched);

/// The Serializd ratings import for one profile, a piece at a time so that a sync actor can
/// pause between pieces. step() does the next piece:
/// 1. the profile is read (not_found for an unknown one) and the token checked (its account);
/// 2. one diary page per step, from 1 until the last page (totalPages);
/// 3. one watched page per step, likewise;
/// 4. the shows are rolled up (season entries per show) and matched to the catalog (TMDB links
///    from the store's "tmdb" show links, then IMDb id, then title and year: see
///    adapters::import_serializd; Serializd carries only TMDB ids, so the IMDb rule matches
///    nothing today), the profile's own ratings are kept, and new TMDB links are recorded.
/// A failed step changes nothing and may be called again (after a pause, say): it repeats the
/// same piece. The job writes no rating: the caller applies result().ratings. Nothing at all is
/// written unless every page was read (the links, at the very end).
class serializd_import_job {
 public:
  /// Reads the profile from `households`, its ratings from `taste` and the shows from
  /// `catalog`; reads and records TMDB links in `links`.
  serializd_import_job(storage::household_store& households, storage::taste_store& taste,
                       storage::catalog_store& catalog, storage::link_store& links,
                       serializd_source& source, serializd_import_options opts);
  /// The same over one store, which provides every role.
  serializd_import_job(storage::store& db, serializd_source& source, serializd_import_options opts)
      : serializd_import_job(db, db, db, db, source, opts) {}

  /// Does the next piece; true once the import is complete (outcome() is then ready), false
  /// while pieces remain. Errors are the source's (forbidden for a refused token, unavailable
  /// for timeouts, 5xx, rate limits and block pages after the fetcher's retries, internal for
  /// malformed or unexpected bodies) and the store's.
  result<bool> step();

  /// Steps until complete or failed.
  result<serializd_import_result> run();

  bool done() const noexcept { return phase_ == phase::done; }
  /// What the next step does, for progress: "checking the token", "diary page 2 of 3",
  /// "watched page 1", "matching 9 shows", "done".
  std::string current() const;
  /// Pages read so far, and pages known to exist (grows as first pages tell the totals).
  int pages_done() const noexcept { return out_.diary_pages + out_.watched_pages; }
  int pages_known() const noexcept;

  const serializd_import_result& outcome() const noexcept { return out_; }
  serializd_import_result take_outcome() { return std::move(out_); }

 private:
  enum class phase { begin, diary, watched, match, done };

  status begin();
  status next_diary();
  status next_watched();
  status match();

  storage::household_store& households_;
  storage::taste_store& taste_;
  storage::catalog_store& catalog_;
  storage::link_store& links_;
  serializd_source& source_;
  serializd_import_options opts_;
  phase phase_ = phase::begin;
  int page_ = 1;  ///< the next page of the current list
  int diary_total_ = 0, watched_total_ = 0;
  std::vector<adapters::serializd_diary_entry> diary_;
  std::vector<adapters::serializd_watched_item> watched_;
  serializd_import_result out_;
};

}  // namespace recs::sync
