// Text tables and the small text helpers the views use.
#include "cli/table.hpp"

#include <algorithm>
#include <ctime>

namespace recs::cli {

namespace {

bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if (!continuation(static_cast<unsigned char>(c))) ++n;
  return n;
}

std::string truncate_to_width(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  const bool dots = width >= 4;
  const std::size_t keep = dots ? width - 3 : width;
  std::size_t cols = 0, i = 0;
  for (; i < s.size(); ++i) {
    if (continuation(static_cast<unsigned char>(s[i]))) continue;
    if (cols == keep) break;
    ++cols;
  }
  std::string out(s.substr(0, i));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return dots ? out + "..." : out;
}

std::string pad(std::string_view s, std::size_t width, bool right) {
  const std::size_t w = display_width(s);
  if (w >= width) return std::string(s);
  std::string fill(width - w, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
}

std::string table::render() const {
  const std::size_t n = headers.size();
  auto cap = [&](std::size_t i) { return i < max_width.size() ? max_width[i] : 0; };
  auto cell = [&](const std::vector<std::string>& row, std::size_t i) {
    std::string c = i < row.size() ? row[i] : std::string();
    return cap(i) > 0 ? truncate_to_width(c, cap(i)) : c;
  };
  std::vector<std::size_t> width(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    width[i] = display_width(cell(headers, i));
    for (const auto& r : rows) width[i] = std::max(width[i], display_width(cell(r, i)));
  }
  auto right = [&](std::size_t i) {
    return std::find(right_aligned.begin(), right_aligned.end(), i) != right_aligned.end();
  };
  auto line = [&](const std::vector<std::string>& row) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
      if (i) s += "  ";
      s += pad(cell(row, i), width[i], right(i));
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "\n";
  };
  std::string out = line(headers);
  std::vector<std::string> rule;
  for (std::size_t i = 0; i < n; ++i) rule.emplace_back(width[i], '-');
  out += line(rule);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string format_time(std::int64_t unix_ts) {
  if (unix_ts <= 0) return "-";
  std::time_t t = static_cast<std::time_t>(unix_ts);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

std::string format_age(std::int64_t s) {
  if (s < 0) s = 0;
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m";
  if (s < 86400) {
    std::string r = std::to_string(s / 3600) + "h";
    return s % 3600 >= 60 ? r + " " + std::to_string(s % 3600 / 60) + "m" : r;
  }
  std::string r = std::to_string(s / 86400) + "d";
  return s % 86400 >= 3600 ? r + " " + std::to_string(s % 86400 / 3600) + "h" : r;
}

}  // namespace recs::cli
