#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/slate.hpp"

namespace recs {

/// What the rationale builder may cite: the profile's own ratings, feedback, tags and services.
struct rationale_context {
  const catalog_snapshot& catalog;
  const std::vector<std::uint32_t>& loved;
  const std::vector<std::uint32_t>& good;
  const std::vector<std::uint32_t>& seen;
  const std::vector<std::uint32_t>& not_interested;
  const std::vector<std::string>& liked_tags;
  const std::unordered_set<std::string>& services;
  /// The dense embeddings the similarity components came from, or null for sparse TF-IDF.
  const content_model* content = nullptr;
};

/// True when the show has a subscription, free or ad-supported offer on one of the services.
bool offered_on(const show& s, const std::unordered_set<std::string>& services);

/// Reasons for an item from its positive score components, largest first; each cites the real
/// source of the contribution (the most similar loved show, the matching tag, the service).
/// A sizeable not_interested component gives a caveat (negative weight, so last) citing the
/// show it came from.
std::vector<reason> explain_item(const rationale_context& ctx, const slate_item& item);

/// "Because you loved X; matches your liked tag 'y'; on Stan, which you have" (at most 3
/// positive reasons), then the first caveat: "...; though it is close to Z, which you are not
/// interested in".
std::string join_reasons(const std::vector<reason>& reasons);

}  // namespace recs
