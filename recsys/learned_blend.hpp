#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>

#include "recsys/slate.hpp"

namespace recs {

/// The score components whose weight is learned (intent and jitter keep theirs).
inline constexpr std::size_t kBlendTerms = 9;

/// Component names in term order: "similar_loved", ..., "novelty".
const std::array<const char*, kBlendTerms>& blend_term_names() noexcept;

/// The learned terms of `c`, in term order.
std::array<double, kBlendTerms> blend_terms(const score_components& c) noexcept;

/// How the scorer turns components into a ranking score and a calibrated fit:
/// raw = sum_k scale_k * c_k + intent + jitter, fit = sigmoid(slope * raw + intercept).
/// The identity scales with slope 4 and intercept -2.4 (raw 0.6 is fit 0.5) are the product's
/// hand-set prior; the
/// trainer replaces them with a fit to the ratings the service holds (see train_blend), and
/// records what that fit was measured to do.
struct learned_blend {
  std::array<double, kBlendTerms> scale{1, 1, 1, 1, 1, 1, 1, 1, 1};
  double slope = 4.0;
  double intercept = -2.4;

  // Provenance, for the admin page and the notes: zero examples means the prior.
  std::size_t examples = 0;
  std::size_t positives = 0;
  double prior_log_loss = 0;    ///< two-fold held-out log loss of the prior mapping
  double learned_log_loss = 0;  ///< ... and of the learned one
  double prior_ece = 0;         ///< held-out expected calibration errors
  double learned_ece = 0;
  std::string note;  ///< why the prior was kept, when it was

  /// Scales the learned terms of `c` in place (so each component is its real contribution).
  void apply(score_components& c) const noexcept;
  /// The calibrated fit of a raw score.
  double fit(double raw) const noexcept;
  /// One line for the admin page.
  std::string summary() const;
};

using blend_ptr = std::shared_ptr<const learned_blend>;

}  // namespace recs
