#pragma once
// Internal to the export file parsers (export_files.hpp): rolling rows up into shows, notes,
// and small readers they share.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "adapters/export_files.hpp"
#include "core/result.hpp"

namespace recs::adapters::internal {

/// Builds a parsed_export: shows in first-seen order under a key the parser chooses, their
/// distinct episodes, the latest rating of each, and the skip notes (the first 20).
class export_builder {
 public:
  static constexpr std::size_t kMaxNotes = 20;

  /// Counts one data row / array item.
  void record() noexcept { ++out_.records; }
  /// The index of the show under `key`, created from `k` at `line` when first seen.
  std::size_t show(const std::string& key, const title_key& k, std::size_t line);
  imported_show& at(std::size_t i) { return out_.shows[i]; }
  /// Adds `episode` to show `i`'s distinct episodes (episodes = their count at the end).
  void episode(std::size_t i, std::string episode);
  /// Rates show `i` `score` at `ts`: the latest rating wins (a later row on a tie).
  void rate(std::size_t i, int score, std::int64_t ts);
  /// Show `i` has a date `ts`: its ts becomes the latest seen.
  void date(std::size_t i, std::int64_t ts);
  /// A row that is not a show: counted, and noted as "line N: why" while notes are few.
  void skip(std::size_t line, std::string_view why);
  /// Counts `n` skipped rows without a note each (e.g. other Netflix profiles).
  void skip_silently(std::size_t n) noexcept { out_.skipped += n; }
  /// A remark about the whole file, placed before the skip notes.
  void remark(std::string text) { remarks_.push_back(std::move(text)); }

  parsed_export finish() &&;

 private:
  parsed_export out_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::unordered_set<std::string>> episodes_;
  std::vector<std::int64_t> score_ts_;
  std::vector<std::string> remarks_;
};

/// errc::invalid_argument "line <n>: <what>".
error line_error(std::size_t line, std::string_view what);

/// `text` in single quotes for messages, cut to 80 bytes ("...") so a binary field stays short.
std::string quoted(std::string_view text);

/// A score of 1-10 written as an integer ("8", " 8 "); nullopt otherwise.
std::optional<int> parse_score(std::string_view text) noexcept;

/// The key shows roll up on: "imdb:<id>", else "tmdb:<id>", else "title:<normalised>|<year>".
std::string roll_key(const title_key& k);

/// False when `text`, read as JSON, nests arrays/objects deeper than `max_depth` (brackets in
/// strings ignored): such a document would exhaust the stack of a recursive parser.
bool json_depth_within(std::string_view text, std::size_t max_depth) noexcept;

}  // namespace recs::adapters::internal
