#pragma once

#include <cstdint>
#include <string_view>

namespace recs {

/// 64-bit FNV-1a of a string: stable across runs and platforms.
std::uint64_t stable_hash(std::string_view s) noexcept;

/// A deterministic value in [0, 1) derived from (item_id, seed), used to break ties so that the
/// same state and seed always give the same slate.
double micro_jitter(std::string_view item_id, std::uint64_t seed) noexcept;

}  // namespace recs
