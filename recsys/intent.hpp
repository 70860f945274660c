#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recsys/show.hpp"

namespace recs {

/// What the viewer is in the mood for.
enum class intent {
  standard,  ///< "default": the best fit
  quick,     ///< short episodes or a single season
  binge,     ///< many seasons
  fresh,     ///< "new": the newest releases of the catalog
  comfort,   ///< familiar, well liked, light in tone
  surprise,  ///< a good fit outside the profile's usual genres
};

/// "default", "quick", "binge", "new", "comfort", "surprise" (case-sensitive); nullopt otherwise.
std::optional<intent> parse_intent(std::string_view s) noexcept;
std::string_view to_string(intent i) noexcept;

/// Facts about the catalog and the profile an intent needs.
struct intent_context {
  int newest_year = 0;                    ///< the newest release year in the catalog
  std::vector<std::string> usual_genres;  ///< the profile's most frequent liked genres
};

/// How a show matches an intent: whether it belongs in the slate at all, a strength in [0, 1]
/// and the honest reason ("short episodes (25 min)", "6 seasons to binge").
struct intent_match {
  bool eligible = true;
  double strength = 0;
  std::string reason;
};

/// Pure: judges one show for one intent. `standard` is always eligible with strength 0.
intent_match match_intent(intent i, const show& s, const intent_context& ctx);

/// Genres that set a light tone, and those that rule "comfort" out.
bool is_light_genre(std::string_view g) noexcept;
bool is_dark_genre(std::string_view g) noexcept;

}  // namespace recs
