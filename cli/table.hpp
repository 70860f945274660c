#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace recs::cli {

/// Columns a UTF-8 string takes on a terminal: one per code point (combining marks and wide
/// CJK characters are not special-cased). Pure.
std::size_t display_width(std::string_view s);

/// `s` cut to at most `width` columns, ending in "..." when cut; never splits a UTF-8
/// sequence. A width under 4 cuts without the dots. Pure.
std::string truncate_to_width(std::string_view s, std::size_t width);

/// `s` padded with spaces on the right (or, with `right`, on the left) to `width` columns.
std::string pad(std::string_view s, std::size_t width, bool right = false);

/// A text table: a header row, a rule of dashes, then the rows; columns two spaces apart, each
/// as wide as its widest cell, capped at `max_width[i]` (0 or absent = no cap; longer cells
/// are truncated). Columns listed in `right_aligned` are aligned right (numbers). Trailing
/// spaces are trimmed. Rows shorter than the header get empty cells. Pure.
struct table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> max_width;
  std::vector<std::size_t> right_aligned;

  std::string render() const;
};

/// A unix time as "2024-11-23 22:13:20Z" (UTC); "-" for 0 or less. Pure.
std::string format_time(std::int64_t unix_ts);

/// A duration in seconds as "45s", "12m", "3h 5m" or "2d 4h". Pure.
std::string format_age(std::int64_t seconds);

}  // namespace recs::cli
