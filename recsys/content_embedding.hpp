#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "recsys/ann_index.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/show.hpp"

namespace recs {

/// How content vectors are built. Family weights scale a feature before IDF, so that a shared
/// genre counts more than a shared premise word and a shared decade counts least. The figures
/// below are from `recs-bench-content` on the bundled 11k-show catalog.
struct content_options {
  /// Dense dimensions. 64 holds the genre x audience x format structure of the catalog plus its
  /// main premise topics (SVD ~0.15 s, 10.5 MiB with the index). 32 collapses neighbours onto
  /// genre sets; 128 finds more topical neighbours (Life for Planet Earth, Spooks for Slow
  /// Horses) but takes ~2.5x the SVD time and ~1.5x the index time and memory.
  std::size_t dim = 64;
  /// Extra random directions of the range finder (Halko et al.: 5..20 is plenty).
  std::size_t oversample = 10;
  /// Power iterations of the range finder: sharpen the leading singular subspace when the
  /// spectrum decays slowly, as TF-IDF spectra do. Each costs two sparse products and an
  /// orthonormalisation; 3 gave the same neighbour quality as 2.
  std::size_t power_iterations = 2;
  /// Vectors are U * Sigma^p before normalisation. p = 1 is classic LSA (leading, genre-like
  /// components dominate); lower p lets the weaker premise topics count more.
  double sigma_power = 0.5;
  /// Seed of the random test matrix: the same catalog and seed give identical vectors.
  std::uint64_t seed = 0x5eed;

  /// 3 (the snapshot's sparse features) made "more like this" a near copy of the genre set
  /// (genre Jaccard 0.91 with the top 10); 1.5 keeps genres first (0.74) and lets premise
  /// topics through.
  double genre_weight = 1.5;
  double word_weight = 1.0;  ///< premise tokens, with sub-linear term frequency
  double network_weight = 1.0;
  double provider_weight = 0.5;  ///< services of the show's AU offers
  double country_weight = 0.6;
  double era_weight = 0.5;  ///< decade of the first season
  double runtime_weight = 0.7;
  /// Classification (G .. R18+) separates children's from adult shows of the same genre.
  double classification_weight = 1.0;

  /// Build the HNSW index (else similar/nearest scan every vector exactly).
  bool build_index = true;
  ann_options ann;
};

/// What a build did and cost; filled by `content_model::build`.
struct content_build_stats {
  std::size_t features = 0;  ///< distinct features shared by >= 2 shows (SVD columns)
  std::size_t nonzeros = 0;  ///< of the TF-IDF matrix
  std::size_t rank = 0;      ///< dimensions with signal (<= dim; less for tiny catalogs)
  double features_ms = 0;    ///< TF-IDF matrix
  double svd_ms = 0;         ///< randomized truncated SVD and normalisation
  double index_ms = 0;       ///< HNSW build
  std::size_t vector_bytes = 0;
  std::size_t index_bytes = 0;
};

/// Dense content vectors of every show of a catalog (TF-IDF over genres, premise tokens and
/// metadata, reduced by a truncated SVD, L2-normalised) and an inner-product ANN index over
/// them: "more like this" and candidate retrieval for a profile's taste vector. Row i is the
/// show at index i of the catalog it was built from. Immutable and shared like the snapshot:
/// every const member is safe to call from many threads at once.
class content_model {
 public:
  /// Builds the model in the calling thread (no threads are spawned). A show without any
  /// feature shared with another show gets a zero vector (similarity 0 to everything).
  /// Returns nullptr only when memory runs out. Takes ~0.5 s for the bundled 11k-show catalog.
  static std::shared_ptr<const content_model> build(const catalog_snapshot& catalog,
                                                    const content_options& opts = {});
  static std::shared_ptr<const content_model> build(const std::vector<show>& shows,
                                                    const content_options& opts = {});

  std::size_t size() const noexcept { return size_; }
  std::size_t dim() const noexcept { return dim_; }
  /// The show's unit vector (dim floats). Precondition: show_index < size().
  const float* vector(std::uint32_t show_index) const noexcept {
    return vectors_.data() + std::size_t{show_index} * dim_;
  }
  /// Cosine similarity in [-1, 1] (inner product of unit vectors); 0 for an index out of range.
  float similarity(std::uint32_t a, std::uint32_t b) const noexcept;

  /// "More like this": the k shows most similar to `show_index`, best first, never itself.
  /// Empty when show_index is out of range.
  std::vector<scored_item> similar(std::uint32_t show_index, std::size_t k) const;

  /// Candidate retrieval: the k shows whose vectors have the largest inner product with
  /// `query` (dim floats, e.g. a `centroid`), best first, among those `allow` accepts (empty =
  /// all). Use `allow` for the maturity cap and already-rated shows.
  std::vector<scored_item> nearest(const float* query, std::size_t k,
                                   const item_filter& allow = {}) const;

  /// A taste vector: the L2-normalised weighted sum of the shows' vectors. Suggested weights:
  /// loved 2, liked 1, disliked -1; a negative weight pulls the vector away from that show.
  /// Out-of-range indices are ignored. Empty when nothing is left or the sum cancels out (no
  /// usable taste signal: fall back to priors).
  std::vector<float> centroid(const std::vector<std::pair<std::uint32_t, float>>& items) const;

  /// The ANN index, or nullptr when not built (options, empty catalog, allocation failure).
  const ann_index* index() const noexcept { return index_.get(); }
  const content_build_stats& stats() const noexcept { return stats_; }
  /// The mean of every show's vector: mean . q is the catalog-mean similarity to a query q.
  const std::vector<float>& mean_vector() const noexcept { return mean_; }
  /// Heap bytes of the vectors plus the index.
  std::size_t memory_bytes() const noexcept { return stats_.vector_bytes + stats_.index_bytes; }

 private:
  content_model() = default;
  static std::shared_ptr<const content_model> build_model(const std::vector<show>& shows,
                                                          const content_options& opts);

  std::size_t size_ = 0;
  std::size_t dim_ = 0;
  std::vector<float> vectors_;  // size_ rows of dim_ floats
  std::vector<float> mean_;     // the mean of the rows
  std::unique_ptr<ann_index> index_;
  content_build_stats stats_;
};

using content_model_ptr = std::shared_ptr<const content_model>;

}  // namespace recs
