#pragma once

#include "recsys/catalog_snapshot.hpp"
#include "recsys/content_embedding.hpp"

namespace recs::net {

/// The published catalog and the content model built for it; lock-free reads.
class catalog_port {
 public:
  virtual ~catalog_port() = default;

  /// The current catalog snapshot; never null, never blocks.
  virtual snapshot_ptr catalog() const = 0;
  /// The content model (embeddings and ANN index) built for `catalog`, or null while it is still
  /// being built (a few hundred ms after start or a catalog change).
  virtual content_model_ptr content_for(const catalog_snapshot& catalog) const = 0;
};

}  // namespace recs::net
