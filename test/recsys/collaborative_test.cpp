#define BOOST_TEST_MODULE recsys_collaborative
#include <boost/test/unit_test.hpp>

#include <Eigen/Dense>
#include <cmath>
#include <random>

#include "recsys/blend.hpp"
#include "recsys/collaborative.hpp"
#include "recsys/eval_metrics.hpp"

using namespace recs;

namespace {

constexpr std::uint32_t kA = 0, kB = 1;
constexpr std::size_t kItems = 8, kUsers = 60;

// A world where items A and B are always consumed together (by 20 users) and the other items
// are consumed at random; item 2 is the most popular of those.
std::vector<interaction> world() {
  std::vector<interaction> v;
  std::mt19937 rng(5);
  std::bernoulli_distribution coin(0.3);
  for (std::uint32_t u = 0; u < kUsers; ++u) {
    if (u < 20) {
      v.push_back({u, kA, 1.0f});
      v.push_back({u, kB, 1.0f});
    }
    if (u % 2 == 0) v.push_back({u, 2, 1.0f});
    for (std::uint32_t i = 3; i < kItems; ++i) {
      if (coin(rng)) v.push_back({u, i, 1.0f});
    }
  }
  return v;
}

collaborative_options ease(double lambda) {
  collaborative_options o;
  o.lambda = lambda;
  o.dropout = 0.0;
  o.zero_diagonal = true;
  o.low_rank = 0;
  return o;
}

// The default model (DLAE + low-pass) with a ridge that suits this small world.
collaborative_options dlae() {
  collaborative_options o;
  o.lambda = 5.0;
  return o;
}

Eigen::MatrixXd gram(const std::vector<interaction>& v) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(kUsers, kItems);
  for (const auto& r : v) {
    if (r.value > 0) x(r.user, r.item) = r.value;
  }
  return x.transpose() * x;
}

std::uint32_t best_unseen(const Eigen::VectorXf& s, std::uint32_t seen) {
  return top_k_items(s, 1, {seen}).at(0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(ease_has_a_zero_diagonal_and_matches_the_per_column_ridge_regression) {
  const auto data = world();
  // 3.0 is inverted in single precision, 0.01 (an ill-conditioned ridge) in double.
  for (const double lambda : {3.0, 0.01}) {
    auto m = collaborative_model::train(data, kUsers, kItems, ease(lambda));
    BOOST_REQUIRE(m.ok());
    const auto& w = m->weights();
    BOOST_TEST(w.rows() == static_cast<Eigen::Index>(kItems));
    for (Eigen::Index j = 0; j < w.rows(); ++j) BOOST_TEST(w(j, j) == 0.0f);
    // EASE column j = ridge regression of item j on the other items: (G_-j + lambda I)^-1 g_-j.
    const Eigen::MatrixXd g = gram(data);
    for (Eigen::Index j = 0; j < static_cast<Eigen::Index>(kItems); ++j) {
      std::vector<Eigen::Index> others;
      for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(kItems); ++i) {
        if (i != j) others.push_back(i);
      }
      const auto n = static_cast<Eigen::Index>(others.size());
      Eigen::MatrixXd a(n, n);
      Eigen::VectorXd rhs(n);
      for (Eigen::Index r = 0; r < n; ++r) {
        rhs[r] = g(others[r], j);
        for (Eigen::Index c = 0; c < n; ++c) a(r, c) = g(others[r], others[c]);
      }
      a.diagonal().array() += lambda;
      const Eigen::VectorXd beta = a.ldlt().solve(rhs);
      for (Eigen::Index r = 0; r < n; ++r) {
        BOOST_TEST(std::abs(w(others[r], j) - beta[r]) < 1e-5,
                   "B(" << others[r] << "," << j << ")");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(dlae_matches_its_closed_form_off_the_diagonal) {
  const auto data = world();
  collaborative_options o;
  o.lambda = 2.0;
  o.dropout = 0.5;
  o.low_rank = 0;
  auto m = collaborative_model::train(data, kUsers, kItems, o);
  BOOST_REQUIRE(m.ok());
  const Eigen::MatrixXd g = gram(data);
  Eigen::MatrixXd a = g;
  a.diagonal().array() += 2.0 + 1.0 * g.diagonal().array();  // p / (1 - p) = 1
  const Eigen::MatrixXd b = a.ldlt().solve(g);
  for (Eigen::Index i = 0; i < b.rows(); ++i) {
    for (Eigen::Index j = 0; j < b.cols(); ++j) {
      const double expected = i == j ? 0.0 : b(i, j);
      BOOST_TEST(std::abs(m->weights()(i, j) - expected) < 1e-5, "B(" << i << "," << j << ")");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_user_who_consumed_a_gets_b_first) {
  for (const auto& o : {ease(1.0), dlae()}) {
    auto m = collaborative_model::train(world(), kUsers, kItems, o);
    BOOST_REQUIRE(m.ok());
    for (Eigen::Index j = 0; j < static_cast<Eigen::Index>(kItems); ++j) {
      BOOST_TEST(m->weights()(j, j) == 0.0f);
    }
    BOOST_TEST(best_unseen(m->score({{kA, 1.0f}}), kA) == kB);
    BOOST_TEST(best_unseen(m->score({{kB, 1.0f}}), kB) == kA);
  }
}

BOOST_AUTO_TEST_CASE(bad_ratings_do_not_lift_similar_items) {
  auto m = collaborative_model::train(world(), kUsers, kItems, dlae());
  BOOST_REQUIRE(m.ok());
  // Rated A bad: B (A's twin) is pushed below where an empty history puts it (0).
  const auto bad = m->score({{kA, verdict_value(verdict::bad)}});
  BOOST_TEST(bad[kB] < 0.0f);
  BOOST_TEST(best_unseen(bad, kA) != kB);
  // A good rating of item 3 plus a bad A: B scores lower than with the good rating alone.
  const auto good = m->score({{3, 1.0f}});
  const auto mixed = m->score({{3, 1.0f}, {kA, -1.0f}});
  BOOST_TEST(mixed[kB] < good[kB]);
  // negative_weight 0: a bad rating is inert at scoring time.
  collaborative_options inert = dlae();
  inert.negative_weight = 0.0;
  auto m0 = collaborative_model::train(world(), kUsers, kItems, inert);
  BOOST_REQUIRE(m0.ok());
  BOOST_TEST(m0->score({{kA, -1.0f}}).isZero());
}

BOOST_AUTO_TEST_CASE(bad_ratings_never_enter_the_gram_matrix) {
  auto data = world();
  auto with_bad = data;
  // Users 20..39 rated A bad next to their other shows: no co-consumption must be learned.
  for (std::uint32_t u = 20; u < 40; ++u) with_bad.push_back({u, kA, -1.0f});
  with_bad.push_back({50, 2, 0.0f});  // value 0 is ignored too
  const auto a = collaborative_model::train(data, kUsers, kItems, dlae());
  const auto b = collaborative_model::train(with_bad, kUsers, kItems, dlae());
  BOOST_REQUIRE(a.ok());
  BOOST_REQUIRE(b.ok());
  BOOST_TEST((a->weights() - b->weights()).cwiseAbs().maxCoeff() < 1e-6f);
}

BOOST_AUTO_TEST_CASE(duplicates_count_once_with_the_largest_value) {
  auto data = world();
  auto dup = data;
  dup.push_back({0, kA, 0.5f});  // smaller than the existing 1.0: ignored
  const auto a = collaborative_model::train(data, kUsers, kItems, ease(2.0));
  const auto b = collaborative_model::train(dup, kUsers, kItems, ease(2.0));
  BOOST_REQUIRE(a.ok());
  BOOST_REQUIRE(b.ok());
  BOOST_TEST((a->weights() - b->weights()).cwiseAbs().maxCoeff() < 1e-6f);
}

BOOST_AUTO_TEST_CASE(low_rank_term_is_deterministic_and_changes_the_weights) {
  collaborative_options o = dlae();
  o.low_rank = 3;
  o.low_rank_weight = 0.5;
  const auto a = collaborative_model::train(world(), kUsers, kItems, o);
  const auto b = collaborative_model::train(world(), kUsers, kItems, o);
  o.low_rank_weight = 0.0;
  const auto c = collaborative_model::train(world(), kUsers, kItems, o);
  BOOST_REQUIRE(a.ok() && b.ok() && c.ok());
  BOOST_TEST((a->weights() == b->weights()));
  BOOST_TEST((a->weights() - c->weights()).cwiseAbs().maxCoeff() > 1e-3f);
  for (Eigen::Index j = 0; j < static_cast<Eigen::Index>(kItems); ++j) {
    BOOST_TEST(a->weights()(j, j) == 0.0f);
  }
}

BOOST_AUTO_TEST_CASE(one_or_two_threads_give_the_same_weights) {
  collaborative_options o = dlae();
  o.threads = 1;
  const auto a = collaborative_model::train(world(), kUsers, kItems, o);
  o.threads = 2;
  const auto b = collaborative_model::train(world(), kUsers, kItems, o);
  BOOST_REQUIRE(a.ok() && b.ok());
  BOOST_TEST((a->weights() - b->weights()).cwiseAbs().maxCoeff() < 1e-6f);
}

BOOST_AUTO_TEST_CASE(invalid_input_is_an_error_value) {
  const auto data = world();
  BOOST_TEST(!collaborative_model::train(data, kUsers, 0, {}).ok());
  BOOST_TEST(
      (collaborative_model::train(data, kUsers, 2, {}).err().code == errc::invalid_argument));
  BOOST_TEST(!collaborative_model::train(data, 10, kItems, {}).ok());  // user index too large
  collaborative_options o;
  o.lambda = 0.0;
  BOOST_TEST(!collaborative_model::train(data, kUsers, kItems, o).ok());
  o = {};
  o.dropout = 1.0;
  BOOST_TEST(!collaborative_model::train(data, kUsers, kItems, o).ok());
  o = {};
  o.low_rank_weight = -1.0;
  BOOST_TEST(!collaborative_model::train(data, kUsers, kItems, o).ok());
}

BOOST_AUTO_TEST_CASE(scoring_edge_cases) {
  const collaborative_model empty;
  BOOST_TEST(empty.items() == 0u);
  BOOST_TEST(empty.score({{0, 1.0f}}).size() == 0);
  auto m = collaborative_model::train(world(), kUsers, kItems, {});
  BOOST_REQUIRE(m.ok());
  BOOST_TEST(m->items() == kItems);
  BOOST_TEST(m->train_seconds() >= 0.0);
  BOOST_TEST(m->score({}).isZero());
  BOOST_TEST(m->score({{99, 1.0f}}).isZero());  // unknown item ignored
  BOOST_TEST(m->score({{kA, 2.0f}}).isApprox(2.0f * m->score({{kA, 1.0f}})));
}

BOOST_AUTO_TEST_CASE(popularity_counts_positive_users_per_item) {
  auto data = world();
  data.push_back({0, kA, 1.0f});    // duplicate: once
  data.push_back({30, kA, -1.0f});  // bad: not a positive
  auto p = popularity_model::train(data, kItems);
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p->score()[kA] == 20.0f);
  BOOST_TEST(p->score()[2] == 30.0f);
  BOOST_TEST(!popularity_model::train(data, 2).ok());
}

BOOST_AUTO_TEST_CASE(verdicts_map_to_signed_values) {
  BOOST_TEST(verdict_value(verdict::loved) > verdict_value(verdict::good));
  BOOST_TEST(verdict_value(verdict::good) > 0.0f);
  BOOST_TEST(verdict_value(verdict::bad) < 0.0f);
}

BOOST_AUTO_TEST_CASE(content_affinity_is_the_cosine_to_the_history_centroid) {
  Eigen::MatrixXf f(4, 2);
  f << 1, 0,  //
      0, 2,   //
      1, 1,   //
      0, 0;   // no features
  const auto a = content_affinity(f, {{0, 1.0f}});
  BOOST_TEST(a[0] == 1.0f, boost::test_tools::tolerance(1e-6f));
  BOOST_TEST(a[1] == 0.0f, boost::test_tools::tolerance(1e-6f));
  BOOST_TEST(a[2] == std::sqrt(0.5f), boost::test_tools::tolerance(1e-6f));
  BOOST_TEST(a[3] == 0.0f);
  const auto neg = content_affinity(f, {{0, -1.0f}});
  BOOST_TEST(neg[0] == -1.0f, boost::test_tools::tolerance(1e-6f));
  BOOST_TEST(content_affinity(f, {}).isZero());
  BOOST_TEST(content_affinity(f, {{0, 1.0f}, {0, -1.0f}}).isZero());
}

BOOST_AUTO_TEST_CASE(blend_scales_cf_and_adds_beta_times_content) {
  Eigen::VectorXf cf(3), content(3);
  cf << 2.0f, -4.0f, 1.0f;
  content << 0.0f, 1.0f, 0.5f;
  const auto h = blend_scores(cf, content, 0.5f);
  BOOST_TEST(h[0] == 0.5f);
  BOOST_TEST(h[1] == -0.5f);
  BOOST_TEST(h[2] == 0.5f);
  // A profile without collaborative signal ranks by content alone.
  BOOST_TEST(blend_scores(Eigen::VectorXf::Zero(3), content, 0.5f).isApprox(0.5f * content));
  BOOST_TEST((blend_scores(cf, Eigen::VectorXf::Zero(2), 1.0f) == cf));
}
