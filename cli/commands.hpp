#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace recs::cli {

/// One option of a command (or a global one): `--name VALUE`, or a flag without a value.
struct option_spec {
  std::string name;        ///< with the dashes: "--for"
  std::string value_name;  ///< "NAME", "N"...; empty = a flag
  std::string help;
  bool required = false;
  /// For a value: the accepted words (empty = any text), or, when `number`, the range.
  std::vector<std::string> choices;
  bool number = false;  ///< a whole number in [min, max]
  long long min = 0;
  long long max = 0;
};

/// One command: its words ("sync run"), positional arguments, options, help and examples.
struct command_spec {
  std::string name;                      ///< "recommend", "sync run", "admin resize-pool"
  std::vector<std::string> positionals;  ///< names, e.g. {"JOB"}; required but see last_optional
  std::string summary;                   ///< one line for the command list
  std::string description;               ///< a paragraph for `<command> --help`
  std::vector<option_spec> options;
  std::vector<std::string> examples;  ///< shell lines, without the leading "$ "
  /// The positional is a whole number (admin resize-pool N).
  bool numeric_positional = false;
  /// The last positional may be left out (shown as [FILE]).
  bool last_optional = false;
};

/// Every command recsctl knows, in the order `--help` lists them.
const std::vector<command_spec>& commands();

/// The options every command takes (--url, --token, --json, --timeout-ms, --help).
const std::vector<option_spec>& global_options_spec();

/// The command with exactly this name, or nullptr.
const command_spec* find_command(std::string_view name);

/// True when `word` is the first word of several commands ("sync", "admin", "import").
bool is_command_group(std::string_view word);

/// `recsctl --help`: what it is, the commands with their summaries, the global options, the
/// environment variables and the exit codes.
std::string global_help();

/// `recsctl <command> --help` / `recsctl help <command>`: usage, description, options,
/// examples.
std::string command_help(const command_spec& c);

/// `recsctl sync --help`: the group's commands with their summaries.
std::string group_help(std::string_view group);

/// "usage: recsctl rate --for NAME --show ID --verdict bad|good|loved [options]".
std::string usage_line(const command_spec& c);

}  // namespace recs::cli
