#include "test/support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

namespace recs::test {

namespace {

using clock_type = std::chrono::steady_clock;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

http_reply failure(std::string why) {
  http_reply r;
  r.status = 0;
  r.body = std::move(why);
  return r;
}

int remaining_ms(clock_type::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

}  // namespace

std::string http_reply::header(std::string_view name) const {
  const std::string key = lower(name);
  for (const auto& [k, v] : headers) {
    if (k == key) return v;
  }
  return {};
}

http_connection::http_connection(uint16_t port, int timeout_ms)
    : timeout_ms_(timeout_ms), port_(port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{};
  tv.tv_sec = timeout_ms / 1000;
  tv.tv_usec = (timeout_ms % 1000) * 1000;
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);  // a stuck peer must not hang us
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

http_connection::~http_connection() {
  if (fd_ >= 0) ::close(fd_);
}

bool http_connection::send_raw(std::string_view bytes) {
  if (fd_ < 0) return false;
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool http_connection::fill(int timeout_ms, std::string* why) {
  if (fd_ < 0) {
    *why = "not connected";
    return false;
  }
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, timeout_ms);
  if (ready == 0) {
    *why = "timeout";
    return false;
  }
  if (ready < 0) {
    *why = std::string("poll: ") + std::strerror(errno);
    return false;
  }
  char chunk[16384];
  const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n == 0) {
    *why = "connection closed";
    return false;
  }
  if (n < 0) {
    *why = std::string("recv: ") + std::strerror(errno);
    return false;
  }
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

bool http_connection::read_line(std::string* line, int timeout_ms, std::string* why) {
  const auto deadline = clock_type::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const std::size_t end = buffer_.find("\r\n");
    if (end != std::string::npos) {
      line->assign(buffer_, 0, end);
      buffer_.erase(0, end + 2);
      return true;
    }
    if (!fill(remaining_ms(deadline), why)) return false;
  }
}

bool http_connection::read_exact(std::size_t n, std::string* out, int timeout_ms,
                                 std::string* why) {
  const auto deadline = clock_type::now() + std::chrono::milliseconds(timeout_ms);
  while (buffer_.size() < n) {
    if (!fill(remaining_ms(deadline), why)) return false;
  }
  out->append(buffer_, 0, n);
  buffer_.erase(0, n);
  return true;
}

http_reply http_connection::read_reply(bool head_request, bool stop_at_interim) {
  const auto deadline = clock_type::now() + std::chrono::milliseconds(timeout_ms_);
  std::string why;
  std::string line;
  http_reply reply;
  for (;;) {  // skips interim 1xx responses such as 100 Continue
    if (!read_line(&line, remaining_ms(deadline), &why)) return failure(why);
    if (line.rfind("HTTP/1.", 0) != 0 || line.size() < 12) return failure("bad status line");
    reply.status = std::atoi(line.c_str() + 9);
    reply.headers.clear();
    for (;;) {
      if (!read_line(&line, remaining_ms(deadline), &why)) return failure(why);
      if (line.empty()) break;
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) return failure("bad header line");
      reply.headers.emplace_back(lower(trim(std::string_view(line).substr(0, colon))),
                                 std::string(trim(std::string_view(line).substr(colon + 1))));
    }
    if (reply.status >= 200) break;
    if (stop_at_interim) return reply;
  }

  if (head_request || reply.status == 204 || reply.status == 304) return reply;
  if (lower(reply.header("transfer-encoding")).find("chunked") != std::string::npos) {
    for (;;) {
      if (!read_line(&line, remaining_ms(deadline), &why)) return failure(why);
      const std::size_t size = std::strtoul(line.c_str(), nullptr, 16);
      if (size == 0) break;
      if (!read_exact(size, &reply.body, remaining_ms(deadline), &why)) return failure(why);
      if (!read_line(&line, remaining_ms(deadline), &why)) return failure(why);
    }
    do {  // trailers, up to the empty line
      if (!read_line(&line, remaining_ms(deadline), &why)) return failure(why);
    } while (!line.empty());
    return reply;
  }
  const std::string length = reply.header("content-length");
  if (!length.empty()) {
    const std::size_t n = std::strtoul(length.c_str(), nullptr, 10);
    if (!read_exact(n, &reply.body, remaining_ms(deadline), &why)) return failure(why);
    return reply;
  }
  // No framing: the body runs to the end of the connection.
  while (fill(remaining_ms(deadline), &why)) {
  }
  if (why != "connection closed") return failure(why);
  reply.body = std::move(buffer_);
  buffer_.clear();
  return reply;
}

http_reply http_connection::call(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
  if (fd_ < 0) return failure("connection refused");
  std::string req =
      method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) + "\r\n";
  bool has_length = false;
  for (const auto& [name, value] : headers) {
    req += name + ": " + value + "\r\n";
    has_length = has_length || lower(name) == "content-length";
  }
  if (!has_length && (!body.empty() || method == "POST" || method == "PUT")) {
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n";
  req += body;
  send_raw(req);  // on failure the server may still have answered (e.g. 413): read it
  return read_reply(method == "HEAD");
}

bool http_connection::wait_closed(int timeout_ms) {
  const auto deadline = clock_type::now() + std::chrono::milliseconds(timeout_ms);
  std::string why;
  while (fill(remaining_ms(deadline), &why)) buffer_.clear();
  return why != "timeout";
}

http_reply http_call(uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     int timeout_ms) {
  http_connection conn(port, timeout_ms);
  auto all = headers;
  all.emplace_back("Connection", "close");
  return conn.call(method, target, body, all);
}

}  // namespace recs::test
