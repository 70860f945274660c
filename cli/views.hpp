#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>

namespace recs::cli {

/// Readable text for the service's answers (docs/api.md). Each takes the parsed answer and is
/// pure and tolerant: a missing field shows as "-" or is left out, never a crash.

/// GET /recommendations: a table (#, title, year, fit, where to watch; a "family" column with
/// strong/locked picks in a Family Mix). Offers on the household's services are marked "*".
/// With `explain`, each item's rationale and score components follow, and for the Family Mix
/// object answer ({items, family}) its metadata (strong picks, rule, warning).
std::string render_slate(const rapidjson::Value& answer, bool explain);

/// Where to watch an item: its offers' names, the household's services first and marked "*",
/// each once; "-" when none.
std::string render_where(const rapidjson::Value& item);

/// POST /ratings' answer: "Rated tt5288312 loved for Ross (score 9)."
std::string render_rating(const rapidjson::Value& rating, const std::string& profile_name);

/// GET /admin/jobs: a table of the jobs (source, job, state, progress, last run, next run).
std::string render_jobs(const rapidjson::Value& answer);

/// POST /imports/{format}'s report: the counts, then the unmatched and ambiguous shows with
/// their line and candidates, then the notes.
std::string render_import_report(const rapidjson::Value& report);

/// One job in a line: "justwatch daily_refresh: running, run 3, 41/200 done".
std::string render_job_line(const rapidjson::Value& job);

/// POST /admin/jobs/daily_refresh?dry_run=true: the plan's figures and its titles.
std::string render_plan(const rapidjson::Value& plan);

/// GET /admin/freshness, with ages relative to `now` (unix seconds).
std::string render_freshness(const rapidjson::Value& f, std::int64_t now);

/// GET /admin/status: the actors' states, shows, profiles and cache.
std::string render_status(const rapidjson::Value& status);

/// GET /admin/actors: name, state, instances, mailbox, processed.
std::string render_actors(const rapidjson::Value& answer);

/// GET /admin/alerts: a summary line and a table (status, severity, name, summary, since,
/// notifications), optionally only the firing ones.
std::string render_alerts(const rapidjson::Value& answer, bool firing_only);

/// GET /admin/commands: time, admin, command, detail, status.
std::string render_commands(const rapidjson::Value& answer);

/// The answer of an admin command (resize, flush, retrain): "resize_pool: ok (scorers=4)".
std::string render_command_answer(const rapidjson::Value& answer, int status);

}  // namespace recs::cli
