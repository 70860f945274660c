#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/api_client.hpp"
#include "cli/args.hpp"

namespace recs::cli {

/// Where recsctl writes and how it waits: the real process's streams and clock in main, string
/// streams and a fake clock in tests.
struct terminal {
  std::ostream& out;        ///< results (tables, JSON)
  std::ostream& err;        ///< errors and progress
  bool err_is_tty = false;  ///< progress bars redraw in place only on a terminal
  int width = 80;           ///< the terminal's columns
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<std::int64_t()> now_ms;          ///< wall clock, milliseconds since the epoch
  std::chrono::milliseconds poll_interval{500};  ///< between GET /admin/jobs while following
  /// One line of standard input (a password), nullopt at its end.
  std::function<std::optional<std::string>()> read_line = [] {
    return std::optional<std::string>();
  };
};

/// Makes the transport for the parsed global options (--url is in api_client, --timeout-ms
/// here).
using transport_factory = std::function<transport(const global_options&)>;

/// Exit codes.
inline constexpr int exit_ok = 0;
inline constexpr int exit_refused = 1;  ///< the service said no, was unreachable, a check failed
inline constexpr int exit_usage = 2;

/// recsctl: parses `args` (without the program name), runs the command against the service and
/// returns the exit code.
int run(const std::vector<std::string>& args, const environment& env,
        const transport_factory& make_transport, terminal& term);

}  // namespace recs::cli
