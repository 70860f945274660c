#pragma once

#include <string_view>
#include <vector>

#include "adapters/csv_reader.hpp"
#include "adapters/source_record.hpp"
#include "core/result.hpp"

namespace recs::adapters {

/// Pure mappers from one parsed source file to source records. Each checks that the columns it
/// needs are in the header (invalid_argument naming the missing column otherwise), keeps TV
/// shows only and skips rows without a title.

/// JustWatch US titles.csv (15 columns): rows with type "SHOW". `service` is the catalogue.
result<std::vector<source_record>> justwatch_records(const csv_table& table,
                                                     std::string_view source, us_service service);

/// Kaggle 2021 *_titles.csv (12 columns): rows with type "TV Show"; date_added gives added_year.
result<std::vector<source_record>> kaggle_records(const csv_table& table, std::string_view source,
                                                  us_service service);

/// TVmaze TV_show_data.csv. Its "End Date" and "Premiere Date" columns are swapped in the file,
/// so the premiere year is read from "End Date". Summaries lose their HTML.
result<std::vector<source_record>> tvmaze_records(const csv_table& table, std::string_view source);

/// tv_shows.csv (US platform flags 2021): services from the Netflix/Hulu/Prime Video/Disney+
/// flags, "IMDb" like "8.7/10" as imdb_score, the "Age" band as certification.
result<std::vector<source_record>> platform_flag_records(const csv_table& table,
                                                         std::string_view source);

/// "2 Seasons" / "1 Season" -> 2 / 1; 0 when it is not a season count (e.g. "90 min").
int parse_season_count(std::string_view duration) noexcept;

/// Year of a long US date ("September 24, 2021", " August 4, 2017" -> 2021, 2017); 0 when
/// empty or malformed.
int year_of_long_date(std::string_view date) noexcept;

/// Year of an M/D/YYYY date ("1/20/2008" -> 2008); 0 when malformed.
int year_of_us_date(std::string_view date) noexcept;

}  // namespace recs::adapters
