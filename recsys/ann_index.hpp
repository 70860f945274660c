#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace recs {

/// Tuning of the HNSW graph. The defaults are sized for catalogs of ~10^4..10^5 items in
/// 32..128 dimensions, where they give recall@10 well above 0.95 against exact search.
struct ann_options {
  /// Links per node (level 0 gets 2*M). 16 is hnswlib's recommended middle: on the catalog,
  /// M = 8 dropped recall@10 to 0.98, and 32 would double the link memory.
  std::size_t m = 16;
  /// Candidate list while inserting. Build time grows about linearly with it, and the index is
  /// rebuilt at start-up and on every catalog change: on the 11k-show catalog at 64 dimensions
  /// 40 builds ~2.5x faster than hnswlib's usual 100 (0.25 s vs 0.6 s) for recall@10 0.993
  /// instead of 0.998.
  std::size_t ef_construction = 40;
  /// Candidate list while searching (a search for k asks for 3k + 16 candidates when that is
  /// larger). 64 keeps a query under 0.1 ms with recall@10 above 0.99.
  std::size_t ef_search = 64;
  /// Seed of the level generator: the same input and seed build the same graph.
  std::uint64_t seed = 100;
};

/// Accepts or rejects an item (its row index) during a search; empty = accept all.
using item_filter = std::function<bool(std::uint32_t)>;

/// A scored item: (row index, inner product with the query), best first in every result.
using scored_item = std::pair<std::uint32_t, float>;

/// An approximate inner-product nearest-neighbour index (hnswlib's HNSW graph) over N rows of
/// `dim` floats. Immutable once built: `search` is const and safe to call from many threads at
/// once. For cosine similarity the rows and queries must be L2-normalised by the caller.
class ann_index {
 public:
  ~ann_index();
  ann_index(const ann_index&) = delete;
  ann_index& operator=(const ann_index&) = delete;

  /// Builds the index over `n` rows of `dim` floats stored row after row at `rows` (copied).
  /// Single-threaded; deterministic for the same input and options.
  /// Errors: invalid_argument when dim == 0 or an option is 0; internal on allocation failure.
  static result<std::unique_ptr<ann_index>> build(const float* rows, std::size_t n, std::size_t dim,
                                                  const ann_options& opts = {});

  /// The (at most) k rows with the largest inner product with `query` (dim floats) that pass
  /// `filter`, best first; ties by lower row index. Filtered searches over-fetch and widen
  /// until k rows pass or the whole index was seen; very selective filters fall back to an
  /// exact scan. k == 0 or an empty index gives an empty result. Never throws: should the
  /// filter throw or memory run out, the result is empty.
  std::vector<scored_item> search(const float* query, std::size_t k,
                                  const item_filter& filter = {}) const;

  /// Exact brute-force search with the same contract as `search` (the reference for recall).
  std::vector<scored_item> search_exact(const float* query, std::size_t k,
                                        const item_filter& filter = {}) const;

  std::size_t size() const noexcept;
  std::size_t dim() const noexcept;
  /// Estimated heap bytes held by the graph (links, vectors, labels, locks, visited lists).
  std::size_t memory_bytes() const noexcept;

 private:
  struct impl;
  explicit ann_index(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

/// Exact search over `n` contiguous rows of `dim` floats, with the contract of
/// ann_index::search (best first, ties by lower row index, `filter` applied, k clamped to n).
std::vector<scored_item> exact_search(const float* rows, std::size_t n, std::size_t dim,
                                      const float* query, std::size_t k,
                                      const item_filter& filter = {});

}  // namespace recs
