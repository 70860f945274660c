#include "net/http_types.hpp"

#include "net/json_writer.hpp"

namespace recs::net {

namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view request::header(std::string_view name) const noexcept {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::string> request::param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

response json_error(unsigned status, std::string_view code, std::string_view message) {
  json_writer w;
  w.begin_object().member("error", code).member("message", message).end_object();
  response res;
  res.status = status;
  res.body = w.str();
  return res;
}

std::optional<std::string> url_decode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!q.empty() && q.front() == '?') q.remove_prefix(1);
  while (!q.empty()) {
    const std::size_t amp = q.find('&');
    const std::string_view part = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    const std::string_view raw_key = part.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
    auto key = url_decode(raw_key, true);
    auto value = url_decode(raw_value, true);
    // A malformed escape keeps the raw text rather than dropping the parameter silently.
    out.emplace_back(key ? std::move(*key) : std::string(raw_key),
                     value ? std::move(*value) : std::string(raw_value));
  }
  return out;
}

std::string_view error_code(errc e) noexcept {
  switch (e) {
    case errc::invalid_argument:
      return "bad_request";
    case errc::not_found:
      return "not_found";
    case errc::forbidden:
      return "forbidden";
    case errc::unavailable:
      return "unavailable";
    case errc::unauthenticated:
      return "unauthorized";
    case errc::rate_limited:
      return "too_many_requests";
    case errc::internal:
      break;
  }
  return "internal";
}

response error_response(const error& e) {
  unsigned status = 500;
  switch (e.code) {
    case errc::invalid_argument:
      status = 400;
      break;
    case errc::not_found:
      status = 404;
      break;
    case errc::forbidden:
      status = 403;
      break;
    case errc::unavailable:
      status = 503;
      break;
    case errc::unauthenticated:
      status = 401;
      break;
    case errc::rate_limited:
      status = 429;
      break;
    case errc::internal:
      break;
  }
  response r = json_error(status, error_code(e.code), e.message);
  if (e.retry_after_s > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after_s));
  return r;
}

}  // namespace recs::net
