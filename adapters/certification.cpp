#include "adapters/certification.hpp"

#include <array>
#include <utility>

#include "adapters/text_clean.hpp"
#include "core/ascii.hpp"

namespace recs::adapters {

maturity map_certification(std::string_view rating) noexcept {
  static constexpr std::array<std::pair<std::string_view, maturity>, 18> kTable{{
      {"tv-y", maturity::g},
      {"tv-y7", maturity::g},
      {"tv-y7-fv", maturity::g},
      {"tv-g", maturity::g},
      {"g", maturity::g},
      {"all", maturity::g},
      {"tv-pg", maturity::pg},
      {"pg", maturity::pg},
      {"7+", maturity::pg},
      {"tv-14", maturity::m},
      {"pg-13", maturity::m},
      {"13+", maturity::m},
      {"tv-ma", maturity::ma15},
      {"r", maturity::ma15},
      {"16+", maturity::ma15},
      {"18+", maturity::ma15},
      {"nc-17", maturity::r18},
      {"r18+", maturity::r18},
  }};
  const std::string_view t = trim(rating);
  if (t.empty() || t.size() > 16) return maturity::unknown;
  char buf[16];
  for (std::size_t i = 0; i < t.size(); ++i) {
    buf[i] = ascii_lower(t[i]);
  }
  const std::string_view key(buf, t.size());
  for (const auto& [name, m] : kTable) {
    if (name == key) return m;
  }
  return maturity::unknown;
}

maturity strictest(maturity a, maturity b) noexcept {
  // The enum is ordered from unknown through G to R18+.
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

}  // namespace recs::adapters
