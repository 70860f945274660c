#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.hpp"

namespace recs::redis::internal {

class wakeup;

using clock = std::chrono::steady_clock;

/// Owns a file descriptor and closes it.
class unique_fd {
 public:
  unique_fd() = default;
  explicit unique_fd(int fd) noexcept : fd_(fd) {}
  unique_fd(unique_fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  unique_fd& operator=(unique_fd&& o) noexcept;
  unique_fd(const unique_fd&) = delete;
  unique_fd& operator=(const unique_fd&) = delete;
  ~unique_fd();

  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

/// What a wait for a socket ended with.
enum class readiness { ready, timed_out, woken };

/// Waits until `fd` has one of `events` (POLLIN, POLLOUT; errors and hang-ups count as ready so
/// that the following read or write reports them), `deadline` passes, or `wake` (may be null) is
/// signalled.
readiness wait_for(int fd, short events, clock::time_point deadline, const wakeup* wake);

/// A non-blocking TCP socket connected to host:port with TCP_NODELAY, trying every resolved
/// address in turn until `deadline`. unavailable when none answers in time (or `wake` fires).
/// Name resolution itself (getaddrinfo) is blocking and not bounded by the deadline.
result<unique_fd> connect_tcp(const std::string& host, int port, clock::time_point deadline,
                              const wakeup* wake);

/// Writes all of `data` (never raises SIGPIPE). unavailable on any error, the deadline or `wake`.
status send_all(int fd, std::string_view data, clock::time_point deadline, const wakeup* wake);

/// Appends what is readable now to `out` without waiting: the number of bytes, 0 if nothing
/// was ready; unavailable on an error or when the server closed the connection.
result<std::size_t> read_available(int fd, std::string& out);

}  // namespace recs::redis::internal
