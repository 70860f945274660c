// import_format names and parse_serializd_export (the other parsers have their own files).

#include "adapters/export_files.hpp"

#include <algorithm>
#include <unordered_map>

#include "adapters/export_rows.hpp"
#include "adapters/serializd_import.hpp"
#include "adapters/serializd_response.hpp"
#include "core/ascii.hpp"

namespace recs::adapters {

namespace {

constexpr std::pair<import_format, std::string_view> kNames[] = {
    {import_format::imdb, "imdb"},
    {import_format::trakt, "trakt"},
    {import_format::netflix, "netflix"},
    {import_format::serializd, "serializd"},
};

// serializd_response parses recursively: refuse documents nested deeper than a diary can be.
constexpr std::size_t kMaxSerializdDepth = 32;

}  // namespace

std::optional<import_format> parse_import_format(std::string_view s) noexcept {
  for (const auto& [f, name] : kNames) {
    if (iequals(s, name)) return f;
  }
  return std::nullopt;
}

std::string_view to_string(import_format f) noexcept {
  for (const auto& [g, name] : kNames) {
    if (g == f) return name;
  }
  return "unknown";
}

result<parsed_export> parse_serializd_export(std::string_view text) {
  if (!internal::json_depth_within(text, kMaxSerializdDepth)) {
    return error{errc::invalid_argument, "not a Serializd diary: JSON nested deeper than " +
                                             std::to_string(kMaxSerializdDepth) + " levels"};
  }
  auto page = parse_serializd_diary(text);
  // The upstream parser reports its own failures as upstream ones (unavailable, internal); an
  // upload that is not a diary is the caller's bad input.
  if (!page) return error{errc::invalid_argument, "not a Serializd diary: " + page.err().message};
  const std::vector<serializd_diary_entry>& entries = page->reviews;

  std::unordered_map<std::int64_t, std::size_t> first;  // show id -> index of its first entry
  for (std::size_t i = 0; i < entries.size(); ++i) first.try_emplace(entries[i].show_id, i);
  std::vector<serializd_show_rollup> shows = rollup_diary(entries);
  std::sort(shows.begin(), shows.end(),
            [&](const serializd_show_rollup& a, const serializd_show_rollup& b) {
              return first.at(a.show_id) < first.at(b.show_id);
            });

  parsed_export out;
  out.records = entries.size();
  out.shows.reserve(shows.size());
  for (const serializd_show_rollup& s : shows) {
    imported_show m;
    m.key.tmdb_id = s.show_id;
    m.key.title = s.show_name;
    m.key.year = s.show_year;
    m.score = s.score;
    m.watched = true;
    m.ts = s.last_watched;
    m.line = first.at(s.show_id) + 1;
    out.shows.push_back(std::move(m));
  }
  return out;
}

result<parsed_export> parse_export(import_format format, std::string_view text,
                                   std::string_view netflix_profile) {
  switch (format) {
    case import_format::imdb:
      return parse_imdb_export(text);
    case import_format::trakt:
      return parse_trakt_export(text);
    case import_format::netflix:
      return parse_netflix_export(text, netflix_profile);
    case import_format::serializd:
      return parse_serializd_export(text);
  }
  return error{errc::invalid_argument, "unknown import format"};
}

}  // namespace recs::adapters
