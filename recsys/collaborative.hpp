#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "core/result.hpp"
#include "recsys/profile.hpp"

namespace recs {

/// One rating as the collaborative model sees it: dense user and item indices and a weight.
/// value > 0 is a positive (the larger, the stronger), value < 0 a negative signal (a "bad"
/// rating) and value == 0 is ignored. The service maps profile and show ids to dense indices.
struct interaction {
  std::uint32_t user = 0;
  std::uint32_t item = 0;
  float value = 1.0f;
};

/// Item-item weights, row-major so that a history item's row is contiguous for scoring.
using weight_matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// A user's history for scoring: (item index, value) with the same sign convention.
using item_history = std::vector<std::pair<std::uint32_t, float>>;

/// How a service rating enters the model: loved 1.2, good 1.0, bad -1.0 (loved is to good what
/// a 5-star is to a 3-star rating under the star weighting MovieLens validation selects).
/// Bad is a negative: it never enters the item-item Gram as a co-consumption (a show someone
/// disliked says nothing about what fans of their other shows like), and in a history it pushes
/// the shows most similar to it down instead of lifting them.
float verdict_value(verdict v) noexcept;

/// Hyper-parameters of the collaborative model. Defaults are typical of what `make eval`
/// selects on validation splits of MovieLens 100k (75k training ratings, 1,682 items).
struct collaborative_options {
  /// Ridge added to every item's diagonal of the Gram matrix, in units of (weighted)
  /// interactions: it grows with the data, so a much smaller rating set needs a smaller one.
  double lambda = 500.0;
  /// Dropout probability p in [0, 1) of the denoising autoencoder: adds p / (1 - p) * G_ii to
  /// item i's ridge, so popular items are regularised in proportion to their own count
  /// (Steck, "Autoencoders that don't overfit towards the identity", NeurIPS 2020). 0 = EASE.
  double dropout = 0.67;
  /// true: the emphasised variant with the zero-diagonal constraint (EDLAE; EASE when dropout
  /// is 0), B = I - P diag(1 / diag(P)). false: the full-rank DLAE, B = I - P Lambda.
  bool zero_diagonal = false;
  /// Rank of the low-pass term added to B: the projection onto the top eigenvectors of the
  /// Gram matrix (the "ideal low-pass filter" of GF-CF, Shen et al., CIKM 2021). 0 = none.
  std::size_t low_rank = 20;
  /// Weight of the low-pass term relative to ||B||_F / sqrt(low_rank).
  double low_rank_weight = 0.25;
  /// Scale of a negative history entry's push at scoring time (0 = bad ratings only hide).
  double negative_weight = 1.0;
  /// Threads used for the inverse (1 = the calling thread only).
  unsigned threads = 2;
  /// Seed of the subspace iteration's start block (the result barely depends on it).
  std::uint64_t seed = 42;
};

/// A linear item-item model. With X the users x items matrix of positive values (bad ratings
/// excluded), G = X^T X, Lambda = lambda * I + p / (1 - p) * diag(G) and P = (G + Lambda)^-1:
/// B = I - P Lambda (DLAE) or B = I - P diag(1 / diag(P)) (EDLAE/EASE, zero_diagonal), then
/// W = B + g * V V^T (V the top low_rank eigenvectors of G) with W's diagonal set to zero so an
/// item never recommends itself. A user's score for item j is sum_i x_i * W_ij over their
/// history. Immutable once trained; safe to share across threads for scoring.
class collaborative_model {
 public:
  /// An empty model: items() == 0 and every score vector is empty.
  collaborative_model() = default;

  /// Fits the model on every interaction. Only positive values form X (bad ratings are not
  /// positives); duplicates of one (user, item) count once, with the largest value. Errors:
  /// invalid_argument when an index is out of range, n_items is 0, lambda <= 0, dropout is
  /// outside [0, 1) or low_rank_weight < 0; internal when the factorisation fails. Cost
  /// O(n_items^3) time and 4 * n_items^2 bytes: keep n_items to the items that have ratings.
  static result<collaborative_model> train(const std::vector<interaction>& data,
                                           std::size_t n_users, std::size_t n_items,
                                           const collaborative_options& opt);

  /// Scores of every item for one history (seen items are NOT removed: callers exclude them).
  /// Positive entries add value * W_i, negative ones add negative_weight * value * W_i. Items
  /// outside [0, items()) in the history are ignored. An empty history scores all zeros.
  Eigen::VectorXf score(const item_history& history) const;

  /// The learned item-item weights W (items x items, zero diagonal).
  const weight_matrix& weights() const noexcept { return w_; }
  std::size_t items() const noexcept { return static_cast<std::size_t>(w_.rows()); }
  double train_seconds() const noexcept { return train_s_; }
  const collaborative_options& options() const noexcept { return opt_; }

 private:
  weight_matrix w_;
  collaborative_options opt_;
  double train_s_ = 0.0;
};

/// The popularity baseline: an item's score is how many users rated it positively.
class popularity_model {
 public:
  popularity_model() = default;

  /// Counts positive interactions per item (each (user, item) once). Errors: invalid_argument
  /// when an item index is >= n_items.
  static result<popularity_model> train(const std::vector<interaction>& data, std::size_t n_items);

  /// The same scores for every user (seen items are not removed).
  const Eigen::VectorXf& score() const noexcept { return counts_; }
  std::size_t items() const noexcept { return static_cast<std::size_t>(counts_.size()); }
  double train_seconds() const noexcept { return train_s_; }

 private:
  Eigen::VectorXf counts_;
  double train_s_ = 0.0;
};

}  // namespace recs
