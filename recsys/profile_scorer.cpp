#include "recsys/profile_scorer.hpp"

#include <algorithm>
#include <unordered_map>

#include "recsys/jitter.hpp"
#include "recsys/rationale.hpp"
#include "recsys/text.hpp"

namespace recs {

namespace {

bool allowed_for(maturity show_rating, maturity cap) {
  if (cap == maturity::r18 || cap == maturity::unknown) return true;
  if (show_rating == maturity::unknown) return false;  // be safe for capped profiles
  return static_cast<int>(show_rating) <= static_cast<int>(cap);
}

const content_model* usable(const catalog_snapshot& cat, const scoring_models& m) {
  return m.content && m.content_version == cat.version() && m.content->size() == cat.size()
             ? m.content.get()
             : nullptr;
}

}  // namespace

taste gather_taste(const catalog_snapshot& cat, const profile_state& st, std::int64_t now) {
  taste t;
  for (const auto& r : st.ratings) {
    t.rated.insert(r.show_id);
    t.hidden.insert(r.show_id);
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
  // A rating says more than quieter feedback on the same show: the rating alone counts.
  for (const auto& f : st.feedback) {
    if (f.kind == feedback_kind::not_tonight) {
      if (now == 0 || f.until_ts > now) {
        t.hidden.insert(f.show_id);
        t.declined.insert(f.show_id);
      }
      continue;
    }
    t.hidden.insert(f.show_id);
    if (f.kind == feedback_kind::not_interested) t.declined.insert(f.show_id);
    if (t.rated.count(f.show_id) != 0) continue;
    auto idx = cat.find(f.show_id);
    if (!idx) continue;
    (f.kind == feedback_kind::seen ? t.seen : t.not_interested).push_back(*idx);
  }
  for (const auto& w : st.watchlist) t.watchlist.insert(w.show_id);
  for (const auto& tag : st.tags) (tag.liked ? t.liked_tags : t.disliked_tags).push_back(tag.tag);
  return t;
}

profile_scorer::similarities& profile_scorer::similarities::operator+=(
    const similarities& o) noexcept {
  loved += o.loved;
  good += o.good;
  bad += o.bad;
  seen += o.seen;
  not_interested += o.not_interested;
  return *this;
}

profile_scorer::similarities profile_scorer::similarities::mean_of(double n) const noexcept {
  return {loved / n, good / n, bad / n, seen / n, not_interested / n};
}

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

profile_scorer::profile_scorer(const catalog_snapshot& catalog, const profile_state& state,
                               intent mood, const content_weights& w, const scoring_models& models,
                               std::int64_t now)
    : cat_(catalog),
      state_(state),
      w_(w),
      dense_(usable(catalog, models)),
      taste_(gather_taste(catalog, state, now)),
      services_(state.services.begin(), state.services.end()),
      mood_(mood),
      ictx_{catalog.newest_year(), usual_genres(catalog, state)},
      // Comfort leans on the familiar; surprise deliberately away from it.
      familiarity_(mood == intent::comfort    ? w.comfort_familiarity
                   : mood == intent::surprise ? w.surprise_familiarity
                                              : 1.0) {
  c_loved_ = centroid_of(taste_.loved);
  c_good_ = centroid_of(taste_.good);
  c_bad_ = centroid_of(taste_.bad);
  c_seen_ = centroid_of(taste_.seen);
  c_not_interested_ = centroid_of(taste_.not_interested);
  if (models.cf) cf_ = models.cf->scores(catalog, state);
  if (dense_) {
    auto mean = [&](const std::vector<float>& c) {
      double m = 0;
      if (c.empty()) return m;
      for (std::size_t k = 0; k < dense_->dim(); ++k)
        m += double(dense_->mean_vector()[k]) * double(c[k]);
      return m;
    };
    means_ = {mean(c_loved_), mean(c_good_), mean(c_bad_), mean(c_seen_), mean(c_not_interested_)};
  }
}

std::vector<float> profile_scorer::centroid_of(const std::vector<std::uint32_t>& items) const {
  std::vector<float> c;
  if (items.empty()) return c;
  if (dense_) {
    std::vector<std::pair<std::uint32_t, float>> weighted;
    for (auto i : items) weighted.emplace_back(i, 1.0f);
    return dense_->centroid(weighted);
  }
  c.assign(cat_.feature_dim(), 0.0f);
  const float inv = 1.0f / static_cast<float>(items.size());
  for (auto i : items) {
    const auto& f = cat_.features(i);
    for (std::size_t k = 0; k < f.idx.size(); ++k) c[f.idx[k]] += f.val[k] * inv;
  }
  return c;
}

double profile_scorer::dot(std::uint32_t i, const std::vector<float>& c) const {
  if (c.empty()) return 0.0;
  double sum = 0;
  if (dense_) {
    const float* v = dense_->vector(i);
    for (std::size_t k = 0; k < dense_->dim(); ++k) sum += double(v[k]) * double(c[k]);
    return sum;
  }
  const auto& f = cat_.features(i);
  for (std::size_t k = 0; k < f.idx.size(); ++k) sum += double(f.val[k]) * double(c[f.idx[k]]);
  return sum;
}

std::optional<profile_scorer::judgement> profile_scorer::judge(std::uint32_t i,
                                                               bool only_mine) const {
  const show& s = cat_.at(i);
  if (!allowed_for(s.rating, state_.who.maturity_cap)) return std::nullopt;
  if (taste_.hidden.count(s.id) != 0) return std::nullopt;
  const bool on_mine = offered_on(s, services_);
  if (only_mine && !on_mine) return std::nullopt;
  intent_match m = match_intent(mood_, s, ictx_);
  if (!m.eligible) return std::nullopt;
  return judgement{on_mine, std::move(m)};
}

void profile_scorer::centre_on_catalog() {
  if (exact_means()) return;
  similarities sum;
  for (std::uint32_t i = 0; i < cat_.size(); ++i) sum += similarity(i);
  centre(sum.mean_of(cat_.size() > 0 ? static_cast<double>(cat_.size()) : 1.0));
}

double profile_scorer::fit_of(std::uint32_t i, const learned_blend& blend, std::uint64_t seed,
                              score_components* out) const {
  score_components c =
      components(i, similarity(i), offered_on(cat_.at(i), services_), 0.0, seed, true);
  blend.apply(c);
  if (out != nullptr) *out = c;
  return blend.fit(c.raw());
}

profile_scorer::similarities profile_scorer::similarity(std::uint32_t i) const {
  return {dot(i, c_loved_), dot(i, c_good_), dot(i, c_bad_), dot(i, c_seen_),
          dot(i, c_not_interested_)};
}

score_components profile_scorer::components(std::uint32_t i, const similarities& s, bool on_mine,
                                            double intent_strength, std::uint64_t seed,
                                            bool neutral) const {
  const bool comfort = !neutral && mood_ == intent::comfort;
  const double familiarity = neutral ? 1.0 : familiarity_;
  score_components c;
  c.similar_loved = familiarity * w_.loved * std::max(0.0, s.loved - means_.loved);
  c.similar_good = familiarity * w_.good * std::max(0.0, s.good - means_.good);
  c.similar_bad = -w_.bad * std::max(0.0, s.bad - means_.bad);
  c.similar_seen = familiarity * w_.seen * std::max(0.0, s.seen - means_.seen);
  c.not_interested = -w_.not_interested * std::max(0.0, s.not_interested - means_.not_interested);
  c.watchlist = taste_.watchlist.count(cat_.at(i).id) != 0 ? w_.watchlist : 0.0;
  const std::string& text = cat_.tag_text(i);
  for (const auto& tag : taste_.liked_tags)
    if (contains_phrase(text, tag)) c.tags += w_.liked_tag;
  for (const auto& tag : taste_.disliked_tags)
    if (contains_phrase(text, tag)) c.tags -= w_.disliked_tag;
  c.quality = (comfort ? w_.comfort_quality : 1.0) * w_.quality * cat_.quality(i);
  c.popularity = (comfort ? w_.comfort_popularity : 1.0) * w_.popularity * cat_.popularity(i);
  c.availability = on_mine ? w_.availability : 0.0;
  c.collaborative = cf_.empty() ? 0.0 : w_.collaborative * cf_[i];
  c.novelty = w_.novelty * (1.0 - cat_.popularity(i));
  c.intent = neutral ? 0.0 : w_.intent * intent_strength;
  c.jitter = w_.jitter * micro_jitter(cat_.at(i).id, seed);
  return c;
}

}  // namespace recs
