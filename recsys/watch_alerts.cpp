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

}  // namespace recs
