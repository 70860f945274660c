#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace recs::test {

/// A blocking WebSocket client (RFC 6455) on plain POSIX sockets to 127.0.0.1, for tests only:
/// text frames, masked as a client must; answers pings; no extensions.
class ws_client {
 public:
  /// Connects and performs the upgrade on `path` with the extra headers; see status().
  ws_client(uint16_t port, const std::string& path,
            const std::vector<std::pair<std::string, std::string>>& headers = {},
            int timeout_ms = 5000);
  ~ws_client();
  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  /// The HTTP status of the upgrade answer: 101 when open; 0 when the exchange failed.
  int status() const noexcept { return status_; }
  /// The body of a refused upgrade (e.g. a JSON error).
  const std::string& refusal() const noexcept { return refusal_; }

  bool send_text(const std::string& text);
  /// The next text message within `timeout_ms`; nullopt on timeout, close or error (then
  /// closed() tells which).
  std::optional<std::string> receive(int timeout_ms);
  /// True once the server sent a close frame or the connection ended.
  bool closed() const noexcept { return closed_; }
  /// The close code the server sent (0 if none).
  unsigned close_code() const noexcept { return close_code_; }
  /// Closes the socket at once, without a close frame.
  void close_socket();

 private:
  bool fill(int timeout_ms);
  bool send_frame(unsigned opcode, const std::string& payload);

  int fd_ = -1;
  int status_ = 0;
  std::string refusal_;
  std::string buffer_;
  bool closed_ = false;
  unsigned close_code_ = 0;
};

}  // namespace recs::test
