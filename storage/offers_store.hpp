#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "recsys/show.hpp"
#include "storage/sync_records.hpp"

namespace recs::storage {

/// The store's role for offers checks (the JustWatch sync). Part of storage::store, which
/// states what holds for every role.
/// A show's check time (offers_checked_ts, 0 = never) is kept on the show, not only on its
/// offers, so that a show verified to be on no service is known to be checked.
class offers_store {
 public:
  virtual ~offers_store() = default;

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
};

}  // namespace recs::storage
