// RFC 3339 timestamps: the ISO 8601 reader of the adapters, with RFC 3339's stricter shape
// (a 'T', seconds, and an offset are required).
#include "alerts/rfc3339.hpp"

#include <string>

#include "core/iso_time.hpp"

namespace recs::alerts {

std::optional<std::int64_t> parse_rfc3339(std::string_view t) {
  if (t.size() < 20 || (t[10] != 'T' && t[10] != 't') || t[13] != ':' || t[16] != ':')
    return std::nullopt;
  std::string s(t);
  s[10] = 'T';
  if (s.back() == 'z') s.back() = 'Z';
  // An offset is required: "Z", or "+hh:mm" / "-hh:mm" after the seconds (and any fraction).
  const bool zulu = s.back() == 'Z';
  const bool offset = s.size() >= 25 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-') &&
                      s[s.size() - 3] == ':';
  if (!zulu && !offset) return std::nullopt;
  return parse_iso_time(s);
}

}  // namespace recs::alerts
