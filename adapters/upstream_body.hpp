#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "core/result.hpp"
#include "core/upstream_error.hpp"

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

/// The upstream error classification (blocked pages, rate limits, HTTP statuses) lives in core/,
/// shared with httpc; these names are part of the parsers' vocabulary.
using recs::http_status_error;
using recs::is_blocked;
using recs::is_rate_limited;

/// The error for a JSON document of an unexpected shape (a parser's `why`):
/// errc::internal "<source>: unexpected response shape: <why>".
error shape_error(std::string_view source, const std::string& why);

}  // namespace recs::adapters
