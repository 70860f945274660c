#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace recs::httpc {

/// One HTTP request to an absolute http(s) URL.
struct request {
  std::string method = "GET";
  std::string url;  ///< absolute: http://... or https://... (see parse_url)
  /// Sent as given after Host and User-Agent (a Host or User-Agent here replaces the default).
  /// Content-Length is computed from `body`; a Content-Length or Transfer-Encoding given here is
  /// ignored. Names and values with CR, LF or NUL are invalid_argument.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// Any answer the server gave, whatever its status.
struct response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case, in order
  std::string body;                                          ///< de-chunked

  /// The first header with that name (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

/// Limits and trust for one http_client.
struct client_options {
  /// Name resolution, TCP connect and the TLS handshake together.
  std::chrono::milliseconds connect_timeout{5000};
  /// The whole exchange after connecting: sending the request and reading the full answer.
  std::chrono::milliseconds request_timeout{20000};
  std::size_t max_body_bytes = 16u << 20;  ///< a larger answer is an error, not truncated
  std::string user_agent = "recs/0.1";
  /// An extra PEM CA bundle to trust besides the system store (tests: a self-signed
  /// certificate); empty = the system store only. An unreadable file fails every https send.
  std::string ca_file;
  /// Verify the certificate chain and that it names the host (DNS name or IP address); the SNI
  /// name is sent for host names either way. Off only for local experiments.
  bool verify_peer = true;
  /// Connect to public addresses only: an address a name resolves to (or the URL names) that is
  /// loopback, private (RFC 1918, fc00::/7), shared (100.64.0.0/10), link-local, unspecified,
  /// multicast or reserved is refused with errc::forbidden, before connecting. For URLs that
  /// users set (a household's webhook), so that they cannot make the service call its own
  /// network.
  bool public_only = false;
};

/// True for an address public_only admits (an IPv4-mapped IPv6 address is judged as IPv4).
bool is_public_address(std::string_view address);

/// A blocking HTTP/1.1 client for a detached actor's own thread: it runs its own
/// boost::asio::io_context on the calling thread (never the service's Asio or CAF threads), one
/// request at a time. It keeps one connection alive per scheme://host:port and reuses it; when a
/// kept-alive connection turns out closed before any byte of the answer arrived (the server
/// dropped it while idle) it re-connects and sends once more. No redirects, no gzip, no proxies.
/// Not thread-safe; movable, not copyable.
class http_client {
 public:
  explicit http_client(client_options opts = {});
  ~http_client();
  http_client(http_client&&) noexcept;
  http_client& operator=(http_client&&) noexcept;
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  /// One attempt. Any HTTP status is a response (the caller judges it). Errors:
  /// - errc::invalid_argument: a bad URL, method or header;
  /// - errc::unavailable: name resolution, connect, TLS handshake and verification failures,
  ///   timeouts, a connection lost mid-answer, a malformed answer, an answer over
  ///   max_body_bytes. The message says what failed and where, e.g.
  ///   "tls: certificate verify failed: self-signed certificate (https://127.0.0.1:4433)",
  ///   "timeout after 20000 ms reading the answer (https://api.tvmaze.com:443)",
  ///   "answer too large: over 16777216 bytes (...)";
  /// - errc::forbidden: public_only and the host is not a public address;
  /// - errc::internal: an unexpected failure inside the client (out of memory, ...).
  result<response> send(const request& r);

  /// Drops every kept-alive connection (the next send connects afresh).
  void close_all();

  /// The options it was made with (not on a moved-from client).
  const client_options& options() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// True for the error send() returns when an answer exceeds max_body_bytes.
bool is_answer_too_large(const error& e) noexcept;

/// True for send()'s TLS certificate verification failures (untrusted chain, wrong host name,
/// expired): retrying the same server will not help.
bool is_certificate_error(const error& e) noexcept;

}  // namespace recs::httpc
