#include "recsys/stale_ratio.hpp"

#include <algorithm>

namespace recs {

bool offers_stale(const show& s, std::int64_t now, int stale_days) noexcept {
  std::int64_t checked = s.offers_checked_ts;
  for (const auto& o : s.offers)
    if (!o.inferred) checked = std::max(checked, o.last_checked_ts);
  if (checked <= 0) return true;
  return now - checked > static_cast<std::int64_t>(stale_days) * 86400;
}

double stale_ratio(const slate& sl, std::int64_t now, int stale_days) noexcept {
  if (sl.items.empty() || !sl.catalog) return 0;
  std::size_t stale = 0;
  for (const auto& item : sl.items)
    if (offers_stale(sl.catalog->at(item.index), now, stale_days)) ++stale;
  return static_cast<double>(stale) / static_cast<double>(sl.items.size());
}

}  // namespace recs
