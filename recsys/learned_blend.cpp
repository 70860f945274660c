#include "recsys/learned_blend.hpp"

#include <cstdio>

#include "recsys/logistic.hpp"

namespace recs {

const std::array<const char*, kBlendTerms>& blend_term_names() noexcept {
  static const std::array<const char*, kBlendTerms> names{
      "similar_loved", "similar_good", "similar_bad",   "tags",   "quality",
      "popularity",    "availability", "collaborative", "novelty"};
  return names;
}

std::array<double, kBlendTerms> blend_terms(const score_components& c) noexcept {
  return {c.similar_loved, c.similar_good, c.similar_bad,   c.tags,   c.quality,
          c.popularity,    c.availability, c.collaborative, c.novelty};
}

void learned_blend::apply(score_components& c) const noexcept {
  double* terms[kBlendTerms] = {&c.similar_loved, &c.similar_good,  &c.similar_bad,
                                &c.tags,          &c.quality,       &c.popularity,
                                &c.availability,  &c.collaborative, &c.novelty};
  for (std::size_t k = 0; k < kBlendTerms; ++k) *terms[k] *= scale[k];
}

double learned_blend::fit(double raw) const noexcept {
  return sigmoid(slope * raw + intercept);
}

std::string learned_blend::summary() const {
  if (examples == 0) return "fit: hand-set prior (" + (note.empty() ? "not trained" : note) + ")";
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "fit: learned from %zu examples (%zu positive); held-out log loss %.3f -> %.3f, "
                "ECE %.3f -> %.3f",
                examples, positives, prior_log_loss, learned_log_loss, prior_ece, learned_ece);
  std::string out = buf;
  if (!note.empty()) out += "; " + note;
  return out;
}

}  // namespace recs
