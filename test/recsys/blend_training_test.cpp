#define BOOST_TEST_MODULE recsys_blend_training
#include <boost/test/included/unit_test.hpp>

#include <random>

#include "fixtures.hpp"
#include "recsys/blend_training.hpp"
#include "recsys/content_scorer.hpp"
#include "recsys/logistic.hpp"
#include "worlds.hpp"

using namespace recs;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_CASE(logistic_recovers_known_coefficients) {
  std::mt19937 rng(3);
  std::normal_distribution<double> g(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const Eigen::Index n = 20000;
  Eigen::MatrixXd x(n, 3);
  Eigen::VectorXd y(n);
  const Eigen::Vector3d truth(2.0, -1.0, 0.5);  // the last column is the intercept
  for (Eigen::Index i = 0; i < n; ++i) {
    x(i, 0) = g(rng);
    x(i, 1) = g(rng);
    x(i, 2) = 1.0;
    y[i] = u(rng) < sigmoid(x.row(i).dot(truth)) ? 1.0 : 0.0;
  }
  logistic_prior weak{Eigen::Vector3d::Zero(), Eigen::Vector3d::Constant(1e-6)};
  auto beta = fit_logistic(x, y, weak);
  BOOST_REQUIRE(beta.ok());
  for (int k = 0; k < 3; ++k) BOOST_TEST((*beta)[k] == truth[k], tt::tolerance(0.08));
}

BOOST_AUTO_TEST_CASE(logistic_without_data_is_the_prior_and_rejects_bad_shapes) {
  logistic_prior prior{Eigen::Vector2d(6.0, -2.7), Eigen::Vector2d::Constant(1.0)};
  auto beta = fit_logistic(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0), prior);
  BOOST_REQUIRE(beta.ok());
  BOOST_TEST((*beta)[0] == 6.0, tt::tolerance(1e-12));
  BOOST_TEST((*beta)[1] == -2.7, tt::tolerance(1e-12));
  BOOST_TEST(!fit_logistic(Eigen::MatrixXd(3, 2), Eigen::VectorXd(2), prior).ok());
  logistic_prior flat{Eigen::Vector2d::Zero(), Eigen::Vector2d::Zero()};
  BOOST_TEST(!fit_logistic(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0), flat).ok());
}

BOOST_AUTO_TEST_CASE(calibration_error_and_log_loss_on_known_values) {
  Eigen::VectorXd p(4), y(4);
  p << 0.9, 0.9, 0.1, 0.1;
  y << 1, 1, 0, 0;
  BOOST_TEST(calibration_error(p, y) == 0.1, tt::tolerance(1e-12));
  y << 1, 0, 0, 1;  // 0.9 bin observed 0.5, 0.1 bin observed 0.5
  BOOST_TEST(calibration_error(p, y) == 0.4, tt::tolerance(1e-12));
  BOOST_TEST(log_loss(p, y) > log_loss(Eigen::VectorXd::Constant(4, 0.5), y));
}

BOOST_AUTO_TEST_CASE(too_few_examples_keep_the_prior_and_say_why) {
  auto cat = test::small_snapshot();
  auto content = content_model::build(*cat);
  BOOST_REQUIRE(content != nullptr);
  std::vector<rating> few = {test::rate("tt2802850", verdict::loved),
                             test::rate("tt0386676", verdict::bad)};
  const learned_blend b = train_blend(*cat, content, few, {});
  BOOST_TEST(b.examples == 0u);
  BOOST_TEST(b.note.find("needed") != std::string::npos);
  BOOST_TEST(b.scale[0] == 1.0);
  BOOST_TEST(train_blend(*cat, nullptr, few, {}).note == "no content model yet");
}

BOOST_AUTO_TEST_CASE(examples_hold_out_each_rating_with_a_random_negative) {
  auto cat = test::worlds_catalog();
  auto content = content_model::build(*cat);
  BOOST_REQUIRE(content != nullptr);
  const auto ratings = test::worlds_ratings();
  const blend_examples ex = make_blend_examples(*cat, content, ratings, {});
  BOOST_TEST(ex.x.rows() == static_cast<Eigen::Index>(2 * ratings.size()));
  BOOST_TEST(ex.x.cols() == static_cast<Eigen::Index>(kBlendTerms));
  std::size_t bad = 0;
  for (const auto& r : ratings) bad += r.primary == verdict::bad ? 1 : 0;
  BOOST_TEST(ex.y.sum() == static_cast<double>(ratings.size() - bad));
  int folds[2] = {0, 0};
  for (int f : ex.fold) ++folds[f];
  BOOST_TEST(folds[0] > 100);
  BOOST_TEST(folds[1] > 100);
  // Deterministic.
  const blend_examples again = make_blend_examples(*cat, content, ratings, {});
  BOOST_TEST(ex.x.isApprox(again.x));
}

BOOST_AUTO_TEST_CASE(learned_blend_beats_the_prior_on_held_out_ratings) {
  auto cat = test::worlds_catalog();
  auto content = content_model::build(*cat);
  BOOST_REQUIRE(content != nullptr);
  const learned_blend b = train_blend(*cat, content, test::worlds_ratings(), {});
  BOOST_TEST_MESSAGE(b.summary());
  BOOST_REQUIRE(b.examples > 0u);
  BOOST_TEST(b.learned_log_loss < b.prior_log_loss);
  BOOST_TEST(b.learned_ece < 0.1);
  // Similarity to the loved shows is what predicts here: it keeps a real weight, and the
  // learned fit of a held-out liked show is well above that of a random one.
  BOOST_TEST(b.scale[0] > 0.2);
  for (double s : b.scale) BOOST_TEST((s >= 0.0 && s <= 4.0));
  const blend_examples ex = make_blend_examples(*cat, content, test::worlds_ratings(), {});
  double fit_pos = 0, fit_neg = 0, n_pos = 0, n_neg = 0;
  for (Eigen::Index i = 0; i < ex.x.rows(); ++i) {
    double raw = 0;
    for (std::size_t k = 0; k < kBlendTerms; ++k)
      raw += b.scale[k] * ex.x(i, static_cast<Eigen::Index>(k));
    (ex.y[i] > 0.5 ? fit_pos : fit_neg) += b.fit(raw);
    (ex.y[i] > 0.5 ? n_pos : n_neg) += 1;
  }
  BOOST_TEST(fit_pos / n_pos > 0.7);
  BOOST_TEST(fit_neg / n_neg < 0.3);
}

BOOST_AUTO_TEST_CASE(the_scorer_applies_the_blend_to_components_and_fit) {
  auto cat = test::small_snapshot();
  auto st = test::adult({test::rate("tt2802850", verdict::loved)});
  const slate plain = score_content(cat, st, {});
  auto blend = std::make_shared<learned_blend>();
  blend->scale[0] = 2.0;  // similar_loved
  blend->intercept = -1.0;
  scoring_models m;
  m.blend = blend;
  const slate scaled = score_content(cat, st, {}, {}, m);
  BOOST_REQUIRE(!scaled.items.empty());
  for (const auto& item : scaled.items) {
    BOOST_TEST(item.fit == blend->fit(item.raw), tt::tolerance(1e-12));
    for (const auto& p : plain.items) {
      if (p.index != item.index) continue;
      BOOST_TEST(item.components.similar_loved == 2.0 * p.components.similar_loved,
                 tt::tolerance(1e-9));
      BOOST_TEST(item.components.quality == p.components.quality, tt::tolerance(1e-12));
    }
  }
}
