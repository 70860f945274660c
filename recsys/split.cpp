#include "recsys/split.hpp"

#include <algorithm>
#include <numeric>
#include <random>

namespace recs {

split_parts stratified_split(const std::vector<interaction>& ratings, double train_ratio,
                             std::uint64_t seed, stratify_by by) {
  train_ratio = std::clamp(train_ratio, 0.0, 1.0);
  const std::size_t n = ratings.size();
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> key(n);
  for (auto& k : key) k = rng();

  auto group = [&](std::size_t i) {
    return by == stratify_by::user ? ratings[i].user : ratings[i].item;
  };
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Ties of the 64-bit key are broken by input position so the order is total.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (group(a) != group(b)) return group(a) < group(b);
    if (key[a] != key[b]) return key[a] < key[b];
    return a < b;
  });

  std::vector<char> to_train(n, 0);
  for (std::size_t lo = 0; lo < n;) {
    std::size_t hi = lo;
    while (hi < n && group(order[hi]) == group(order[lo])) ++hi;
    const double count = static_cast<double>(hi - lo);
    for (std::size_t r = lo; r < hi; ++r) {
      const double rank = static_cast<double>(r - lo + 1);
      to_train[order[r]] = rank / count <= train_ratio ? 1 : 0;
    }
    lo = hi;
  }

  split_parts out;
  for (std::size_t i = 0; i < n; ++i) (to_train[i] ? out.train : out.test).push_back(ratings[i]);
  return out;
}

}  // namespace recs
