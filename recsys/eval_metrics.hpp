#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include <Eigen/Core>

#include "recsys/collaborative.hpp"

namespace recs {

/// One evaluated user: the items recommended, best first, and the items relevant in the test.
struct user_ranking {
  std::vector<std::uint32_t> recommended;
  std::vector<std::uint32_t> relevant;
};

/// Ranking metrics averaged over the evaluated users.
struct ranking_metrics {
  double map_at_k = 0.0;
  double ndcg_at_k = 0.0;
  double precision_at_k = 0.0;
  double recall_at_k = 0.0;
  std::size_t users = 0;  ///< users averaged over (those with at least one relevant item)
};

/// MAP@k, nDCG@k, Precision@k and Recall@k as Microsoft Recommenders' python_evaluation defines
/// them (recommenders/evaluation/python_evaluation.py: merge_ranking_true_pred, precision_at_k,
/// recall_at_k, ndcg_at_k with score_type="binary", and map (the MAP the published benchmark
/// tables report)), for a user u with top-k list R_u (only the first k entries count), relevant
/// set T_u and hits at 1-based ranks r_1 < r_2 < ...:
///   Precision@k = |hits| / k           (k even when fewer than k items were recommended)
///   Recall@k    = |hits| / |T_u|
///   MAP@k       = (1 / |T_u|) * sum_i i / r_i        (divided by all relevant items, not k)
///   nDCG@k      = sum_i 1 / ln(1 + r_i)  /  sum_{j=1..min(k, |T_u|)} 1 / ln(1 + j)
/// each averaged over the users with |T_u| > 0 (the library's common users of truth and
/// prediction; users with no hit count as 0). Users with an empty relevant set are skipped.
/// Duplicate ids in a list count once.
ranking_metrics evaluate_rankings(const std::vector<user_ranking>& users, std::size_t k);

/// The k highest-scoring item indices, best first, skipping the items in `exclude` (e.g. the
/// user's training items) and non-finite scores; ties go to the lower index.
std::vector<std::uint32_t> top_k_items(const Eigen::VectorXf& scores, std::size_t k,
                                       const std::vector<std::uint32_t>& exclude);

/// Scores every item for one user given the user's training history (seen items included).
using user_scorer = std::function<Eigen::VectorXf(std::uint32_t user, const item_history&)>;

/// The offline protocol: for every user with at least one training and one test interaction,
/// scores all items, removes the user's training items, takes the top k and compares them with
/// the user's test items (every test interaction is relevant, whatever its value). Returns the
/// averaged metrics of evaluate_rankings.
ranking_metrics evaluate_top_k(const std::vector<interaction>& train,
                               const std::vector<interaction>& test, std::size_t k,
                               const user_scorer& score);

}  // namespace recs
