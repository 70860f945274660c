#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "cli/api_client.hpp"
#include "cli/args.hpp"
#include "cli/run.hpp"

namespace recs::cli::internal {

/// What a command handler works with.
struct context {
  const invocation& inv;
  api_client api;
  terminal& term;

  bool json() const { return inv.globals.json; }
};

/// Calls the service. On a 2xx answer fills `answer` and `doc` (null for an empty body) and
/// returns exit_ok. Otherwise prints why on stderr (the service's message, or that it cannot be
/// reached; with --json the error body also goes to stdout) and returns exit_refused.
int call(context& c, std::string_view method, const std::string& path, std::string body,
         api_answer& answer, rapidjson::Document& doc);

/// Prints "recsctl: <message>" on stderr and returns `code`.
int complain(context& c, const std::string& message, int code);

/// Follows the job a 202 answer started until its run is over, drawing progress on stderr;
/// prints the finished line (or, with --json, the final job) on stdout. exit_refused when the
/// run failed or was cancelled, or polling failed.
int follow_job(context& c, const rapidjson::Value& started_job);

int cmd_recommend(context& c);
int cmd_rate(context& c);
/// `import serializd` without FILE: the admin job of the service's Serializd account.
int cmd_import_serializd(context& c);
/// `import <format> FILE`: uploads FILE and prints the report.
int cmd_import_file(context& c, const std::string& format);
int cmd_sync(context& c);   ///< sync jobs|run|pause|resume|freshness
int cmd_admin(context& c);  ///< admin status|actors|alerts|resize-pool|flush-cache|retrain|commands
int cmd_preflight(context& c);
int cmd_setup(context& c);  ///< the first run: household, owner (password on stdin), an API token

}  // namespace recs::cli::internal
