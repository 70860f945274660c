#pragma once

// What a source does inside the sync job actor (actors/sync_job.hpp): the job keeps the run's
// state (board entry, run id, progress, pause and resume, the schedule, the sync_runs row) and
// asks its strategy to plan a run, do one step and wrap it up.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "httpc/fetcher.hpp"
#include "net/sync_types.hpp"
#include "recsys/availability_change.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/watch_alerts.hpp"
#include "storage/store.hpp"

namespace recs::actors {

/// The actor names GET /admin/actors lists for the sync jobs (docs/api.md); sync_names::actor
/// is one of them.
inline constexpr char kOffersSyncActor[] = "offers_sync";
inline constexpr char kTvmazeSyncActor[] = "tvmaze_sync";
inline constexpr char kSerializdSyncActor[] = "serializd_sync";

/// A source's fixed names and texts.
struct sync_names {
  std::string source;  ///< the board's, the fetcher's and the sync_runs rows' source: "justwatch"
  std::string actor;   ///< the actor's name on GET /admin/actors: "offers_sync"
  /// The jobs it runs (run(job)); the first is the one the board shows before any run.
  std::vector<std::string> jobs;
  std::string daily_job;  ///< what the daily schedule runs; "" for none
  /// The board's last_message when a run is asked while the job is off, or paused; "" leaves
  /// the last run's message.
  std::string off_message;
  std::string paused_message;
};

/// A run as asked for: the job and, for an import into a profile, the profile.
struct run_request {
  std::string job;
  std::int64_t profile_id = 0;
};

/// A run's counts as the board shows them (GET /admin/jobs, "progress"): kept by the job,
/// moved by the strategy.
struct run_progress {
  std::int64_t total = 0;
  std::int64_t done = 0;
  std::int64_t changed = 0;
  std::int64_t failed = 0;
};

/// The run under way, as the job shows it to its strategy.
struct run_context {
  std::int64_t id = 0;  ///< its sync_runs row; 0 when it could not be recorded
  std::string job;
  std::int64_t started = 0;  ///< unix seconds
  /// True once a pause was asked or has cut the fetcher's current call short: a failed call
  /// is then not the upstream's fault, and the same piece is done again after resume.
  std::function<bool()> interrupted;
};

/// What plan() found: the sync_runs row's kind, the job the board shows and its `current`
/// while begin() runs.
struct run_plan {
  std::string kind;
  std::string job;
  std::string current;
};

/// What one step did: more to do; cut short by a pause (nothing counted, the same piece comes
/// next); or the run is over, with its outcome and message.
struct step_result {
  enum class kind : std::uint8_t { more, interrupted, ended };
  kind what = kind::more;
  net::run_outcome outcome = net::run_outcome::ok;
  std::string message;

  static step_result next() { return {}; }
  static step_result cut_short() { return {kind::interrupted, net::run_outcome::ok, {}}; }
  static step_result end(net::run_outcome o, std::string message) {
    return {kind::ended, o, std::move(message)};
  }
};

/// What the sync_runs row of a finished run records (and the board's last_message).
struct run_record {
  net::run_outcome outcome = net::run_outcome::ok;
  std::int64_t checked = 0;
  std::int64_t changed = 0;
  std::int64_t failed = 0;
  std::string message;
};

/// The per-source part of a sync job. Called on the job's thread only, one run at a time:
/// plan, begin, then next_piece and step until a step ends the run, then finish. A strategy
/// keeps what its runs need between steps (queues, pages, counts of its own).
class sync_strategy {
 public:
  virtual ~sync_strategy() = default;

  virtual const sync_names& names() const = 0;
  /// Once, before any run: the job's store connection and fetcher (both outlive the strategy's
  /// runs), for the upstream source over them.
  virtual void attach(storage::store& db, httpc::fetcher& fetch) = 0;
  /// Plans a run asked at `now`, before it is recorded (no upstream call): an error ends it at
  /// once as failed, with the error's message and no sync_runs row. May set `p.total`.
  virtual result<run_plan> plan(const run_request& req, std::int64_t now, run_progress& p) = 0;
  /// Starts the recorded run (upstream calls allowed): an error ends it, failed or (when
  /// interrupted) cancelled, with the error's message.
  virtual status begin(const run_context& run, run_progress& p) = 0;
  /// What the next step works on, for the board's `current` ("" when nothing).
  virtual std::string next_piece() const = 0;
  virtual step_result step(const run_context& run, run_progress& p) = 0;
  /// Whether results are waiting to be published in numbers that call for it now.
  virtual bool publish_due() const = 0;
  /// Hands what changed so far to the service (nothing when nothing changed). Called when a
  /// run pauses, when it ends and whenever publish_due().
  virtual void publish(const run_context& run) = 0;
  /// Wraps up the run however it ended (`end`: the step's or begin's outcome and message) at
  /// `now`, drops its state and says what its sync_runs row records; may move `p`.
  virtual run_record finish(const run_context& run, const step_result& end, std::int64_t now,
                            run_progress& p) = 0;
};

// -- helpers of the strategies ------------------------------------------------------------------

/// ok when nothing failed, else partial.
net::run_outcome outcome_of(const run_progress& p) noexcept;

/// "stopped at \"<where>\": <why>", the message of a run a failure stopped.
std::string stopped_at(std::string_view where, std::string_view why);

/// Where a sync's catalog changes go: the catalog being served (`current`, may give null) and
/// the service's publisher of a new catalog with the availability changes that came with it
/// (none for a metadata change) and its providers; and where news of a show's next season goes
/// (watchlist alerts; may be empty).
struct catalog_link {
  std::function<snapshot_ptr()> current;
  std::function<void(snapshot_ptr, std::vector<availability_change>, std::vector<provider>)>
      publish;
  std::function<void(std::vector<season_news>)> news;
};

/// Publishes the catalog as a strategy's store connection has it now, under a version that is
/// the served one when the shows are the same ones in the same order and `keep_same_version`
/// (an offers change: the models built for it stay valid), else a new one derived from `tag`,
/// the served version, the run and a count of the publishes.
class catalog_publisher {
 public:
  catalog_publisher(catalog_link link, std::string who, std::string tag, bool keep_same_version);
  /// Hands the catalog and `changes` (moved from) to the link's publisher; false, logged as
  /// `who`, when the store cannot be read (`changes` stay).
  bool publish(storage::store& db, std::int64_t run_id, std::vector<availability_change>& changes);

 private:
  catalog_link link_;
  std::string who_;
  std::string tag_;
  bool keep_same_version_;
  std::uint64_t publishes_ = 0;
};

}  // namespace recs::actors
