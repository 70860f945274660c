#pragma once

#include <cstdint>
#include <string_view>

namespace recs {

/// 64-bit FNV-1a of a string: stable across runs, processes and platforms (cache keys, jitter,
/// fingerprints), never for secrets.
constexpr std::uint64_t stable_hash(std::string_view s) noexcept {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

/// 32-bit FNV-1a, for small stable buckets.
constexpr std::uint32_t stable_hash32(std::string_view s) noexcept {
  std::uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

}  // namespace recs
