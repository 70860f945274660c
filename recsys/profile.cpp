#include "recsys/profile.hpp"

namespace recs {

std::string_view to_string(feedback_kind k) noexcept {
  switch (k) {
    case feedback_kind::not_interested:
      return "not_interested";
    case feedback_kind::not_tonight:
      return "not_tonight";
    case feedback_kind::seen:
      return "seen";
  }
  return "seen";
}

std::optional<feedback_kind> parse_feedback_kind(std::string_view s) noexcept {
  for (auto k : {feedback_kind::not_interested, feedback_kind::not_tonight, feedback_kind::seen})
    if (s == to_string(k)) return k;
  return std::nullopt;
}

}  // namespace recs
