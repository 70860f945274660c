#include "alerts/utf8.hpp"

namespace recs::alerts {

std::size_t utf8_prefix_length(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s.size();
  std::size_t n = max_bytes;
  // s[n] is the first byte left out: back off while it continues the character before it.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

std::string truncate_utf8(std::string_view s, std::size_t max_bytes, std::string_view marker) {
  if (s.size() <= max_bytes) return std::string(s);
  if (marker.size() >= max_bytes)
    return std::string(marker.substr(0, utf8_prefix_length(marker, max_bytes)));
  std::string out(s.substr(0, utf8_prefix_length(s, max_bytes - marker.size())));
  out += marker;
  return out;
}

}  // namespace recs::alerts
