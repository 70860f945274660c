#include "recsys/content_scorer.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "recsys/intent.hpp"
#include "recsys/jitter.hpp"
#include "recsys/rationale.hpp"
#include "recsys/text.hpp"

namespace recs {

namespace {

/// Mean of the feature vectors of the given shows, as a dense vector.
std::vector<float> centroid(const catalog_snapshot& cat, const std::vector<std::uint32_t>& items) {
  std::vector<float> c;
  if (items.empty()) return c;
  c.assign(cat.feature_dim(), 0.0f);
  const float inv = 1.0f / static_cast<float>(items.size());
  for (auto i : items) {
    const auto& f = cat.features(i);
    for (std::size_t k = 0; k < f.idx.size(); ++k) c[f.idx[k]] += f.val[k] * inv;
  }
  return c;
}

double dot_dense(const sparse_vector& v, const std::vector<float>& dense) {
  if (dense.empty()) return 0;
  double s = 0;
  for (std::size_t k = 0; k < v.idx.size(); ++k) s += double(v.val[k]) * double(dense[v.idx[k]]);
  return s;
}

bool allowed_for(maturity show_rating, maturity cap) {
  if (cap == maturity::r18 || cap == maturity::unknown) return true;
  if (show_rating == maturity::unknown) return false;  // be safe for capped profiles
  return static_cast<int>(show_rating) <= static_cast<int>(cap);
}

struct taste {
  std::vector<std::uint32_t> loved, good, bad;
  std::unordered_set<std::string> rated;
  std::vector<std::string> liked_tags, disliked_tags;
};

taste gather(const catalog_snapshot& cat, const profile_state& st) {
  taste t;
  for (const auto& r : st.ratings) {
    t.rated.insert(r.show_id);
    auto idx = cat.find(r.show_id);
    if (!idx) continue;
    switch (r.primary) {
      case verdict::loved:
        t.loved.push_back(*idx);
        break;
      case verdict::good:
        t.good.push_back(*idx);
        break;
      case verdict::bad:
        t.bad.push_back(*idx);
        break;
    }
  }
  for (const auto& tag : st.tags) (tag.liked ? t.liked_tags : t.disliked_tags).push_back(tag.tag);
  return t;
}

/// Candidate retrieval with the content index: the shows nearest the profile's taste vector
/// (loved 2, good 1, bad -1), the best-regarded shows by prior, every show the collaborative
/// model scores, and every show a liked tag matches. The first two are filtered by `eligible`;
/// the last two are few, and the caller judges every candidate anyway.
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
  if (!t.liked_tags.empty()) {
    for (std::uint32_t i = 0; i < cat.size(); ++i) {
      if (seen[i] != 0) continue;
      for (const auto& tag : t.liked_tags) {
        if (!contains_phrase(cat.tag_text(i), tag)) continue;
        add(i);
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> usual_genres(const catalog_snapshot& cat, const profile_state& st) {
  std::unordered_map<std::string, int> count;
  for (const auto& r : st.ratings) {
    if (r.primary == verdict::bad) continue;
    auto idx = cat.find(r.show_id);
    if (!idx) continue;
    for (const auto& g : cat.at(*idx).genres) count[g] += r.primary == verdict::loved ? 2 : 1;
  }
  std::vector<std::pair<std::string, int>> ranked(count.begin(), count.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<std::string> out;
  for (const auto& [g, n] : ranked) {
    if (n < 2 || out.size() == 3) break;
    out.push_back(g);
  }
  return out;
}

double calibrate_fit(double raw, const content_weights& w) noexcept {
  return 1.0 / (1.0 + std::exp(-(raw - w.fit_midpoint) * w.fit_slope));
}

slate score_content(const snapshot_ptr& catalog, const profile_state& state,
                    const slate_request& req, const content_weights& w,
                    const scoring_models& models) {
  const catalog_snapshot& cat = *catalog;
  const taste t = gather(cat, state);
  // Taste centroids: dense embeddings when built for this catalog, sparse TF-IDF otherwise.
  const content_model* dense = models.content && models.content_version == cat.version() &&
                                       models.content->size() == cat.size()
                                   ? models.content.get()
                                   : nullptr;
  auto dense_centroid = [&](const std::vector<std::uint32_t>& items) {
    std::vector<std::pair<std::uint32_t, float>> weighted;
    for (auto i : items) weighted.emplace_back(i, 1.0f);
    return items.empty() ? std::vector<float>{} : dense->centroid(weighted);
  };
  const auto c_loved = dense ? dense_centroid(t.loved) : centroid(cat, t.loved);
  const auto c_good = dense ? dense_centroid(t.good) : centroid(cat, t.good);
  const auto c_bad = dense ? dense_centroid(t.bad) : centroid(cat, t.bad);
  auto similarity = [&](std::uint32_t i, const std::vector<float>& c) -> double {
    if (c.empty()) return 0.0;
    if (!dense) return dot_dense(cat.features(i), c);
    const float* v = dense->vector(i);
    double sum = 0;
    for (std::size_t k = 0; k < dense->dim(); ++k) sum += double(v[k]) * double(c[k]);
    return sum;
  };
  const std::vector<float> cf = models.cf ? models.cf->scores(cat, state) : std::vector<float>{};
  const std::unordered_set<std::string> services(state.services.begin(), state.services.end());
  const intent mood = parse_intent(req.intent).value_or(intent::standard);
  const intent_context ictx{cat.newest_year(), usual_genres(cat, state)};
  // Comfort leans on the familiar; surprise deliberately away from it.
  const double familiarity = mood == intent::comfort    ? w.comfort_familiarity
                             : mood == intent::surprise ? w.surprise_familiarity
                                                        : 1.0;

  // Whether a show may be in this slate at all, with what the scorer needs of that judgement:
  // availability on the household's services and the intent match.
  struct judgement {
    bool on_mine;
    intent_match mood;
  };
  auto judge = [&](std::uint32_t i) -> std::optional<judgement> {
    const show& s = cat.at(i);
    if (!allowed_for(s.rating, state.who.maturity_cap)) return std::nullopt;
    if (t.rated.count(s.id) != 0) return std::nullopt;
    const bool on_mine = offered_on(s, services);
    if (req.only_my_services && !on_mine) return std::nullopt;
    intent_match m = match_intent(mood, s, ictx);
    if (!m.eligible) return std::nullopt;
    return judgement{on_mine, std::move(m)};
  };
  auto eligible = [&](std::uint32_t i) { return judge(i).has_value(); };
  const std::vector<std::uint32_t> pool =
      dense ? retrieve(cat, *dense, t, cf, w, eligible) : std::vector<std::uint32_t>{};

  // Pass 1: raw similarities to the taste centroids (over the retrieved candidates, or the whole
  // catalog without embeddings).
  struct candidate {
    std::uint32_t index;
    double loved, good, bad;
    bool on_mine;
    intent_match mood;
  };
  std::vector<candidate> cands;
  cands.reserve(dense ? pool.size() : cat.size());
  double sum_loved = 0, sum_good = 0, sum_bad = 0;
  auto consider = [&](std::uint32_t i) {
    auto j = judge(i);
    if (!j) return;
    candidate c{i,          similarity(i, c_loved), similarity(i, c_good), similarity(i, c_bad),
                j->on_mine, std::move(j->mood)};
    sum_loved += c.loved;
    sum_good += c.good;
    sum_bad += c.bad;
    cands.push_back(std::move(c));
  };
  if (dense) {
    for (auto i : pool) consider(i);
  } else {
    for (std::uint32_t i = 0; i < cat.size(); ++i) consider(i);
  }
  // The catalog-mean similarity each component is centred on. With embeddings it is exact and
  // O(dim) by linearity (mean_i(v_i . c) == mean(v) . c); without, the mean over eligible shows.
  const double n = cands.empty() ? 1.0 : static_cast<double>(cands.size());
  auto mean_of = [&](const std::vector<float>& c, double sum) {
    if (!dense) return sum / n;
    if (c.empty()) return 0.0;
    double m = 0;
    for (std::size_t k = 0; k < dense->dim(); ++k)
      m += double(dense->mean_vector()[k]) * double(c[k]);
    return m;
  };
  const double mean_loved = mean_of(c_loved, sum_loved);
  const double mean_good = mean_of(c_good, sum_good);
  const double mean_bad = mean_of(c_bad, sum_bad);

  // Pass 2: components. A similarity counts only above the catalog mean, so shared
  // commonplace features (a frequent genre, the same decade) move nothing and cite nothing.
  std::vector<slate_item> all;
  all.reserve(cands.size());
  for (const auto& cd : cands) {
    const show& s = cat.at(cd.index);
    slate_item item;
    item.index = cd.index;
    score_components& c = item.components;
    c.similar_loved = familiarity * w.loved * std::max(0.0, cd.loved - mean_loved);
    c.similar_good = familiarity * w.good * std::max(0.0, cd.good - mean_good);
    c.similar_bad = -w.bad * std::max(0.0, cd.bad - mean_bad);
    const std::string& text = cat.tag_text(cd.index);
    for (const auto& tag : t.liked_tags)
      if (contains_phrase(text, tag)) c.tags += w.liked_tag;
    for (const auto& tag : t.disliked_tags)
      if (contains_phrase(text, tag)) c.tags -= w.disliked_tag;
    c.quality =
        (mood == intent::comfort ? w.comfort_quality : 1.0) * w.quality * cat.quality(cd.index);
    c.popularity = w.popularity * cat.popularity(cd.index);
    c.availability = cd.on_mine ? w.availability : 0.0;
    c.collaborative = cf.empty() ? 0.0 : w.collaborative * cf[cd.index];
    c.novelty = w.novelty * (1.0 - cat.popularity(cd.index));
    c.intent = w.intent * cd.mood.strength;
    c.jitter = w.jitter * micro_jitter(s.id, req.seed);
    item.raw = c.raw();
    all.push_back(std::move(item));
  }

  const std::size_t k = std::min(req.limit, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(),
                    [&](const slate_item& a, const slate_item& b) {
                      if (a.raw != b.raw) return a.raw > b.raw;
                      return cat.at(a.index).id < cat.at(b.index).id;
                    });
  all.resize(k);

  rationale_context ctx{cat, t.loved, t.good, t.liked_tags, services, dense};
  for (auto& item : all) {
    item.fit = calibrate_fit(item.raw, w);
    item.reasons = explain_item(ctx, item);
    // The intent's own reason leads: it is why the show is in this slate at all.
    if (mood != intent::standard) {
      const intent_match m = match_intent(mood, cat.at(item.index), ictx);
      item.reasons.insert(item.reasons.begin(), reason{"intent", m.reason, item.components.intent});
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
