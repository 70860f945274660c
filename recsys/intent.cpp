#include "recsys/intent.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace recs {

namespace {

// Episodes at most this long make a quick watch.
constexpr int quick_runtime_min = 35;
// At least this many seasons make a binge.
constexpr int binge_min_seasons = 3;

std::string join_genres(const std::vector<std::string>& gs, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < gs.size() && i < n; ++i) {
    if (i > 0) out += (i + 1 == std::min(n, gs.size())) ? " and " : ", ";
    out += gs[i];
  }
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

std::optional<intent> parse_intent(std::string_view s) noexcept {
  if (s == "default") return intent::standard;
  if (s == "quick") return intent::quick;
  if (s == "binge") return intent::binge;
  if (s == "new") return intent::fresh;
  if (s == "comfort") return intent::comfort;
  if (s == "surprise") return intent::surprise;
  return std::nullopt;
}

std::string_view to_string(intent i) noexcept {
  switch (i) {
    case intent::standard:
      return "default";
    case intent::quick:
      return "quick";
    case intent::binge:
      return "binge";
    case intent::fresh:
      return "new";
    case intent::comfort:
      return "comfort";
    case intent::surprise:
      return "surprise";
  }
  return "default";
}

bool is_light_genre(std::string_view g) noexcept {
  static constexpr std::array<std::string_view, 7> light = {
      "animation", "comedy", "family", "kids", "music", "reality", "romance"};
  return std::find(light.begin(), light.end(), g) != light.end();
}

bool is_dark_genre(std::string_view g) noexcept {
  static constexpr std::array<std::string_view, 4> dark = {"crime", "horror", "thriller", "war"};
  return std::find(dark.begin(), dark.end(), g) != dark.end();
}

intent_match match_intent(intent i, const show& s, const intent_context& ctx) {
  intent_match m;
  switch (i) {
    case intent::standard:
      break;
    case intent::quick: {
      const bool short_eps = s.runtime > 0 && s.runtime <= quick_runtime_min;
      const bool one_season = s.seasons == 1;
      m.eligible = short_eps || one_season;
      if (short_eps) {
        m.strength = s.runtime <= 25 ? 1.0 : 0.8;
        m.reason = "short episodes (" + std::to_string(s.runtime) + " min)";
      } else if (one_season) {
        m.strength = 0.6;
        m.reason = "a single season";
      }
      break;
    }
    case intent::binge: {
      m.eligible = s.seasons >= binge_min_seasons;
      if (m.eligible) {
        m.strength = std::min(1.0, std::log(double(s.seasons)) / std::log(10.0));
        m.reason = std::to_string(s.seasons) + " seasons to binge";
      }
      break;
    }
    case intent::fresh: {
      m.eligible = s.year > 0 && ctx.newest_year > 0 && s.year >= ctx.newest_year - 1;
      if (m.eligible) {
        m.strength = s.year >= ctx.newest_year ? 1.0 : 0.6;
        m.reason = "new in " + std::to_string(s.year);
      }
      break;
    }
    case intent::comfort: {
      const bool dark = std::any_of(s.genres.begin(), s.genres.end(),
                                    [](const std::string& g) { return is_dark_genre(g); });
      const bool light = std::any_of(s.genres.begin(), s.genres.end(),
                                     [](const std::string& g) { return is_light_genre(g); });
      const bool gentle = s.rating != maturity::ma15 && s.rating != maturity::r18;
      m.eligible = light && !dark && gentle;
      if (m.eligible) {
        m.strength = 1.0;
        m.reason = "light and easy-going";
      }
      break;
    }
    case intent::surprise: {
      // Outside the usual: none of the show's genres is among the profile's usual ones.
      const bool usual = std::any_of(s.genres.begin(), s.genres.end(), [&](const std::string& g) {
        return contains(ctx.usual_genres, g);
      });
      m.eligible = !usual && !s.genres.empty();
      if (m.eligible) {
        m.strength = 1.0;
        m.reason = ctx.usual_genres.empty()
                       ? "something different"
                       : "something different from your usual " + join_genres(ctx.usual_genres, 3);
      }
      break;
    }
  }
  return m;
}

}  // namespace recs
