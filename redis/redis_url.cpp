#include "redis/redis_url.hpp"

#include <cstddef>

namespace recs::redis {
namespace {

// The URL may carry a password: messages name the problem and never echo the input.
error bad(const std::string& why) {
  return error{errc::invalid_argument, "REDIS_URL: " + why};
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

result<std::string> percent_decode(std::string_view in, std::string_view what) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    int hi = i + 2 < in.size() ? hex_digit(in[i + 1]) : -1;
    int lo = i + 2 < in.size() ? hex_digit(in[i + 2]) : -1;
    if (hi < 0 || lo < 0) return bad("bad percent-escape in the " + std::string(what));
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

/// A decimal number in [lo, hi]; -1 when `s` is empty, has a non-digit or is out of range.
long long bounded_number(std::string_view s, long long lo, long long hi) {
  if (s.empty() || s.size() > 10) return -1;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v < lo || v > hi ? -1 : v;
}

bool has_space_or_control(std::string_view s) {
  for (unsigned char c : s) {
    if (c <= ' ' || c == 0x7f) return true;
  }
  return false;
}

status parse_userinfo(std::string_view info, redis_url& url) {
  auto colon = info.find(':');
  if (colon == std::string_view::npos) {
    return bad("a user needs a password (redis://user:password@host or redis://:password@host)");
  }
  auto user = percent_decode(info.substr(0, colon), "user name");
  if (!user) return user.err();
  auto password = percent_decode(info.substr(colon + 1), "password");
  if (!password) return password.err();
  if (password->empty()) return bad("empty password after ':'");
  url.username = std::move(*user);
  url.password = std::move(*password);
  return ok_status();
}

status parse_host_port(std::string_view hp, redis_url& url) {
  std::string_view port;
  if (!hp.empty() && hp.front() == '[') {
    auto close = hp.find(']');
    if (close == std::string_view::npos) return bad("unclosed '[' in an IPv6 host");
    url.host = std::string(hp.substr(1, close - 1));
    auto rest = hp.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return bad("unexpected text after the IPv6 host");
      port = rest.substr(1);
      if (port.empty()) return bad("empty port after ':'");
    }
    if (url.host.find(':') == std::string::npos) return bad("brackets hold an IPv6 address");
  } else {
    auto colon = hp.find(':');
    url.host = std::string(hp.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = hp.substr(colon + 1);
      if (port.empty()) return bad("empty port after ':'");
    }
    if (url.host.find_first_of("[]") != std::string::npos) return bad("stray bracket in the host");
  }
  if (url.host.empty()) return bad("no host");
  if (!port.empty()) {
    auto p = bounded_number(port, 1, 65535);
    if (p < 0) return bad("port must be a number from 1 to 65535");
    url.port = static_cast<int>(p);
  }
  return ok_status();
}

}  // namespace

result<redis_url> parse_redis_url(std::string_view text) {
  constexpr std::string_view scheme = "redis://";
  if (text.substr(0, 9) == "rediss://") return bad("TLS (rediss://) is not supported");
  if (text.substr(0, scheme.size()) != scheme) return bad("must start with redis://");
  if (has_space_or_control(text)) return bad("contains spaces or control characters");
  auto rest = text.substr(scheme.size());

  redis_url url;
  // The last '@' ends the user info, so a raw '@' or '/' in a password needs no escaping.
  auto at = rest.rfind('@');
  if (at != std::string_view::npos) {
    if (auto st = parse_userinfo(rest.substr(0, at), url); !st) return st.err();
    rest = rest.substr(at + 1);
  }
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return bad("query strings and fragments are not supported");
  }
  auto slash = rest.find('/');
  if (auto st = parse_host_port(rest.substr(0, slash), url); !st) return st.err();
  if (slash != std::string_view::npos) {
    auto db = rest.substr(slash + 1);
    if (!db.empty()) {
      auto n = bounded_number(db, 0, 2147483647);
      if (n < 0) return bad("database must be a non-negative number (redis://host/0)");
      url.db = static_cast<int>(n);
    }
  }
  return url;
}

std::string endpoint(const redis_url& url) {
  bool v6 = url.host.find(':') != std::string::npos;
  return (v6 ? "[" + url.host + "]" : url.host) + ":" + std::to_string(url.port);
}

std::string redacted(const redis_url& url) {
  std::string auth;
  if (!url.password.empty()) auth = url.username + ":***@";
  return "redis://" + auth + endpoint(url) + "/" + std::to_string(url.db);
}

}  // namespace recs::redis
