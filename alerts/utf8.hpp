#pragma once
// Cutting UTF-8 text to a byte budget without splitting a character.

#include <cstddef>
#include <string>
#include <string_view>

namespace recs::alerts {

/// The length of the longest prefix of `s` that is at most `max_bytes` long and does not end
/// inside a multi-byte UTF-8 sequence (`s` is assumed to be valid UTF-8).
std::size_t utf8_prefix_length(std::string_view s, std::size_t max_bytes);

/// `s` when it fits in `max_bytes`; otherwise its longest whole-character prefix followed by
/// `marker`, the two together at most `max_bytes` long (only the marker's prefix when even that
/// does not fit).
std::string truncate_utf8(std::string_view s, std::size_t max_bytes,
                          std::string_view marker = "\xE2\x80\xA6");

}  // namespace recs::alerts
