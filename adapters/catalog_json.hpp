#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "recsys/show.hpp"

namespace recs::adapters {

/// A catalog line: the show plus the source files that contributed to it.
struct catalog_entry {
  recs::show item;
  std::vector<std::string> sources;  ///< e.g. "justwatch-us-2023/netflix"
};

/// Parses the bundled catalog format: one JSON object per line (JSON Lines), blank lines
/// ignored. Per line: "id" and "title" (non-empty strings) are required; "year", "seasons",
/// "runtime" integers; "genres", "countries", "sources" arrays of strings; "premise", "network"
/// strings; "imdb_score", "imdb_votes", "tmdb_score", "tmdb_popularity" numbers;
/// "classification" one of "G","PG","M","MA15+","R18+" or ""; "offers" an array of
/// {provider (required), monetization ("flatrate" default), status ("inferred" default or
/// "verified"), basis, last_checked_ts, url, available_to}. Unknown keys are ignored.
/// A malformed line, a field of the wrong type or a repeated id is an invalid_argument error
/// whose message starts with "line <n>:" (1-based).
result<std::vector<catalog_entry>> parse_catalog_entries(std::string_view text);

/// parse_catalog_entries without the sources.
result<std::vector<recs::show>> parse_catalog_jsonl(std::string_view text);

/// Reads and parses a catalog file; not_found when it cannot be opened, errors name the path.
result<std::vector<recs::show>> load_catalog_file(const std::string& path);

/// Writes shows as catalog JSON Lines ("sources" empty), in the given order, '\n' after each.
/// Fields are written in a fixed order, so equal input gives byte-identical output.
std::string to_jsonl(const std::vector<recs::show>& shows);

/// As above, with each entry's sources (the writer the import tool uses).
std::string to_jsonl(const std::vector<catalog_entry>& entries);

/// Parses providers.json: an array of {id, name, free_to_air} (id and name required strings).
result<std::vector<recs::provider>> parse_providers_json(std::string_view text);

/// Reads and parses a providers file; not_found when it cannot be opened.
result<std::vector<recs::provider>> load_providers_file(const std::string& path);

/// Writes providers as a JSON array, one provider per line, ending with '\n'.
std::string providers_to_json(const std::vector<recs::provider>& providers);

}  // namespace recs::adapters
