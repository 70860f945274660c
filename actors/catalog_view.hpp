#pragma once

#include <atomic>
#include <memory>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/content_embedding.hpp"

namespace recs::actors {

/// The content model of one catalog version.
struct content_ref {
  content_model_ptr model;
  std::uint64_t catalog_version = 0;
};

/// The published catalog and its content model: one writer each (the catalog actor, the
/// scoring pool) swaps them atomically, any thread reads them without locks or mailboxes.
class catalog_view {
 public:
  explicit catalog_view(snapshot_ptr initial)
      : snap_(std::move(initial)), content_(std::make_shared<const content_ref>()) {}
  snapshot_ptr get() const { return std::atomic_load(&snap_); }
  void set(snapshot_ptr next) { std::atomic_store(&snap_, std::move(next)); }
  std::shared_ptr<const content_ref> content() const { return std::atomic_load(&content_); }
  void set_content(content_model_ptr model, std::uint64_t catalog_version) {
    std::atomic_store(&content_, std::make_shared<const content_ref>(
                                     content_ref{std::move(model), catalog_version}));
  }

 private:
  snapshot_ptr snap_;
  std::shared_ptr<const content_ref> content_;
};

}  // namespace recs::actors
