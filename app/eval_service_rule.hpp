#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "recsys/collaborative.hpp"
#include "recsys/eval_metrics.hpp"
#include "recsys/learned_blend.hpp"

namespace recs::eval {

/// The service's own scoring rule (score_content: content embeddings, the collaborative model
/// as cf_snapshot trains it, priors, novelty) run on MovieLens, with the hand-set blend and with
/// the blend train_blend learns from the training ratings.
struct service_rule_result {
  ranking_metrics hand, learned;
  learned_blend blend;   ///< what was learned, with its held-out log loss and ECE
  double train_s = 0.0;  ///< content model + collaborative model + blend
};

/// MovieLens items become shows (title, year, genres from DIR/u.item and DIR/u.genre; quality
/// and popularity from the training ratings only); users become profiles whose ratings map 5
/// stars to loved, 3-4 to good, 1-2 to bad. `item_ids` maps u.item ids to the dense item ids of
/// `train`/`test` (whose values are stars). Nullopt when the files cannot be read.
std::optional<service_rule_result> run_service_rule(
    const std::string& dataset_dir, const std::unordered_map<long, std::uint32_t>& item_ids,
    const std::vector<interaction>& train, const std::vector<interaction>& test, std::size_t k);

}  // namespace recs::eval
