#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "test/support/replay_routes.hpp"
#include "test/support/replay_tls.hpp"

namespace recs::test {

/// Where and how the replay server listens.
struct replay_options {
  std::string host = "127.0.0.1";            ///< an IPv4 or IPv6 address literal
  std::uint16_t port = 0;                    ///< 0: any free port (see replay_server::port)
  std::optional<tls_identity> tls;           ///< serve HTTPS with this certificate
  std::string initial_scenario = "default";  ///< also what POST /__replay/reset returns to
  int idle_timeout_ms = 60000;               ///< a connection silent this long is closed
};

/// A request the server received (control requests are not logged).
struct logged_request {
  std::string method;
  std::string target;                                        ///< path and query as received
  std::string body;                                          ///< its first 200 bytes
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case
  std::string sni;             ///< the TLS server name the client sent ("" for plain HTTP)
  std::size_t connection = 0;  ///< 1-based number of the connection it came on
};

/// An HTTP/1.1 server answering canned responses, for tests of network code without the
/// network: in-process (started on a thread, 127.0.0.1, port 0) or as the recs-replay
/// executable. POSIX sockets and OpenSSL, one thread per connection, keep-alive, request bodies
/// by Content-Length. Besides the routes it answers:
/// - POST /__replay/scenario?name=X: answer from scenario X from now on (sequences restart);
/// - GET /__replay/log: a JSON array of the requests so far ({method, target, body});
/// - POST /__replay/reset: the initial scenario, sequences and log as at the start.
/// A request no route matches gets 404 {"error": "no replay route", ...} (and is logged).
class replay_server {
 public:
  explicit replay_server(replay_scenarios scenarios, replay_options opts = {});
  /// Stops it.
  ~replay_server();
  replay_server(const replay_server&) = delete;
  replay_server& operator=(const replay_server&) = delete;

  /// Binds, listens and starts the accepting thread. Errors: an unknown initial scenario
  /// (invalid_argument), bind/listen or TLS set-up failures (unavailable).
  status start();
  /// Closes the listener and every connection (delays end early) and joins the threads.
  /// Idempotent.
  void stop();

  std::uint16_t port() const;
  /// "http://127.0.0.1:<port>" (https with TLS).
  std::string base_url() const;

  /// What POST /__replay/scenario does; not_found for an unknown name.
  status use_scenario(const std::string& name);
  std::string scenario() const;
  /// What POST /__replay/reset does.
  void reset();
  std::vector<logged_request> log() const;
  /// Connections accepted since start (reset() does not clear it).
  std::size_t connections() const;

 private:
  struct state;
  std::unique_ptr<state> s_;
};

}  // namespace recs::test
