#pragma once

#include "recsys/catalog_snapshot.hpp"
#include "recsys/profile.hpp"
#include "recsys/profile_scorer.hpp"
#include "recsys/scoring_models.hpp"
#include "recsys/slate.hpp"

namespace recs {

/// Ranks the catalog for one profile: content similarity to the shows it loved, liked and
/// rated bad, liked/disliked tags, a quality and popularity prior, novelty, availability on the
/// household's services, the collaborative score, and the request's intent (which also
/// filters: "quick" keeps short episodes or single seasons, "binge" 3+ seasons, "new" the
/// newest two catalog years, "comfort" light genres without dark ones up to M, "surprise" shows
/// outside the profile's usual genres). The components are scaled by the learned blend
/// (`models.blend`, the hand-set prior when null), which also maps the raw score onto the
/// calibrated fit. Excludes shows above the maturity cap (and of unknown classification when
/// the cap is below R18+) and shows the profile already rated. Deterministic for the same
/// inputs and seed. Pure: no I/O.
slate score_content(const snapshot_ptr& catalog, const profile_state& state,
                    const slate_request& req, const content_weights& w = {},
                    const scoring_models& models = {});

}  // namespace recs
