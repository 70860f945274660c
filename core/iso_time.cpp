#include "core/iso_time.hpp"

#include <chrono>
#include <ctime>

namespace recs {

namespace {

std::string utc_format(std::int64_t unix_seconds, const char* format) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace

std::string utc_date(std::int64_t unix_seconds) {
  return utc_format(unix_seconds, "%Y-%m-%d");
}

std::string utc_date_time(std::int64_t unix_seconds) {
  return utc_format(unix_seconds, "%Y-%m-%dT%H:%M:%SZ");
}

std::int64_t unix_now() noexcept {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153u * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2u) / 5u +
                       static_cast<unsigned>(d) - 1u;
  const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct ymd {
  int y = 0, m = 0, d = 0;
};

std::optional<ymd> read_date(std::string_view s) {
  ymd v;
  if (!digits(s, 0, 4, v.y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, v.m) ||
      s[7] != '-' || !digits(s, 8, 2, v.d)) {
    return std::nullopt;
  }
  if (v.m < 1 || v.m > 12 || v.d < 1 || v.d > days_in_month(v.y, v.m)) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::int64_t> parse_iso_time(std::string_view text) {
  const auto date = read_date(text);
  if (!date) return std::nullopt;
  std::int64_t ts = days_from_civil(date->y, date->m, date->d) * 86400;
  if (text.size() == 10) return ts;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!digits(text, 11, 2, hh) || text.size() < 19 || text[13] != ':' || !digits(text, 14, 2, mm) ||
      text[16] != ':' || !digits(text, 17, 2, ss) || hh > 23 || mm > 59 || ss > 60) {
    return std::nullopt;
  }
  ts += hh * 3600 + mm * 60 + ss;
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  const std::string_view zone = text.substr(pos);
  if (zone.empty() || zone == "Z" || zone == "z") return ts;
  int oh = 0, om = 0;
  if ((zone[0] != '+' && zone[0] != '-') || zone.size() != 6 || !digits(zone, 1, 2, oh) ||
      zone[3] != ':' || !digits(zone, 4, 2, om) || oh > 23 || om > 59) {
    return std::nullopt;
  }
  const int offset = oh * 3600 + om * 60;
  return zone[0] == '+' ? ts - offset : ts + offset;
}

std::optional<std::string> iso_date(std::string_view text) {
  if (!read_date(text)) return std::nullopt;
  return std::string(text.substr(0, 10));
}

int iso_year(std::string_view text) {
  const auto date = read_date(text);
  return date ? date->y : 0;
}

}  // namespace recs
