#pragma once

// Alerts for a household's watchlists (issue 16, point 7): a show on one of its lists arrives on
// one of its services, or is leaving one soon. Pure: the caller finds the watchers, stores the
// alerts (each once) and delivers them.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "recsys/availability_change.hpp"
#include "recsys/catalog_snapshot.hpp"

namespace recs {

/// One alert of a household's inbox.
struct inbox_item {
  std::int64_t id = 0;  ///< the store's, once stored
  std::int64_t household_id = 0;
  std::string show_id;
  std::string event;  ///< "arrived", "leaving" or "new_season"
  /// What makes the alert one of a kind with its show and event: the provider id, and for
  /// "leaving" also the date ("netflix:2027-01-31"), so that a moved date alerts again and the
  /// same one never does.
  std::string detail;
  std::string text;  ///< "Fargo is now on Stan", "Fargo is leaving Netflix on 31 Jan"
  std::int64_t ts = 0;
  bool read = false;
};

/// Where a household wants its alerts pushed besides its inbox: its own chat webhook.
struct household_webhook {
  std::int64_t household_id = 0;
  std::string kind;  ///< "discord", "slack", "teams" or "ntfy"
  std::string url;   ///< a secret: never logged, answered masked
  std::int64_t updated_at = 0;
};

/// A show's next season as TVmaze lists it: its next episode is the first of season `season`.
struct season_news {
  std::string show_id;  ///< ours
  int season = 0;       ///< >= 1
  std::string airdate;  ///< "YYYY-MM-DD", empty when TVmaze has no date yet
};

/// The alerts of one household for `changes` (from a verified sync: diff_offers): an arrival or
/// a coming end date of a show in `listed` (the shows on any of the household's watchlists) on a
/// provider in `services` (the household's). A show that left is not alerted (it is no longer
/// watchable: the slates already dropped it). `today_iso` dates "leaving" copy; `now` stamps the
/// items. In the order of `changes`.
std::vector<inbox_item> watch_alerts(const std::vector<availability_change>& changes,
                                     std::int64_t household_id,
                                     const std::vector<std::string>& services,
                                     const std::unordered_set<std::string>& listed,
                                     const catalog_snapshot& catalog, std::string_view today_iso,
                                     std::int64_t now);

/// The alerts of one household for the next seasons in `news` (from the TVmaze metadata sync) of
/// the shows in `listed`: event "new_season", detail "S<season>" (one alert per season, ever),
/// text "Slow Horses: season 5 starts on 24 Sep" ("starts today", "started on ..." when the news
/// came late, "is coming" without a date; "Title premieres on ..." for a first season). No
/// episode names: spoiler-free. In the order of `news`.
std::vector<inbox_item> season_alerts(const std::vector<season_news>& news,
                                      std::int64_t household_id,
                                      const std::unordered_set<std::string>& listed,
                                      const catalog_snapshot& catalog, std::string_view today_iso,
                                      std::int64_t now);

}  // namespace recs
