#pragma once

#include <Eigen/Core>

#include "recsys/collaborative.hpp"

namespace recs {

/// Content affinity of every item to a history: the cosine similarity between each item's
/// feature row and the history's centroid sum_i value_i * f_i (a negative value, a bad rating,
/// pulls the centroid away from that item). item_features is items x dims; rows need not be
/// normalised and zero rows score 0. History items outside the rows are ignored; an empty or
/// cancelling history scores all zeros. Pure.
Eigen::VectorXf content_affinity(const Eigen::MatrixXf& item_features, const item_history& history);

/// The hybrid score: cf / max_i |cf_i| + beta * content, so that beta weighs a content term in
/// [-1, 1] against collaborative scores brought to the same scale for every user. When cf is
/// all zero (a new profile, a cold-start catalogue) only the content term remains. cf and
/// content must have the same size (else cf is returned unchanged).
Eigen::VectorXf blend_scores(const Eigen::VectorXf& cf, const Eigen::VectorXf& content, float beta);

}  // namespace recs
