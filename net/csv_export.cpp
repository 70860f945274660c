#include "net/csv_export.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/iso_time.hpp"
#include "net/csv_text.hpp"

namespace recs::net {

using internal::csv_field;

const char* const imdb_csv_header =
    "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,"
    "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\r\n";

namespace {

/// "Crime, Drama": the catalog's lower-case genres as IMDb writes them.
std::string genres_of(const show& s) {
  std::string out;
  for (const auto& g : s.genres) {
    std::string word = g;
    if (!word.empty())
      word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    out += (out.empty() ? "" : ", ") + word;
  }
  return out;
}

/// One row: the rating (or "" for a watchlist entry), the day, then the show's columns.
std::string row(const std::string& id, const std::string& your_rating, std::int64_t ts,
                const catalog_snapshot& cat) {
  const auto i = cat.find(id);
  const show* s = i ? &cat.at(*i) : nullptr;
  const bool imdb = id.rfind("tt", 0) == 0;
  char score[16] = "";
  if (s != nullptr && s->imdb_score > 0) std::snprintf(score, sizeof score, "%.1f", s->imdb_score);
  std::string out = csv_field(id) + ',' + your_rating + ',' + utc_date(ts) + ',';
  const std::string title = s != nullptr ? csv_field(s->title) : std::string();
  out += title + ',' + title + ',';
  out += (imdb ? "https://www.imdb.com/title/" + id + "/" : std::string()) + ",TV Series,";
  out += std::string(score) + ',';
  out += (s != nullptr && s->runtime > 0 ? std::to_string(s->runtime) : std::string()) + ',';
  out += (s != nullptr && s->year > 0 ? std::to_string(s->year) : std::string()) + ',';
  out += (s != nullptr ? csv_field(genres_of(*s)) : std::string()) + ',';
  out += (s != nullptr && s->imdb_votes > 0 ? std::to_string(static_cast<long long>(s->imdb_votes))
                                            : std::string());
  return out + ",,\r\n";
}

}  // namespace

int imdb_rating_of(const rating& r) noexcept {
  if (r.score && *r.score >= 1 && *r.score <= 10) return *r.score;
  switch (r.primary) {
    case verdict::loved:
      return 9;
    case verdict::good:
      return 7;
    case verdict::bad:
      return 3;
  }
  return 7;
}

std::string render_imdb_ratings_csv(const std::vector<rating>& ratings,
                                    const catalog_snapshot& cat) {
  std::vector<rating> sorted = ratings;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const rating& a, const rating& b) { return a.ts > b.ts; });
  std::string out = imdb_csv_header;
  for (const auto& r : sorted) out += row(r.show_id, std::to_string(imdb_rating_of(r)), r.ts, cat);
  return out;
}

std::string render_imdb_watchlist_csv(const std::vector<watch_entry>& entries,
                                      const catalog_snapshot& cat) {
  std::vector<watch_entry> sorted = entries;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const watch_entry& a, const watch_entry& b) { return a.ts < b.ts; });
  std::string out = imdb_csv_header;
  for (const auto& w : sorted) out += row(w.show_id, "", w.ts, cat);
  return out;
}

}  // namespace recs::net
