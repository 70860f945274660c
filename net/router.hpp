#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/http_types.hpp"

namespace recs::net {

/// Maps (method, path pattern) to handlers. Patterns are absolute paths whose segments are
/// literals or `{name}` parameters, e.g. "/shows/{id}/similar". Matching is per segment on the
/// percent-decoded segments of the raw target (so "%2F" inside an id stays in the id), ignores a
/// trailing slash, and prefers literal segments over parameters wherever both match.
///
/// Configure with add()/set_fallback() before serving; dispatch() is const and thread-safe.
class router {
 public:
  /// Decoded path parameters in pattern order, e.g. {{"id", "42"}}.
  using params = std::vector<std::pair<std::string, std::string>>;
  using route_handler = std::function<void(request&&, const params&, responder)>;

  /// Registers a handler. `method` is matched case-insensitively; a GET route also answers
  /// HEAD unless a HEAD route exists for the same path (the server omits the body).
  void add(std::string method, std::string pattern, route_handler handler);

  /// Called for paths no route matches (e.g. static files), with empty params.
  void set_fallback(route_handler handler);

  /// What one request came to: `route` is the method and the matched pattern
  /// ("GET /shows/{id}"), "static" for the fallback, "other" for no route (404, 405, a
  /// malformed path); `status` is the response's (500 when the handler throws: the caller
  /// answers it); `ms` runs from dispatch to the response.
  using observer = std::function<void(const std::string& route, unsigned status, double ms)>;
  /// Observes every dispatched request (e.g. for metrics). Set before serving.
  void set_observer(observer o);

  /// Routes one request: the matching handler, else 405 JSON with an `Allow` header when the
  /// path exists under other methods, else the fallback, else 404 JSON. A malformed escape in
  /// the path answers 400. Exceptions thrown by route handlers propagate to the caller (the
  /// http_server turns them into 500).
  void dispatch(request&& req, responder respond) const;

  /// A ready-made handler for http_server that dispatches through this router, which must
  /// outlive the server.
  handler as_handler() const;

 private:
  struct segment {
    std::string text;  ///< literal text, or the parameter name
    bool is_param = false;
  };
  struct route {
    std::string method;
    std::vector<segment> segments;
    route_handler handle;
    std::string label;  ///< "GET /shows/{id}"
  };

  /// `respond`, reporting to the observer (if any) when called.
  responder observed(const std::string& label, responder respond) const;

  static std::vector<segment> parse_pattern(std::string_view pattern);
  static bool match(const route& r, const std::vector<std::string>& path, params* out);

  std::vector<route> routes_;  ///< most specific first
  route_handler fallback_;
  observer observer_;
};

}  // namespace recs::net
