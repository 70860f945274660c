#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/sync_records.hpp"

namespace recs::storage {

/// The store's role for the record of sync job runs. Part of storage::store, which states what
/// holds for every role.
class sync_run_store {
 public:
  virtual ~sync_run_store() = default;

  /// Records a run that starts now (status "running"); returns its id. invalid_argument for an
  /// empty source or kind.
  virtual result<std::int64_t> start_sync_run(const std::string& source, const std::string& kind,
                                              std::int64_t started_ts) = 0;
  /// Records how a run ended. `run_status` is one of "ok", "failed", "cancelled", "partial"
  /// (invalid_argument otherwise); not_found for an unknown id. Finishing a run again
  /// overwrites its outcome.
  virtual status finish_sync_run(std::int64_t id, const std::string& run_status,
                                 std::int64_t finished_ts, int checked, int changed, int failed,
                                 const std::string& message) = 0;
  /// The `limit` most recent runs of every source, newest first (by started_ts, then id).
  virtual result<std::vector<sync_run>> recent_sync_runs(std::size_t limit) = 0;
};

}  // namespace recs::storage
