#include "redis/socket_io.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "redis/wakeup.hpp"

namespace recs::redis::internal {
namespace {

error unavailable(const std::string& what) {
  return error{errc::unavailable, what};
}

error from_errno(const std::string& what, int err) {
  return unavailable(what + ": " + std::strerror(err));
}

/// Milliseconds to `deadline`, rounded up so that a wait never ends just before it.
int millis_left(clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now()).count();
  if (left <= 0) return 0;
  return left > 60'000 ? 60'000 : static_cast<int>(left);
}

status await_writable(int fd, clock::time_point deadline, const wakeup* wake, const char* what) {
  switch (wait_for(fd, POLLOUT, deadline, wake)) {
    case readiness::ready:
      return ok_status();
    case readiness::timed_out:
      return unavailable(std::string(what) + ": timed out");
    case readiness::woken:
      break;
  }
  return unavailable(std::string(what) + ": stopped");
}

result<unique_fd> connect_one(const addrinfo& ai, clock::time_point deadline, const wakeup* wake) {
  unique_fd fd(
      ::socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai.ai_protocol));
  if (!fd) return from_errno("socket", errno);
  if (::connect(fd.get(), ai.ai_addr, ai.ai_addrlen) != 0 && errno != EINPROGRESS) {
    return from_errno("connect", errno);
  }
  if (auto st = await_writable(fd.get(), deadline, wake, "connect"); !st) return st.err();
  int err = 0;
  socklen_t len = sizeof err;
  if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
  if (err != 0) return from_errno("connect", err);
  int one = 1;
  ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // Keepalive (as hiredis sets it: probes after 15 s idle) so that a pooled connection whose
  // peer vanished behind a NAT or load balancer fails at once instead of at a command timeout.
  int idle = 15, interval = 5, count = 3;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
  ::setsockopt(fd.get(), IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  ::setsockopt(fd.get(), IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  ::setsockopt(fd.get(), IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
  return fd;
}

}  // namespace

unique_fd& unique_fd::operator=(unique_fd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(o.fd_, -1);
  }
  return *this;
}

unique_fd::~unique_fd() {
  if (fd_ >= 0) ::close(fd_);
}

readiness wait_for(int fd, short events, clock::time_point deadline, const wakeup* wake) {
  for (;;) {
    if (wake != nullptr && wake->signalled()) return readiness::woken;
    int left = millis_left(deadline);
    if (left == 0) return readiness::timed_out;
    pollfd fds[2] = {{fd, events, 0}, {wake != nullptr ? wake->fd() : -1, POLLIN, 0}};
    // Without an eventfd to wait on, look at the stop flag every 20 ms.
    if (wake != nullptr && wake->fd() < 0 && left > 20) left = 20;
    int n = ::poll(fds, 2, left);
    if (n < 0 && errno != EINTR) return readiness::ready;  // let the read or write report it
    if (n > 0 && fds[0].revents != 0) return readiness::ready;
  }
}

result<unique_fd> connect_tcp(const std::string& host, int port, clock::time_point deadline,
                              const wakeup* wake) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  auto service = std::to_string(port);
  if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    return unavailable(std::string("resolve: ") + ::gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
  error last = unavailable("resolve: no address");
  for (const addrinfo* ai = list.get(); ai != nullptr; ai = ai->ai_next) {
    auto fd = connect_one(*ai, deadline, wake);
    if (fd) return fd;
    last = fd.err();
    if (clock::now() >= deadline || (wake != nullptr && wake->signalled())) break;
  }
  return last;
}

status send_all(int fd, std::string_view data, clock::time_point deadline, const wakeup* wake) {
  while (!data.empty()) {
    auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return from_errno("send", errno);
    if (auto st = await_writable(fd, deadline, wake, "send"); !st) return st;
  }
  return ok_status();
}

result<std::size_t> read_available(int fd, std::string& out) {
  char buf[16 * 1024];
  std::size_t total = 0;
  for (;;) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
      total += static_cast<std::size_t>(n);
      if (static_cast<std::size_t>(n) < sizeof buf) return total;
      continue;
    }
    if (n == 0) {
      if (total > 0) return total;  // the next read reports the close
      return unavailable("connection closed by the server");
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return total;
    return from_errno("recv", errno);
  }
}

}  // namespace recs::redis::internal
