#include "recsys/eval_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace recs {

ranking_metrics evaluate_rankings(const std::vector<user_ranking>& users, std::size_t k) {
  ranking_metrics m;
  if (k == 0) return m;
  for (const auto& u : users) {
    const std::unordered_set<std::uint32_t> relevant(u.relevant.begin(), u.relevant.end());
    if (relevant.empty()) continue;
    ++m.users;
    std::unordered_set<std::uint32_t> seen;
    std::size_t rank = 0;
    std::size_t hits = 0;
    double dcg = 0.0;
    double ap = 0.0;
    for (std::uint32_t item : u.recommended) {
      if (rank == k) break;
      if (!seen.insert(item).second) continue;
      ++rank;
      if (relevant.count(item) == 0) continue;
      ++hits;
      dcg += 1.0 / std::log(1.0 + static_cast<double>(rank));
      ap += static_cast<double>(hits) / static_cast<double>(rank);
    }
    double idcg = 0.0;
    const std::size_t ideal = std::min(k, relevant.size());
    for (std::size_t j = 1; j <= ideal; ++j) idcg += 1.0 / std::log(1.0 + static_cast<double>(j));
    const auto n_rel = static_cast<double>(relevant.size());
    m.precision_at_k += static_cast<double>(hits) / static_cast<double>(k);
    m.recall_at_k += static_cast<double>(hits) / n_rel;
    m.map_at_k += ap / n_rel;
    m.ndcg_at_k += dcg / idcg;
  }
  if (m.users > 0) {
    const auto n = static_cast<double>(m.users);
    m.precision_at_k /= n;
    m.recall_at_k /= n;
    m.map_at_k /= n;
    m.ndcg_at_k /= n;
  }
  return m;
}

std::vector<std::uint32_t> top_k_items(const Eigen::VectorXf& scores, std::size_t k,
                                       const std::vector<std::uint32_t>& exclude) {
  std::vector<char> skip(static_cast<std::size_t>(scores.size()), 0);
  for (std::uint32_t i : exclude) {
    if (i < skip.size()) skip[i] = 1;
  }
  std::vector<std::uint32_t> cand;
  cand.reserve(skip.size());
  for (std::size_t i = 0; i < skip.size(); ++i) {
    if (!skip[i] && std::isfinite(scores[static_cast<Eigen::Index>(i)])) {
      cand.push_back(static_cast<std::uint32_t>(i));
    }
  }
  auto better = [&](std::uint32_t a, std::uint32_t b) {
    const float sa = scores[a];
    const float sb = scores[b];
    return sa != sb ? sa > sb : a < b;
  };
  const std::size_t n = std::min(k, cand.size());
  std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(n), cand.end(),
                    better);
  cand.resize(n);
  return cand;
}

ranking_metrics evaluate_top_k(const std::vector<interaction>& train,
                               const std::vector<interaction>& test, std::size_t k,
                               const user_scorer& score) {
  std::uint32_t n_users = 0;
  for (const auto& x : train) n_users = std::max(n_users, x.user + 1);
  std::vector<item_history> history(n_users);
  std::vector<std::vector<std::uint32_t>> seen(n_users);
  for (const auto& x : train) {
    history[x.user].emplace_back(x.item, x.value);
    seen[x.user].push_back(x.item);
  }
  std::vector<std::vector<std::uint32_t>> relevant(n_users);
  for (const auto& x : test) {
    if (x.user < n_users) relevant[x.user].push_back(x.item);
  }
  std::vector<user_ranking> rankings;
  for (std::uint32_t u = 0; u < n_users; ++u) {
    if (seen[u].empty() || relevant[u].empty()) continue;
    rankings.push_back({top_k_items(score(u, history[u]), k, seen[u]), std::move(relevant[u])});
  }
  return evaluate_rankings(rankings, k);
}

}  // namespace recs
