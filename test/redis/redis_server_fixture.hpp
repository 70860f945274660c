#pragma once

#include <string>
#include <vector>

#include "redis/redis_url.hpp"

namespace recs::redis::testing {

/// A throwaway redis-server for one test, run by test/support/redis_server.sh (found through
/// RECS_SOURCE_DIR, which ctest sets): a fresh temp dir, a free loopback port, no persistence.
/// The constructor fails the test (never skips it) when the server cannot start; when
/// redis-server is not installed, the message says to run `make deps-test`.
class redis_server {
 public:
  /// Starts redis-server with `extra_args` (e.g. {"--requirepass", "secret"}).
  explicit redis_server(std::vector<std::string> extra_args = {});
  redis_server(const redis_server&) = delete;
  redis_server& operator=(const redis_server&) = delete;
  /// Stops the server and removes its dir.
  ~redis_server();

  /// Stops the server (TERM by PID; waits until it is gone).
  void stop();
  /// Starts it again on the same port with the same options.
  void restart();
  /// SIGSTOP / SIGCONT: a server that still accepts TCP connections (the kernel does) but never
  /// answers, like a hung Redis or a silent network path.
  void freeze();
  void thaw();

  int port() const noexcept { return port_; }
  /// redis://[:password@]127.0.0.1:<port>[/db]
  redis_url url(const std::string& password = "", int db = 0) const;

 private:
  std::string script(const std::string& command) const;
  int pid() const;

  std::string script_;
  std::string dir_;
  std::vector<std::string> args_;
  int port_ = 0;
};

}  // namespace recs::redis::testing
