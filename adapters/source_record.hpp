#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "recsys/show.hpp"

namespace recs::adapters {

/// The US streaming catalogue a source file lists.
enum class us_service : std::uint8_t {
  netflix,
  hbo,
  disney_plus,
  paramount_plus,
  apple_tv_plus,
  prime_video,
  hulu,
};

/// Display name, e.g. "Netflix", "HBO", "Prime Video".
std::string_view display_name(us_service s) noexcept;

/// The kind of source file a record came from; it decides what the record may contribute.
enum class source_kind : std::uint8_t {
  justwatch,       ///< JustWatch US titles.csv: IMDb id, premise, genres, certification, scores
  kaggle_2021,     ///< Kaggle 2021 platform catalogue: premise, genres, rating, country names
  tvmaze,          ///< TVmaze top shows: summary, network, runtime, premiere year
  platform_flags,  ///< tv_shows.csv: US platform flags, age band, IMDb score; enriches only
};

/// One show as one source row describes it, already mapped to the catalog's vocabulary
/// (genres normalised, countries alpha-2, certification mapped to the AU classification).
struct source_record {
  std::string source;  ///< source label, e.g. "justwatch-us-2023/netflix"
  source_kind kind = source_kind::justwatch;
  std::vector<us_service> services;  ///< US catalogues this row places the show in
  std::string imdb_id;               ///< "tt..." or empty
  std::string title;
  int year = 0;  ///< premiere year (Kaggle: may be the latest season's year); 0 = unknown
  std::vector<std::string> genres;
  std::string premise;
  int seasons = 0;
  int runtime = 0;
  std::vector<std::string> countries;
  std::string network;
  double imdb_score = 0;
  double imdb_votes = 0;
  double tmdb_score = 0;
  double tmdb_popularity = 0;
  maturity rating = maturity::unknown;
  int added_year = 0;  ///< Kaggle 2021: year of date_added ("September 24, 2021"); 0 = not given
};

/// How one Kaggle 2021 platform catalogue dates a show on its US service: the evidence for
/// telling a platform's own premiere from a licensed show (see infer_au_offers).
struct platform_listing {
  us_service service = us_service::netflix;
  int release_year = 0;  ///< Kaggle release_year: often the latest listed season's year
  int seasons = 0;       ///< from duration ("3 Seasons"); 0 = not given
  int added_year = 0;    ///< year the platform added the title (date_added); 0 = not given
};

}  // namespace recs::adapters
