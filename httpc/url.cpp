#include "httpc/url.hpp"

#include <cctype>
#include "core/ascii.hpp"

namespace recs::httpc {
namespace {

error bad(std::string_view text, const std::string& why) {
  std::string shown(text.substr(0, 200));
  return error{errc::invalid_argument, "bad URL \"" + shown + "\": " + why};
}

bool has_space_or_control(std::string_view s) {
  for (unsigned char c : s) {
    if (c <= ' ' || c == 0x7f) return true;
  }
  return false;
}

// A reg-name or IPv4 literal: letters, digits, '-', '.', '_' (no percent-encoding).
bool plain_host(std::string_view h) {
  for (unsigned char c : h) {
    if (!std::isalnum(c) && c != '-' && c != '.' && c != '_') return false;
  }
  return true;
}

bool ipv6_literal(std::string_view h) {
  if (h.empty()) return false;
  for (unsigned char c : h) {
    if (!std::isxdigit(c) && c != ':' && c != '.') return false;
  }
  return h.find(':') != std::string_view::npos;
}

// A decimal port in 1-65535; -1 otherwise.
int port_number(std::string_view s) {
  if (s.empty() || s.size() > 5) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v >= 1 && v <= 65535 ? v : -1;
}

status parse_authority(std::string_view text, std::string_view auth, url& u) {
  if (auth.find('@') != std::string_view::npos) return bad(text, "user info is not supported");
  std::string_view port;
  if (!auth.empty() && auth.front() == '[') {
    const auto close = auth.find(']');
    if (close == std::string_view::npos) return bad(text, "unclosed '[' in an IPv6 host");
    const auto host = auth.substr(1, close - 1);
    if (!ipv6_literal(host)) return bad(text, "bad IPv6 host");
    u.host = to_lower(host);
    const auto rest = auth.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return bad(text, "unexpected text after the IPv6 host");
      port = rest.substr(1);
      if (port.empty()) return bad(text, "empty port after ':'");
    }
  } else {
    const auto colon = auth.find(':');
    const auto host = auth.substr(0, colon);
    if (colon != std::string_view::npos) {
      port = auth.substr(colon + 1);
      if (port.empty()) return bad(text, "empty port after ':'");
    }
    if (host.empty()) return bad(text, "empty host");
    if (!plain_host(host)) return bad(text, "bad character in the host");
    u.host = to_lower(host);
  }
  if (!port.empty()) {
    u.port = port_number(port);
    if (u.port < 0) return bad(text, "port must be a number in 1-65535");
  }
  return ok_status();
}

}  // namespace

result<url> parse_url(std::string_view text) {
  if (text.empty()) return bad(text, "empty");
  if (has_space_or_control(text)) return bad(text, "white space or control character");
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) return bad(text, "expected http:// or https://");
  url u;
  u.scheme = to_lower(text.substr(0, sep));
  if (u.scheme == "http") {
    u.port = 80;
  } else if (u.scheme == "https") {
    u.port = 443;
  } else {
    return bad(text, "scheme must be http or https");
  }
  std::string_view rest = text.substr(sep + 3);
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) {
    rest = rest.substr(0, hash);
  }
  const auto end = rest.find_first_of("/?");
  if (auto st = parse_authority(text, rest.substr(0, end), u); !st) return st.err();
  if (end == std::string_view::npos) {
    u.target = "/";
  } else if (rest[end] == '?') {
    u.target = "/" + std::string(rest.substr(end));
  } else {
    u.target = std::string(rest.substr(end));
  }
  return u;
}

std::string join_url(std::string_view base, std::string_view path_and_query) {
  if (path_and_query.empty()) return std::string(base);
  if (path_and_query.front() == '?') return std::string(base) + std::string(path_and_query);
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  while (!path_and_query.empty() && path_and_query.front() == '/') {
    path_and_query.remove_prefix(1);
  }
  std::string out(base);
  out += '/';
  out += path_and_query;
  return out;
}

bool default_port(const url& u) noexcept {
  return (u.scheme == "http" && u.port == 80) || (u.scheme == "https" && u.port == 443);
}

std::string host_field(const url& u) {
  std::string out = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
  if (!default_port(u)) out += ":" + std::to_string(u.port);
  return out;
}

std::string origin(const url& u) {
  const std::string host = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
  return u.scheme + "://" + host + ":" + std::to_string(u.port);
}

}  // namespace recs::httpc
