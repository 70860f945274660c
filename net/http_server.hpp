#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "net/http_types.hpp"
#include "net/ws_types.hpp"

namespace recs::net {

/// Settings of the HTTP front. Defaults suit the embedded single-box deployment.
struct server_options {
  std::string address = "0.0.0.0";     ///< IPv4 or IPv6 literal to bind
  uint16_t port = 8080;                ///< 0 picks a free port (see http_server::port())
  int threads = 2;                     ///< I/O threads running the sessions (at least 1)
  std::size_t body_limit = 64 * 1024;  ///< larger request bodies get 413 and the connection closes
  /// POSTs to paths starting with this (uploads: "/imports/") may send up to upload_limit
  /// bytes instead; empty: none.
  std::string upload_prefix = "/imports/";
  std::size_t upload_limit = 20 * 1024 * 1024;
  /// Time allowed to receive a whole request (and to send a response); an idle keep-alive
  /// connection is closed when it elapses.
  std::chrono::milliseconds read_timeout{30000};
  /// Time the handler has to call its responder before the session answers 503 itself.
  /// Zero or negative disables the deadline.
  std::chrono::milliseconds handler_deadline{10000};
  /// Optional hook called on an I/O thread after each response is written (access log,
  /// metrics). The request's body is empty there; `elapsed` runs from the end of the request
  /// read to the end of the response write. Must be cheap and must not throw.
  std::function<void(const request&, const response&, std::chrono::microseconds elapsed)>
      on_complete;

  // -- WebSocket (same port) ---------------------------------------------------------------------
  /// Decides on upgrade requests to `ws_path`; unset: every upgrade gets 404.
  ws_acceptor websocket;
  std::string ws_path = "/ws";
  /// Messages a connection may have queued before it is closed as too slow.
  std::size_t ws_queue_limit = 256;
  /// Largest message a client may send; larger ones close the connection (1009).
  std::size_t ws_message_limit = 16 * 1024;
  /// A connection with no traffic for this long is pinged at half of it, and closed when the
  /// pong does not come back in time.
  std::chrono::milliseconds ws_idle_timeout{30000};
};

/// The Boost.Beast HTTP/1.1 server: keep-alive sessions, one strand per connection, explicit
/// body-size limit and timeouts. Each request is handed to the handler on an I/O thread; the
/// handler must not block (hand work to actors) and calls its responder exactly once, from any
/// thread. The connection never hangs on a handler: past `handler_deadline` it gets 503.
///
/// Beast stays inside http_server.cpp: including this header costs nothing.
class http_server {
 public:
  http_server(server_options options, handler on_request);
  /// Stops the server if it is running. Must not run on one of the server's own I/O threads.
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// Binds, listens and starts the I/O threads; returns once connections are accepted.
  /// Errors: invalid_argument (bad address, already started), unavailable (bind/listen failed).
  status start();

  /// The port actually listened on (useful with port 0); 0 before a successful start().
  uint16_t port() const noexcept;

  /// Closes the acceptor (freeing the port) and every open connection, then joins the I/O
  /// threads. Idempotent and thread-safe, e.g. callable from a signal-waiting thread. Called
  /// from one of the server's own I/O threads it only initiates the shutdown; the destructor
  /// then joins. Responders called after stop() are ignored.
  void stop();

 private:
  class impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace recs::net
