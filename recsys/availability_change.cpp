#include "recsys/availability_change.hpp"

#include <map>
#include <optional>

namespace recs {

namespace {

struct civil_date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/// "YYYY-MM-DD" (a longer text only when a time follows: "YYYY-MM-DDT..."); nullopt otherwise.
std::optional<civil_date> parse_iso_date(std::string_view s) {
  if (s.size() < 10 || (s.size() > 10 && s[10] != 'T') || s[4] != '-' || s[7] != '-') {
    return std::nullopt;
  }
  const auto number = [&](std::size_t from, std::size_t len) {
    int v = 0;
    for (std::size_t i = from; i < from + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  civil_date d{number(0, 4), number(5, 2), number(8, 2)};
  if (d.year < 0 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

/// Days since 1970-01-01 (H. Hinnant's days_from_civil).
long days_since_epoch(const civil_date& d) {
  const int y = d.month <= 2 ? d.year - 1 : d.year;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (d.month > 2 ? d.month - 3 : d.month + 9) + 2) / 5 + d.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool subscription_like(monetization m) {
  return m == monetization::flatrate || m == monetization::free || m == monetization::ads;
}

/// What a show's subscription-like offers say about one provider.
struct provider_offers {
  bool verified = false;  // at least one offer is verified
  monetization type = monetization::ads;
  bool open_ended = false;  // an offer has no end date: the show stays while it does
  std::string latest_end;   // the latest available_to, when none is open-ended
  std::string end() const { return open_ended ? std::string() : latest_end; }
};

/// The subscription-like offers by provider id.
std::map<std::string, provider_offers> by_provider(const std::vector<offer>& offers) {
  std::map<std::string, provider_offers> out;
  for (const offer& o : offers) {
    if (!subscription_like(o.type)) continue;
    auto [it, added] = out.try_emplace(o.provider);
    provider_offers& p = it->second;
    p.verified = p.verified || !o.inferred;
    if (added || o.type < p.type) p.type = o.type;  // flatrate, free, ads: the first wins
    if (o.available_to.empty()) {
      p.open_ended = true;
    } else if (o.available_to > p.latest_end) {
      p.latest_end = o.available_to;
    }
  }
  return out;
}

availability_change change(availability_change::kind k, const std::string& show_id,
                           const std::string& provider, monetization type) {
  availability_change c;
  c.what = k;
  c.show_id = show_id;
  c.provider = provider;
  c.type = type;
  return c;
}

/// "30 Apr", or "30 Apr 2027" when not in `today_year`; the text itself when not a date.
std::string date_in(std::string_view iso, std::optional<int> today_year) {
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto d = parse_iso_date(iso);
  if (!d) return std::string(iso);
  std::string out = std::to_string(d->day) + " " + months[d->month - 1];
  if (!today_year || *today_year != d->year) out += " " + std::to_string(d->year);
  return out;
}

}  // namespace

std::string_view to_string(availability_change::kind k) noexcept {
  switch (k) {
    case availability_change::kind::arrived:
      return "arrived";
    case availability_change::kind::left:
      return "left";
    case availability_change::kind::leaving:
      return "leaving";
  }
  return "arrived";
}

std::vector<availability_change> diff_offers(const std::string& show_id,
                                             const std::vector<offer>& before,
                                             const std::vector<offer>& after,
                                             std::string_view today_iso, int soon_days) {
  using kind = availability_change::kind;
  const auto was = by_provider(before);
  const auto now = by_provider(after);
  const auto today = parse_iso_date(today_iso);
  const long first_day = today ? days_since_epoch(*today) : 0;
  const long last_day = first_day + soon_days;

  std::vector<availability_change> out;
  // Both maps are ordered by provider id: walk them together.
  auto b = was.begin();
  auto a = now.begin();
  while (b != was.end() || a != now.end()) {
    if (a == now.end() || (b != was.end() && b->first < a->first)) {
      out.push_back(change(kind::left, show_id, b->first, b->second.type));
      ++b;
      continue;
    }
    const bool in_before = b != was.end() && b->first == a->first;
    const provider_offers& p = a->second;
    if (!in_before && p.verified) out.push_back(change(kind::arrived, show_id, a->first, p.type));
    const std::string end = p.end();
    const auto end_date = parse_iso_date(end);
    if (today && end_date && (!in_before || b->second.end() != end)) {
      const long day = days_since_epoch(*end_date);
      if (day >= first_day && day <= last_day) {
        out.push_back(change(kind::leaving, show_id, a->first, p.type));
        out.back().available_to = end;
      }
    }
    if (in_before) ++b;
    ++a;
  }
  return out;
}

std::string describe(const availability_change& c, const std::vector<provider>& providers,
                     std::string_view today_iso) {
  std::string name = c.provider;
  for (const provider& p : providers) {
    if (p.id == c.provider) {
      if (!p.name.empty()) name = p.name;
      break;
    }
  }
  switch (c.what) {
    case availability_change::kind::arrived:
      return "now on " + name;
    case availability_change::kind::left:
      return "no longer on " + name;
    case availability_change::kind::leaving: {
      if (c.available_to.empty()) return "leaving " + name + " soon";
      const auto today = parse_iso_date(today_iso);
      return "leaving " + name + " on " +
             date_in(c.available_to, today ? std::optional<int>(today->year) : std::nullopt);
    }
  }
  return name;
}

std::string short_date(std::string_view iso, std::string_view today_iso) {
  const auto today = parse_iso_date(today_iso);
  return date_in(iso, today ? std::optional<int>(today->year) : std::nullopt);
}

}  // namespace recs
