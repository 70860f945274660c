#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "net/callback.hpp"
#include "net/sync_types.hpp"

namespace recs::net {

/// The sync jobs as admins drive them (docs/api.md, "Sync jobs").
class sync_port {
 public:
  virtual ~sync_port() = default;

  /// Every sync job's state and progress; never blocks on an actor.
  virtual std::vector<job_info> sync_jobs() const = 0;
  /// The daily refresh's plan, read from the store; calls no upstream.
  virtual void refresh_plan(callback<refresh_plan_view> cb) = 0;
  /// Starts `job` ("daily_refresh", ...) now. invalid_argument for an unknown job; unavailable
  /// when its source is off (USE_REAL_*=false) or it is already running (the message says).
  virtual result<job_info> start_job(const std::string& job) = 0;
  /// Imports the Serializd diary (SERIALIZD_TOKEN) as ratings of `profile_id`; errors as
  /// start_job.
  virtual result<job_info> start_serializd_import(std::int64_t profile_id) = 0;
  /// Pauses or resumes the sync job of `source`; not_found for an unknown source.
  virtual result<job_info> control_sync(const std::string& source, sync_command command) = 0;
  /// How fresh the offers and imports are (GET /admin/freshness).
  virtual void freshness(callback<freshness_view> cb) = 0;
};

}  // namespace recs::net
