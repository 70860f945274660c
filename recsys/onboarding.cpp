#include "recsys/onboarding.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_set>

#include "recsys/profile_scorer.hpp"
#include "recsys/title_search.hpp"

namespace recs {

namespace {

/// True when one title's words begin with the other's (two words at least): the same franchise.
bool same_franchise(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const auto& shorter = a.size() <= b.size() ? a : b;
  const auto& longer = a.size() <= b.size() ? b : a;
  if (shorter.size() < 2) return false;
  return std::equal(shorter.begin(), shorter.end(), longer.begin());
}

}  // namespace

std::vector<std::uint32_t> onboarding_grid(const catalog_snapshot& cat, const profile_state& state,
                                           const content_model* dense,
                                           const onboarding_options& opt) {
  const content_weights w;
  const profile_scorer judge(cat, state, intent::standard, w, scoring_models{});
  std::vector<std::uint32_t> pool;
  for (std::uint32_t i = 0; i < cat.size(); ++i)
    if (judge.judge(i, false)) pool.push_back(i);
  std::stable_sort(pool.begin(), pool.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (cat.popularity(a) != cat.popularity(b)) return cat.popularity(a) > cat.popularity(b);
    return cat.at(a).id < cat.at(b).id;
  });
  if (pool.size() > opt.pool) pool.resize(opt.pool);

  const bool use_dense = dense != nullptr && dense->size() == cat.size();
  const double max_sim = use_dense ? opt.max_dense_similarity : opt.max_sparse_similarity;
  std::vector<std::uint32_t> grid;
  std::vector<std::vector<std::string>> picked_words;
  std::set<std::string> genres;
  std::set<int> decades;
  std::vector<bool> used(pool.size(), false);
  while (grid.size() < opt.count) {
    double best_score = -1;
    std::size_t best = pool.size();
    for (std::size_t k = 0; k < pool.size(); ++k) {
      if (used[k]) continue;
      const show& s = cat.at(pool[k]);
      double score = cat.popularity(pool[k]);
      std::size_t fresh = 0;
      for (const auto& g : s.genres) fresh += genres.count(g) == 0 ? 1 : 0;
      if (!s.genres.empty())
        score +=
            opt.genre_bonus * static_cast<double>(fresh) / static_cast<double>(s.genres.size());
      if (s.year > 0 && decades.count(s.year / 10) == 0) score += opt.era_bonus;
      if (score > best_score) {
        best_score = score;
        best = k;
      }
    }
    if (best == pool.size()) break;
    used[best] = true;
    const std::uint32_t i = pool[best];
    const auto words = search_words(cat.at(i).title);
    bool duplicate = false;
    for (std::size_t g = 0; g < grid.size() && !duplicate; ++g) {
      const double sim = use_dense ? double(dense->similarity(grid[g], i))
                                   : dot(cat.features(grid[g]), cat.features(i));
      duplicate = sim > max_sim || same_franchise(words, picked_words[g]);
    }
    if (duplicate) continue;
    grid.push_back(i);
    picked_words.push_back(words);
    const show& s = cat.at(i);
    genres.insert(s.genres.begin(), s.genres.end());
    if (s.year > 0) decades.insert(s.year / 10);
  }
  return grid;
}

}  // namespace recs
