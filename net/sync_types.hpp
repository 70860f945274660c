#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recs::net {

/// What a sync job is doing.
enum class job_state : std::uint8_t {
  off,      ///< its USE_REAL_* flag is false
  idle,     ///< no run under way
  running,  ///< a run is under way
  paused,   ///< a run waits for resume, or no run starts until then
  stopping  ///< a pause was asked while a call is under way
};

/// How a sync run ended (the sync_runs row's status).
enum class run_outcome : std::uint8_t {
  ok,        ///< everything planned was done
  partial,   ///< some pieces failed, or the run stopped early (blocked, rate limited, down)
  failed,    ///< nothing was done (planning or the upstream failed)
  cancelled  ///< a pause cut the run's start short
};

/// The text of a state or outcome, as GET /admin/jobs and the sync_runs rows have it:
/// "off", "idle", "running", "paused", "stopping"; "ok", "partial", "failed", "cancelled".
constexpr std::string_view to_string(job_state s) noexcept {
  switch (s) {
    case job_state::off:
      return "off";
    case job_state::idle:
      return "idle";
    case job_state::running:
      return "running";
    case job_state::paused:
      return "paused";
    case job_state::stopping:
      return "stopping";
  }
  return "off";
}
constexpr std::string_view to_string(run_outcome o) noexcept {
  switch (o) {
    case run_outcome::ok:
      return "ok";
    case run_outcome::partial:
      return "partial";
    case run_outcome::failed:
      return "failed";
    case run_outcome::cancelled:
      return "cancelled";
  }
  return "failed";
}

/// What an admin asks of a source's sync job (POST /admin/sync/{source}/{command}).
enum class sync_command : std::uint8_t { pause, resume };

constexpr std::string_view to_string(sync_command c) noexcept {
  return c == sync_command::pause ? "pause" : "resume";
}
/// The command a text names; nullopt for any other text.
constexpr std::optional<sync_command> parse_sync_command(std::string_view text) noexcept {
  for (auto c : {sync_command::pause, sync_command::resume}) {
    if (to_string(c) == text) return c;
  }
  return std::nullopt;
}

/// A sync job as admins see it (GET /admin/jobs): one per upstream source.
struct job_info {
  std::string source;  ///< "justwatch", "tvmaze", "serializd"
  std::string job;     ///< what it runs: "daily_refresh", ...
  job_state state = job_state::off;
  bool enabled = false;
  std::int64_t run_id = 0;  ///< the current or last run (sync_runs), 0 = none yet
  std::int64_t started_ts = 0;
  std::int64_t total = 0;  ///< titles planned in the current run
  std::int64_t done = 0;
  std::int64_t changed = 0;  ///< titles whose availability changed
  std::int64_t failed = 0;
  std::string current;  ///< the title being checked, if any
  /// How the last finished run ended; none yet when empty.
  std::optional<run_outcome> last_status;
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
