#pragma once

#include <random>
#include <string>
#include <vector>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/profile.hpp"
#include "test/recsys/fixtures.hpp"

namespace recs::test {

// Four "worlds" of shows with their own genres and premise words, 60 shows each; profiles
// love their own world and dislike another, so held-out taste is learnable.
struct world {
  const char* genre;
  const char* words;
};
inline constexpr world kWorlds[] = {{"crime", "detective murder investigation police case"},
                                    {"comedy", "sitcom friends office laughs awkward"},
                                    {"scifi", "spaceship alien planet future robot"},
                                    {"family", "kids puppy school adventure parents"}};

inline snapshot_ptr worlds_catalog() {
  std::vector<show> shows;
  std::mt19937 rng(7);
  for (int w = 0; w < 4; ++w) {
    for (int i = 0; i < 60; ++i) {
      show s;
      s.id = "w" + std::to_string(w) + "s" + std::to_string(i);
      s.title = s.id;
      s.year = 1990 + static_cast<int>(rng() % 30);
      s.genres = {kWorlds[w].genre};
      s.premise = std::string("A story of ") + kWorlds[w].words + " number " + std::to_string(i);
      // Classifications by world: crime MA15+/R18+, comedy PG/M, scifi M/MA15+, family G/PG.
      constexpr maturity kRatings[4][2] = {{maturity::ma15, maturity::r18},
                                           {maturity::pg, maturity::m},
                                           {maturity::m, maturity::ma15},
                                           {maturity::g, maturity::pg}};
      s.rating = kRatings[w][i % 2];
      s.imdb_score = 5.0 + static_cast<double>(rng() % 40) / 10.0;
      s.imdb_votes = 1000.0 + static_cast<double>(rng() % 100000);
      s.tmdb_popularity = static_cast<double>(rng() % 100);
      s.seasons = 1 + static_cast<int>(rng() % 5);
      shows.push_back(std::move(s));
    }
  }
  return catalog_snapshot::build(std::move(shows), test::small_providers(), 3);
}

inline std::vector<rating> worlds_ratings() {
  std::vector<rating> out;
  std::mt19937 rng(11);
  for (std::int64_t p = 1; p <= 60; ++p) {
    const int home = static_cast<int>(p % 4), away = static_cast<int>((p + 1) % 4);
    auto add = [&](int w, verdict v) {
      rating r;
      r.profile_id = p;
      r.show_id = "w" + std::to_string(w) + "s" + std::to_string(rng() % 60);
      r.primary = v;
      for (const auto& o : out)
        if (o.profile_id == p && o.show_id == r.show_id) return;
      out.push_back(r);
    };
    for (int i = 0; i < 8; ++i) add(home, i < 3 ? verdict::loved : verdict::good);
    for (int i = 0; i < 3; ++i) add(away, verdict::bad);
  }
  return out;
}

}  // namespace recs::test
