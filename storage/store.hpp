#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recsys/profile.hpp"
#include "recsys/result.hpp"
#include "recsys/show.hpp"
#include "storage/sync_records.hpp"

namespace recs::storage {

/// The persistence boundary. Implementations are NOT thread-safe: one owner (a detached
/// storage actor) calls them. Every write is durable when it returns ok (fsync'd).
/// No backend type (sqlite3*, PGresult*) ever crosses this interface.
class store {
 public:
  virtual ~store() = default;

  /// Applies pending versioned migrations; idempotent. Returns the schema version.
  virtual result<int> migrate() = 0;

  /// Another store on the same database with a connection of its own, for a pool of storage
  /// actors; nullptr when the backend is best used through this one connection (SQLite: one
  /// file, one writer). unavailable when the database cannot be reached.
  virtual result<std::unique_ptr<store>> open_sibling() { return std::unique_ptr<store>(); }

  // -- households and profiles ---------------------------------------------------------------

  virtual result<household> create_household(const std::string& name,
                                             const std::string& owner_email,
                                             const std::vector<std::string>& services) = 0;
  /// not_found when no household belongs to that email (case-insensitive).
  virtual result<household> household_by_email(std::string_view email) = 0;
  virtual result<household> household_by_id(std::int64_t id) = 0;
  virtual result<std::vector<household>> households() = 0;
  virtual status set_household_services(std::int64_t household_id,
                                        const std::vector<std::string>& services) = 0;

  virtual result<profile> create_profile(std::int64_t household_id, const std::string& name,
                                         maturity cap) = 0;
  virtual result<std::vector<profile>> profiles(std::int64_t household_id) = 0;
  virtual result<profile> profile_by_id(std::int64_t id) = 0;
  virtual status set_maturity_cap(std::int64_t profile_id, maturity cap) = 0;

  // -- taste ---------------------------------------------------------------------------------

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

  // -- Family Mix watches (the fairness ledger's data) ----------------------------------------

  /// Records a Family Mix pick the household watched, with one fit per member present, in one
  /// transaction: on any error nothing is written. invalid_argument for an empty show id, no
  /// fits, a non-finite fit, a profile listed twice or one that is not a member of the
  /// household; not_found when the household does not exist.
  virtual status add_family_watch(const family_watch& w) = 0;
  /// The household's watches, oldest first (by ts, then in the order they were added), each
  /// with its fits in the order they were written. Empty for an unknown household.
  virtual result<std::vector<family_watch>> family_watches(std::int64_t household_id) = 0;

  // -- catalog -------------------------------------------------------------------------------

  /// Upserts shows with their offers, in one transaction (all-or-nothing). Every field of a
  /// show is written; its offers only while the store never checked it (offers_checked_ts
  /// unset): they replace its offers, and the given show's offers_checked_ts, when set (a show
  /// copied from another store), is taken too. A show the store checked (replace_offers,
  /// mark_offers_checked) keeps its offers and its offers_checked_ts: a catalog import never
  /// undoes a verification. Show links are not touched.
  virtual status upsert_shows(const std::vector<show>& shows) = 0;
  /// Every show with its offers (by provider id, then monetization name) and offers_checked_ts,
  /// ordered by id.
  virtual result<std::vector<show>> shows() = 0;
  virtual result<std::int64_t> show_count() = 0;
  virtual status upsert_providers(const std::vector<provider>& providers) = 0;
  virtual result<std::vector<provider>> providers() = 0;

  // -- offers checks (the JustWatch sync) ----------------------------------------------------
  // A show's check time (offers_checked_ts, 0 = never) is kept on the show, not only on its
  // offers, so that a show verified to be on no service is known to be checked.

  /// Titles due for an offers check at `now` (unix s): never checked, or checked before
  /// now - stale_after_s. Never-checked first, most popular first (tmdb_popularity desc, then
  /// imdb_votes desc, then id); then the oldest check first (then id). At most `limit`.
  virtual result<std::vector<refresh_item>> offers_due(std::int64_t now, std::int64_t stale_after_s,
                                                       std::size_t limit) = 0;
  /// How many titles are due at `now` by the rule of offers_due, without a limit.
  virtual result<std::int64_t> offers_due_count(std::int64_t now, std::int64_t stale_after_s) = 0;
  /// In one transaction: reads the show's current offers (returned, ordered by provider id,
  /// then monetization name), replaces all of them by `verified`, each stored with
  /// inferred = false and its own last_checked_ts (`checked_ts` when it has none), and sets the
  /// show's offers_checked_ts to `checked_ts`. An empty `verified` records that the show is on
  /// no service. not_found for an unknown show; invalid_argument for checked_ts <= 0 or an
  /// offer the schema refuses (an empty provider id): nothing is changed then.
  virtual result<std::vector<offer>> replace_offers(const std::string& show_id,
                                                    const std::vector<offer>& verified,
                                                    std::int64_t checked_ts) = 0;
  /// Records that a show was checked at `checked_ts` without changing its offers (JustWatch
  /// matched nothing: the inferred ones stay, and the show is not due again until stale).
  /// not_found for an unknown show; invalid_argument for checked_ts <= 0.
  virtual status mark_offers_checked(const std::string& show_id, std::int64_t checked_ts) = 0;
  /// The newest offers check of any show (max offers_checked_ts), 0 if none was checked.
  virtual result<std::int64_t> offers_last_checked() = 0;

  // -- show links (external ids) -------------------------------------------------------------

  /// Links the show to `external_id` at `source`, replacing its earlier link there. A link of
  /// that same (source, external_id) on another show is removed first (the id moved: upstream
  /// merged or we matched wrongly before), in the same transaction. not_found for an unknown
  /// show; invalid_argument for an empty source or external id.
  virtual status set_show_link(const std::string& show_id, const std::string& source,
                               const std::string& external_id) = 0;
  /// Every link at `source`, ordered by show id.
  virtual result<std::vector<show_link>> show_links(const std::string& source) = 0;
  /// The show linked to `external_id` at `source`, nullopt when none is.
  virtual result<std::optional<std::string>> show_by_link(const std::string& source,
                                                          const std::string& external_id) = 0;
  /// Removes the show's link at `source`. not_found when it had none.
  virtual status delete_show_link(const std::string& show_id, const std::string& source) = 0;
  /// Catalog shows with an IMDb id (their id starts with "tt") that have no link at `source`
  /// nor at `marker_source` (e.g. link_source::tvmaze and tvmaze_missing): the ones a metadata
  /// sync may look up. Most popular first (tmdb_popularity desc, then imdb_votes desc, then
  /// id); at most `limit`.
  virtual result<std::vector<link_candidate>> unlinked_shows(const std::string& source,
                                                             const std::string& marker_source,
                                                             std::size_t limit) = 0;
  /// How many shows unlinked_shows would list without a limit.
  virtual result<std::int64_t> unlinked_show_count(const std::string& source,
                                                   const std::string& marker_source) = 0;

  // -- show metadata (the TVmaze sync) -------------------------------------------------------

  /// Writes the given metadata of one show and nothing else (no other column, no offers, no
  /// links, not offers_checked_ts): each field of `m` that is set (non-zero, non-empty)
  /// replaces the stored one; the others are kept. not_found for an unknown show;
  /// invalid_argument for a negative year or runtime. A later catalog import (upsert_shows)
  /// writes every field again.
  virtual status update_show_metadata(const std::string& show_id, const show_metadata& m) = 0;

  // -- sync runs -----------------------------------------------------------------------------

  /// Records a run that starts now (status "running"); returns its id. invalid_argument for an
  /// empty source or kind.
  virtual result<std::int64_t> start_sync_run(const std::string& source, const std::string& kind,
                                              std::int64_t started_ts) = 0;
  /// Records how a run ended. `run_status` is one of "ok", "failed", "cancelled", "partial"
  /// (invalid_argument otherwise); not_found for an unknown id. Finishing a run again
  /// overwrites its outcome.
  virtual status finish_sync_run(std::int64_t id, const std::string& run_status,
                                 std::int64_t finished_ts, int checked, int changed, int failed,
                                 const std::string& message) = 0;
  /// The `limit` most recent runs of every source, newest first (by started_ts, then id).
  virtual result<std::vector<sync_run>> recent_sync_runs(std::size_t limit) = 0;

  // -- small key/value metadata (catalog version, job state, ...) ------------------------------

  virtual result<std::optional<std::string>> get_meta(const std::string& key) = 0;
  virtual status set_meta(const std::string& key, const std::string& value) = 0;
};

}  // namespace recs::storage
