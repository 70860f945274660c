#include "adapters/source_rows.hpp"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <optional>
#include <string>

#include "adapters/certification.hpp"
#include "adapters/country_map.hpp"
#include "adapters/genre_map.hpp"
#include "adapters/text_clean.hpp"

namespace recs::adapters {

namespace {

using column = std::optional<std::size_t>;

double to_double(std::string_view s) noexcept {
  s = trim(s);
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() ? v : 0.0;
}

int to_int(std::string_view s) noexcept {
  // Some integer columns are written as floats ("1.0").
  const double v = to_double(s);
  return v > 0 && v < 1e9 ? static_cast<int>(v) : 0;
}

// Resolves every named column or names the first one missing.
result<std::vector<column>> columns(const csv_table& table, std::string_view source,
                                    std::initializer_list<std::string_view> names) {
  std::vector<column> out;
  for (std::string_view n : names) {
    const column c = table.column(n);
    if (!c) {
      return error{errc::invalid_argument,
                   std::string(source) + ": missing column \"" + std::string(n) + "\""};
    }
    out.push_back(c);
  }
  return out;
}

void add_country(std::vector<std::string>& countries, std::string_view name) {
  std::string code = country_code(name);
  if (code.empty() || code == "XX") return;  // JustWatch uses XX for "unknown"
  if (std::find(countries.begin(), countries.end(), code) == countries.end()) {
    countries.push_back(std::move(code));
  }
}

// Splits a comma-separated list ("Crime TV Shows, International TV Shows").
std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const std::size_t comma = s.find(',');
    const std::string_view part = trim(s.substr(0, comma));
    if (!part.empty()) out.push_back(part);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

int parse_season_count(std::string_view duration) noexcept {
  duration = trim(duration);
  const std::size_t space = duration.find(' ');
  if (space == std::string_view::npos) return 0;
  const std::string_view unit = duration.substr(space + 1);
  if (unit != "Season" && unit != "Seasons") return 0;
  int n = 0;
  const auto r = std::from_chars(duration.data(), duration.data() + space, n);
  return r.ec == std::errc() && r.ptr == duration.data() + space && n > 0 ? n : 0;
}

int year_of_long_date(std::string_view date) noexcept {
  date = trim(date);
  const std::size_t comma = date.rfind(',');
  if (comma == std::string_view::npos) return 0;
  const std::string_view tail = trim(date.substr(comma + 1));
  int y = 0;
  const auto r = std::from_chars(tail.data(), tail.data() + tail.size(), y);
  const bool whole = r.ec == std::errc() && r.ptr == tail.data() + tail.size();
  return whole && tail.size() == 4 && y > 1800 && y < 2200 ? y : 0;
}

int year_of_us_date(std::string_view date) noexcept {
  date = trim(date);
  const std::size_t slash = date.rfind('/');
  if (slash == std::string_view::npos || date.size() - slash - 1 != 4) return 0;
  int y = 0;
  const auto r = std::from_chars(date.data() + slash + 1, date.data() + date.size(), y);
  return r.ec == std::errc() && y > 1800 && y < 2200 ? y : 0;
}

result<std::vector<source_record>> justwatch_records(const csv_table& table,
                                                     std::string_view source, us_service service) {
  auto cols = columns(table, source,
                      {"title", "type", "description", "release_year", "age_certification",
                       "runtime", "genres", "production_countries", "seasons", "imdb_id",
                       "imdb_score", "imdb_votes", "tmdb_popularity", "tmdb_score"});
  if (!cols) return cols.err();
  const auto& c = *cols;
  std::vector<source_record> out;
  for (const auto& row : table.rows) {
    if (trim(field(row, c[1])) != "SHOW") continue;
    source_record r;
    r.title = std::string(trim(field(row, c[0])));
    if (r.title.empty()) continue;
    r.source = std::string(source);
    r.kind = source_kind::justwatch;
    r.services = {service};
    r.premise = std::string(trim(field(row, c[2])));
    r.year = to_int(field(row, c[3]));
    r.rating = map_certification(field(row, c[4]));
    r.runtime = to_int(field(row, c[5]));
    for (const auto& g : parse_py_list(field(row, c[6]))) add_genre(r.genres, g);
    for (const auto& n : parse_py_list(field(row, c[7]))) add_country(r.countries, n);
    r.seasons = to_int(field(row, c[8]));
    const std::string_view imdb = trim(field(row, c[9]));
    if (imdb.size() > 2 && imdb.substr(0, 2) == "tt") r.imdb_id = std::string(imdb);
    r.imdb_score = to_double(field(row, c[10]));
    r.imdb_votes = to_double(field(row, c[11]));
    r.tmdb_popularity = to_double(field(row, c[12]));
    r.tmdb_score = to_double(field(row, c[13]));
    out.push_back(std::move(r));
  }
  return out;
}

result<std::vector<source_record>> kaggle_records(const csv_table& table, std::string_view source,
                                                  us_service service) {
  auto cols = columns(table, source,
                      {"type", "title", "country", "release_year", "rating", "duration",
                       "listed_in", "description", "date_added"});
  if (!cols) return cols.err();
  const auto& c = *cols;
  std::vector<source_record> out;
  for (const auto& row : table.rows) {
    if (trim(field(row, c[0])) != "TV Show") continue;
    source_record r;
    r.title = std::string(trim(field(row, c[1])));
    if (r.title.empty()) continue;
    r.source = std::string(source);
    r.kind = source_kind::kaggle_2021;
    r.services = {service};
    for (std::string_view n : split_commas(field(row, c[2]))) add_country(r.countries, n);
    r.year = to_int(field(row, c[3]));
    r.rating = map_certification(field(row, c[4]));
    r.seasons = parse_season_count(field(row, c[5]));
    for (std::string_view g : split_commas(field(row, c[6]))) add_genre(r.genres, g);
    r.premise = std::string(trim(field(row, c[7])));
    r.added_year = year_of_long_date(field(row, c[8]));
    out.push_back(std::move(r));
  }
  return out;
}

result<std::vector<source_record>> tvmaze_records(const csv_table& table, std::string_view source) {
  auto cols = columns(table, source,
                      {"Name", "Summary", "Average Runtime", "End Date", "Genres", "Type",
                       "Network", "Total Seasons"});
  if (!cols) return cols.err();
  const auto& c = *cols;
  std::vector<source_record> out;
  for (const auto& row : table.rows) {
    source_record r;
    r.title = std::string(trim(field(row, c[0])));
    if (r.title.empty()) continue;
    r.source = std::string(source);
    r.kind = source_kind::tvmaze;
    r.premise = strip_html(field(row, c[1]));
    r.runtime = to_int(field(row, c[2]));
    r.year = year_of_us_date(field(row, c[3]));  // the swapped column: really the premiere
    for (const auto& g : parse_py_list(field(row, c[4]))) add_genre(r.genres, g);
    // TVmaze's show type carries genre information for unscripted formats.
    const std::string_view type = trim(field(row, c[5]));
    if (type == "Animation") add_genre(r.genres, "animation");
    if (type == "Documentary") add_genre(r.genres, "documentary");
    if (type == "Reality" || type == "Game Show") add_genre(r.genres, "reality");
    r.network = std::string(trim(field(row, c[6])));
    r.seasons = to_int(field(row, c[7]));
    out.push_back(std::move(r));
  }
  return out;
}

result<std::vector<source_record>> platform_flag_records(const csv_table& table,
                                                         std::string_view source) {
  auto cols = columns(
      table, source, {"Title", "Year", "Age", "IMDb", "Netflix", "Hulu", "Prime Video", "Disney+"});
  if (!cols) return cols.err();
  const auto& c = *cols;
  const std::pair<std::size_t, us_service> flags[] = {{4, us_service::netflix},
                                                      {5, us_service::hulu},
                                                      {6, us_service::prime_video},
                                                      {7, us_service::disney_plus}};
  std::vector<source_record> out;
  for (const auto& row : table.rows) {
    source_record r;
    r.title = std::string(trim(field(row, c[0])));
    if (r.title.empty()) continue;
    r.source = std::string(source);
    r.kind = source_kind::platform_flags;
    r.year = to_int(field(row, c[1]));
    r.rating = map_certification(field(row, c[2]));
    const std::string_view imdb = trim(field(row, c[3]));
    r.imdb_score = to_double(imdb.substr(0, imdb.find('/')));
    for (const auto& [idx, service] : flags) {
      if (trim(field(row, c[idx])) == "1") r.services.push_back(service);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace recs::adapters
