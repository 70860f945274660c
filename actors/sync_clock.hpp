#pragma once

#include <cstdint>
#include <functional>

#include "core/iso_time.hpp"

namespace recs::actors {

/// Unix seconds now for the sync actors: `injected` when set (tests), else the system clock.
inline std::int64_t sync_now(const std::function<std::int64_t()>& injected) {
  return injected ? injected() : unix_now();
}

}  // namespace recs::actors
