#include "recsys/logistic.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <vector>

namespace recs {

double sigmoid(double z) noexcept {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

namespace {

// The negative log posterior (up to a constant) that the fit minimises.
double objective(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const logistic_prior& prior,
                 const Eigen::VectorXd& beta) {
  const Eigen::VectorXd z = x * beta;
  double f = 0.5 * (beta - prior.mean).cwiseAbs2().dot(prior.precision);
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    // log(1 + e^z) - y z, computed without overflow
    const double softplus =
        z[i] > 0 ? z[i] + std::log1p(std::exp(-z[i])) : std::log1p(std::exp(z[i]));
    f += softplus - y[i] * z[i];
  }
  return f;
}

}  // namespace

result<Eigen::VectorXd> fit_logistic(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                     const logistic_prior& prior) {
  const Eigen::Index n = x.rows(), d = x.cols();
  if (y.size() != n || prior.mean.size() != d || prior.precision.size() != d)
    return error{errc::invalid_argument, "logistic fit: shapes of x, y and the prior disagree"};
  Eigen::VectorXd beta = prior.mean;
  for (int iter = 0; iter < 50; ++iter) {
    Eigen::VectorXd grad = prior.precision.cwiseProduct(beta - prior.mean);
    Eigen::MatrixXd hess = prior.precision.asDiagonal();
    const Eigen::VectorXd z = x * beta;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double p = sigmoid(z[i]);
      grad.noalias() += (p - y[i]) * x.row(i).transpose();
      hess.noalias() += std::max(p * (1 - p), 1e-12) * x.row(i).transpose() * x.row(i);
    }
    Eigen::LDLT<Eigen::MatrixXd> solver(hess);
    if (solver.info() != Eigen::Success || !solver.isPositive() || solver.rcond() < 1e-14)
      return error{errc::internal, "logistic fit: singular Hessian (no data and no prior)"};
    // Damped Newton: halve the step until the objective does not increase (a full step can
    // overshoot far on nearly separable data).
    Eigen::VectorXd step = solver.solve(grad);
    const double f0 = objective(x, y, prior, beta);
    Eigen::VectorXd next = beta - step;
    for (int halvings = 0; halvings < 30 && !(objective(x, y, prior, next) <= f0); ++halvings) {
      step *= 0.5;
      next = beta - step;
    }
    beta = next;
    if (!beta.allFinite()) return error{errc::internal, "logistic fit diverged"};
    if (step.cwiseAbs().maxCoeff() < 1e-9) return beta;
  }
  return beta;  // damped Newton on a strictly convex objective: 50 steps are ample
}

double log_loss(const Eigen::VectorXd& p, const Eigen::VectorXd& y) {
  if (p.size() == 0 || p.size() != y.size()) return 0.0;
  double sum = 0;
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const double q = std::clamp(p[i], 1e-9, 1 - 1e-9);
    sum -= y[i] > 0.5 ? std::log(q) : std::log(1 - q);
  }
  return sum / static_cast<double>(p.size());
}

double calibration_error(const Eigen::VectorXd& p, const Eigen::VectorXd& y, int bins) {
  if (p.size() == 0 || p.size() != y.size() || bins <= 0) return 0.0;
  std::vector<double> sum_p(bins, 0.0), sum_y(bins, 0.0), count(bins, 0.0);
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const int b = std::clamp(static_cast<int>(p[i] * bins), 0, bins - 1);
    sum_p[b] += p[i];
    sum_y[b] += y[i];
    count[b] += 1;
  }
  double ece = 0;
  for (int b = 0; b < bins; ++b) ece += std::abs(sum_p[b] - sum_y[b]);
  return ece / static_cast<double>(p.size());
}

}  // namespace recs
