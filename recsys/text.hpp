#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.hpp"  // to_lower, trim: part of this header's vocabulary

namespace recs {

/// Splits text into lower-case word tokens (letters and digits, apostrophes dropped), without
/// English stop words and tokens shorter than 3 characters.
std::vector<std::string> content_tokens(std::string_view text);

/// True when `phrase` (already lower-case) occurs in `text_lower` at word boundaries.
bool contains_phrase(std::string_view text_lower, std::string_view phrase);

/// The maximal runs of word characters (ASCII letters and digits, and every byte >= 0x80) in
/// `text`, as views into it, in order. Every whole word of a phrase that contains_phrase finds
/// in a text is one of the text's word runs.
std::vector<std::string_view> word_runs(std::string_view text);

/// Trims ASCII white space and lower-cases ASCII letters: the canonical form of a tag, the same
/// in every layer and backend ("  Dry Humour " -> "dry humour").
std::string normalise_tag(std::string_view tag);

}  // namespace recs
