#include "sync/schedule.hpp"

#include <ctime>

namespace recs::sync {

std::int64_t next_daily_run(std::int64_t now, int hour) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm local{};
  localtime_r(&t, &local);
  for (int day = 0; day < 3; ++day) {
    std::tm at = local;
    at.tm_mday += day;
    at.tm_hour = hour;
    at.tm_min = 0;
    at.tm_sec = 0;
    at.tm_isdst = -1;  // let mktime decide for that day
    const std::time_t when = std::mktime(&at);
    if (when != static_cast<std::time_t>(-1) && when > t) return static_cast<std::int64_t>(when);
  }
  return now + 86400;
}

}  // namespace recs::sync
