#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/tvmaze_paging.hpp"
#include "adapters/tvmaze_response.hpp"
#include "core/result.hpp"
#include "recsys/show.hpp"
#include "recsys/watch_alerts.hpp"
#include "storage/catalog_store.hpp"
#include "storage/link_store.hpp"
#include "storage/meta_store.hpp"
#include "storage/store.hpp"
#include "sync/tvmaze_source.hpp"

namespace recs::sync {

// The TVmaze metadata sync (source "tvmaze"), without actors. What it keeps true:
// - links: a catalog show with an IMDb id is looked up at TVmaze once (link_source::tvmaze);
//   a show TVmaze lacks gets a link_source::tvmaze_missing marker (external id = the IMDb id
//   asked) and is not asked about again; an index walk links it if TVmaze adds it later;
// - metadata (plan_metadata): runtime, network or web channel, the year when ours is unknown,
//   and a premise only when ours is empty and TVmaze's summary passes the spoiler filter
//   untouched. TVmaze's summary describes the show as it is now, often its later seasons, so
//   it never replaces a premise we have. Seasons, countries, genres, titles, classifications
//   and offers are never touched;
// - season news (plan_season_news): a show asked for by id (refresh or lookup, which embed its
//   next episode) whose next episode opens a season is reported to the caller (watchlist
//   alerts), every time it is asked about: the caller alerts each season once. Nothing of it
//   is stored here.
// A catalog import (catalog_store::upsert_shows, when data/catalog.jsonl changed) writes every
// field again, so it undoes these refreshes until the shows change at TVmaze or an index walk runs.

/// Meta keys: unix seconds of the last run whose updates were all applied; the next index page
/// an interrupted index walk resumes at (0 or absent: from the start).
inline constexpr std::string_view kTvmazeLastRunKey = "tvmaze_last_run";
inline constexpr std::string_view kTvmazeIndexPageKey = "tvmaze_index_page";

/// Shows changed at TVmaze up to this long before the last run are refreshed again: its
/// /updates list is cached for a while, so the newest changes may be missing from it.
inline constexpr std::int64_t kTvmazeUpdatesSlack = 3600;

/// What a TVmaze show changes in one of ours.
struct metadata_change {
  storage::show_metadata write;     ///< what update_show_metadata writes (0, "": keep)
  std::vector<std::string> fields;  ///< e.g. "runtime 0 -> 49", "network \"\" -> \"CBS\""
  bool empty() const noexcept { return fields.empty(); }
};

/// Our `ours`'s next season as TVmaze's `theirs` announces it: when its next episode is
/// episode 1 of a season >= 1 (a special, with a null number, is not), ours.id with that
/// season and the episode's airdate (empty when not set yet). Pure.
std::optional<season_news> plan_season_news(const show& ours, const adapters::tvmaze_show& theirs);

/// What TVmaze's `theirs` changes in our `ours`. Pure.
/// - runtime: TVmaze's average runtime, else its runtime, when known (1-600 min) and different;
/// - network: TVmaze's network, else its web channel, when known and different;
/// - year: TVmaze's premiere year, only when ours is 0;
/// - premise: only when ours is empty (blank), from TVmaze's summary when sanitize_premise
///   keeps it whole (no sentence matched a spoiler rule) and it has min_premise_chars.
metadata_change plan_metadata(const show& ours, const adapters::tvmaze_show& theirs);

/// `s` with `m` applied as catalog_store::update_show_metadata applies it. Pure.
void apply_metadata(show& s, const storage::show_metadata& m);

/// The /updates/shows window of a run at `now` after a last run at `last_run` (0 = never):
/// day when the last run is less than a day old (slack included) or there was none, week
/// when less than a week, else month. Changes older than a month are not listed by TVmaze:
/// after such a gap, an index walk catches up. Pure.
adapters::tvmaze_since updates_window(std::int64_t now, std::int64_t last_run) noexcept;

/// One unit of work of a metadata run (one step of the sync actor).
struct metadata_task {
  enum class kind : std::uint8_t { refresh, link };
  kind what = kind::refresh;
  std::string show_id;
  std::string title;
  std::int64_t tvmaze_id = 0;  ///< refresh: the linked TVmaze show
};

/// What a metadata run will do (metadata_refresher::begin).
struct metadata_plan {
  std::int64_t now = 0;
  std::int64_t last_run = 0;  ///< meta tvmaze_last_run; 0 = never
  adapters::tvmaze_since since = adapters::tvmaze_since::day;
  std::int64_t updated_upstream = 0;  ///< shows TVmaze lists as changed in the window
  std::int64_t unlinked_total = 0;    ///< catalog shows with an IMDb id not linked nor missing
  std::vector<metadata_task> tasks;   ///< refreshes (by TVmaze id), then links (by popularity)
};

/// What a task (or an index page) did to one of our shows.
struct metadata_result {
  enum class outcome : std::uint8_t {
    updated,    ///< metadata written (`fields`)
    unchanged,  ///< TVmaze knows nothing better (a new link may still have been stored)
    missing,    ///< TVmaze lacks the show: marked tvmaze_missing, or its gone link removed
    failed      ///< `err`: the caller decides whether the run goes on (run_should_stop)
  };
  outcome what = outcome::failed;
  std::string show_id;
  std::int64_t tvmaze_id = 0;
  bool linked = false;  ///< a new TVmaze link was stored
  std::vector<std::string> fields;
  std::string message;  ///< for missing and failed
  error err;            ///< for failed
  /// plan_season_news of the matched show (updated or unchanged); never for missing or failed.
  /// Only shows asked for by id have a next episode: an index page's never do.
  std::optional<season_news> news;
};

std::string_view to_string(metadata_result::outcome o) noexcept;

/// Our catalog as a TVmaze sync sees it: the shows and their TVmaze links and markers, read
/// once per run and kept in step with what the run writes.
class tvmaze_catalog {
 public:
  static result<tvmaze_catalog> load(storage::catalog_store& catalog, storage::link_store& links);

  const show* find(const std::string& show_id) const;
  /// Our show linked to TVmaze show `tvmaze_id`, if any.
  std::optional<std::string> show_of(std::int64_t tvmaze_id) const;
  /// The TVmaze id our show is linked to, 0 when none.
  std::int64_t tvmaze_of(const std::string& show_id) const;
  std::size_t linked_count() const noexcept { return by_tvmaze_.size(); }

  /// Stores a link of `show_id` to `theirs` first when `link` (removing a tvmaze_missing
  /// marker), then writes what plan_metadata finds, and sets `news` (plan_season_news). A
  /// TVmaze id linked to another show of ours is not moved: `missing` (duplicates at TVmaze or
  /// in our catalog).
  metadata_result apply(storage::catalog_store& catalog, storage::link_store& links,
                        const std::string& show_id, const adapters::tvmaze_show& theirs, bool link);
  /// Records that TVmaze lacks `show_id` (a tvmaze_missing marker).
  status mark_missing(storage::link_store& links, const std::string& show_id);
  /// Removes the show's TVmaze link (TVmaze deleted or merged the show).
  status unlink(storage::link_store& links, const std::string& show_id);

 private:
  std::map<std::string, show> shows_;
  std::map<std::int64_t, std::string> by_tvmaze_;
  std::map<std::string, std::int64_t> tvmaze_of_;
  std::set<std::string> missing_;
};

/// One metadata run (kind "metadata_refresh"): begin() plans it, run() does one task, finish()
/// records it. Upstream failures (after retries) are `failed` results.
class metadata_refresher {
 public:
  /// Reads the catalog from `shows`, which it updates; links, lists and marks shows in `links`;
  /// keeps tvmaze_last_run in `meta`.
  metadata_refresher(storage::catalog_store& shows, storage::link_store& links,
                     storage::meta_store& meta, tvmaze_source& tv, std::int64_t now);
  /// The same over one store, which provides every role.
  metadata_refresher(storage::store& db, tvmaze_source& tv, std::int64_t now)
      : metadata_refresher(db, db, db, tv, now) {}

  /// Reads the catalog, its links and meta tvmaze_last_run; asks TVmaze for the shows changed
  /// in updates_window; plans a refresh of every linked show changed since the last run (less
  /// kTvmazeUpdatesSlack), then a lookup of up to `link_limit` unlinked shows, most popular
  /// first. Errors: the store's, and TVmaze's for the updates list (the run fails).
  result<metadata_plan> begin(std::size_t link_limit);

  /// One task: refresh = GET /shows/:id (404: the link is removed, `missing`); link = the
  /// lookup by IMDb id (404 or an id TVmaze cannot take: marked, `missing`). Then the show's
  /// metadata as tvmaze_catalog::apply writes it, with the show's season `news` if any.
  metadata_result run(const metadata_task& t);

  /// Sets meta tvmaze_last_run to the run's start when every planned refresh succeeded, so a
  /// run that stopped early, or failed some, asks for the same changes again next time.
  /// Returns whether it did. Call once, at the end of the run, however it ended.
  result<bool> finish();

 private:
  storage::catalog_store& shows_;
  storage::link_store& links_;
  storage::meta_store& meta_;
  tvmaze_source& tv_;
  std::int64_t now_;
  tvmaze_catalog catalog_;
  std::size_t refreshes_planned_ = 0;
  std::size_t refreshes_ok_ = 0;
};

/// What reading one index page did.
struct index_page_result {
  std::int64_t page = 0;
  bool end = false;                      ///< TVmaze answered 404: the walk is over
  std::size_t shows = 0;                 ///< TVmaze shows on the page
  std::vector<metadata_result> matched;  ///< one per show of ours the page matched
  std::optional<error> err;              ///< the page could not be read
};

/// The show index walk (kind "index_walk"): GET /shows?page=N from the page recorded in meta
/// tvmaze_index_page until 404, 250 shows a page (300+ pages: only when an admin asks). It
/// links catalog shows by the IMDb ids of the index (no lookup per show) and refreshes every
/// linked show, so it also catches up after a catalog import or a long gap between runs.
class index_walker {
 public:
  /// Reads the catalog from `shows`, which it updates; links shows in `links`; keeps
  /// tvmaze_index_page in `meta`.
  index_walker(storage::catalog_store& shows, storage::link_store& links, storage::meta_store& meta,
               tvmaze_source& tv);
  /// The same over one store, which provides every role.
  index_walker(storage::store& db, tvmaze_source& tv) : index_walker(db, db, db, tv) {}

  /// Reads the catalog and its links; returns the page to start at (meta tvmaze_index_page;
  /// 0 when absent or not a number).
  result<std::int64_t> begin();

  /// Reads page `page`. Each TVmaze show on it that is ours -- linked by its TVmaze id, else
  /// the show whose id is its IMDb id when that show has no TVmaze link yet (it is linked) --
  /// gets tvmaze_catalog::apply (no season news: the index has no next episodes). Then the next
  /// page (page + 1, or 0 after the end) is recorded.
  /// A page that cannot be read records nothing (`err`): see skip().
  index_page_result walk(std::int64_t page);

  /// Records page + 1 as the page to resume at (a page that fails for a reason that will not
  /// go away, such as a malformed body, is passed over).
  status skip(std::int64_t page);

 private:
  storage::catalog_store& shows_;
  storage::link_store& links_;
  storage::meta_store& meta_;
  tvmaze_source& tv_;
  tvmaze_catalog catalog_;
};

}  // namespace recs::sync
