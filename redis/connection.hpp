#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "redis/redis_options.hpp"
#include "redis/redis_url.hpp"
#include "redis/reply.hpp"
#include "redis/socket_io.hpp"

namespace recs::redis::internal {

class wakeup;

/// One TCP connection speaking RESP2: our own non-blocking socket with poll() deadlines, and
/// hiredis for formatting commands and parsing replies (its reader API; no hiredis type here).
///
/// Every I/O error, timeout or protocol error marks the connection broken() (a late reply would
/// otherwise be taken for the next command's); the owner then drops it and opens a new one.
/// Error replies from the server are returned as replies and leave the connection usable.
/// Error messages start with "redis host:port: " and never contain the password.
class connection {
 public:
  /// Connects within options.connect_timeout, then sends AUTH (when the URL has a password) and
  /// SELECT (when db != 0) within options.command_timeout. `wake` (may be null, must outlive the
  /// connection) cuts every wait short once signalled. unavailable when the server cannot be
  /// reached in time; forbidden when AUTH is refused.
  static result<connection> open(const redis_url& url, const redis_options& options,
                                 const wakeup* wake = nullptr);

  connection(connection&&) noexcept;
  connection& operator=(connection&&) noexcept;
  ~connection();

  /// Sends one command (binary-safe arguments) and waits until `deadline` for its reply.
  result<reply> call(const std::vector<std::string_view>& args, clock::time_point deadline);

  /// Sends one command without waiting for a reply (SUBSCRIBE; PING while subscribed).
  status send(const std::vector<std::string_view>& args, clock::time_point deadline);

  /// The next reply; std::nullopt when `deadline` passes or the wakeup fires first (not an error:
  /// the connection stays usable).
  result<std::optional<reply>> receive(clock::time_point deadline);

  bool broken() const noexcept;

 private:
  struct impl;
  explicit connection(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace recs::redis::internal
