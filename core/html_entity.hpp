#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace recs {

/// A character reference decoded from HTML text.
struct html_entity {
  char ch = 0;             ///< the character it stands for
  std::size_t length = 0;  ///< how many bytes of the text it takes, '&' and ';' included
};

/// The common named references (&amp; &lt; &gt; &quot; &#39; &apos; &nbsp;, the last as a
/// plain space) at the start of `text`; nullopt when `text` starts with none of them.
std::optional<html_entity> named_entity_at(std::string_view text) noexcept;

}  // namespace recs
