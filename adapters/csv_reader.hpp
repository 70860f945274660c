#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace recs::adapters {

/// A CSV file held in memory: the header row and the data rows, each a list of fields.
struct csv_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  /// Index of the header column named `name` (exact match), nullopt when absent.
  std::optional<std::size_t> column(std::string_view name) const;
};

/// The field at `col` of `row`, or "" when the row is shorter (ragged rows are tolerated).
std::string_view field(const std::vector<std::string>& row, std::optional<std::size_t> col);

/// Parses RFC 4180 CSV: comma separated, fields optionally enclosed in double quotes, a doubled
/// quote inside a quoted field is one quote, quoted fields may contain commas, CR and LF. Records
/// end at LF or CRLF. A leading UTF-8 BOM is skipped. The first record is the header. A blank
/// line between records is skipped. Fails (invalid_argument, naming the line) only on an
/// unterminated quoted field or on a character other than a separator after a closing quote.
result<csv_table> parse_csv(std::string_view text);

/// Reads a whole file into memory; not_found when it cannot be opened.
result<std::string> read_text_file(const std::string& path);

/// read_text_file + parse_csv; errors name the path.
result<csv_table> read_csv_file(const std::string& path);

/// Parses a Python-style list of strings such as "['drama', 'crime']" or `["it's", 'x']`
/// (single or double quotes, backslash escapes). "" and "[]" give an empty list; anything that
/// is not such a list gives an empty list too (the data files use it for optional columns).
std::vector<std::string> parse_py_list(std::string_view text);

}  // namespace recs::adapters
