// parse_netflix_export: Netflix viewing activity, both the profile download (Title,Date) and
// ViewingActivity.csv of "Download your personal information".

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "adapters/csv_reader.hpp"
#include "adapters/export_files.hpp"
#include "adapters/export_rows.hpp"
#include "adapters/text_clean.hpp"
#include "core/ascii.hpp"
#include "core/iso_time.hpp"

namespace recs::adapters {

namespace {

using internal::export_builder;
using internal::line_error;
using internal::quoted;

constexpr std::string_view kExpected =
    "expected a Netflix viewing activity file with the columns Title, Date, or ViewingActivity.csv "
    "with the columns Profile Name, Start Time, Title, Supplemental Video Type";

/// One row that is viewing: where, what, when.
struct viewing {
  std::size_t line = 0;
  std::string_view title;
  std::int64_t ts = 0;
};

// --- Form 1 dates ---------------------------------------------------------------------------

struct slash_date {
  int first = 0, second = 0, year = 0;
};

// "12/31/23" or "31/12/2023" into its three numbers; nullopt when it is not of that shape.
std::optional<slash_date> read_slashes(std::string_view s) {
  slash_date d;
  int* parts[] = {&d.first, &d.second, &d.year};
  std::size_t k = 0;
  std::size_t digits = 0;
  for (char c : s) {
    if (c == '/') {
      if (digits == 0 || digits > 2 || ++k > 2) return std::nullopt;
      digits = 0;
    } else if (c >= '0' && c <= '9') {
      if (++digits > 4) return std::nullopt;
      *parts[k] = *parts[k] * 10 + (c - '0');
    } else {
      return std::nullopt;
    }
  }
  if (k != 2 || (digits != 2 && digits != 4)) return std::nullopt;
  if (digits == 2) d.year += 2000;
  return d;
}

std::optional<std::int64_t> to_time(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return std::nullopt;
  char buf[11];
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + d / 10);
  buf[9] = static_cast<char>('0' + d % 10);
  buf[10] = '\0';
  return parse_iso_time(std::string_view(buf, 10));
}

// The rows of a `Title,Date` file, with the date order decided from every row.
result<std::vector<viewing>> form1_rows(const csv_table& t, export_builder& b) {
  const auto title_col = t.column("Title");
  const auto date_col = t.column("Date");
  std::vector<std::optional<slash_date>> dates(t.rows.size());
  std::size_t day_first_line = 0;
  std::size_t month_first_line = 0;
  bool slashed = false;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string_view raw = trim(field(t.rows[r], date_col));
    if (parse_iso_time(raw) && raw.size() == 10) continue;
    dates[r] = read_slashes(raw);
    const std::size_t line = r + 2;
    if (!dates[r] || (dates[r]->first > 12 && dates[r]->second > 12)) {
      return line_error(line, "Date " + quoted(raw) + " is not a date like 12/31/23 or 31/12/2023");
    }
    slashed = true;
    if (dates[r]->first > 12 && day_first_line == 0) day_first_line = line;
    if (dates[r]->second > 12 && month_first_line == 0) month_first_line = line;
  }
  if (day_first_line != 0 && month_first_line != 0) {
    return line_error(std::max(day_first_line, month_first_line),
                      "the dates are day first on line " + std::to_string(day_first_line) +
                          " but month first on line " + std::to_string(month_first_line));
  }
  const bool day_first = month_first_line == 0;
  if (slashed && day_first_line == 0 && month_first_line == 0) {
    b.remark(
        "no date in the file tells day from month (all days are 12 or less): read day first, "
        "as in Australia");
  }
  std::vector<viewing> out;
  out.reserve(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::size_t line = r + 2;
    const std::string_view raw = trim(field(t.rows[r], date_col));
    std::optional<std::int64_t> ts;
    if (const auto& d = dates[r]) {
      ts =
          day_first ? to_time(d->year, d->second, d->first) : to_time(d->year, d->first, d->second);
    } else {
      ts = parse_iso_time(raw);
    }
    if (!ts) return line_error(line, "Date " + quoted(raw) + " is not a valid date");
    out.push_back({line, trim(field(t.rows[r], title_col)), *ts});
  }
  return out;
}

// --- Form 2 profiles ------------------------------------------------------------------------

// "A, B, C" (the first ten, then "and N more").
std::string joined(const std::vector<std::string_view>& names) {
  constexpr std::size_t kMaxNamed = 10;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kMaxNamed; ++i) {
    out += (i == 0 ? "" : ", ") + std::string(names[i]);
  }
  if (names.size() > kMaxNamed) out += " and " + std::to_string(names.size() - kMaxNamed) + " more";
  return out;
}

// The rows of ViewingActivity.csv for one profile, trailers and hooks skipped.
result<std::vector<viewing>> form2_rows(const csv_table& t, std::string_view profile,
                                        export_builder& b) {
  const auto profile_col = t.column("Profile Name");
  const auto start_col = t.column("Start Time");
  const auto title_col = t.column("Title");
  const auto extra_col = t.column("Supplemental Video Type");
  profile = trim(profile);
  std::vector<std::string_view> names;    // as first written
  std::unordered_set<std::string> known;  // lower case
  bool chosen_found = false;
  for (const auto& row : t.rows) {
    const std::string_view name = trim(field(row, profile_col));
    if (!profile.empty() && iequals(name, profile)) chosen_found = true;
    if (known.insert(to_lower(name)).second) names.push_back(name);
  }
  if (profile.empty() && names.size() > 1) {
    return error{errc::invalid_argument,
                 "this file holds the viewing of several Netflix profiles (" + joined(names) +
                     "): choose one"};
  }
  if (!profile.empty() && !chosen_found) {
    return error{errc::invalid_argument, "this file holds no viewing of the Netflix profile " +
                                             quoted(profile) + " (it holds " + joined(names) + ")"};
  }
  std::vector<viewing> out;
  std::size_t others = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const std::size_t line = r + 2;
    if (!profile.empty() && !iequals(trim(field(row, profile_col)), profile)) {
      ++others;
      continue;
    }
    const std::string_view title = trim(field(row, title_col));
    const std::string_view extra = trim(field(row, extra_col));
    if (!extra.empty()) {
      b.skip(line, quoted(title) + " is a " + std::string(extra) + ", not viewing");
      continue;
    }
    const std::string_view raw = trim(field(row, start_col));
    const auto ts = parse_iso_time(raw);
    if (!ts) {
      return line_error(line, "Start Time " + quoted(raw) + " is not a YYYY-MM-DD HH:MM:SS time");
    }
    out.push_back({line, title, *ts});
  }
  if (others > 0) {
    b.skip_silently(others);
    b.remark(std::to_string(others) + " rows of other profiles left out");
  }
  return out;
}

// --- Titles to shows ------------------------------------------------------------------------

// What the whole file says about titles: shows found by a season marker (rule a), and the
// first parts of marker-less titles with how many different remainders they have (rule c).
struct title_census {
  std::unordered_set<std::string> marked;
  std::unordered_map<std::string, std::string> first_rest;  // prefix -> its first remainder
  std::unordered_set<std::string> repeated;                 // prefixes with 2+ remainders

  bool show(const std::string& norm) const { return marked.count(norm) + repeated.count(norm) > 0; }
};

// Rule (b): the longest leading parts of `title` naming a marked show; empty when none.
std::string_view marked_prefix(std::string_view title, const title_census& c) {
  if (c.marked.empty()) return {};
  // Only prefixes of a plausible name length, so a title of thousands of parts stays linear.
  constexpr std::size_t kMaxShowName = 200;
  std::size_t p = title.rfind(": ", kMaxShowName);
  for (; p != std::string_view::npos && p > 0; p = title.rfind(": ", p - 1)) {
    if (c.marked.count(normalise_title(title.substr(0, p))) > 0) return title.substr(0, p);
  }
  return {};
}

void add_rows(const std::vector<viewing>& rows, export_builder& b) {
  std::vector<netflix_title> split;
  split.reserve(rows.size());
  title_census c;
  for (const viewing& v : rows) {
    split.push_back(split_netflix_title(v.title));
    const netflix_title& t = split.back();
    if (t.season_marker) {
      c.marked.insert(normalise_title(t.show));
    } else if (!t.episode.empty()) {
      const std::string rest = normalise_title(t.episode);
      const auto [it, fresh] = c.first_rest.try_emplace(normalise_title(t.show), rest);
      if (!fresh && it->second != rest) c.repeated.insert(it->first);
    }
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const viewing& v = rows[r];
    const netflix_title& t = split[r];
    if (v.title.empty()) {
      b.skip(v.line, "no title");
      continue;
    }
    std::string_view show = t.show;
    std::string_view episode = t.episode;
    if (!t.season_marker && !episode.empty()) {
      const std::string_view longer = marked_prefix(v.title, c);
      if (!longer.empty()) {
        show = longer;
        episode = v.title.substr(longer.size() + 2);
      } else if (c.repeated.count(normalise_title(show)) == 0) {
        b.skip(v.line, quoted(v.title) + " has no season marker and " + quoted(show) +
                           " no other episode: read as a film");
        continue;
      }
    } else if (episode.empty() && !c.show(normalise_title(show))) {
      b.skip(v.line, quoted(v.title) + " has no season or episode part: read as a film");
      continue;
    }
    title_key key;
    key.title = std::string(show);
    const std::size_t i = b.show(internal::roll_key(key), key, v.line);
    b.at(i).watched = true;
    if (!episode.empty()) b.episode(i, normalise_title(episode));
    b.date(i, v.ts);
  }
}

}  // namespace

result<parsed_export> parse_netflix_export(std::string_view text,
                                           std::string_view netflix_profile) {
  auto table = parse_csv(text);
  if (!table) return error{errc::invalid_argument, table.err().message};
  if (table->header.empty()) return line_error(1, "the file is empty: " + std::string(kExpected));
  const csv_table& t = *table;
  export_builder b;
  result<std::vector<viewing>> rows = std::vector<viewing>{};
  if (t.column("Profile Name") && t.column("Start Time") && t.column("Title")) {
    rows = form2_rows(t, netflix_profile, b);
  } else if (t.column("Title") && t.column("Date")) {
    rows = form1_rows(t, b);
  } else {
    return line_error(1, "missing columns: " + std::string(kExpected));
  }
  if (!rows) return rows.err();
  for (std::size_t r = 0; r < t.rows.size(); ++r) b.record();
  add_rows(*rows, b);
  return std::move(b).finish();
}

}  // namespace recs::adapters
