// recsctl: the command-line client of the service for scripts and operators (cli/, `recsctl
// --help`). This file only binds cli::run to the process: argv, RECS_URL/RECS_TOKEN, stdout and
// stderr, whether stderr is a terminal and how wide, the clock and the HTTP transport.
#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "cli/run.hpp"

namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

int terminal_width(int fd) {
  winsize ws{};
  if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (auto cols = env("COLUMNS")) {
    const int n = std::atoi(cols->c_str());
    if (n > 0) return n;
  }
  return 80;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace recs::cli;
  environment e{env("RECS_URL"), env("RECS_TOKEN")};
  const bool tty = isatty(STDERR_FILENO) == 1;
  auto sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  auto now_ms = [] {
    return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count());
  };
  terminal term{std::cout,
                std::cerr,
                tty,
                tty ? terminal_width(STDERR_FILENO) : 80,
                sleep,
                now_ms,
                std::chrono::milliseconds(500),
                [] {
                  std::string line;
                  if (!std::getline(std::cin, line)) return std::optional<std::string>();
                  if (!line.empty() && line.back() == '\r') line.pop_back();
                  return std::optional<std::string>(line);
                }};
  auto make = [](const global_options& g) { return make_http_transport(g.timeout_ms); };
  return run(std::vector<std::string>(argv + 1, argv + argc), e, make, term);
}
