#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/learned_blend.hpp"
#include "recsys/profile.hpp"
#include "recsys/scoring_models.hpp"

namespace recs {

/// How the blend is learned from the ratings the service holds.
struct blend_training_options {
  collaborative_options cf;  ///< for the two fold models
  content_weights weights;   ///< the hand-set components the scales multiply
  /// Gaussian prior precision on each term's coefficient (the prior mean is the hand-set
  /// blend): about 1 keeps a few dozen ratings close to it and lets thousands move it.
  double term_precision = 1.0;
  double intercept_precision = 0.1;
  std::size_t max_ratings = 4000;  ///< held-out ratings used (a deterministic sample)
  std::size_t min_examples = 40;   ///< fewer held-out examples keep the prior
  double max_scale = 4.0;          ///< learned scales are clamped to [0, max_scale]
  std::uint64_t seed = 42;
};

/// The held-out examples the blend is learned from. Each rating of a catalog show is held out
/// once: its profile's other ratings form the taste, and the collaborative score comes from a
/// model trained without the rating's fold (ratings split in two by a hash of profile and
/// show). A good or loved rating is a positive, a bad one a negative, and each rating brings one
/// unrated show, drawn in proportion to popularity (plus a floor), as a further negative: so a
/// fit of 0.5 means "no more like the shows this profile rated well than like a show it could
/// have picked instead". Rows of `x` are the hand-weighted
/// blend terms (before scaling), in blend_terms order.
struct blend_examples {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  std::vector<int> fold;  ///< 0 or 1 per row
};

/// Builds the examples; needs the content model built for this catalog (else none).
blend_examples make_blend_examples(const catalog_snapshot& catalog,
                                   const content_model_ptr& content,
                                   const std::vector<rating>& ratings,
                                   const blend_training_options& opt);

/// Learns the blend's scales and intercept from the examples by regularised logistic regression
/// (prior: the hand-set blend), and measures prior and learned mapping on held-out folds (each
/// fold's fit judged on the other). Too few examples, or one class only, keep the prior with a
/// note saying why. Pure and deterministic.
learned_blend fit_blend(const blend_examples& examples, const blend_training_options& opt);

/// make_blend_examples then fit_blend.
learned_blend train_blend(const catalog_snapshot& catalog, const content_model_ptr& content,
                          const std::vector<rating>& ratings, const blend_training_options& opt);

}  // namespace recs
