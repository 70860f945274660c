#pragma once

#include <cstdint>
#include <string_view>

#include "core/hash.hpp"  // stable_hash

namespace recs {

/// A deterministic value in [0, 1) derived from (item_id, seed), used to break ties so that the
/// same state and seed always give the same slate.
double micro_jitter(std::string_view item_id, std::uint64_t seed) noexcept;

}  // namespace recs
