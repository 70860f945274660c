#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "httpc/http_client.hpp"

namespace recs::cli {

/// Sends one request and returns whatever answer came back (any status), or a transport error.
/// The real one is make_http_transport; tests pass a fake.
using transport = std::function<result<httpc::response>(const httpc::request&)>;

/// A transport over httpc::http_client: `timeout_ms` bounds the connect and, separately, the
/// whole exchange after it. Keeps one connection alive between calls.
transport make_http_transport(int timeout_ms);

/// An answer of the service.
struct api_answer {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case

  bool ok() const { return status >= 200 && status < 300; }
};

/// The service's REST API at a base URL, with an optional bearer token.
class api_client {
 public:
  api_client(std::string base_url, std::string token, transport t);

  /// `method` `path_and_query` (starting with '/'), with a JSON `body` when non-empty. Any HTTP
  /// status is an answer. A transport failure is errc::unavailable "cannot reach the service at
  /// <base url>: <why>".
  result<api_answer> call(
      std::string_view method, std::string_view path_and_query, std::string body = {},
      const std::vector<std::pair<std::string, std::string>>& headers = {}) const;

  const std::string& base_url() const { return base_url_; }
  /// The same service without the bearer token (sign-in calls carry a cookie instead).
  api_client without_token() const { return api_client(base_url_, "", transport_); }
  bool has_token() const { return !token_.empty(); }

 private:
  std::string base_url_;
  std::string token_;
  transport transport_;
};

/// Percent-encodes a query value (everything but A-Z a-z 0-9 - _ . ~ and ','). Pure.
std::string url_encode(std::string_view s);

/// A readable line for a non-2xx answer: the JSON error's message with its status and code,
/// e.g. "not found: no profile 'bob' (HTTP 404 not_found)"; a body that is not such JSON is
/// quoted (cut to 200 characters). Pure.
std::string describe_error(const api_answer& a);

}  // namespace recs::cli
