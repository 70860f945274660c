#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace recs::net {

/// A sync job as admins see it (GET /admin/jobs): one per upstream source.
struct job_info {
  std::string source;  ///< "justwatch", "tvmaze", "serializd"
  std::string job;     ///< what it runs: "daily_refresh", ...
  /// "off" (its USE_REAL_* flag is false), "idle", "running", "paused" (a run waits for resume),
  /// "stopping" (a pause was asked while a call is under way).
  std::string state = "off";
  bool enabled = false;
  std::int64_t run_id = 0;  ///< the current or last run (sync_runs), 0 = none yet
  std::int64_t started_ts = 0;
  std::int64_t total = 0;  ///< titles planned in the current run
  std::int64_t done = 0;
  std::int64_t changed = 0;  ///< titles whose availability changed
  std::int64_t failed = 0;
  std::string current;  ///< the title being checked, if any
  /// The last finished run: "ok", "partial", "failed", "cancelled", or "" when none.
  std::string last_status;
  std::string last_message;
  std::int64_t last_finished_ts = 0;
  std::int64_t next_run_ts = 0;  ///< the next scheduled run (DAILY_REFRESH_HOUR), 0 = none
};

/// The daily refresh's plan (POST /admin/jobs/daily_refresh?dry_run=true).
struct refresh_plan_view {
  std::int64_t now = 0;
  int stale_days = 0;
  std::int64_t limit = 0;
  std::int64_t due_total = 0;
  bool upstream_enabled = false;  ///< USE_REAL_JUSTWATCH: whether a real run would call JustWatch
  struct entry {
    std::string show_id;
    std::string title;
    int year = 0;
    std::int64_t last_checked_ts = 0;  ///< 0 = never
    std::string reason;
    std::string justwatch_id;  ///< the linked node, empty = found by a search
  };
  std::vector<entry> entries;
};

/// How fresh the data is (GET /admin/freshness).
struct freshness_view {
  std::int64_t offers_last_checked = 0;  ///< newest offers check, 0 = never
  std::int64_t serializd_last_seen = 0;  ///< last Serializd import, 0 = never
  std::int64_t shows = 0;                ///< in the catalog
  std::int64_t shows_verified = 0;       ///< checked within OFFERS_STALE_DAYS
  std::int64_t shows_stale = 0;          ///< checked, but longer ago
  std::int64_t shows_never_checked = 0;  ///< only inferred offers
  int stale_days = 0;
  std::int64_t next_daily_refresh = 0;  ///< 0 when the JustWatch sync is off
};

/// The JSON of a plan, as POST /admin/jobs/daily_refresh?dry_run=true answers it.
std::string render_refresh_plan(const refresh_plan_view& plan);

}  // namespace recs::net
