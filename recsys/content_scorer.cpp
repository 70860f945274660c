#include "recsys/content_scorer.hpp"

#include <algorithm>

#include "recsys/intent.hpp"
#include "recsys/rationale.hpp"

namespace recs {

namespace {

/// Candidate retrieval with the content index: the shows nearest the profile's taste vector
/// (loved 2, good 1, seen 0.5, not interested -0.5, bad -1), the best-regarded shows by prior,
/// every show the collaborative model scores, every show a liked tag matches, and the
/// watchlist. The first two are filtered by `eligible`; the rest are few, and the caller
/// judges every candidate anyway.
template <class Eligible>
std::vector<std::uint32_t> retrieve(const catalog_snapshot& cat, const content_model& dense,
                                    const taste& t, const std::vector<float>& cf,
                                    const content_weights& w, const Eligible& eligible) {
  std::vector<char> seen(cat.size(), 0);
  std::vector<std::uint32_t> out;
  auto add = [&](std::uint32_t i) {
    if (seen[i] != 0) return;
    seen[i] = 1;
    out.push_back(i);
  };
  std::vector<std::pair<std::uint32_t, float>> weighted;
  for (auto i : t.loved) weighted.emplace_back(i, 2.0f);
  for (auto i : t.good) weighted.emplace_back(i, 1.0f);
  for (auto i : t.bad) weighted.emplace_back(i, -1.0f);
  for (auto i : t.seen) weighted.emplace_back(i, 0.5f);
  for (auto i : t.not_interested) weighted.emplace_back(i, -0.5f);
  const std::vector<float> query =
      weighted.empty() ? std::vector<float>{} : dense.centroid(weighted);
  if (!query.empty()) {
    for (const auto& hit : dense.nearest(query.data(), w.retrieve_taste,
                                         [&](std::uint32_t i) { return eligible(i); }))
      add(hit.first);
  }
  std::size_t from_prior = 0;
  for (auto i : cat.by_prior()) {
    if (from_prior == w.retrieve_prior) break;
    if (seen[i] != 0 || !eligible(i)) continue;
    add(i);
    ++from_prior;
  }
  for (std::uint32_t i = 0; i < cf.size(); ++i)
    if (cf[i] > 0.0f) add(i);
  for (const auto& tag : t.liked_tags)
    for (auto i : cat.shows_with_phrase(tag)) add(i);
  for (const auto& id : t.watchlist)
    if (auto i = cat.find(id)) add(*i);
  return out;
}

}  // namespace

slate score_content(const snapshot_ptr& catalog, const profile_state& state,
                    const slate_request& req, const content_weights& w,
                    const scoring_models& models) {
  const catalog_snapshot& cat = *catalog;
  const intent mood = req.mood;
  profile_scorer scorer(cat, state, mood, w, models, req.now);
  const learned_blend prior;
  const learned_blend& blend = models.blend ? *models.blend : prior;
  const taste& t = scorer.profile_taste();
  const content_model* dense = scorer.dense();
  auto eligible = [&](std::uint32_t i) {
    return scorer.judge(i, req.only_my_services).has_value();
  };
  const std::vector<std::uint32_t> pool =
      dense ? retrieve(cat, *dense, t, scorer.cf(), w, eligible) : std::vector<std::uint32_t>{};

  // Pass 1: raw similarities to the taste centroids (over the retrieved candidates, or the whole
  // catalog without embeddings).
  struct candidate {
    std::uint32_t index;
    profile_scorer::similarities sim;
    profile_scorer::judgement why;
  };
  std::vector<candidate> cands;
  cands.reserve(dense ? pool.size() : cat.size());
  auto consider = [&](std::uint32_t i, const profile_scorer::similarities& sim) {
    auto j = scorer.judge(i, req.only_my_services);
    if (j) cands.push_back(candidate{i, sim, std::move(*j)});
  };
  if (dense) {
    for (auto i : pool) consider(i, scorer.similarity(i));
  } else {
    // Without embeddings the similarities are centred on their mean over the whole catalog
    // (as the embeddings' exact means are), so neither the intent nor a filter moves them.
    profile_scorer::similarities sum;
    for (std::uint32_t i = 0; i < cat.size(); ++i) {
      const auto sim = scorer.similarity(i);
      sum += sim;
      consider(i, sim);
    }
    scorer.centre(sum.mean_of(cat.size() > 0 ? static_cast<double>(cat.size()) : 1.0));
  }

  // Pass 2: components, scaled by the blend.
  std::vector<slate_item> all;
  all.reserve(cands.size());
  for (const auto& cd : cands) {
    slate_item item;
    item.index = cd.index;
    item.components =
        scorer.components(cd.index, cd.sim, cd.why.on_mine, cd.why.mood.strength, req.seed);
    blend.apply(item.components);
    item.raw = item.components.raw();
    all.push_back(std::move(item));
  }

  const std::size_t k = std::min(req.limit, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(),
                    [&](const slate_item& a, const slate_item& b) {
                      if (a.raw != b.raw) return a.raw > b.raw;
                      return cat.at(a.index).id < cat.at(b.index).id;
                    });
  all.resize(k);

  rationale_context ctx{cat,          t.loved,           t.good, t.seen, t.not_interested,
                        t.liked_tags, scorer.services(), dense};
  for (auto& item : all) {
    // The fit is how well the show suits the profile, whatever the intent: the intent's own
    // re-weighting is left out of it.
    item.fit =
        mood == intent::standard ? blend.fit(item.raw) : scorer.fit_of(item.index, blend, req.seed);
    item.reasons = explain_item(ctx, item);
    // The intent's own reason leads: it is why the show is in this slate at all.
    if (mood != intent::standard) {
      const intent_match m = match_intent(mood, cat.at(item.index), scorer.intent_ctx());
      item.reasons.insert(item.reasons.begin(),
                          reason{reason_kind::intent, m.reason, item.components.intent});
    }
    item.rationale = join_reasons(item.reasons);
  }

  slate out;
  out.catalog = catalog;
  out.profile_id = state.who.id;
  out.services = state.services;
  out.items = std::move(all);
  return out;
}

}  // namespace recs
