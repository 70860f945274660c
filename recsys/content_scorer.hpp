#pragma once

#include "recsys/catalog_snapshot.hpp"
#include "recsys/cf_snapshot.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/profile.hpp"
#include "recsys/slate.hpp"

namespace recs {

/// Weights of the first, content-based scorer. Defaults are the product's; tests may vary them.
struct content_weights {
  double loved = 2.5;  ///< per unit of above-mean similarity to the loved shows
  double good = 1.2;
  double bad = 2.5;
  double liked_tag = 0.25;
  double disliked_tag = 0.5;
  double quality = 0.35;
  double popularity = 0.1;
  double availability = 0.15;
  double novelty = 0.05;              ///< times (1 - popularity)
  double collaborative = 0.5;         ///< times the [0, 1] collaborative score
  double intent = 0.3;                ///< times the intent match strength
  double comfort_familiarity = 1.5;   ///< loved/good similarity multiplier for "comfort"
  double comfort_quality = 2.0;       ///< quality multiplier for "comfort" (well liked)
  double surprise_familiarity = 0.3;  ///< loved/good similarity multiplier for "surprise"
  double jitter = 1e-6;
  /// Candidate retrieval (with embeddings): nearest shows to the taste vector, and the best by
  /// prior; the rest of the catalog is not scored.
  std::size_t retrieve_taste = 400;
  std::size_t retrieve_prior = 400;
  double fit_midpoint = 0.45;  ///< raw score mapped to fit 0.5
  double fit_slope = 6.0;
};

/// Ranks the catalog for one profile: content similarity to the shows it loved, liked and
/// rated bad, liked/disliked tags, a quality and popularity prior, novelty, availability on the
/// household's services, and the request's intent (which also filters: "quick" keeps short
/// episodes or single seasons, "binge" 3+ seasons, "new" the newest two catalog years,
/// "comfort" light genres without dark ones up to M, "surprise" shows outside the profile's
/// usual genres). Excludes shows above the maturity cap (and of unknown classification when the
/// cap is below R18+) and shows the profile already rated. An unknown intent string is treated
/// as "default" (callers validate with parse_intent). Deterministic for the same inputs and
/// seed. Pure: no I/O.
/// The learned models the scorer uses when present (each may be null).
struct scoring_models {
  cf_ptr cf;  ///< the collaborative model over every rating the service holds
  /// Dense content embeddings (TF-IDF -> truncated SVD), used for the similarity components
  /// when built for this catalog version; the sparse TF-IDF features otherwise.
  content_model_ptr content;
  std::uint64_t content_version = 0;  ///< the catalog version `content` was built from
};

slate score_content(const snapshot_ptr& catalog, const profile_state& state,
                    const slate_request& req, const content_weights& w = {},
                    const scoring_models& models = {});

/// The profile's usual genres: the (at most 3) most frequent genres of the shows it loved
/// (counted twice) or rated good, each seen at least twice.
std::vector<std::string> usual_genres(const catalog_snapshot& catalog, const profile_state& state);

/// Maps a raw score onto a calibrated fit in [0, 1].
double calibrate_fit(double raw, const content_weights& w) noexcept;

}  // namespace recs
