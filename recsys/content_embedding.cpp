#include "recsys/content_embedding.hpp"

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>

#include "recsys/text.hpp"
#include "recsys/vocabulary.hpp"

namespace recs {

namespace {

using clock_type = std::chrono::steady_clock;
// The large products run in single precision (twice the SIMD width, half the memory traffic);
// the small Gram matrices and their eigen-decompositions in double.
using real = float;
using sparse_matrix = Eigen::SparseMatrix<real, Eigen::RowMajor>;
// Row-major, so that the sparse products stream whole rows of the dense operand.
using dense_matrix = Eigen::Matrix<real, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

double ms_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

using weighted_features = std::vector<std::pair<std::uint32_t, double>>;

std::string_view runtime_bucket(int minutes) {
  if (minutes <= 0) return {};
  if (minutes <= 15) return "tiny";  // children's shorts, web series
  if (minutes <= 30) return "short";
  if (minutes <= 50) return "medium";
  return "long";
}

/// The show's features with their family weights (before IDF), each feature once.
weighted_features raw_features(const show& s, const content_options& o, vocabulary& vocab) {
  weighted_features f;
  for (const auto& g : s.genres) f.emplace_back(vocab.id("g:", g), o.genre_weight);
  std::vector<std::uint32_t> words;
  for (const auto& t : content_tokens(s.premise)) words.push_back(vocab.id("w:", t));
  std::sort(words.begin(), words.end());
  for (std::size_t i = 0, j = 0; i < words.size(); i = j) {
    while (j < words.size() && words[j] == words[i]) ++j;
    f.emplace_back(words[i], o.word_weight * (1.0 + std::log(double(j - i))));
  }
  if (!s.network.empty()) f.emplace_back(vocab.id("n:", to_lower(s.network)), o.network_weight);
  for (const auto& of : s.offers) f.emplace_back(vocab.id("p:", of.provider), o.provider_weight);
  for (const auto& c : s.countries) f.emplace_back(vocab.id("c:", c), o.country_weight);
  if (s.year > 0) f.emplace_back(vocab.id("era:", std::to_string(s.year / 10 * 10)), o.era_weight);
  if (auto rt = runtime_bucket(s.runtime); !rt.empty()) {
    f.emplace_back(vocab.id("rt:", rt), o.runtime_weight);
  }
  if (s.rating != maturity::unknown) {
    f.emplace_back(vocab.id("cl:", to_string(s.rating)), o.classification_weight);
  }
  // A feature listed twice (a duplicated genre, two offers on one service) counts once.
  std::sort(f.begin(), f.end());
  weighted_features out;
  for (const auto& e : f) {
    if (!out.empty() && out.back().first == e.first) {
      out.back().second = std::max(out.back().second, e.second);
    } else {
      out.push_back(e);
    }
  }
  for (const auto& e : out) vocab.count(e.first);
  return out;
}

/// Rows: shows, L2-normalised TF-IDF. Columns: features shared by at least two shows; a
/// feature of a single show cannot make two shows alike, it only dilutes that show's row.
sparse_matrix tfidf_matrix(const std::vector<show>& shows, const content_options& o,
                           content_build_stats& stats) {
  const std::size_t n = shows.size();
  vocabulary vocab;
  std::vector<weighted_features> raw(n);
  for (std::size_t i = 0; i < n; ++i) raw[i] = raw_features(shows[i], o, vocab);

  constexpr auto dropped = static_cast<std::uint32_t>(-1);
  std::vector<std::uint32_t> column(vocab.size(), dropped);
  std::uint32_t cols = 0;
  for (std::uint32_t k = 0; k < vocab.size(); ++k) {
    if (vocab.df(k) >= 2) column[k] = cols++;
  }
  // Rows are sorted by feature id and `column` is monotonic: the matrix is filled in order.
  std::size_t nnz = 0;
  for (const auto& r : raw) nnz += r.size();
  sparse_matrix a(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(cols));
  a.reserve(static_cast<Eigen::Index>(nnz));
  for (std::size_t i = 0; i < n; ++i) {
    double norm = 0;
    for (auto& [k, w] : raw[i]) {
      w *= std::log((1.0 + double(n)) / (1.0 + double(vocab.df(k)))) + 1.0;
      norm += w * w;
    }
    norm = norm > 0 ? std::sqrt(norm) : 1.0;
    const auto row = static_cast<Eigen::Index>(i);
    a.startVec(row);
    for (const auto& [k, w] : raw[i]) {
      if (column[k] != dropped) a.insertBack(row, column[k]) = static_cast<real>(w / norm);
    }
  }
  a.finalize();
  stats.features = cols;
  stats.nonzeros = static_cast<std::size_t>(a.nonZeros());
  return a;
}

// Energies (squared singular values) below this fraction of the largest are float rounding.
constexpr double relative_floor = 1e-6;

/// A random sign (Rademacher) matrix from a fixed-seed generator: as good a test matrix for
/// the range finder as a Gaussian one, and 64 entries per draw. The stream is fully specified
/// by std::mt19937_64, so the vectors do not depend on the standard library.
dense_matrix random_signs(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  dense_matrix m(rows, cols);
  std::uint64_t bits = 0;
  int left = 0;
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      if (left == 0) {
        bits = gen();
        left = 64;
      }
      m(i, j) = (bits & 1u) != 0 ? real(1) : real(-1);
      bits >>= 1;
      --left;
    }
  }
  return m;
}

/// An orthonormal basis of the columns of y (same shape), from the eigen-decomposition of the
/// small Gram matrix y^T y: a few dense products instead of a Householder QR of the tall y.
/// Directions whose energy is below `relative_floor` of the strongest (rank deficiency, float
/// rounding) become zero columns.
dense_matrix orthonormal(const dense_matrix& y) {
  const Eigen::MatrixXd gram = (y.transpose() * y).cast<double>();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram);
  const double top = eig.eigenvalues().maxCoeff();
  Eigen::MatrixXd m = eig.eigenvectors();
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    const double lambda = eig.eigenvalues()(j);
    m.col(j) *= lambda > top * relative_floor && lambda > 0 ? 1.0 / std::sqrt(lambda) : 0.0;
  }
  return y * m.cast<real>();
}

/// Rank-r document vectors U_r * Sigma_r^p of A by the randomized range finder with power
/// iterations (Halko, Martinsson & Tropp 2011, alg. 4.4 and 5.1). Component signs are fixed so
/// that each column's largest entry is positive.
dense_matrix truncated_svd(const sparse_matrix& a, std::size_t dim, const content_options& o,
                           content_build_stats& stats) {
  const Eigen::Index n = a.rows();
  const Eigen::Index l =
      std::min<Eigen::Index>({static_cast<Eigen::Index>(dim + o.oversample), n, a.cols()});
  if (l == 0) return dense_matrix::Zero(n, 0);

  // A^T stored row-major too: its products then gather rows like A's instead of scattering.
  const sparse_matrix at = a.transpose();
  dense_matrix q = orthonormal(a * random_signs(a.cols(), l, o.seed));
  for (std::size_t it = 0; it < o.power_iterations; ++it) {
    const dense_matrix z = at * q;
    q = orthonormal(a * z);
  }
  q = orthonormal(q);  // a second pass restores orthogonality lost to rounding (CholeskyQR2)
  // B = Q^T A; the eigenvectors of B B^T are B's left singular vectors, its eigenvalues the
  // squared singular values.
  const dense_matrix bt = at * q;
  const Eigen::MatrixXd gram = (bt.transpose() * bt).cast<double>();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram);
  const Eigen::Index r = std::min<Eigen::Index>(static_cast<Eigen::Index>(dim), l);
  Eigen::MatrixXd w(l, r);
  std::size_t rank = 0;
  const double top = std::max(0.0, eig.eigenvalues()(l - 1));
  for (Eigen::Index j = 0; j < r; ++j) {
    const Eigen::Index src = l - 1 - j;  // eigenvalues come in ascending order
    double lambda = eig.eigenvalues()(src);
    if (lambda <= top * relative_floor) lambda = 0;  // rounding noise, not signal
    w.col(j) = eig.eigenvectors().col(src) * std::pow(lambda, 0.5 * o.sigma_power);
    if (lambda > 0) ++rank;
  }
  dense_matrix x = q * w.cast<real>();
  for (Eigen::Index j = 0; j < r; ++j) {
    Eigen::Index largest = 0;
    x.col(j).cwiseAbs().maxCoeff(&largest);
    if (x(largest, j) < 0) x.col(j) = -x.col(j);
  }
  stats.rank = rank;
  return x;
}

}  // namespace

std::shared_ptr<const content_model> content_model::build(const catalog_snapshot& catalog,
                                                          const content_options& opts) {
  return build(catalog.shows(), opts);
}

std::shared_ptr<const content_model> content_model::build(const std::vector<show>& shows,
                                                          const content_options& opts) {
  try {
    return build_model(shows, opts);
  } catch (const std::exception&) {
    return nullptr;  // out of memory (Eigen and the containers report it by std::bad_alloc)
  }
}

std::shared_ptr<const content_model> content_model::build_model(const std::vector<show>& shows,
                                                                const content_options& opts) {
  std::shared_ptr<content_model> m(new content_model());
  m->size_ = shows.size();
  m->dim_ = std::max<std::size_t>(opts.dim, 1);
  auto& st = m->stats_;

  auto t0 = clock_type::now();
  const sparse_matrix a = tfidf_matrix(shows, opts, st);
  st.features_ms = ms_since(t0);

  t0 = clock_type::now();
  const dense_matrix x = truncated_svd(a, m->dim_, opts, st);
  m->vectors_.assign(m->size_ * m->dim_, 0.0f);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const double norm = x.row(i).cast<double>().norm();
    if (norm <= 0) continue;  // no shared feature: stays the zero vector
    float* v = m->vectors_.data() + static_cast<std::size_t>(i) * m->dim_;
    for (Eigen::Index j = 0; j < x.cols(); ++j) v[j] = static_cast<float>(double(x(i, j)) / norm);
  }
  st.svd_ms = ms_since(t0);
  st.vector_bytes = m->vectors_.size() * sizeof(float);
  // The mean vector: mean_i(v_i . q) == mean . q, so callers get the catalog-mean similarity
  // to any query in O(dim).
  m->mean_.assign(m->dim_, 0.0f);
  for (std::size_t i = 0; i < m->size_; ++i)
    for (std::size_t d = 0; d < m->dim_; ++d) m->mean_[d] += m->vectors_[i * m->dim_ + d];
  if (m->size_ > 0)
    for (auto& x : m->mean_) x /= static_cast<float>(m->size_);

  if (opts.build_index && m->size_ > 0) {
    t0 = clock_type::now();
    auto idx = ann_index::build(m->vectors_.data(), m->size_, m->dim_, opts.ann);
    // Without an index every query falls back to an exact scan: slower, never wrong.
    if (idx) m->index_ = std::move(*idx);
    st.index_ms = ms_since(t0);
    st.index_bytes = m->index_ ? m->index_->memory_bytes() : 0;
  }
  return m;
}

float content_model::similarity(std::uint32_t a, std::uint32_t b) const noexcept {
  if (a >= size_ || b >= size_) return 0.0f;
  const float* va = vector(a);
  const float* vb = vector(b);
  float s = 0;
  for (std::size_t j = 0; j < dim_; ++j) s += va[j] * vb[j];
  return s;
}

std::vector<scored_item> content_model::similar(std::uint32_t show_index, std::size_t k) const {
  if (show_index >= size_ || k == 0) return {};
  const auto not_self = [show_index](std::uint32_t i) { return i != show_index; };
  return nearest(vector(show_index), k, not_self);
}

std::vector<scored_item> content_model::nearest(const float* query, std::size_t k,
                                                const item_filter& allow) const {
  if (index_) return index_->search(query, k, allow);
  return exact_search(vectors_.data(), size_, dim_, query, k, allow);
}

std::vector<float> content_model::centroid(
    const std::vector<std::pair<std::uint32_t, float>>& items) const {
  std::vector<double> sum(dim_, 0.0);
  bool any = false;
  for (const auto& [i, w] : items) {
    if (i >= size_ || w == 0.0f) continue;
    const float* v = vector(i);
    for (std::size_t j = 0; j < dim_; ++j) sum[j] += double(w) * double(v[j]);
    any = true;
  }
  double norm = 0;
  for (double s : sum) norm += s * s;
  norm = std::sqrt(norm);
  if (!any || norm < 1e-6) return {};
  std::vector<float> out(dim_);
  for (std::size_t j = 0; j < dim_; ++j) out[j] = static_cast<float>(sum[j] / norm);
  return out;
}

}  // namespace recs
