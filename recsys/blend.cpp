#include "recsys/blend.hpp"

namespace recs {

Eigen::VectorXf content_affinity(const Eigen::MatrixXf& item_features,
                                 const item_history& history) {
  const Eigen::Index n = item_features.rows();
  Eigen::VectorXf out = Eigen::VectorXf::Zero(n);
  Eigen::VectorXf centroid = Eigen::VectorXf::Zero(item_features.cols());
  for (const auto& [item, value] : history) {
    if (static_cast<Eigen::Index>(item) >= n) continue;
    centroid += value * item_features.row(static_cast<Eigen::Index>(item)).transpose();
  }
  const float c_norm = centroid.norm();
  if (!(c_norm > 0.0f)) return out;
  const Eigen::VectorXf row_norms = item_features.rowwise().norm();
  const Eigen::VectorXf dots = item_features * (centroid / c_norm);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (row_norms[i] > 0.0f) out[i] = dots[i] / row_norms[i];
  }
  return out;
}

Eigen::VectorXf blend_scores(const Eigen::VectorXf& cf, const Eigen::VectorXf& content,
                             float beta) {
  if (cf.size() != content.size()) return cf;
  const float scale = cf.size() > 0 ? cf.cwiseAbs().maxCoeff() : 0.0f;
  const Eigen::VectorXf base = scale > 0.0f ? Eigen::VectorXf(cf / scale) : cf;
  return base + beta * content;
}

}  // namespace recs
