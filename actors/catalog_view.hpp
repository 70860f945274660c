#pragma once

#include <atomic>
#include <memory>

#include "recsys/catalog_snapshot.hpp"

namespace recs::actors {

/// The published catalog: one writer (the catalog actor) swaps it atomically, any thread reads
/// it without locks or mailboxes.
class catalog_view {
 public:
  explicit catalog_view(snapshot_ptr initial) : snap_(std::move(initial)) {}
  snapshot_ptr get() const { return std::atomic_load(&snap_); }
  void set(snapshot_ptr next) { std::atomic_store(&snap_, std::move(next)); }

 private:
  snapshot_ptr snap_;
};

}  // namespace recs::actors
