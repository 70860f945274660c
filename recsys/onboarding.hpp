#pragma once

// The first questions a new (or empty) profile is asked (issue 16, point 3): a grid of
// well-known shows to answer loved / liked / not for me / haven't seen, chosen to cover genres
// and eras. Pure.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/profile.hpp"

namespace recs {

struct onboarding_options {
  std::size_t count = 24;  ///< shows in the grid
  /// Candidates: the most widely watched shows the profile may see, this many.
  std::size_t pool = 400;
  /// A candidate this similar (content cosine) to a show already in the grid is a
  /// near-duplicate (a spin-off, a remake, the same franchise) and left out. Dense embeddings.
  double max_dense_similarity = 0.85;
  double max_sparse_similarity = 0.6;  ///< the same without embeddings (TF-IDF cosine)
  double genre_bonus = 0.3;            ///< per genre of the candidate the grid has no show of yet
  double era_bonus = 0.2;              ///< when the grid has no show of the candidate's decade yet
};

/// The grid for `state`'s profile: shows its maturity cap allows (unclassified ones not under a
/// cap) that it has not rated or given feedback on, picked greedily from the `pool` most
/// popular: each pick the candidate with the best popularity (0-1) plus bonuses for the genres
/// and the decade the grid lacks so far, skipping near-duplicates of earlier picks (by `dense`
/// when given, else the sparse features) and titles that extend an earlier pick's ("Law &
/// Order" then "Law & Order: Special Victims Unit"). In pick order, at most `count`.
/// Deterministic.
std::vector<std::uint32_t> onboarding_grid(const catalog_snapshot& catalog,
                                           const profile_state& state,
                                           const content_model* dense = nullptr,
                                           const onboarding_options& opt = {});

}  // namespace recs
