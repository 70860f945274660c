#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace recs::actors {

/// Unix seconds now for the sync actors: `injected` when set (tests), else the system clock.
inline std::int64_t sync_now(const std::function<std::int64_t()>& injected) {
  if (injected) return injected();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace recs::actors
