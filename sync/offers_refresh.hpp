#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adapters/justwatch_response.hpp"
#include "core/result.hpp"
#include "recsys/availability_change.hpp"
#include "recsys/show.hpp"
#include "storage/catalog_store.hpp"
#include "storage/link_store.hpp"
#include "storage/offers_store.hpp"
#include "storage/store.hpp"
#include "sync/justwatch_source.hpp"

namespace recs::sync {

/// The daily offers refresh, as planned: titles never checked or checked longer than
/// `stale_days` ago, stalest first (never checked = oldest, most popular first), at most `limit`.
struct refresh_plan {
  std::int64_t now = 0;
  int stale_days = 14;
  std::size_t limit = 200;
  std::int64_t due_total = 0;  ///< titles due in all, of which `entries` are this run's
  struct entry {
    storage::refresh_item item;
    std::string reason;  ///< "never checked" | "checked 20 days ago (stale after 14)"
  };
  std::vector<entry> entries;
};

/// Reads the plan from the store; calls no upstream (the dry run of the daily refresh).
result<refresh_plan> plan_offers_refresh(storage::offers_store& offers, std::int64_t now,
                                         int stale_days, std::size_t limit);

/// What checking one title did.
struct title_result {
  enum class outcome { updated, unchanged, not_found, ambiguous, failed };
  outcome what = outcome::failed;
  std::string show_id;
  std::string justwatch_id;  ///< the node the offers came from, when found
  std::vector<availability_change> changes;
  std::string message;  ///< for failed / not_found / ambiguous
  error err;            ///< for failed: the error (blocked, rate limited, unavailable, ...)
};

std::string_view to_string(title_result::outcome o) noexcept;

/// One run of the offers refresh over JustWatch. begin() reads the country's packages (unknown
/// ones are reported, never dropped silently); refresh() checks one title:
/// 1. its JustWatch node (linked by an earlier run) is read, or else the title is searched and
///    the one result that is this show is taken: same IMDb id, else the same TMDB id, else the
///    same title and year (+-1); several fits -> ambiguous, none -> not_found;
/// 2. found: its offers (verified, last_checked_ts = now) replace the show's offers in one
///    transaction, the JustWatch and TMDB ids are linked, and the difference with the offers it
///    had (arrived, left, leaving soon) is returned;
/// 3. not found or ambiguous: the show keeps its (inferred) offers and is marked checked, so it
///    waits OFFERS_STALE_DAYS for another try.
/// Upstream failures (after the fetcher's retries) are `failed` with the error; the caller
/// decides whether the run goes on (a title's bad data) or stops (blocked, rate limited,
/// upstream down: see run_should_stop).
class offers_refresher {
 public:
  /// Reads our providers from `catalog`, records the checks in `offers` and the JustWatch and
  /// TMDB ids in `links`.
  offers_refresher(storage::catalog_store& catalog, storage::offers_store& offers,
                   storage::link_store& links, justwatch_source& jw, std::int64_t now);
  /// The same over one store, which provides every role.
  offers_refresher(storage::store& db, justwatch_source& jw, std::int64_t now)
      : offers_refresher(db, db, db, jw, now) {}

  /// Reads our providers from the store and JustWatch's packages for the country.
  status begin();
  title_result refresh(const storage::refresh_item& item);

  /// JustWatch packages no provider of ours matched (e.g. a new service), for the run's report.
  const std::vector<adapters::jw_package>& unknown_packages() const noexcept { return unknown_; }
  const std::vector<provider>& providers() const noexcept { return providers_; }

 private:
  result<adapters::jw_title> find(const storage::refresh_item& item, title_result& out);

  storage::catalog_store& catalog_;
  storage::offers_store& offers_;
  storage::link_store& links_;
  justwatch_source& jw_;
  std::int64_t now_;
  std::string today_;
  std::vector<provider> providers_;
  std::vector<adapters::jw_package> unknown_;
};

/// True for an error after which a run should stop rather than go on with the next title:
/// blocked, rate limited, forbidden, or the upstream unavailable (it would fail them all).
bool run_should_stop(const error& e) noexcept;

}  // namespace recs::sync
