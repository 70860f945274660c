#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recs::test {

/// A response as the tests see it. `status` is 0 when the exchange failed (connection refused,
/// timeout, malformed reply); `body` then holds the reason.
struct http_reply {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case, in order

  /// First header with that name (case-insensitive), or empty.
  std::string header(std::string_view name) const;
};

/// A blocking HTTP/1.1 client on plain POSIX sockets to 127.0.0.1, for tests only (it keeps
/// Beast out of the test builds). Responses may use Content-Length, chunked encoding or close.
class http_connection {
 public:
  /// Connects at once; see connected().
  explicit http_connection(uint16_t port, int timeout_ms = 5000);
  ~http_connection();
  http_connection(const http_connection&) = delete;
  http_connection& operator=(const http_connection&) = delete;

  bool connected() const noexcept { return fd_ >= 0; }

  /// Sends one request on this connection (keep-alive unless a Connection header says
  /// otherwise) and reads its response.
  http_reply call(const std::string& method, const std::string& target,
                  const std::string& body = "",
                  const std::vector<std::pair<std::string, std::string>>& headers = {});

  /// Sends raw bytes; false when the peer is gone. Write errors are expected when a server
  /// rejects a request early, so callers may go on to read_reply().
  bool send_raw(std::string_view bytes);

  /// Reads one response; pass true when it answers a HEAD request (no body follows). Interim
  /// 1xx responses are skipped unless `stop_at_interim` (then one is returned, without body).
  http_reply read_reply(bool head_request = false, bool stop_at_interim = false);

  /// True when the peer closes the connection (EOF or reset) within `timeout_ms`, discarding
  /// anything it still sends.
  bool wait_closed(int timeout_ms);

 private:
  // Waits for and appends more bytes to buffer_; false on EOF, error or timeout.
  bool fill(int timeout_ms, std::string* why);
  bool read_line(std::string* line, int timeout_ms, std::string* why);
  bool read_exact(std::size_t n, std::string* out, int timeout_ms, std::string* why);

  int fd_ = -1;
  int timeout_ms_;
  uint16_t port_;
  std::string buffer_;  ///< bytes received but not yet consumed
};

/// One request on a fresh connection (`Connection: close`), e.g.
/// `http_call(port, "GET", "/healthz")`.
http_reply http_call(uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::vector<std::pair<std::string, std::string>>& headers = {},
                     int timeout_ms = 5000);

}  // namespace recs::test
