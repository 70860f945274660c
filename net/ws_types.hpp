#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "net/http_types.hpp"

namespace recs::net {

/// The server side of one WebSocket connection, as the application sees it. Thread-safe: any
/// thread may send or close. It refers to the connection weakly: once the connection is gone,
/// sends return false and closes do nothing.
class ws_connection {
 public:
  virtual ~ws_connection() = default;
  /// Queues one text message. The queue is bounded (server_options::ws_queue_limit): when it is
  /// full the client is too slow, the connection is closed (1008, "too slow") and false is
  /// returned, so memory never grows without bound. False too once closed.
  virtual bool send(std::string text) = 0;
  /// Queues one text message whose payload is `head`, then `*shared`, then `tail`, without
  /// copying `*shared`: many connections may queue the same one (e.g. one slate body pushed to
  /// every subscriber), which must not change while any of them holds it. A null `shared` is
  /// empty. The same message on the wire, queue bound and result as send(head + *shared + tail).
  virtual bool send_shared(std::string head, std::shared_ptr<const std::string> shared,
                           std::string tail) = 0;
  /// Closes with a close frame carrying `code` and `reason`.
  virtual void close(unsigned short code, std::string reason) = 0;
  /// Messages queued and not yet written.
  virtual std::size_t queued() const = 0;
};

/// What the application does with one accepted connection. Calls come from the connection's
/// strand, one at a time; they must not block.
class ws_listener {
 public:
  virtual ~ws_listener() = default;
  virtual void on_text(std::string text) = 0;
  /// The connection is gone (closed by either side, timed out, or too slow); called once.
  virtual void on_closed() = 0;
};

/// The application's answer to an upgrade request: `refuse` (e.g. 403 for a foreign Origin)
/// is sent as an HTTP response; otherwise `make_listener` is called with the new connection.
struct ws_decision {
  std::optional<response> refuse;
  std::function<std::shared_ptr<ws_listener>(std::shared_ptr<ws_connection>)> make_listener;
};

/// Called on an HTTP thread for each WebSocket upgrade request to the WebSocket path.
using ws_acceptor = std::function<ws_decision(const request& upgrade)>;

}  // namespace recs::net
