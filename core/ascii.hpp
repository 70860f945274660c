#pragma once

#include <string>
#include <string_view>

namespace recs {

/// The ASCII lower-case of `c`; every other byte (UTF-8 included) unchanged. Locale-free.
constexpr char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `s` with ASCII letters lower-cased; other bytes pass through unchanged.
std::string to_lower(std::string_view s);

/// Equal ignoring ASCII case (header names, emails, provider names, commands).
bool iequals(std::string_view a, std::string_view b) noexcept;

/// `s` without leading and trailing ASCII white space.
std::string_view trim(std::string_view s) noexcept;

}  // namespace recs
