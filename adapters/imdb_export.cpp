// parse_imdb_export: IMDb "Your ratings" and watchlist CSV exports.

#include <optional>
#include <string>

#include "adapters/csv_reader.hpp"
#include "adapters/export_files.hpp"
#include "adapters/export_rows.hpp"
#include "core/ascii.hpp"
#include "core/iso_time.hpp"

namespace recs::adapters {

namespace {

using internal::export_builder;
using internal::line_error;
using internal::quoted;

constexpr std::string_view kExpected =
    "expected an IMDb ratings or watchlist export with the columns Const, Your Rating, "
    "Date Rated, Title, Title Type, Year";

struct imdb_columns {
  std::optional<std::size_t> id, rating, rated, created, title, type, year;
};

result<imdb_columns> find_columns(const csv_table& t) {
  imdb_columns c{t.column("Const"),   t.column("Your Rating"), t.column("Date Rated"),
                 t.column("Created"), t.column("Title"),       t.column("Title Type"),
                 t.column("Year")};
  std::string missing;
  const auto need = [&](const std::optional<std::size_t>& col, std::string_view name) {
    if (col) return;
    missing += missing.empty() ? "" : ", ";
    missing += name;
  };
  need(c.id, "Const");
  need(c.rating, "Your Rating");
  need(c.title, "Title");
  need(c.type, "Title Type");
  if (!missing.empty()) {
    return line_error(1, "missing the column(s) " + missing + ": " + std::string(kExpected));
  }
  return c;
}

// "TV Series" and "tvSeries" both read "tvseries".
std::string type_key(std::string_view type) {
  std::string out;
  for (char c : type) {
    if (c != ' ' && c != '-' && c != '_') out.push_back(ascii_lower(c));
  }
  return out;
}

bool is_show_type(std::string_view type) {
  const std::string k = type_key(type);
  return k == "tvseries" || k == "tvminiseries";
}

bool is_episode_type(std::string_view type) {
  return type_key(type) == "tvepisode";
}

bool is_imdb_id(std::string_view id) {
  if (id.size() < 3 || id.substr(0, 2) != "tt") return false;
  for (char c : id.substr(2)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The year as IMDb writes it ("2008"; sometimes "2008-2013" in older files); 0 otherwise.
int read_year(std::string_view text) {
  text = trim(text);
  if (text.size() < 4) return 0;
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return 0;
    y = y * 10 + (text[i] - '0');
  }
  return (text.size() == 4 || text[4] == '-' || text[4] == ' ') ? y : 0;
}

// A YYYY-MM-DD date (00:00 UTC); 0 when empty; nullopt when it does not parse.
std::optional<std::int64_t> read_date(std::string_view text) {
  text = trim(text);
  if (text.empty()) return 0;
  if (text.size() != 10) return std::nullopt;
  return parse_iso_time(text);
}

}  // namespace

result<parsed_export> parse_imdb_export(std::string_view text) {
  auto table = parse_csv(text);
  if (!table) return error{errc::invalid_argument, table.err().message};
  if (table->header.empty()) return line_error(1, "the file is empty: " + std::string(kExpected));
  auto cols = find_columns(*table);
  if (!cols) return cols.err();
  const imdb_columns& c = *cols;

  export_builder b;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const std::size_t line = r + 2;
    b.record();
    const std::string_view title = trim(field(row, c.title));
    const std::string_view type = trim(field(row, c.type));
    if (!is_show_type(type)) {
      if (is_episode_type(type)) {
        b.skip(line, quoted(title) + " is a " + std::string(type) +
                         ": an episode's rating names no show");
      } else {
        b.skip(line, quoted(title) + " is a " +
                         (type.empty() ? std::string("title of no type") : std::string(type)) +
                         ", not a show");
      }
      continue;
    }
    const std::string_view raw_rating = trim(field(row, c.rating));
    std::optional<int> score;
    if (!raw_rating.empty()) {
      score = internal::parse_score(raw_rating);
      if (!score) return line_error(line, "Your Rating " + quoted(raw_rating) + " is not 1-10");
    }
    std::string_view raw_date = field(row, c.rated);
    if (trim(raw_date).empty()) raw_date = field(row, c.created);
    const auto ts = read_date(raw_date);
    if (!ts) {
      return line_error(line, "date " + quoted(trim(raw_date)) + " is not a YYYY-MM-DD date");
    }
    const std::string_view id = trim(field(row, c.id));
    if (title.empty() && !is_imdb_id(id)) {
      return line_error(line, "a show with neither a title nor an IMDb id (Const)");
    }
    title_key key;
    if (is_imdb_id(id)) key.imdb_id = std::string(id);
    key.title = std::string(title);
    key.year = read_year(field(row, c.year));
    const std::size_t i = b.show(internal::roll_key(key), key, line);
    if (score) {
      b.rate(i, *score, *ts);
    } else {
      b.at(i).watchlist = true;
      b.date(i, *ts);
    }
  }
  return std::move(b).finish();
}

}  // namespace recs::adapters
