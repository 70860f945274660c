#include "recsys/rationale.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

#include "recsys/text.hpp"

namespace recs {

namespace {

// A contribution smaller than this is not worth a sentence.
constexpr double min_weight = 0.02;
// Similarity must clearly stand out before "because you loved X" is said: the component must
// matter, and the cited show itself must be close to the item (cosine of their features).
constexpr double min_similarity_weight = 0.05;
constexpr double min_pair_similarity = 0.15;       // sparse TF-IDF cosine
constexpr double min_dense_pair_similarity = 0.6;  // embedding cosine (denser, higher)
constexpr std::size_t max_reasons = 3;

bool watchable(monetization m) {
  return m == monetization::flatrate || m == monetization::free || m == monetization::ads;
}

/// The rated show most similar to the item, if it is similar enough to cite.
std::optional<std::uint32_t> citable(const rationale_context& ctx,
                                     const std::vector<std::uint32_t>& rated, std::uint32_t item) {
  const catalog_snapshot& cat = ctx.catalog;
  std::optional<std::uint32_t> best;
  double best_sim = ctx.content != nullptr ? min_dense_pair_similarity : min_pair_similarity;
  for (auto r : rated) {
    const double s = ctx.content != nullptr ? double(ctx.content->similarity(r, item))
                                            : dot(cat.features(r), cat.features(item));
    if (s >= best_sim) {
      best_sim = s;
      best = r;
    }
  }
  return best;
}

std::string provider_name(const catalog_snapshot& cat, const std::string& id) {
  const provider* p = cat.find_provider(id);
  return p != nullptr ? p->name : id;
}

}  // namespace

bool offered_on(const show& s, const std::unordered_set<std::string>& services) {
  for (const auto& o : s.offers)
    if (watchable(o.type) && services.count(o.provider) != 0) return true;
  return false;
}

std::vector<reason> explain_item(const rationale_context& ctx, const slate_item& item) {
  const catalog_snapshot& cat = ctx.catalog;
  const show& s = cat.at(item.index);
  const score_components& c = item.components;
  std::vector<reason> out;

  if (c.similar_loved >= min_similarity_weight) {
    if (auto src = citable(ctx, ctx.loved, item.index))
      out.push_back({"similar_loved", "because you loved " + cat.at(*src).title, c.similar_loved});
  }
  if (c.similar_good >= min_similarity_weight) {
    if (auto src = citable(ctx, ctx.good, item.index))
      out.push_back({"similar_good", "because you liked " + cat.at(*src).title, c.similar_good});
  }
  if (c.tags >= min_weight) {
    const std::string& text = cat.tag_text(item.index);
    std::string matched;
    for (const auto& tag : ctx.liked_tags) {
      if (!contains_phrase(text, tag)) continue;
      matched = tag;
      break;
    }
    if (!matched.empty())
      out.push_back({"tags", "matches your liked tag '" + matched + "'", c.tags});
  }
  if (c.availability >= min_weight) {
    for (const auto& o : s.offers) {
      if (!watchable(o.type) || ctx.services.count(o.provider) == 0) continue;
      out.push_back({"availability", "on " + provider_name(cat, o.provider) + ", which you have",
                     c.availability});
      break;
    }
  }
  if (c.collaborative >= min_weight)
    out.push_back({"collaborative", "liked by viewers who rate like you", c.collaborative});
  if (c.quality >= min_weight && s.imdb_score >= 7.0) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "rated %.1f on IMDb", s.imdb_score);
    out.push_back({"quality", buf, c.quality});
  }
  if (c.popularity >= min_weight && cat.popularity(item.index) >= 0.6)
    out.push_back({"popularity", "widely watched", c.popularity});

  std::stable_sort(out.begin(), out.end(),
                   [](const reason& a, const reason& b) { return a.weight > b.weight; });
  return out;
}

std::string join_reasons(const std::vector<reason>& reasons) {
  std::string out;
  for (std::size_t i = 0; i < reasons.size() && i < max_reasons; ++i) {
    if (!out.empty()) out += "; ";
    out += reasons[i].text;
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace recs
