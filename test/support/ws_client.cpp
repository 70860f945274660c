#include "test/support/ws_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

namespace recs::test {

namespace {

// Any valid base64 of 16 bytes will do for a test client.
constexpr const char* kKey = "dGhlIHNhbXBsZSBub25jZQ==";

}  // namespace

ws_client::ws_client(uint16_t port, const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     int timeout_ms) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                    "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + kKey +
                    "\r\nSec-WebSocket-Version: 13\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "\r\n";
  if (::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) return;
  std::size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
    if (!fill(timeout_ms)) return;
  const std::string head = buffer_.substr(0, end);
  buffer_.erase(0, end + 4);
  if (head.size() > 12) status_ = std::atoi(head.c_str() + 9);
  if (status_ != 101) {
    // A refusal: read its body (Content-Length) for the test to look at.
    const auto cl = head.find("Content-Length: ");
    const std::size_t n = cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 16));
    while (buffer_.size() < n && fill(timeout_ms)) {
    }
    refusal_ = buffer_.substr(0, n);
    closed_ = true;
  }
}

ws_client::~ws_client() {
  if (fd_ >= 0) ::close(fd_);
}

bool ws_client::fill(int timeout_ms) {
  if (fd_ < 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char buf[65536];
  const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) {
    closed_ = true;
    return false;
  }
  buffer_.append(buf, static_cast<std::size_t>(n));
  return true;
}

bool ws_client::send_frame(unsigned opcode, const std::string& payload) {
  if (fd_ < 0 || closed_) return false;
  std::string f;
  f.push_back(static_cast<char>(0x80 | opcode));
  const std::size_t n = payload.size();
  if (n < 126) {
    f.push_back(static_cast<char>(0x80 | n));
  } else if (n < 65536) {
    f.push_back(static_cast<char>(0x80 | 126));
    f.push_back(static_cast<char>(n >> 8));
    f.push_back(static_cast<char>(n & 0xff));
  } else {
    f.push_back(static_cast<char>(0x80 | 127));
    for (int i = 7; i >= 0; --i) f.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  }
  const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
  f.append(reinterpret_cast<const char*>(mask), 4);
  for (std::size_t i = 0; i < n; ++i) f.push_back(static_cast<char>(payload[i] ^ mask[i % 4]));
  return ::send(fd_, f.data(), f.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(f.size());
}

bool ws_client::send_text(const std::string& text) {
  return send_frame(0x1, text);
}

std::optional<std::string> ws_client::receive(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string message;
  for (;;) {
    // A whole frame in the buffer?
    if (buffer_.size() >= 2) {
      const auto b0 = static_cast<unsigned char>(buffer_[0]);
      const auto b1 = static_cast<unsigned char>(buffer_[1]);
      std::size_t len = b1 & 0x7f, pos = 2;
      if (len == 126 && buffer_.size() >= 4) {
        len =
            (static_cast<unsigned char>(buffer_[2]) << 8) | static_cast<unsigned char>(buffer_[3]);
        pos = 4;
      } else if (len == 127 && buffer_.size() >= 10) {
        len = 0;
        for (int i = 0; i < 8; ++i) len = (len << 8) | static_cast<unsigned char>(buffer_[2 + i]);
        pos = 10;
      } else if (len >= 126) {
        pos = 0;  // the length is not all here yet
      }
      if (pos > 0 && buffer_.size() >= pos + len) {
        const std::string payload = buffer_.substr(pos, len);
        buffer_.erase(0, pos + len);
        const unsigned opcode = b0 & 0x0f;
        if (opcode == 0x9) {
          send_frame(0xA, payload);  // pong
        } else if (opcode == 0x8) {
          if (payload.size() >= 2)
            close_code_ = (static_cast<unsigned char>(payload[0]) << 8) |
                          static_cast<unsigned char>(payload[1]);
          send_frame(0x8, payload.substr(0, 2));
          closed_ = true;
          return std::nullopt;
        } else if (opcode == 0x1 || opcode == 0x0) {
          message += payload;
          if (b0 & 0x80) return message;
        }
        continue;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0 || !fill(static_cast<int>(left))) return std::nullopt;
  }
}

void ws_client::close_socket() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  closed_ = true;
}

}  // namespace recs::test
