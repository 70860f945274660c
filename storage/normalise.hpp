#pragma once

#include <string>
#include <string_view>

namespace recs::storage {

/// `s` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s) noexcept;

/// How every backend stores a tag: trimmed, ASCII letters lower-cased ("  Dry Humour " ->
/// "dry humour"). Bytes outside ASCII are kept as they are.
std::string normalise_tag(std::string_view tag);

}  // namespace recs::storage
