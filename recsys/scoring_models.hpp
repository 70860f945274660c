#pragma once

#include <cstddef>
#include <cstdint>

#include "recsys/cf_snapshot.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/learned_blend.hpp"

namespace recs {

/// Hand-set weights of the score components (the prior the learned blend scales), and the
/// candidate retrieval sizes. Defaults are the product's; tests may vary them.
struct content_weights {
  double loved = 1.0;  ///< per unit of above-mean similarity to the loved shows
  double good = 0.5;
  double bad = 1.0;
  double liked_tag = 0.25;
  double disliked_tag = 0.5;
  double quality = 0.35;
  double popularity = 0.1;
  double availability = 0.15;
  double novelty = 0.05;              ///< times (1 - popularity)
  double collaborative = 0.5;         ///< times the [0, 1] collaborative score
  double intent = 0.3;                ///< times the intent match strength
  double seen = 0.3;                  ///< per unit of above-mean similarity to shows marked seen
  double not_interested = 0.4;        ///< ... to shows marked not interested (bad is 1.0)
  double watchlist = 0.25;            ///< a show on the profile's own watchlist
  double comfort_familiarity = 1.5;   ///< loved/good similarity multiplier for "comfort"
  double comfort_quality = 2.5;       ///< quality multiplier for "comfort" (well liked)
  double comfort_popularity = 3.0;    ///< popularity multiplier for "comfort" (well known)
  double surprise_familiarity = 0.3;  ///< loved/good similarity multiplier for "surprise"
  double jitter = 1e-6;
  /// Candidate retrieval (with embeddings): nearest shows to the taste vector, and the best by
  /// prior; the rest of the catalog is not scored.
  std::size_t retrieve_taste = 400;
  std::size_t retrieve_prior = 400;
};

/// The learned models the scorer uses when present (each may be null).
struct scoring_models {
  cf_ptr cf;  ///< the collaborative model over every rating the service holds
  /// Dense content embeddings (TF-IDF -> truncated SVD), used for the similarity components
  /// when built for this catalog version; the sparse TF-IDF features otherwise.
  content_model_ptr content;
  std::uint64_t content_version = 0;  ///< the catalog version `content` was built from
  /// The component scales and the fit calibration learned from the ratings; null: the prior.
  blend_ptr blend;
};

}  // namespace recs
