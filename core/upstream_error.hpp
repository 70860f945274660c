#pragma once

#include <optional>
#include <string_view>

#include "core/result.hpp"

namespace recs {

/// How upstream failures are classified, shared by the HTTP client (httpc), the parsers
/// (adapters) and the sync jobs, so that each layer can tell a block page or a rate limit from
/// any other unavailability without knowing the others.

/// The error for an upstream body that is not JSON at all (an HTML page, plain text):
/// errc::unavailable "blocked: <source> answered with an HTML page instead of JSON" (or "with
/// text that is not JSON"), quoting the page's <title> (at most 80 bytes) when it has one.
/// `body` is the significant text (no BOM, trimmed, not empty).
error blocked_error(std::string_view source, std::string_view body);

/// The blocked_error for a body that cannot start a JSON value (its first significant character
/// is not one of `{["-0123456789tfn`); nullopt for one that can, or an empty body.
std::optional<error> not_json_error(std::string_view source, std::string_view body);

/// True for the errors blocked_error (and http_status_error for an HTML page) build.
bool is_blocked(const error& e) noexcept;

/// True for the errors http_status_error builds from a 429 answer.
bool is_rate_limited(const error& e) noexcept;

/// The error for an HTTP answer that is not a success: a body that is an HTML page -> blocked
/// (as above) whatever the status; 429 -> errc::unavailable "rate limited: ..."; 401 and 403 ->
/// forbidden; 404 -> not_found; 408 and 5xx -> unavailable; anything else -> internal. The
/// message names the source and the status.
error http_status_error(std::string_view source, int http_status, std::string_view body);

/// `body` without a UTF-8 BOM and surrounding ASCII white space.
std::string_view significant_body(std::string_view body) noexcept;

}  // namespace recs
