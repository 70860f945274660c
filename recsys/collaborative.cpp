#include "recsys/collaborative.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SparseCore>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <string>
#include <thread>

namespace recs {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Positive interactions, one per (user, item) with the largest value.
std::vector<interaction> unique_positives(const std::vector<interaction>& data) {
  std::vector<interaction> pos;
  pos.reserve(data.size());
  for (const auto& x : data) {
    if (x.value > 0.0f) pos.push_back(x);
  }
  std::sort(pos.begin(), pos.end(), [](const interaction& a, const interaction& b) {
    if (a.user != b.user) return a.user < b.user;
    if (a.item != b.item) return a.item < b.item;
    return a.value > b.value;
  });
  auto same = [](const interaction& a, const interaction& b) {
    return a.user == b.user && a.item == b.item;
  };
  pos.erase(std::unique(pos.begin(), pos.end(), same), pos.end());
  return pos;
}

// P = A^-1 for a symmetric positive definite A, solving column blocks on up to `threads`
// threads (each solve only reads the shared factor).
template <class Matrix>
bool spd_inverse_in(const Matrix& a, unsigned threads, Matrix& p) {
  const Eigen::LLT<Matrix> llt(a);
  if (llt.info() != Eigen::Success) return false;
  const Eigen::Index n = a.rows();
  p.resize(n, n);
  const Eigen::Index parts = std::clamp<Eigen::Index>(threads, 1, std::max<Eigen::Index>(n, 1));
  auto solve_block = [&](Eigen::Index part) {
    const Eigen::Index c0 = n * part / parts;
    const Eigen::Index c1 = n * (part + 1) / parts;
    if (c1 <= c0) return;
    p.middleCols(c0, c1 - c0) = llt.solve(Matrix::Identity(n, n).middleCols(c0, c1 - c0));
  };
  std::vector<std::thread> pool;
  for (Eigen::Index part = 1; part < parts; ++part) pool.emplace_back(solve_block, part);
  solve_block(0);
  for (auto& t : pool) t.join();
  return p.allFinite();
}

// The inverse in single precision (twice as fast) when A is well conditioned: its condition
// number is at most (trace(A) + min ridge) / min ridge, and below 1e4 float keeps ~1e-3
// relative accuracy; otherwise in double.
bool spd_inverse(const Eigen::MatrixXd& a, double min_ridge, unsigned threads, Eigen::MatrixXd& p) {
  if (a.trace() < 1e4 * min_ridge) {
    Eigen::MatrixXf pf;
    if (!spd_inverse_in<Eigen::MatrixXf>(a.cast<float>(), threads, pf)) return false;
    p = pf.cast<double>();
    return true;
  }
  return spd_inverse_in(a, threads, p);
}

// The top `rank` eigenvectors of a symmetric positive semi-definite matrix by block subspace
// iteration with a 2x oversampled random start and a Rayleigh-Ritz step: ~0.3 s for 20 of
// 1,682 items, where a full eigendecomposition takes seconds.
Eigen::MatrixXd top_eigenvectors(const Eigen::MatrixXd& g, std::size_t rank, std::uint64_t seed) {
  const Eigen::Index n = g.rows();
  const Eigen::Index r = std::min<Eigen::Index>(static_cast<Eigen::Index>(rank), n);
  const Eigen::Index b = std::min<Eigen::Index>(2 * r, n);
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd q(n, b);
  for (Eigen::Index i = 0; i < q.size(); ++i) q.data()[i] = normal(rng);
  constexpr int kIterations = 15;
  for (int it = 0; it < kIterations; ++it) {
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(g * q);
    q = qr.householderQ() * Eigen::MatrixXd::Identity(n, b);
  }
  const Eigen::MatrixXd t = q.transpose() * g * q;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(t);
  return q * es.eigenvectors().rightCols(r);  // eigenvalues ascend: the last r are the top
}

}  // namespace

float verdict_value(verdict v) noexcept {
  switch (v) {
    case verdict::loved:
      return 1.2f;
    case verdict::good:
      return 1.0f;
    case verdict::bad:
      return -1.0f;
  }
  return 0.0f;
}

result<collaborative_model> collaborative_model::train(const std::vector<interaction>& data,
                                                       std::size_t n_users, std::size_t n_items,
                                                       const collaborative_options& opt) {
  if (n_items == 0) return error{errc::invalid_argument, "collaborative model: no items"};
  if (!(opt.lambda > 0.0)) {
    return error{errc::invalid_argument, "collaborative model: lambda must be > 0"};
  }
  if (!(opt.dropout >= 0.0 && opt.dropout < 1.0)) {
    return error{errc::invalid_argument, "collaborative model: dropout must be in [0, 1)"};
  }
  if (!(opt.low_rank_weight >= 0.0)) {
    return error{errc::invalid_argument, "collaborative model: low_rank_weight must be >= 0"};
  }
  for (const auto& x : data) {
    if (x.user >= n_users || x.item >= n_items) {
      return error{errc::invalid_argument, "collaborative model: index out of range (user " +
                                               std::to_string(x.user) + ", item " +
                                               std::to_string(x.item) + ")"};
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  const auto pos = unique_positives(data);
  std::vector<Eigen::Triplet<double>> trips;
  trips.reserve(pos.size());
  for (const auto& x : pos) trips.emplace_back(x.user, x.item, static_cast<double>(x.value));
  const auto ni = static_cast<Eigen::Index>(n_items);
  Eigen::SparseMatrix<double> x(static_cast<Eigen::Index>(n_users), ni);
  x.setFromTriplets(trips.begin(), trips.end());

  const Eigen::SparseMatrix<double> xt = x.transpose();
  Eigen::MatrixXd g = Eigen::MatrixXd(xt * x);
  const double emphasis = opt.dropout / (1.0 - opt.dropout);
  const Eigen::VectorXd ridge = (opt.lambda + emphasis * g.diagonal().array()).matrix();
  g.diagonal() += ridge;

  Eigen::MatrixXd p;
  if (!spd_inverse(g, ridge.minCoeff(), opt.threads, p)) {
    return error{errc::internal, "collaborative model: Gram matrix factorisation failed"};
  }
  Eigen::MatrixXd b;
  if (opt.zero_diagonal) {
    // Column j is -P_.j / P_jj, which makes B_jj = 0 exactly.
    b = -(p * p.diagonal().cwiseInverse().asDiagonal());
  } else {
    b = -(p * ridge.asDiagonal());
    b.diagonal().array() += 1.0;
  }
  b.diagonal().setZero();
  if (opt.low_rank > 0 && opt.low_rank_weight > 0.0) {
    g.diagonal() -= ridge;  // back to X^T X
    const Eigen::MatrixXd v = top_eigenvectors(g, opt.low_rank, opt.seed);
    const double scale = opt.low_rank_weight * b.norm() / std::sqrt(static_cast<double>(v.cols()));
    b.noalias() += scale * (v * v.transpose());
    b.diagonal().setZero();
  }
  collaborative_model m;
  m.w_ = b.cast<float>();
  m.opt_ = opt;
  m.train_s_ = seconds_since(t0);
  return m;
}

Eigen::VectorXf collaborative_model::score(const item_history& history) const {
  Eigen::VectorXf s = Eigen::VectorXf::Zero(w_.cols());
  const auto n = static_cast<std::size_t>(w_.rows());
  for (const auto& [item, value] : history) {
    if (item >= n || value == 0.0f) continue;
    const float w = value > 0.0f ? value : value * static_cast<float>(opt_.negative_weight);
    s.noalias() += w * w_.row(static_cast<Eigen::Index>(item)).transpose();
  }
  return s;
}

result<popularity_model> popularity_model::train(const std::vector<interaction>& data,
                                                 std::size_t n_items) {
  for (const auto& x : data) {
    if (x.item >= n_items) {
      return error{errc::invalid_argument, "popularity model: item index out of range"};
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  popularity_model m;
  m.counts_ = Eigen::VectorXf::Zero(static_cast<Eigen::Index>(n_items));
  for (const auto& x : unique_positives(data)) m.counts_[x.item] += 1.0f;
  m.train_s_ = seconds_since(t0);
  return m;
}

}  // namespace recs
