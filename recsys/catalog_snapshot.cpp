#include "recsys/catalog_snapshot.hpp"

#include <algorithm>
#include <cmath>

#include "recsys/text.hpp"
#include "recsys/vocabulary.hpp"

namespace recs {

namespace {

// Relative weights of the feature families before IDF; genres dominate, premise words refine.
constexpr double genre_weight = 3.0;
constexpr double word_weight = 1.0;
constexpr double network_weight = 1.0;
constexpr double country_weight = 0.6;
constexpr double era_weight = 0.5;

// Bayesian average: a show with few votes is pulled towards the catalogue mean.
constexpr double prior_votes = 2000.0;
// The shrunk rating range mapped onto the [0, 1] prior.
constexpr double quality_floor = 5.0;
constexpr double quality_ceiling = 9.7;

/// The show's weighted features (before IDF), each feature once.
std::vector<std::pair<std::uint32_t, double>> raw_features(const show& s, vocabulary& vocab) {
  std::vector<std::pair<std::uint32_t, double>> f;
  for (const auto& g : s.genres) f.emplace_back(vocab.id("g:", g), genre_weight);
  std::unordered_map<std::uint32_t, int> tf;
  for (auto& t : content_tokens(s.premise)) ++tf[vocab.id("w:", t)];
  for (auto& [id, n] : tf) f.emplace_back(id, word_weight * (1.0 + std::log(double(n))));
  if (!s.network.empty()) f.emplace_back(vocab.id("n:", to_lower(s.network)), network_weight);
  for (const auto& c : s.countries) f.emplace_back(vocab.id("c:", c), country_weight);
  if (s.year > 0) f.emplace_back(vocab.id("era:", std::to_string(s.year / 10 * 10)), era_weight);
  // A feature listed twice (a duplicated genre) counts once, with its larger weight.
  std::sort(f.begin(), f.end());
  std::vector<std::pair<std::uint32_t, double>> out;
  for (auto& e : f) {
    if (!out.empty() && out.back().first == e.first) {
      out.back().second = std::max(out.back().second, e.second);
    } else {
      out.push_back(e);
    }
  }
  for (auto& e : out) vocab.count(e.first);
  return out;
}

double clamp01(double x) {
  return std::min(1.0, std::max(0.0, x));
}

}  // namespace

double dot(const sparse_vector& a, const sparse_vector& b) noexcept {
  double sum = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.idx.size() && j < b.idx.size()) {
    if (a.idx[i] == b.idx[j]) {
      sum += double(a.val[i]) * double(b.val[j]);
      ++i;
      ++j;
    } else if (a.idx[i] < b.idx[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return sum;
}

std::shared_ptr<const catalog_snapshot> catalog_snapshot::build(std::vector<show> shows,
                                                                std::vector<provider> providers,
                                                                std::uint64_t version) {
  std::shared_ptr<catalog_snapshot> snap(new catalog_snapshot());
  snap->shows_ = std::move(shows);
  snap->providers_ = std::move(providers);
  snap->version_ = version;
  const std::size_t n = snap->shows_.size();
  snap->by_id_.reserve(n);

  std::vector<std::vector<std::pair<std::uint32_t, double>>> raw(n);
  vocabulary vocab;
  double score_sum = 0;
  double score_n = 0;
  double max_pop = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const show& s = snap->shows_[i];
    snap->by_id_.emplace(s.id, i);
    raw[i] = raw_features(s, vocab);
    if (s.imdb_score > 0) {
      score_sum += s.imdb_score;
      score_n += 1;
    }
    max_pop = std::max(max_pop, s.tmdb_popularity);
    snap->newest_year_ = std::max(snap->newest_year_, s.year);
  }
  snap->feature_dim_ = vocab.size();
  const double mean_score = score_n > 0 ? score_sum / score_n : 7.0;

  snap->features_.resize(n);
  snap->tag_text_.resize(n);
  snap->quality_.resize(n);
  snap->popularity_.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const show& s = snap->shows_[i];
    std::vector<std::pair<std::uint32_t, double>> entries;
    entries.reserve(raw[i].size());
    double norm = 0;
    for (auto& [k, w] : raw[i]) {
      const double idf = std::log((1.0 + double(n)) / (1.0 + double(vocab.df(k)))) + 1.0;
      entries.emplace_back(k, w * idf);
      norm += (w * idf) * (w * idf);
    }
    norm = norm > 0 ? std::sqrt(norm) : 1.0;
    auto& fv = snap->features_[i];
    for (auto& [k, v] : entries) {
      fv.idx.push_back(k);
      fv.val.push_back(static_cast<float>(v / norm));
    }

    std::string text = to_lower(s.title);
    for (const auto& g : s.genres) text += " " + g;
    if (!s.network.empty()) text += " " + to_lower(s.network);
    text += " " + to_lower(s.premise);
    for (auto word : word_runs(text)) {
      auto& posting = snap->words_[std::string(word)];
      if (posting.empty() || posting.back() != i) posting.push_back(i);
    }
    snap->tag_text_[i] = std::move(text);

    double rating = s.imdb_score > 0 ? s.imdb_score : (s.tmdb_score > 0 ? s.tmdb_score : 0);
    const double votes = s.imdb_score > 0 ? s.imdb_votes : (s.tmdb_score > 0 ? 50.0 : 0.0);
    const double shrunk = (votes * rating + prior_votes * mean_score) / (votes + prior_votes);
    snap->quality_[i] = clamp01((shrunk - quality_floor) / (quality_ceiling - quality_floor));
    snap->popularity_[i] =
        max_pop > 0 ? clamp01(std::log1p(s.tmdb_popularity) / std::log1p(max_pop)) : 0.0;
  }
  // Search: equal matches by popularity, the shows without TMDb's figure by their IMDb votes.
  double max_votes = 0;
  for (const auto& s : snap->shows_) max_votes = std::max(max_votes, s.imdb_votes);
  std::vector<std::vector<std::string>> titles(n);
  std::vector<int> years(n);
  std::vector<double> renown(n);
  for (std::size_t i = 0; i < n; ++i) {
    const show& s = snap->shows_[i];
    titles[i] = {s.title};
    years[i] = s.year;
    const double votes = max_votes > 0 ? std::log1p(s.imdb_votes) / std::log1p(max_votes) : 0.0;
    renown[i] = 0.7 * snap->popularity_[i] + 0.3 * clamp01(votes);
  }
  snap->titles_ = title_index::build(titles, years, renown);
  snap->by_prior_.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) snap->by_prior_[i] = i;
  std::sort(snap->by_prior_.begin(), snap->by_prior_.end(), [&](std::uint32_t a, std::uint32_t b) {
    const double qa = snap->quality_[a] + 0.3 * snap->popularity_[a];
    const double qb = snap->quality_[b] + 0.3 * snap->popularity_[b];
    if (qa != qb) return qa > qb;
    return snap->shows_[a].id < snap->shows_[b].id;
  });
  return snap;
}

std::optional<std::uint32_t> catalog_snapshot::find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

const provider* catalog_snapshot::find_provider(std::string_view id) const {
  for (const auto& p : providers_)
    if (p.id == id) return &p;
  return nullptr;
}

std::vector<std::uint32_t> catalog_snapshot::shows_with_phrase(std::string_view phrase) const {
  const std::vector<std::uint32_t>* rarest = nullptr;
  for (auto word : word_runs(phrase)) {
    auto it = words_.find(std::string(word));
    if (it == words_.end()) return {};
    if (rarest == nullptr || it->second.size() < rarest->size()) rarest = &it->second;
  }
  std::vector<std::uint32_t> out;
  if (rarest == nullptr) return out;  // no word at all: nothing matches at word boundaries
  for (auto i : *rarest)
    if (contains_phrase(tag_text_[i], phrase)) out.push_back(i);
  return out;
}

}  // namespace recs
