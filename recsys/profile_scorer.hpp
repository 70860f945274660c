#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/intent.hpp"
#include "recsys/profile.hpp"
#include "recsys/scoring_models.hpp"
#include "recsys/slate.hpp"

namespace recs {

/// A profile's ratings by verdict and its quieter feedback (as catalog indices), the shows it
/// rated, the shows kept out of its slates, its watchlist and its tags.
struct taste {
  std::vector<std::uint32_t> loved, good, bad;
  std::vector<std::uint32_t> seen;            ///< marked "seen it" without a verdict (unrated)
  std::vector<std::uint32_t> not_interested;  ///< marked "not interested" (unrated)
  std::unordered_set<std::string> rated;
  /// Rated, seen, not interested, or "not tonight" until later than `now`.
  std::unordered_set<std::string> hidden;
  /// Not interested, or not tonight while it holds: a Family Mix leaves these out.
  std::unordered_set<std::string> declined;
  std::unordered_set<std::string> watchlist;  ///< on the profile's own watchlist
  std::vector<std::string> liked_tags, disliked_tags;
};

/// The profile's taste at unix time `now` (0: every "not tonight" still holds).
taste gather_taste(const catalog_snapshot& catalog, const profile_state& state,
                   std::int64_t now = 0);

/// The profile's usual genres: the (at most 3) most frequent genres of the shows it loved
/// (counted twice) or rated good, each seen at least twice.
std::vector<std::string> usual_genres(const catalog_snapshot& catalog, const profile_state& state);

/// One profile's scoring context on one catalog: its taste centroids (dense embeddings when
/// built for this catalog, sparse TF-IDF otherwise), collaborative scores, services and intent.
/// Judges and scores single shows; score_content ranks with it and train_blend learns from it.
/// Keeps references to its arguments, which must outlive it. Pure.
class profile_scorer {
 public:
  /// `now`: unix seconds, for "not tonight" (see gather_taste).
  profile_scorer(const catalog_snapshot& catalog, const profile_state& state, intent mood,
                 const content_weights& w, const scoring_models& models, std::int64_t now = 0);

  /// Why a show may be in the slate: availability on the household's services and the intent.
  struct judgement {
    bool on_mine = false;
    intent_match mood;
  };
  /// Nullopt when the show is above the maturity cap (or unclassified under a cap), hidden
  /// (rated, seen, not interested, not tonight), off the household's services when
  /// `only_mine`, or outside the intent.
  std::optional<judgement> judge(std::uint32_t i, bool only_mine) const;

  /// Raw similarities of a show to the loved, good, bad, seen and not-interested centroids (0
  /// for an empty one).
  struct similarities {
    double loved = 0, good = 0, bad = 0, seen = 0, not_interested = 0;

    similarities& operator+=(const similarities& o) noexcept;
    /// Each divided by `n` (> 0): a sum's mean.
    similarities mean_of(double n) const noexcept;
  };
  similarities similarity(std::uint32_t i) const;

  /// True when the catalog-mean similarities are known exactly (dense embeddings: by
  /// linearity, mean_i(v_i . c) = mean(v) . c); otherwise the caller sets them with centre().
  bool exact_means() const noexcept { return dense_ != nullptr; }
  void centre(const similarities& means) noexcept { means_ = means; }
  /// Centres on the mean over the whole catalog when the means are not exact (one O(catalog)
  /// pass; nothing to do with embeddings).
  void centre_on_catalog();

  /// The calibrated fit of one show for this profile, whatever the intent (neutral components
  /// scaled by `blend`), with its components.
  double fit_of(std::uint32_t i, const learned_blend& blend, std::uint64_t seed,
                score_components* out = nullptr) const;

  /// The hand-weighted components of a show (before any learned blend): similarities count only
  /// above the catalog mean, so commonplace features move nothing and cite nothing. `neutral`
  /// leaves out what the intent adds (its term and the comfort/surprise re-weighting): the
  /// intent changes the order of a slate, not how well a show fits the profile.
  score_components components(std::uint32_t i, const similarities& s, bool on_mine,
                              double intent_strength, std::uint64_t seed,
                              bool neutral = false) const;

  const taste& profile_taste() const noexcept { return taste_; }
  const content_model* dense() const noexcept { return dense_; }
  const std::vector<float>& cf() const noexcept { return cf_; }
  const std::unordered_set<std::string>& services() const noexcept { return services_; }
  intent mood() const noexcept { return mood_; }
  const intent_context& intent_ctx() const noexcept { return ictx_; }

 private:
  std::vector<float> centroid_of(const std::vector<std::uint32_t>& items) const;
  double dot(std::uint32_t i, const std::vector<float>& c) const;

  const catalog_snapshot& cat_;
  const profile_state& state_;
  const content_weights& w_;
  const content_model* dense_;
  taste taste_;
  std::vector<float> c_loved_, c_good_, c_bad_, c_seen_, c_not_interested_;
  std::vector<float> cf_;
  std::unordered_set<std::string> services_;
  intent mood_;
  intent_context ictx_;
  double familiarity_;
  similarities means_;
};

}  // namespace recs
