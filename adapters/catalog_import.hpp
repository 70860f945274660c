#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "adapters/csv_reader.hpp"
#include "adapters/source_record.hpp"
#include "core/result.hpp"

namespace recs::adapters {

/// One input file of the bundled-catalog import.
struct source_spec {
  std::string label;          ///< e.g. "justwatch-us-2023/netflix"; also the "sources" label
  std::string relative_path;  ///< under the source dir, e.g. "justwatch-us-2023/netflix/titles.csv"
  source_kind kind = source_kind::justwatch;
  us_service service = us_service::netflix;  ///< the US catalogue (JustWatch / Kaggle only)
  bool required = true;                      ///< false: skipped with a note when missing
};

/// The import's inputs, in merge order: JustWatch 2023 (netflix, hbo, disney, paramount,
/// appletv), JustWatch 2022 (amazon, hulu), Kaggle 2021 (netflix, amazon, disney, hulu),
/// TVmaze top shows, and the optional tv_shows.csv platform flags. MovieLens is not used.
const std::vector<source_spec>& catalog_sources();

/// A source file parsed as CSV.
struct loaded_source {
  source_spec spec;
  csv_table table;
};

/// Counts the import tool prints and writes into ATTRIBUTION.md.
struct import_stats {
  struct file_count {
    std::string label;
    std::size_t rows = 0;   ///< data rows in the file
    std::size_t shows = 0;  ///< TV-show rows used
  };
  std::vector<file_count> files;
  std::size_t shows = 0;         ///< distinct shows written
  std::size_t with_imdb_id = 0;  ///< of which keyed by an IMDb id
  std::size_t classified = 0;    ///< with a classification
  std::size_t with_offers = 0;   ///< with at least one inferred offer
  std::vector<std::pair<std::string, std::size_t>> classifications;     ///< "G" .. "R18+"
  std::vector<std::pair<std::string, std::size_t>> offers_by_provider;  ///< au_providers() order
};

/// Result of build_catalog: the entries sorted by id, and the counts.
struct import_result {
  std::vector<catalog_entry> entries;
  import_stats stats;
};

/// Pure: maps every source to records (source_rows), merges them (merge_records), assigns ids,
/// infers AU offers (infer_au_offers) and sorts by id. Errors when a file lacks a column.
result<import_result> build_catalog(const std::vector<loaded_source>& sources);

/// The counts as the CLI prints them, one fact per line.
std::string format_stats(const import_stats& stats);

}  // namespace recs::adapters
