#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "recsys/show.hpp"
#include "recsys/title_search.hpp"

namespace recs {

/// A sparse, L2-normalised feature vector (sorted indices).
struct sparse_vector {
  std::vector<std::uint32_t> idx;
  std::vector<float> val;
};

/// Dot product of two sorted sparse vectors.
double dot(const sparse_vector& a, const sparse_vector& b) noexcept;

/// An immutable view of the catalog, built once per catalog change and shared by every scorer
/// and request thread through std::shared_ptr<const catalog_snapshot>. Never copied per request.
class catalog_snapshot {
 public:
  /// Builds the snapshot: indexes ids, computes TF-IDF content features (genres, premise tokens,
  /// network, countries, era) and the quality prior of every show.
  static std::shared_ptr<const catalog_snapshot> build(std::vector<show> shows,
                                                       std::vector<provider> providers,
                                                       std::uint64_t version);

  const std::vector<show>& shows() const noexcept { return shows_; }
  std::size_t size() const noexcept { return shows_.size(); }
  const show& at(std::uint32_t i) const { return shows_[i]; }
  std::optional<std::uint32_t> find(std::string_view id) const;

  const sparse_vector& features(std::uint32_t i) const { return features_[i]; }
  /// Lower-case title, genres, network and premise: what liked/disliked tags are matched against.
  const std::string& tag_text(std::uint32_t i) const { return tag_text_[i]; }
  /// Indices of the shows whose tag_text contains `phrase_lower` at word boundaries, ascending;
  /// found through a word index (the rarest of the phrase's words), then checked in full.
  std::vector<std::uint32_t> shows_with_phrase(std::string_view phrase_lower) const;
  /// Bayesian-shrunk rating prior in [0, 1].
  double quality(std::uint32_t i) const { return quality_[i]; }
  /// log-scaled popularity in [0, 1].
  double popularity(std::uint32_t i) const { return popularity_[i]; }

  const std::vector<provider>& providers() const noexcept { return providers_; }
  const provider* find_provider(std::string_view id) const;

  /// Indices of the shows whose title (or year) matches every word of `q` as title_index
  /// reads it (words in any order, prefixes, accents and case folded, small typos), best
  /// matches first, then the more popular. `total` gets the match count.
  std::vector<std::uint32_t> search(std::string_view q, std::size_t limit,
                                    std::size_t& total) const {
    return titles_.search(q, limit, total);
  }
  const title_index& titles() const noexcept { return titles_; }

  std::uint64_t version() const noexcept { return version_; }
  /// Every show index, best prior first (quality, then popularity, then id): where candidate
  /// retrieval looks for well-regarded shows independent of taste.
  const std::vector<std::uint32_t>& by_prior() const noexcept { return by_prior_; }
  /// The newest release year in the catalog (0 when empty).
  int newest_year() const noexcept { return newest_year_; }
  /// Size of the feature vocabulary (dimension of the sparse vectors).
  std::size_t feature_dim() const noexcept { return feature_dim_; }

 private:
  catalog_snapshot() = default;

  std::vector<show> shows_;
  std::vector<provider> providers_;
  std::unordered_map<std::string, std::uint32_t> by_id_;
  std::vector<sparse_vector> features_;
  std::vector<std::string> tag_text_;
  /// Every word run of tag_text -> the shows containing it, ascending.
  std::unordered_map<std::string, std::vector<std::uint32_t>> words_;
  title_index titles_;
  std::vector<double> quality_;
  std::vector<double> popularity_;
  std::uint64_t version_ = 0;
  std::size_t feature_dim_ = 0;
  int newest_year_ = 0;
  std::vector<std::uint32_t> by_prior_;
};

using snapshot_ptr = std::shared_ptr<const catalog_snapshot>;

}  // namespace recs
