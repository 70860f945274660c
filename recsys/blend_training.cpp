#include "recsys/blend_training.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "recsys/jitter.hpp"
#include "recsys/logistic.hpp"
#include "recsys/profile_scorer.hpp"

namespace recs {

namespace {

std::uint64_t rating_hash(const rating& r, std::uint64_t seed, const char* salt) {
  return stable_hash(std::to_string(r.profile_id) + '/' + r.show_id + '/' + salt) ^ seed;
}

int fold_of(const rating& r, std::uint64_t seed) {
  return static_cast<int>(rating_hash(r, seed, "fold") >> 7 & 1U);
}

}  // namespace

blend_examples make_blend_examples(const catalog_snapshot& cat, const content_model_ptr& content,
                                   const std::vector<rating>& ratings,
                                   const blend_training_options& opt) {
  blend_examples out;
  if (!content || content->size() != cat.size() || cat.size() < 2) return out;

  // Held-out candidates: ratings of catalog shows, a deterministic sample when there are many.
  std::vector<const rating*> held;
  for (const auto& r : ratings)
    if (cat.find(r.show_id)) held.push_back(&r);
  std::sort(held.begin(), held.end(), [&](const rating* a, const rating* b) {
    return rating_hash(*a, opt.seed, "pick") < rating_hash(*b, opt.seed, "pick");
  });
  if (held.size() > opt.max_ratings) held.resize(opt.max_ratings);

  std::unordered_map<std::int64_t, std::vector<const rating*>> by_profile;
  for (const auto& r : ratings) by_profile[r.profile_id].push_back(&r);

  cf_ptr fold_cf[2];
  for (int f = 0; f < 2; ++f) {
    std::vector<rating> rest;
    for (const auto& r : ratings)
      if (fold_of(r, opt.seed) != f) rest.push_back(r);
    auto model = cf_snapshot::train(cat, rest, opt.cf);
    if (model) fold_cf[f] = *model;
  }

  // Negatives are drawn in proportion to popularity (plus a floor), like the shows a profile
  // could have picked instead.
  std::vector<double> cumulative(cat.size());
  double total = 0;
  for (std::uint32_t i = 0; i < cat.size(); ++i) cumulative[i] = total += 0.05 + cat.popularity(i);
  std::vector<std::array<double, kBlendTerms>> rows;
  std::vector<double> labels;
  for (const rating* r : held) {
    const int f = fold_of(*r, opt.seed);
    profile_state state;  // the taste without the held-out rating; no tags, services or cap
    state.who.id = r->profile_id;
    for (const rating* other : by_profile[r->profile_id])
      if (other != r) state.ratings.push_back(*other);
    scoring_models models{fold_cf[f], content, cat.version(), nullptr};
    const profile_scorer scorer(cat, state, intent::standard, opt.weights, models);
    auto add = [&](std::uint32_t i, double label) {
      rows.push_back(blend_terms(scorer.components(i, scorer.similarity(i), false, 0.0, 0)));
      labels.push_back(label);
      out.fold.push_back(f);
    };
    add(*cat.find(r->show_id), r->primary == verdict::bad ? 0.0 : 1.0);
    // A random show the profile has not rated, as the implicit negative.
    std::uint64_t h = rating_hash(*r, opt.seed, "negative");
    for (int tries = 0; tries < 16;
         ++tries, h = h * 6364136223846793005ULL + 1442695040888963407ULL) {
      const double u = static_cast<double>(h >> 11) / 9007199254740992.0;  // [0, 1)
      const auto j = static_cast<std::uint32_t>(
          std::upper_bound(cumulative.begin(), cumulative.end(), u * cumulative.back()) -
          cumulative.begin());
      if (j >= cat.size()) continue;
      if (scorer.profile_taste().rated.count(cat.at(j).id) != 0) continue;
      add(j, 0.0);
      break;
    }
  }
  out.x.resize(static_cast<Eigen::Index>(rows.size()), kBlendTerms);
  out.y.resize(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t k = 0; k < kBlendTerms; ++k)
      out.x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = rows[i][k];
    out.y[static_cast<Eigen::Index>(i)] = labels[i];
  }
  return out;
}

namespace {

constexpr Eigen::Index kCols = kBlendTerms + 1;  // the terms, then the intercept

Eigen::MatrixXd design(const Eigen::MatrixXd& x) {
  Eigen::MatrixXd d(x.rows(), kCols);
  d.leftCols(kBlendTerms) = x;
  d.col(kBlendTerms).setOnes();
  return d;
}

logistic_prior prior_of(const learned_blend& p, const blend_training_options& opt) {
  logistic_prior prior;
  prior.mean = Eigen::VectorXd::Constant(kCols, p.slope);
  prior.mean[kBlendTerms] = p.intercept;
  prior.precision = Eigen::VectorXd::Constant(kCols, opt.term_precision);
  prior.precision[kBlendTerms] = opt.intercept_precision;
  return prior;
}

Eigen::MatrixXd rows_of(const Eigen::MatrixXd& m, const std::vector<Eigen::Index>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), m.cols());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.row(static_cast<Eigen::Index>(i)) = m.row(rows[i]);
  return out;
}

Eigen::VectorXd probabilities(const Eigen::MatrixXd& d, const Eigen::VectorXd& beta) {
  Eigen::VectorXd z = d * beta;
  for (Eigen::Index i = 0; i < z.size(); ++i) z[i] = sigmoid(z[i]);
  return z;
}

}  // namespace

learned_blend fit_blend(const blend_examples& ex, const blend_training_options& opt) {
  learned_blend out;  // the prior
  const Eigen::Index n = ex.x.rows();
  const double positives = ex.y.sum();
  if (n < static_cast<Eigen::Index>(opt.min_examples)) {
    out.note =
        std::to_string(n) + " held-out examples, " + std::to_string(opt.min_examples) + " needed";
    return out;
  }
  if (positives < 1 || positives > static_cast<double>(n) - 1) {
    out.note = "held-out examples of one class only";
    return out;
  }
  const logistic_prior prior = prior_of(out, opt);
  const Eigen::MatrixXd d = design(ex.x);

  // Two-fold held-out measurement: each fold's fit judged on the other fold.
  Eigen::VectorXd p_prior(n), p_learned(n);
  std::vector<Eigen::Index> rows[2];
  for (Eigen::Index i = 0; i < n; ++i) rows[ex.fold[static_cast<std::size_t>(i)] & 1].push_back(i);
  for (int f = 0; f < 2; ++f) {
    const auto& train = rows[1 - f];
    const auto& test = rows[f];
    if (test.empty()) continue;
    Eigen::VectorXd beta = prior.mean;
    if (!train.empty()) {
      Eigen::VectorXd y(static_cast<Eigen::Index>(train.size()));
      for (std::size_t i = 0; i < train.size(); ++i)
        y[static_cast<Eigen::Index>(i)] = ex.y[train[i]];
      auto fitted = fit_logistic(rows_of(d, train), y, prior);
      if (fitted) beta = *fitted;
    }
    const Eigen::MatrixXd dt = rows_of(d, test);
    const Eigen::VectorXd pl = probabilities(dt, beta), pp = probabilities(dt, prior.mean);
    for (std::size_t i = 0; i < test.size(); ++i) {
      p_learned[test[i]] = pl[static_cast<Eigen::Index>(i)];
      p_prior[test[i]] = pp[static_cast<Eigen::Index>(i)];
    }
  }
  out.examples = static_cast<std::size_t>(n);
  out.positives = static_cast<std::size_t>(positives);
  out.prior_log_loss = log_loss(p_prior, ex.y);
  out.learned_log_loss = log_loss(p_learned, ex.y);
  out.prior_ece = calibration_error(p_prior, ex.y);
  out.learned_ece = calibration_error(p_learned, ex.y);

  auto beta = fit_logistic(d, ex.y, prior);
  if (!beta) {
    out.examples = 0;
    out.note = beta.err().message;
    return out;
  }
  for (std::size_t k = 0; k < kBlendTerms; ++k)
    out.scale[k] =
        std::clamp((*beta)[static_cast<Eigen::Index>(k)] / out.slope, 0.0, opt.max_scale);
  out.intercept = (*beta)[kBlendTerms];
  return out;
}

learned_blend train_blend(const catalog_snapshot& catalog, const content_model_ptr& content,
                          const std::vector<rating>& ratings, const blend_training_options& opt) {
  if (!content) {
    learned_blend prior;
    prior.note = "no content model yet";
    return prior;
  }
  return fit_blend(make_blend_examples(catalog, content, ratings, opt), opt);
}

}  // namespace recs
