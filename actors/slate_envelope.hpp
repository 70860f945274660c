#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recs::actors {

/// What a slate stored in the shared cache was computed from, written in front of its body so
/// that a reader can tell whether it still holds for its own state (tiered_slate_cache).
struct slate_stamp {
  /// The catalog version and whether the content model was ready (see tiered_slate_cache).
  std::uint64_t world = 0;
  std::int64_t written_ms = 0;  ///< unix milliseconds when it was stored
  /// Profile id -> state fingerprint (state_fingerprint.hpp) of each profile it depends on.
  std::vector<std::pair<std::int64_t, std::uint64_t>> owners;
};

/// "recs1 <world> <written_ms> <id>:<fp>[,<id>:<fp>...]\n" followed by the body as it is.
std::string wrap_slate(const slate_stamp& stamp, std::string_view body);

/// The stamp and the body, or nullopt when `value` is not a wrap_slate() result. Pure.
std::optional<std::pair<slate_stamp, std::string>> unwrap_slate(std::string_view value);

}  // namespace recs::actors
