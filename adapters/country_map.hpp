#pragma once

#include <string>
#include <string_view>

namespace recs::adapters {

/// ISO 3166-1 alpha-2 code for a country as the Kaggle 2021 catalogues name it ("United
/// States" -> "US", "South Korea" -> "KR", "West Germany" -> "DE"); a two-letter code passes
/// through upper-cased. "" when the name is unknown or is no longer a country ("Soviet Union").
std::string country_code(std::string_view name);

}  // namespace recs::adapters
