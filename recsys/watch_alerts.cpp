#include "recsys/watch_alerts.hpp"

#include <algorithm>

namespace recs {

std::vector<inbox_item> watch_alerts(const std::vector<availability_change>& changes,
                                     std::int64_t household_id,
                                     const std::vector<std::string>& services,
                                     const std::unordered_set<std::string>& listed,
                                     const catalog_snapshot& catalog, std::string_view today_iso,
                                     std::int64_t now) {
  std::vector<inbox_item> out;
  for (const auto& c : changes) {
    if (c.what == availability_change::kind::left) continue;
    if (listed.count(c.show_id) == 0) continue;
    if (std::find(services.begin(), services.end(), c.provider) == services.end()) continue;
    const auto i = catalog.find(c.show_id);
    inbox_item item;
    item.household_id = household_id;
    item.show_id = c.show_id;
    item.event = std::string(to_string(c.what));
    item.detail = c.provider;
    if (c.what == availability_change::kind::leaving) item.detail += ":" + c.available_to;
    item.text = (i ? catalog.at(*i).title : c.show_id) + " is " +
                describe(c, catalog.providers(), today_iso);
    item.ts = now;
    out.push_back(std::move(item));
  }
  return out;
}

namespace {

/// ": season 5 starts on 24 Sep", or " premieres on 24 Sep" for a first season.
std::string season_text(const season_news& n, std::string_view today) {
  const std::string& on = n.airdate;
  if (n.season <= 1) {
    if (on.empty()) return " premieres soon";
    if (on == today) return " premieres today";
    return (on < today ? " premiered on " : " premieres on ") + short_date(on, today);
  }
  const std::string s = ": season " + std::to_string(n.season);
  if (on.empty()) return s + " is coming";
  if (on == today) return s + " starts today";
  return s + (on < today ? " started on " : " starts on ") + short_date(on, today);
}

}  // namespace

std::vector<inbox_item> season_alerts(const std::vector<season_news>& news,
                                      std::int64_t household_id,
                                      const std::unordered_set<std::string>& listed,
                                      const catalog_snapshot& catalog, std::string_view today_iso,
                                      std::int64_t now) {
  std::vector<inbox_item> out;
  for (const auto& n : news) {
    if (n.season < 1 || listed.count(n.show_id) == 0) continue;
    const auto i = catalog.find(n.show_id);
    inbox_item item;
    item.household_id = household_id;
    item.show_id = n.show_id;
    item.event = "new_season";
    item.detail = "S" + std::to_string(n.season);
    item.text = (i ? catalog.at(*i).title : n.show_id) + season_text(n, today_iso);
    item.ts = now;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace recs
