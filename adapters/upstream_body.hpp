#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "recsys/result.hpp"

namespace recs::adapters {

/// Reads an upstream response body that should be JSON into `doc`. `source` names the upstream
/// in messages ("justwatch", "tvmaze", "serializd"). A UTF-8 BOM and surrounding white space are
/// ignored. Errors:
/// - a body that cannot be JSON at all (its first character cannot start a JSON value: an HTML
///   page "<!DOCTYPE html>...", a plain-text "Too Many Requests") -> errc::unavailable with a
///   message starting "blocked: " (see is_blocked); the page's <title> is quoted when present.
///   JustWatch answers a block with HTML instead of JSON, so this is treated as a 429: back off.
/// - an empty body -> errc::unavailable "<source>: empty response body".
/// - a body that starts as JSON but does not parse (truncated, a missing comma, trailing
///   garbage) -> errc::internal "<source>: malformed JSON at offset <n>: <reason>" (an
///   unexpected upstream failure, not bad input from our caller).
status parse_upstream_json(std::string_view source, std::string_view body,
                           rapidjson::Document& doc);

/// True for the errors parse_upstream_json (and http_status_error) mark as a block page.
bool is_blocked(const error& e) noexcept;

/// True for the errors http_status_error builds from a 429 answer.
bool is_rate_limited(const error& e) noexcept;

/// The error for an HTTP answer that is not a success, for the network layer: a body that is an
/// HTML page -> blocked (as above) whatever the status; 429 -> errc::unavailable "rate limited:
/// ..."; 401 and 403 -> forbidden; 404 -> not_found; 408 and 5xx -> unavailable; anything else
/// -> internal. The message names the source and the status.
error http_status_error(std::string_view source, int http_status, std::string_view body);

/// The error for a JSON document of an unexpected shape (a parser's `why`):
/// errc::internal "<source>: unexpected response shape: <why>".
error shape_error(std::string_view source, const std::string& why);

}  // namespace recs::adapters
