#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/collaborative.hpp"
#include "recsys/profile.hpp"

namespace recs {

/// The collaborative model trained on every rating the service holds (all households,
/// imported ratings), mapped onto one catalog snapshot. Immutable; shared by the scorers.
class cf_snapshot {
 public:
  /// Trains on `ratings`. Model items are the catalog shows with at least one positive rating,
  /// at most `max_items` of them, the most often rated first (the fit is O(items^3): 7,700
  /// items take about 36 s on 2 cores, 3,000 about 2 s; shows outside the model are left to
  /// content, as cold-start shows are); users are the
  /// profiles that rated. Ratings of shows not in the catalog are skipped. An empty or
  /// positive-free rating set gives an empty model (items() == 0), not an error. `opt.lambda`
  /// is scaled to the number of ratings (it was tuned on ~75k), never below 5.
  static result<std::shared_ptr<const cf_snapshot>> train(const catalog_snapshot& catalog,
                                                          const std::vector<rating>& ratings,
                                                          const collaborative_options& opt,
                                                          std::size_t max_items = 3000);

  /// The profile's collaborative score of every catalog show (indexed like the catalog),
  /// scaled into [0, 1] by the best positive score; zeros for shows outside the model and for a
  /// profile without ratings of model items. Empty when the model is empty or was trained on
  /// another catalog version (it is retrained after a catalog change).
  std::vector<float> scores(const catalog_snapshot& catalog, const profile_state& state) const;

  std::size_t items() const noexcept { return item_to_show_.size(); }
  std::size_t users() const noexcept { return users_; }
  std::size_t ratings_used() const noexcept { return ratings_used_; }
  double train_seconds() const noexcept { return model_.train_seconds(); }
  std::uint64_t catalog_version() const noexcept { return catalog_version_; }

 private:
  collaborative_model model_;
  std::vector<std::uint32_t> item_to_show_;  // model item -> catalog index
  std::unordered_map<std::uint32_t, std::uint32_t> show_to_item_;
  std::size_t users_ = 0;
  std::size_t ratings_used_ = 0;
  std::uint64_t catalog_version_ = 0;
};

using cf_ptr = std::shared_ptr<const cf_snapshot>;

}  // namespace recs
