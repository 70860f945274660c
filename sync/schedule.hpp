#pragma once

#include <cstdint>

namespace recs::sync {

/// Unix seconds of the next `hour`:00 local time (the process's TZ) strictly after `now`: the
/// daily refresh's start (DAILY_REFRESH_HOUR). Across a daylight-saving change the local hour is
/// kept (mktime normalises an hour that does not exist that day).
std::int64_t next_daily_run(std::int64_t now, int hour);

}  // namespace recs::sync
