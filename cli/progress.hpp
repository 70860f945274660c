#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>

namespace recs::cli {

/// A sync job as GET /admin/jobs shows it (docs/api.md, "Sync jobs").
struct job_progress {
  std::string source;  ///< "justwatch", "tvmaze", "serializd"
  std::string job;     ///< "daily_refresh", "serializd_import", ...
  std::string state;   ///< "off", "idle", "running", "stopping", "paused"
  std::int64_t run_id = 0;
  std::int64_t started_ts = 0;
  std::int64_t total = 0;
  std::int64_t done = 0;
  std::int64_t changed = 0;
  std::int64_t failed = 0;
  std::string current;      ///< the title being worked on
  std::string last_status;  ///< "ok", "partial", "failed", "cancelled" or "" (none yet)
  std::string last_message;
  std::int64_t last_finished_ts = 0;
};

/// A job object of the API; absent fields keep their defaults. Pure.
job_progress parse_job(const rapidjson::Value& v);

/// True when the run that started at `started_ts` (the 202 answer's started_ts) is over: the
/// job is neither running nor stopping, and not paused in the middle of that run (paused
/// before it finished: it waits for resume). Pure.
bool run_finished(const job_progress& now, std::int64_t started_ts);

/// One line of at most `width` columns for a terminal, e.g.
/// `daily_refresh [#######-------------]  41/200  20%  3 changed  0 failed  Slow Horses`;
/// while the total is unknown (0): `daily_refresh running  41 done ...`. The title is cut
/// first when the line is too long, then the bar shrinks (to 10 cells at least). No control
/// characters. Pure.
std::string render_bar(const job_progress& p, int width);

/// A plain log line for a non-terminal, e.g.
/// `daily_refresh: running 41/200 (20%), 3 changed, 0 failed, at "Slow Horses"`. Pure.
std::string render_plain(const job_progress& p);

/// The closing line once a run is over, e.g.
/// `daily_refresh finished: ok, 200/200 done, 3 changed, 0 failed` and, on the next line, the
/// run's message when it has one. Pure.
std::string render_finished(const job_progress& p);

/// Decides what to write to stderr as a job is followed. On a terminal each change redraws the
/// bar in place ("\r" + bar + erase to end of line); elsewhere a plain line is written when the
/// state changed, on the first update, or when the text changed and at least `interval_ms`
/// passed since the last line. Pure: the caller passes the time and writes what it returns.
class progress_reporter {
 public:
  progress_reporter(bool tty, int width, std::int64_t interval_ms = 5000)
      : tty_(tty), width_(width), interval_ms_(interval_ms) {}

  /// What to write for this poll ("" = nothing).
  std::string update(const job_progress& p, std::int64_t now_ms);

  /// What to write when following ends: on a terminal, a newline after a drawn bar.
  std::string finish();

 private:
  bool tty_;
  int width_;
  std::int64_t interval_ms_;
  bool drawn_ = false;
  std::string last_text_;
  std::string last_state_;
  std::int64_t last_ms_ = 0;
};

}  // namespace recs::cli
