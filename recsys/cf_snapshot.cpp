#include "recsys/cf_snapshot.hpp"

#include <algorithm>

namespace recs {

result<std::shared_ptr<const cf_snapshot>> cf_snapshot::train(const catalog_snapshot& catalog,
                                                              const std::vector<rating>& ratings,
                                                              const collaborative_options& opt,
                                                              std::size_t max_items) {
  auto out = std::make_shared<cf_snapshot>();
  out->catalog_version_ = catalog.version();

  // Items: catalog shows with a positive rating (the most rated when there are too many), in
  // catalog order (deterministic).
  std::unordered_map<std::uint32_t, std::size_t> positives;
  for (const auto& r : ratings) {
    if (verdict_value(r.primary) <= 0) continue;
    if (auto idx = catalog.find(r.show_id)) ++positives[*idx];
  }
  std::vector<std::uint32_t> shows;
  shows.reserve(positives.size());
  for (const auto& [idx, n] : positives) shows.push_back(idx);
  if (shows.size() > max_items) {
    std::nth_element(shows.begin(), shows.begin() + static_cast<std::ptrdiff_t>(max_items),
                     shows.end(), [&](std::uint32_t a, std::uint32_t b) {
                       const std::size_t na = positives[a], nb = positives[b];
                       return na != nb ? na > nb : a < b;
                     });
    shows.resize(max_items);
  }
  std::sort(shows.begin(), shows.end());
  if (shows.empty()) return std::shared_ptr<const cf_snapshot>(std::move(out));
  out->item_to_show_ = shows;
  for (std::uint32_t i = 0; i < shows.size(); ++i) out->show_to_item_.emplace(shows[i], i);

  std::unordered_map<std::int64_t, std::uint32_t> users;
  std::vector<interaction> data;
  for (const auto& r : ratings) {
    auto idx = catalog.find(r.show_id);
    if (!idx) continue;
    auto item = out->show_to_item_.find(*idx);
    if (item == out->show_to_item_.end()) continue;
    auto [u, inserted] = users.emplace(r.profile_id, static_cast<std::uint32_t>(users.size()));
    data.push_back({u->second, item->second, verdict_value(r.primary)});
  }
  out->users_ = users.size();
  out->ratings_used_ = data.size();
  // lambda is in units of interactions and was tuned on ~75k ratings (MovieLens 100k train);
  // a household's few hundred ratings need proportionally less, with a floor.
  collaborative_options scaled = opt;
  scaled.lambda = std::max(5.0, opt.lambda * static_cast<double>(data.size()) / 75000.0);
  auto model = collaborative_model::train(data, users.size(), shows.size(), scaled);
  if (!model) return model.err();
  out->model_ = std::move(*model);
  return std::shared_ptr<const cf_snapshot>(std::move(out));
}

std::vector<float> cf_snapshot::scores(const catalog_snapshot& catalog,
                                       const profile_state& state) const {
  // Indices are only meaningful on the snapshot the model was trained on.
  if (items() == 0 || catalog.version() != catalog_version_) return {};
  std::vector<float> out(catalog.size(), 0.0f);
  item_history history;
  for (const auto& r : state.ratings) {
    auto idx = catalog.find(r.show_id);
    if (!idx) continue;
    auto item = show_to_item_.find(*idx);
    if (item == show_to_item_.end()) continue;
    history.emplace_back(item->second, verdict_value(r.primary));
  }
  if (history.empty()) return out;
  const Eigen::VectorXf s = model_.score(history);
  const float best = s.size() > 0 ? s.maxCoeff() : 0.0f;
  if (best <= 0.0f) return out;
  for (std::uint32_t i = 0; i < item_to_show_.size(); ++i)
    out[item_to_show_[i]] = std::max(0.0f, s[i] / best);
  return out;
}

}  // namespace recs
