#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace recs::net {

/// A parsed HTTP request, free of Beast types so handlers compile without Beast.
struct request {
  std::string method;  ///< upper-case, e.g. "GET"
  std::string target;  ///< raw request target, path plus query
  std::string path;    ///< percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;    ///< decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case
  std::string body;
  std::string remote;  ///< peer address, for logs

  /// First header with that (lower-case) name, or empty.
  std::string_view header(std::string_view name) const noexcept;
  /// First query parameter with that name.
  std::optional<std::string> param(std::string_view name) const;
};

/// An HTTP response. `content_type` defaults to JSON.
struct response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers
};

/// Completes a request. May be called from any thread, at most once; calls after the
/// session's deadline are ignored.
using responder = std::function<void(response)>;

/// Handles one request and eventually calls the responder exactly once.
using handler = std::function<void(request&&, responder)>;

/// A JSON error body `{"error": code, "message": message}` with that status.
response json_error(unsigned status, std::string_view code, std::string_view message);

/// The JSON error code of an error category: bad_request, not_found, forbidden, unavailable,
/// internal.
std::string_view error_code(errc e) noexcept;
/// The JSON error for an error value: invalid_argument 400, not_found 404, forbidden 403,
/// unavailable 503, internal 500.
response error_response(const error& e);

/// Parses "a=1&b=x%20y" into decoded pairs ('+' decodes to a space).
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q);
/// Percent-decodes; returns nullopt on a malformed escape.
std::optional<std::string> url_decode(std::string_view s, bool plus_as_space);

}  // namespace recs::net
