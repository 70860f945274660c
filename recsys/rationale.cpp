#include "recsys/rationale.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "recsys/text.hpp"

namespace recs {

namespace {

// A contribution smaller than this is not worth a sentence.
constexpr double min_weight = 0.02;
// The similarity component must matter before "because you loved X" is said, and the cited
// show must itself be close to the item (cosine of their vectors).
constexpr double min_similarity_weight = 0.08;
// "Seen it" weighs less than a rating (0.3 against Good's 0.5): cited from a smaller
// contribution, as long as the cited show is as close to the item.
constexpr double min_seen_weight = 0.05;
constexpr double min_pair_similarity = 0.1;        // sparse TF-IDF
constexpr double min_dense_pair_similarity = 0.4;  // embeddings (denser, higher)
// A second rated show is cited too when it is nearly as close as the first.
constexpr double second_citation_ratio = 0.85;
constexpr std::size_t max_reasons = 3;

bool watchable(monetization m) {
  return m == monetization::flatrate || m == monetization::free || m == monetization::ads;
}

/// The titles of the rated shows the similarity component came from: the one most similar to
/// the item (the component is the item's similarity to their centroid, the mean of the pairwise
/// similarities, so the closest pair is at least that similar), and a second when it is nearly
/// as close. Empty when none is close enough to cite.
std::string cited_titles(const rationale_context& ctx, const std::vector<std::uint32_t>& rated,
                         std::uint32_t item) {
  const catalog_snapshot& cat = ctx.catalog;
  std::vector<std::pair<double, std::uint32_t>> sims;
  for (auto r : rated) {
    const double s = ctx.content != nullptr ? double(ctx.content->similarity(r, item))
                                            : dot(cat.features(r), cat.features(item));
    if (s >= (ctx.content != nullptr ? min_dense_pair_similarity : min_pair_similarity))
      sims.emplace_back(s, r);
  }
  if (sims.empty()) return {};
  std::sort(sims.begin(), sims.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : cat.at(a.second).id < cat.at(b.second).id;
  });
  std::string out = cat.at(sims[0].second).title;
  if (sims.size() > 1 && sims[1].first >= second_citation_ratio * sims[0].first)
    out += " and " + cat.at(sims[1].second).title;
  return out;
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
    const std::string src = cited_titles(ctx, ctx.loved, item.index);
    if (!src.empty())
      out.push_back({reason_kind::similar_loved, "because you loved " + src, c.similar_loved});
  }
  if (c.similar_good >= min_similarity_weight) {
    const std::string src = cited_titles(ctx, ctx.good, item.index);
    if (!src.empty())
      out.push_back({reason_kind::similar_good, "because you liked " + src, c.similar_good});
  }
  if (c.similar_seen >= min_seen_weight) {
    const std::string src = cited_titles(ctx, ctx.seen, item.index);
    if (!src.empty())
      out.push_back({reason_kind::similar_seen, "because you watched " + src, c.similar_seen});
  }
  if (c.watchlist >= min_weight)
    out.push_back({reason_kind::watchlist, "on your watchlist", c.watchlist});
  if (-c.not_interested >= min_similarity_weight) {
    const std::string src = cited_titles(ctx, ctx.not_interested, item.index);
    if (!src.empty())
      out.push_back({reason_kind::not_interested,
                     "though it is close to " + src + ", which you are not interested in",
                     c.not_interested});
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
      out.push_back({reason_kind::tags, "matches your liked tag '" + matched + "'", c.tags});
  }
  if (c.availability >= min_weight) {
    for (const auto& o : s.offers) {
      if (!watchable(o.type) || ctx.services.count(o.provider) == 0) continue;
      out.push_back({reason_kind::availability,
                     "on " + provider_name(cat, o.provider) + ", which you have", c.availability});
      break;
    }
  }
  if (c.collaborative >= min_weight)
    out.push_back(
        {reason_kind::collaborative, "liked by viewers who rate like you", c.collaborative});
  if (c.quality >= min_weight && s.imdb_score >= 7.0) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "rated %.1f on IMDb", s.imdb_score);
    out.push_back({reason_kind::quality, buf, c.quality});
  }
  if (c.popularity >= min_weight && cat.popularity(item.index) >= 0.6)
    out.push_back({reason_kind::popularity, "widely watched", c.popularity});

  std::stable_sort(out.begin(), out.end(),
                   [](const reason& a, const reason& b) { return a.weight > b.weight; });
  return out;
}

std::string join_reasons(const std::vector<reason>& reasons) {
  std::string out;
  std::size_t said = 0;
  for (const reason& r : reasons) {
    if (r.weight < 0 || said == max_reasons) continue;
    if (!out.empty()) out += "; ";
    out += r.text;
    ++said;
  }
  for (const reason& r : reasons) {
    if (r.weight >= 0) continue;
    if (!out.empty()) out += "; ";
    out += r.text;
    break;
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace recs
