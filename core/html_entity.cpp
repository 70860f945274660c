#include "core/html_entity.hpp"

#include <array>
#include <utility>

namespace recs {

std::optional<html_entity> named_entity_at(std::string_view text) noexcept {
  static constexpr std::array<std::pair<std::string_view, char>, 7> kEntities{{
      {"&amp;", '&'},
      {"&lt;", '<'},
      {"&gt;", '>'},
      {"&quot;", '"'},
      {"&#39;", '\''},
      {"&apos;", '\''},
      {"&nbsp;", ' '},
  }};
  for (const auto& [name, ch] : kEntities) {
    if (text.substr(0, name.size()) == name) return html_entity{ch, name.size()};
  }
  return std::nullopt;
}

}  // namespace recs
