#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "recsys/profile.hpp"
#include "recsys/watch_alerts.hpp"

namespace recs::storage {

/// The store's role for the quieter signals: feedback (not interested, not tonight, seen) and
/// the watchlists, a profile's and its household's. Part of storage::store, which states what
/// holds for every role.
class list_store {
 public:
  virtual ~list_store() = default;

  /// Inserts or replaces the profile's feedback of that kind on the show.
  virtual status put_feedback(std::int64_t profile_id, const show_feedback& f) = 0;
  /// not_found when the profile had no feedback of that kind on the show.
  virtual status delete_feedback(std::int64_t profile_id, const std::string& show_id,
                                 feedback_kind kind) = 0;
  /// The profile's feedback, by show id then kind.
  virtual result<std::vector<show_feedback>> feedback_of(std::int64_t profile_id) = 0;

  /// Adds a show to a watchlist: the profile's (`w.profile_id`, which must be of `household_id`)
  /// or the household's (`w.profile_id` 0). An entry already there keeps its date.
  virtual status put_watch(std::int64_t household_id, const watch_entry& w) = 0;
  /// not_found when the show was not on that list.
  virtual status delete_watch(std::int64_t household_id, std::int64_t profile_id,
                              const std::string& show_id) = 0;
  /// One profile's list, by show id.
  virtual result<std::vector<watch_entry>> profile_watchlist(std::int64_t profile_id) = 0;
  /// The household's own list, then every profile's, each by show id.
  virtual result<std::vector<watch_entry>> household_watchlists(std::int64_t household_id) = 0;

  /// Stores an alert unless the household has it already (same show, event and detail);
  /// true when it was new (its id is set then).
  virtual result<bool> add_inbox(inbox_item& item) = 0;
  /// The household's newest alerts, at most `limit`, with the count of unread ones.
  virtual result<std::vector<inbox_item>> inbox(std::int64_t household_id, std::size_t limit) = 0;
  virtual result<std::int64_t> unread_count(std::int64_t household_id) = 0;
  /// Marks alerts of the household read: those of `ids` (others' ids are ignored), every one
  /// when empty. Answers how many changed.
  virtual result<std::int64_t> mark_read(std::int64_t household_id,
                                         const std::vector<std::int64_t>& ids) = 0;
  /// The household's webhook; not_found when it has none.
  virtual result<household_webhook> household_webhook_of(std::int64_t household_id) = 0;
  /// Sets (or replaces) the household's webhook.
  virtual status put_household_webhook(const household_webhook& w) = 0;
  /// not_found when the household had none.
  virtual status delete_household_webhook(std::int64_t household_id) = 0;
  /// The households with `show_id` on their own list or a member's, ascending.
  virtual result<std::vector<std::int64_t>> watchers(const std::string& show_id) = 0;

  /// Writes an import's ratings, seen marks and watchlist entries for the profile in one
  /// transaction: on any error nothing of it is written.
  virtual status apply_import(std::int64_t profile_id, const import_batch& batch) = 0;
};

}  // namespace recs::storage
