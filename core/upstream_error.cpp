#include "core/upstream_error.hpp"

#include <string>
#include <utility>

#include "core/ascii.hpp"
#include "core/html_entity.hpp"

namespace recs {

namespace {

constexpr std::string_view kBlocked = "blocked: ";
constexpr std::string_view kRateLimited = "rate limited: ";

bool can_start_json(char c) {
  return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' ||
         c == 'f' || c == 'n';
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The text of a <title> element: tags dropped, the common entities decoded, white space
// collapsed.
std::string title_text(std::string_view html) {
  std::string out;
  bool space = false;
  auto put = [&](char c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
      return;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  };
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      const auto close = html.find('>', i);
      if (close == std::string_view::npos) break;
      i = close;
      put(' ');
      continue;
    }
    if (html[i] == '&') {
      if (const auto e = named_entity_at(html.substr(i))) {
        put(e->ch);
        i += e->length - 1;
        continue;
      }
    }
    put(html[i]);
  }
  return out;
}

// The text of the page's <title>, at most 80 bytes; empty when there is none.
std::string page_title(std::string_view body) {
  const std::string lower = to_lower(body.substr(0, 4096));
  const auto open = lower.find("<title");
  if (open == std::string::npos) return {};
  const auto start = lower.find('>', open);
  const auto close = lower.find("</title", start == std::string::npos ? open : start);
  if (start == std::string::npos || close == std::string::npos) return {};
  std::string title = title_text(body.substr(start + 1, close - start - 1));
  if (title.size() > 80) title.resize(80);
  return title;
}

}  // namespace

std::string_view significant_body(std::string_view body) noexcept {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  return trim(body);
}

error blocked_error(std::string_view source, std::string_view body) {
  std::string msg = std::string(kBlocked) + std::string(source);
  msg += !body.empty() && body.front() == '<' ? " answered with an HTML page instead of JSON"
                                              : " answered with text that is not JSON";
  const std::string title = page_title(body);
  if (!title.empty()) msg += " (\"" + title + "\")";
  return {errc::unavailable, std::move(msg)};
}

std::optional<error> not_json_error(std::string_view source, std::string_view body) {
  const std::string_view text = significant_body(body);
  if (text.empty() || can_start_json(text.front())) return std::nullopt;
  return blocked_error(source, text);
}

bool is_blocked(const error& e) noexcept {
  return e.code == errc::unavailable && starts_with(e.message, kBlocked);
}

bool is_rate_limited(const error& e) noexcept {
  return e.code == errc::unavailable && starts_with(e.message, kRateLimited);
}

error http_status_error(std::string_view source, int http_status, std::string_view body) {
  const std::string_view text = significant_body(body);
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

}  // namespace recs
