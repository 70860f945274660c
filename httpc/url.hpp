#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace recs::httpc {

/// An absolute http(s) URL split into what a connection and a request line need.
struct url {
  std::string scheme;  ///< "http" or "https" (lower-case)
  std::string host;    ///< a name (lower-case), an IPv4 address or an IPv6 address without brackets
  int port = 0;        ///< 1-65535; 80 or 443 when the URL names none
  std::string target;  ///< path and query as written ("/" when empty); the fragment is dropped
};

/// Parses `http://host[:port][/path][?query][#fragment]` and the same with `https://`. The
/// scheme and host are case-insensitive (stored lower-case); IPv6 hosts go in brackets
/// (`http://[::1]:8080/`). Any other scheme, user info (`user@host`), an empty host, a bad port,
/// white space or control characters are errc::invalid_argument naming the problem. Pure: no
/// name lookup, no percent-decoding (the target is sent as written).
result<url> parse_url(std::string_view text);

/// `base` and `path_and_query` joined with exactly one '/' between them:
/// join_url("https://api.tvmaze.com/", "/shows?page=1") == "https://api.tvmaze.com/shows?page=1".
/// An empty `path_and_query` returns `base` unchanged; one starting with '?' is appended as is.
std::string join_url(std::string_view base, std::string_view path_and_query);

/// True when `u.port` is the scheme's default (80 for http, 443 for https).
bool default_port(const url& u) noexcept;

/// The Host header value: the host (bracketed when IPv6), with ":port" unless the port is the
/// scheme's default.
std::string host_field(const url& u);

/// `scheme://host:port` (port always written): the key a connection is kept under and what
/// transport error messages name.
std::string origin(const url& u);

}  // namespace recs::httpc
