#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace recs::redis {

/// Where and how to reach one Redis server: the parsed form of REDIS_URL.
struct redis_url {
  std::string host;      ///< a name, an IPv4 address or an IPv6 address (without brackets)
  int port = 6379;       ///< 1-65535
  std::string username;  ///< ACL user for `AUTH user password`; empty: `AUTH password`
  std::string password;  ///< empty: no AUTH
  int db = 0;            ///< logical database; SELECTed on connect when not 0
};

/// Parses `redis://[[user]:password@]host[:port][/db]`. User and password may be percent-encoded
/// (needed for ':' in a user name); the password may hold '@' and '/' as they are (the last '@'
/// ends it). IPv6 hosts go in brackets (`redis://[::1]:6380`). A user with no password,
/// `rediss://` (TLS), unix sockets, query strings and fragments are invalid_argument, like any
/// malformed URL. Pure: no I/O, no name lookup.
result<redis_url> parse_redis_url(std::string_view text);

/// `host:port` (`[v6]:port` for IPv6), for messages.
std::string endpoint(const redis_url& url);

/// The URL in canonical form with the password masked (`redis://:***@host:6379/0`), for logs.
std::string redacted(const redis_url& url);

}  // namespace recs::redis
