#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace recs::cli {

/// Options every command takes.
struct global_options {
  std::string url = "http://localhost:8080";
  std::string token;  ///< empty: no Authorization header
  bool json = false;
  int timeout_ms = 10000;
};

/// The environment recsctl reads (RECS_URL, RECS_TOKEN); unset or empty = not given.
struct environment {
  std::optional<std::string> url;
  std::optional<std::string> token;
};

/// A parsed command line.
struct invocation {
  global_options globals;
  /// The command's name ("recommend", "sync run"), a group ("sync") when only help was asked
  /// for one, or "" (no command: global help).
  std::string command;
  std::vector<std::string> positionals;
  /// The command's options by name ("--for" -> "ross"); a flag maps to "".
  std::map<std::string, std::string> options;
  bool help = false;  ///< print help for `command` (global help when it is "") and exit 0

  bool has(const std::string& name) const { return options.count(name) > 0; }
  /// The option's value, or `fallback` when absent.
  std::string get(const std::string& name, const std::string& fallback = {}) const;
};

/// Parses recsctl's arguments (without the program name). Global options may come before or
/// after the command; `--name value` and `--name=value` both work; `-h`/`--help` anywhere asks
/// for help; `help <command>` is `<command> --help`. Defaults: --url from env.url, else
/// http://localhost:8080; --token from env.token, else none.
/// Usage errors are errc::invalid_argument with a message naming the problem (an unknown
/// command or option, a missing or malformed value, a missing required option or positional,
/// a value outside its choices or range) -- recsctl's exit code 2. Pure.
result<invocation> parse_args(const std::vector<std::string>& args, const environment& env);

/// Parses a whole decimal number (optional leading '-') that fits a long long; nullopt else.
std::optional<long long> parse_number(const std::string& text);

}  // namespace recs::cli
