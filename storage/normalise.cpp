#include "storage/normalise.hpp"

#include <cctype>

namespace recs::storage {

namespace {

bool is_space(char c) noexcept {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string normalise_tag(std::string_view tag) {
  std::string out(trim(tag));
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) c = static_cast<char>(std::tolower(u));
  }
  return out;
}

}  // namespace recs::storage
