#include "adapters/upstream_body.hpp"

#include <rapidjson/error/en.h>

#include "adapters/text_clean.hpp"
#include "recsys/text.hpp"

namespace recs::adapters {

namespace {

constexpr std::string_view kBlocked = "blocked: ";
constexpr std::string_view kRateLimited = "rate limited: ";

std::string_view significant(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  return trim(body);
}

bool can_start_json(char c) {
  return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' ||
         c == 'f' || c == 'n';
}

// The text of the page's <title>, at most 80 bytes; empty when there is none.
std::string page_title(std::string_view body) {
  const std::string lower = to_lower(body.substr(0, 4096));
  const auto open = lower.find("<title");
  if (open == std::string::npos) return {};
  const auto start = lower.find('>', open);
  const auto close = lower.find("</title", start == std::string::npos ? open : start);
  if (start == std::string::npos || close == std::string::npos) return {};
  std::string title = strip_html(body.substr(start + 1, close - start - 1));
  if (title.size() > 80) title.resize(80);
  return title;
}

error blocked_error(std::string_view source, std::string_view body) {
  std::string msg = std::string(kBlocked) + std::string(source);
  msg += body.front() == '<' ? " answered with an HTML page instead of JSON"
                             : " answered with text that is not JSON";
  const std::string title = page_title(body);
  if (!title.empty()) msg += " (\"" + title + "\")";
  return {errc::unavailable, std::move(msg)};
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

status parse_upstream_json(std::string_view source, std::string_view body,
                           rapidjson::Document& doc) {
  const std::string_view text = significant(body);
  if (text.empty()) return error{errc::unavailable, std::string(source) + ": empty response body"};
  if (!can_start_json(text.front())) return blocked_error(source, text);
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    return error{errc::internal, std::string(source) + ": malformed JSON at offset " +
                                     std::to_string(doc.GetErrorOffset()) + ": " +
                                     rapidjson::GetParseError_En(doc.GetParseError())};
  }
  return ok_status();
}

bool is_blocked(const error& e) noexcept {
  return e.code == errc::unavailable && starts_with(e.message, kBlocked);
}

bool is_rate_limited(const error& e) noexcept {
  return e.code == errc::unavailable && starts_with(e.message, kRateLimited);
}

error http_status_error(std::string_view source, int http_status, std::string_view body) {
  const std::string_view text = significant(body);
  if (!text.empty() && text.front() == '<') return blocked_error(source, text);
  const std::string what = std::string(source) + " answered HTTP " + std::to_string(http_status);
  if (http_status == 429) return {errc::unavailable, std::string(kRateLimited) + what};
  if (http_status == 401 || http_status == 403) return {errc::forbidden, what};
  if (http_status == 404) return {errc::not_found, what};
  if (http_status == 408 || (http_status >= 500 && http_status <= 599)) {
    return {errc::unavailable, what};
  }
  return {errc::internal, what};
}

error shape_error(std::string_view source, const std::string& why) {
  return {errc::internal, std::string(source) + ": unexpected response shape: " + why};
}

}  // namespace recs::adapters
