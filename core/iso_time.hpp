#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recs {

/// The system clock now, in unix seconds.
std::int64_t unix_now() noexcept;

/// "YYYY-MM-DD" of unix seconds, in UTC.
std::string utc_date(std::int64_t unix_seconds);
/// "YYYY-MM-DDTHH:MM:SSZ" of unix seconds.
std::string utc_date_time(std::int64_t unix_seconds);

/// Unix seconds of an ISO 8601 date or date-time as upstream APIs write them: "2024-03-02",
/// "2024-03-02T10:15:30", "2024-03-02T10:15:30.123Z", "2024-03-02T10:15:30+10:00" (a space may
/// stand for the 'T'). A date alone is midnight UTC; a time without offset is read as UTC.
/// nullopt for anything else (including impossible dates such as 2023-02-30).
std::optional<std::int64_t> parse_iso_time(std::string_view text);

/// The "YYYY-MM-DD" part of an ISO date or date-time, validated; nullopt when `text` does not
/// start with a valid date. "2026-04-30T00:00:00Z" -> "2026-04-30".
std::optional<std::string> iso_date(std::string_view text);

/// The year of an ISO date ("2016-07-15" -> 2016); 0 when `text` does not start with a valid date.
int iso_year(std::string_view text);

}  // namespace recs
