#include "httpc/retry.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "core/backoff.hpp"
#include "core/upstream_error.hpp"

namespace recs::httpc {
namespace {

using std::chrono::milliseconds;

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Delta-seconds beyond this many digits saturate (keeps the milliseconds in range).
constexpr std::size_t kMaxDigits = 15;

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& names, std::string_view s) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

int month_number(std::string_view s) {
  const auto it = std::find(kMonths.begin(), kMonths.end(), s);
  return it == kMonths.end() ? 0 : static_cast<int>(it - kMonths.begin()) + 1;
}

// A number of 1..max_digits decimal digits (exactly `min_digits` or more); -1 otherwise.
int digits(std::string_view s, std::size_t min_digits, std::size_t max_digits) {
  if (s.size() < min_digits || s.size() > max_digits) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool valid_date(int y, int m, int d) {
  static constexpr std::array<int, 12> kLengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  return d <= kLengths[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

// "08:49:37" -> seconds into the day; -1 when malformed.
int clock_seconds(std::string_view s) {
  if (s.size() != 8 || s[2] != ':' || s[5] != ':') return -1;
  const int h = digits(s.substr(0, 2), 2, 2);
  const int m = digits(s.substr(3, 2), 2, 2);
  const int sec = digits(s.substr(6, 2), 2, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return -1;
  return h * 3600 + m * 60 + sec;
}

std::optional<std::int64_t> unix_time(int y, int m, int d, int seconds) {
  if (!valid_date(y, m, d) || seconds < 0) return std::nullopt;
  return days_from_civil(y, m, d) * 86400 + seconds;
}

// IMF-fixdate, RFC 850 or asctime (RFC 9110 section 5.6.7); nullopt otherwise.
std::optional<std::int64_t> http_date(std::string_view text) {
  const auto w = words(text);
  const auto comma_day = [&](const auto& names) {
    return !w.empty() && w[0].size() > 1 && w[0].back() == ',' &&
           one_of(names, w[0].substr(0, w[0].size() - 1));
  };
  if (w.size() == 6 && comma_day(kDays) && w[5] == "GMT") {  // Sun, 06 Nov 1994 08:49:37 GMT
    return unix_time(digits(w[3], 4, 4), month_number(w[2]), digits(w[1], 2, 2),
                     clock_seconds(w[4]));
  }
  if (w.size() == 4 && comma_day(kLongDays) && w[3] == "GMT") {  // Sunday, 06-Nov-94 ...
    const std::string_view date = w[1];
    if (date.size() != 9 || date[2] != '-' || date[6] != '-') return std::nullopt;
    const int yy = digits(date.substr(7, 2), 2, 2);
    if (yy < 0) return std::nullopt;
    return unix_time(yy < 70 ? 2000 + yy : 1900 + yy, month_number(date.substr(3, 3)),
                     digits(date.substr(0, 2), 2, 2), clock_seconds(w[2]));
  }
  if (w.size() == 5 && one_of(kDays, w[0])) {  // Sun Nov  6 08:49:37 1994
    return unix_time(digits(w[4], 4, 4), month_number(w[1]), digits(w[2], 1, 2),
                     clock_seconds(w[3]));
  }
  return std::nullopt;
}

std::string iso_utc(std::int64_t unix_seconds) {
  // H. Hinnant's civil_from_days.
  const std::int64_t days = (unix_seconds >= 0 ? unix_seconds : unix_seconds - 86399) / 86400;
  const std::int64_t secs = unix_seconds - days * 86400;
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const std::int64_t y = yoe + era * 400 + (m <= 2);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ", static_cast<long long>(y), m,
                d, static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60),
                static_cast<int>(secs % 60));
  return buf;
}

bool html_answer(const response& r) {
  return is_blocked(http_status_error("upstream", r.status, r.body));
}

bool honours_retry_after(const response& r) {
  return r.status == 429 || r.status == 503 || html_answer(r);
}

}  // namespace

std::optional<milliseconds> parse_retry_after(std::string_view value, std::int64_t now_unix) {
  const std::string_view v = trim(value);
  if (v.empty()) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (v.size() > kMaxDigits) return milliseconds::max();
    std::int64_t seconds = 0;
    for (char c : v) seconds = seconds * 10 + (c - '0');
    return milliseconds(seconds * 1000);
  }
  const auto at = http_date(v);
  if (!at) return std::nullopt;
  return milliseconds(std::max<std::int64_t>(0, *at - now_unix) * 1000);
}

milliseconds backoff_delay(const retry_policy& p, int attempt, double rand01) {
  const milliseconds floor = std::max(milliseconds(0), p.base_delay);
  const milliseconds cap = std::max(milliseconds(0), p.max_delay);
  const auto n = static_cast<unsigned>(std::max(1, attempt));
  double d = static_cast<double>(doubling_delay(floor, cap, n).count());
  const double unit = std::clamp(rand01, 0.0, 1.0);
  const double jitter = std::clamp(p.jitter, 0.0, 1.0);
  d *= 1.0 + jitter * (2.0 * unit - 1.0);
  return milliseconds(
      static_cast<milliseconds::rep>(std::min(d, static_cast<double>(cap.count()))));
}

retry_decision decide_retry(const retry_policy& p, int attempt, const result<response>& outcome,
                            std::int64_t now_unix, double rand01, int earlier_blocks) {
  const retry_decision stop{false, milliseconds(0)};
  if (attempt >= std::max(1, p.max_attempts)) return stop;
  const milliseconds backoff = backoff_delay(p, attempt, rand01);
  const auto blocked = [&](milliseconds at_least) {
    if (earlier_blocks > 0) return stop;
    return retry_decision{true, std::max({p.blocked_delay, backoff, at_least})};
  };
  if (!outcome) {
    const error& e = outcome.err();
    if (is_blocked(e)) return blocked(milliseconds(0));
    if (e.code != errc::unavailable || is_answer_too_large(e) || is_certificate_error(e)) {
      return stop;
    }
    return {true, backoff};
  }
  const response& r = *outcome;
  if (r.status < 400) return stop;
  const bool html = html_answer(r);
  const auto after = html || r.status == 429 || r.status == 503
                         ? parse_retry_after(r.header("retry-after"), now_unix)
                         : std::nullopt;
  if (after && *after > p.max_retry_after) return stop;
  if (html) return blocked(after.value_or(milliseconds(0)));
  if (r.status == 429 || r.status == 503) {
    return {true, std::max(backoff, after.value_or(milliseconds(0)))};
  }
  if (r.status == 408 || r.status == 500 || r.status == 502 || r.status == 504) {
    return {true, backoff};
  }
  return stop;
}

std::string retry_after_note(const retry_policy& p, const result<response>& outcome,
                             std::int64_t now_unix) {
  if (!outcome || !honours_retry_after(*outcome)) return {};
  const auto after = parse_retry_after(outcome->header("retry-after"), now_unix);
  if (!after || *after <= p.max_retry_after) return {};
  const std::int64_t seconds = after->count() / 1000;
  // Saturated values still name a time, far away, rather than overflowing.
  const std::int64_t back = now_unix + std::min<std::int64_t>(seconds, 100LL * 365 * 86400);
  return "Retry-After asks for " + std::to_string(seconds) + " s, more than the " +
         std::to_string(p.max_retry_after.count() / 1000) + " s we wait; try again after " +
         iso_utc(back);
}

}  // namespace recs::httpc
