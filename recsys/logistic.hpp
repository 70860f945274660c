#pragma once

#include <Eigen/Core>

#include "core/result.hpp"

namespace recs {

/// A Gaussian prior on the coefficients of a logistic model: the fit stays at `mean` without
/// data and moves away from it as evidence accumulates. `precision` is per coefficient (one
/// value per column of the design matrix); 0 leaves a coefficient unregularised.
struct logistic_prior {
  Eigen::VectorXd mean;
  Eigen::VectorXd precision;
};

/// The maximum a posteriori coefficients of P(y = 1 | x) = sigmoid(x . beta), found by Newton's
/// method (iteratively reweighted least squares) from the prior mean. `x` is examples x terms
/// (add a column of ones for an intercept), `y` holds 0/1 labels. Pure; deterministic.
/// Errors: invalid_argument when the shapes disagree; internal when the Hessian is singular
/// (no data and a zero precision) or the iteration does not converge.
result<Eigen::VectorXd> fit_logistic(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                     const logistic_prior& prior);

/// 1 / (1 + e^-z), without overflow for large |z|.
double sigmoid(double z) noexcept;

/// Mean negative log-likelihood of the labels under the probabilities (clamped away from 0, 1).
double log_loss(const Eigen::VectorXd& p, const Eigen::VectorXd& y);

/// Expected calibration error: probabilities in `bins` equal-width bins; the example-weighted
/// mean over bins of |mean probability - observed rate|. 0 for empty input.
double calibration_error(const Eigen::VectorXd& p, const Eigen::VectorXd& y, int bins = 10);

}  // namespace recs
