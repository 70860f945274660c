#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace recs::storage {

/// Encodes a list of strings as a JSON array, e.g. ["drama","crime"]; how list-valued show
/// columns (genres, countries) are stored by every backend.
std::string encode_string_list(const std::vector<std::string>& items);

/// Decodes what encode_string_list wrote; an empty text is an empty list. invalid_argument
/// when the text is not a JSON array of strings.
result<std::vector<std::string>> decode_string_list(std::string_view json);

}  // namespace recs::storage
