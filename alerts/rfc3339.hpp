#pragma once
// RFC 3339 timestamps as Alertmanager writes them (Go's time.Time in JSON).

#include <cstdint>
#include <optional>
#include <string_view>

namespace recs::alerts {

/// Unix seconds of Go's zero time "0001-01-01T00:00:00Z", which Alertmanager sends as the
/// endsAt of an alert that has no end yet.
inline constexpr std::int64_t go_zero_time_s = -62135596800;

/// Unix seconds of an RFC 3339 date-time: "2024-05-01T10:15:30Z", with an optional fraction
/// ("...30.123456789Z", truncated to the second) and a "Z" or "+hh:mm"/"-hh:mm" offset; 'T'
/// and 'Z' may be lower case. nullopt for anything else, including impossible dates
/// (2023-02-30) and a missing offset.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

}  // namespace recs::alerts
