#include "recsys/show.hpp"

#include <algorithm>
#include <cctype>
#include "core/ascii.hpp"

namespace recs {

namespace {

std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == ' ' || c == '+' || c == '-' || c == '_') continue;
    out.push_back(ascii_lower(c));
  }
  return out;
}

}  // namespace

std::string_view to_string(maturity m) noexcept {
  switch (m) {
    case maturity::g:
      return "G";
    case maturity::pg:
      return "PG";
    case maturity::m:
      return "M";
    case maturity::ma15:
      return "MA15+";
    case maturity::r18:
      return "R18+";
    case maturity::unknown:
      break;
  }
  return "";
}

std::optional<maturity> parse_maturity(std::string_view s) noexcept {
  const std::string n = normalise(s);
  if (n == "g") return maturity::g;
  if (n == "pg") return maturity::pg;
  if (n == "m") return maturity::m;
  if (n == "ma15" || n == "ma") return maturity::ma15;
  if (n == "r18" || n == "r") return maturity::r18;
  return std::nullopt;
}

std::string_view to_string(monetization m) noexcept {
  switch (m) {
    case monetization::flatrate:
      return "flatrate";
    case monetization::free:
      return "free";
    case monetization::ads:
      return "ads";
    case monetization::rent:
      return "rent";
    case monetization::buy:
      return "buy";
  }
  return "flatrate";
}

std::optional<monetization> parse_monetization(std::string_view s) noexcept {
  const std::string n = normalise(s);
  if (n == "flatrate") return monetization::flatrate;
  if (n == "free") return monetization::free;
  if (n == "ads") return monetization::ads;
  if (n == "rent") return monetization::rent;
  if (n == "buy") return monetization::buy;
  return std::nullopt;
}

}  // namespace recs
