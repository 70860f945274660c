#include "adapters/csv_reader.hpp"

#include <fstream>

namespace recs::adapters {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

error parse_error(std::size_t line, std::string_view what) {
  return error{errc::invalid_argument,
               "csv line " + std::to_string(line) + ": " + std::string(what)};
}

// Incremental RFC 4180 scanner over one buffer; `line_` counts physical lines for messages.
class csv_scanner {
 public:
  explicit csv_scanner(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }

  // Reads one record into `out`; returns an error for malformed quoting.
  std::optional<error> next_record(std::vector<std::string>& out) {
    out.clear();
    std::string current;
    while (true) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        if (auto e = read_quoted(current)) return e;
      } else {
        read_unquoted(current);
      }
      out.push_back(std::move(current));
      current.clear();
      if (pos_ >= text_.size()) return std::nullopt;
      const char c = text_[pos_];
      if (c == ',') {
        ++pos_;
        continue;
      }
      // End of record: LF or CRLF (a lone CR also ends it, as old Mac files do).
      if (c == '\r') ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return std::nullopt;
    }
  }

  std::size_t line() const { return line_; }

 private:
  void read_unquoted(std::string& out) {
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ',' || c == '\n' || c == '\r') break;
      ++pos_;
    }
    out.append(text_.substr(start, pos_ - start));
  }

  std::optional<error> read_quoted(std::string& out) {
    const std::size_t start_line = line_;
    ++pos_;  // opening quote
    while (true) {
      const std::size_t q = text_.find('"', pos_);
      if (q == std::string_view::npos) return parse_error(start_line, "unterminated quoted field");
      const std::string_view chunk = text_.substr(pos_, q - pos_);
      for (char c : chunk) {
        if (c == '\n') ++line_;
      }
      out.append(chunk);
      pos_ = q + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        out.push_back('"');
        ++pos_;
        continue;
      }
      break;
    }
    if (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ',' && c != '\n' && c != '\r') {
        return parse_error(line_, "unexpected character after closing quote");
      }
    }
    return std::nullopt;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

bool is_blank_record(const std::vector<std::string>& r) {
  return r.size() == 1 && r[0].empty();
}

}  // namespace

std::optional<std::size_t> csv_table::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

std::string_view field(const std::vector<std::string>& row, std::optional<std::size_t> col) {
  if (!col || *col >= row.size()) return {};
  return row[*col];
}

result<csv_table> parse_csv(std::string_view text) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  csv_table table;
  csv_scanner scanner(text);
  std::vector<std::string> record;
  bool have_header = false;
  while (!scanner.at_end()) {
    if (auto e = scanner.next_record(record)) return *e;
    if (is_blank_record(record)) continue;
    if (!have_header) {
      table.header = std::move(record);
      have_header = true;
    } else {
      table.rows.push_back(std::move(record));
    }
    record = {};
  }
  return table;
}

result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return error{errc::not_found, "cannot open " + path};
  const std::streamoff size = in.tellg();
  if (size < 0) return error{errc::internal, "cannot read " + path};
  std::string text(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(text.data(), size)) return error{errc::internal, "cannot read " + path};
  return text;
}

result<csv_table> read_csv_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.err();
  auto table = parse_csv(*text);
  if (!table) return error{table.err().code, path + ": " + table.err().message};
  return table;
}

std::vector<std::string> parse_py_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  skip_space();
  if (i >= text.size() || text[i] != '[') return {};
  ++i;
  while (true) {
    skip_space();
    if (i >= text.size()) return {};
    if (text[i] == ']') return out;
    const char quote = text[i];
    if (quote != '\'' && quote != '"') return {};
    ++i;
    std::string item;
    while (i < text.size() && text[i] != quote) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      item.push_back(text[i]);
      ++i;
    }
    if (i >= text.size()) return {};
    ++i;  // closing quote
    out.push_back(std::move(item));
    skip_space();
    if (i < text.size() && text[i] == ',') ++i;
  }
}

}  // namespace recs::adapters
