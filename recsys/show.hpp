#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recs {

/// Australian classification (ACB). `unknown` when it cannot be derived.
enum class maturity : std::uint8_t { unknown = 0, g, pg, m, ma15, r18 };

/// "G", "PG", "M", "MA15+", "R18+" or "" for unknown.
std::string_view to_string(maturity m) noexcept;
/// Accepts the AU labels above (case-insensitive, "+" optional); nullopt otherwise.
std::optional<maturity> parse_maturity(std::string_view s) noexcept;

/// How an offer is paid for, as JustWatch names it.
enum class monetization : std::uint8_t { flatrate, free, ads, rent, buy };
std::string_view to_string(monetization m) noexcept;
std::optional<monetization> parse_monetization(std::string_view s) noexcept;

/// One way to watch a show in the region.
struct offer {
  std::string provider;  ///< provider id, e.g. "netflix", "abc_iview"
  monetization type = monetization::flatrate;
  bool inferred = true;              ///< true until a sync verified it
  std::string basis;                 ///< why it is believed (inferred) or who verified it
  std::int64_t last_checked_ts = 0;  ///< unix seconds of the last verification; 0 = never
  std::string url;                   ///< deep link where known
  std::string available_to;          ///< ISO date it leaves the service, empty if unknown
};

/// A TV show of the catalog. `id` is the IMDb id where known ("tt..."), else a stable
/// synthetic id ("x-<slug>-<year>").
struct show {
  std::string id;
  std::string title;
  int year = 0;
  std::vector<std::string> genres;  ///< lower-case, e.g. "drama", "comedy"
  std::string premise;              ///< first-season set-up
  int seasons = 0;
  int runtime = 0;                     ///< minutes per episode, 0 if unknown
  std::vector<std::string> countries;  ///< ISO 3166 alpha-2 production countries
  std::string network;                 ///< original network or web channel, if known
  double imdb_score = 0;
  double imdb_votes = 0;
  double tmdb_score = 0;
  double tmdb_popularity = 0;
  maturity rating = maturity::unknown;
  std::vector<offer> offers;  ///< AU offers
  /// Unix seconds of the last offers check by a sync (which may have found no offer at all);
  /// 0 = never checked: the offers are the catalog's (inferred) ones.
  std::int64_t offers_checked_ts = 0;
};

/// A streaming service in the region.
struct provider {
  std::string id;    ///< e.g. "stan"
  std::string name;  ///< e.g. "Stan"
  bool free_to_air = false;
};

}  // namespace recs
