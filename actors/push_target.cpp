#include "actors/push_target.hpp"

#include <algorithm>

#include "alerts/utf8.hpp"
#include "httpc/url.hpp"

namespace recs::actors {

namespace {

struct kind_name {
  push_kind kind;
  std::string_view name;
};
constexpr kind_name kKinds[] = {{push_kind::discord, "discord"},
                                {push_kind::slack, "slack"},
                                {push_kind::teams, "teams"},
                                {push_kind::ntfy, "ntfy"}};

struct reach_name {
  push_reach reach;
  std::string_view name;
};
constexpr reach_name kReaches[] = {
    {push_reach::public_only, "public"}, {push_reach::lan, "lan"}, {push_reach::off, "off"}};

/// The path of a URL's target, without its query.
std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

std::string_view last_segment(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ntfy_topic(std::string_view t) {
  return !t.empty() && t.size() <= 64 && std::all_of(t.begin(), t.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

error bad(std::string why) {
  return error{errc::invalid_argument, "the webhook URL " + std::move(why)};
}

}  // namespace

std::string_view to_string(push_kind k) noexcept {
  for (const auto& n : kKinds)
    if (n.kind == k) return n.name;
  return "discord";
}

std::optional<push_kind> parse_push_kind(std::string_view s) noexcept {
  for (const auto& n : kKinds)
    if (n.name == s) return n.kind;
  return std::nullopt;
}

std::string_view to_string(push_reach r) noexcept {
  for (const auto& n : kReaches)
    if (n.reach == r) return n.name;
  return "off";
}

std::optional<push_reach> parse_push_reach(std::string_view s) noexcept {
  for (const auto& n : kReaches)
    if (n.name == s) return n.reach;
  return std::nullopt;
}

status check_push_url(push_kind kind, std::string_view url, push_reach reach) {
  if (reach == push_reach::off)
    return error{errc::forbidden, "household webhooks are turned off on this server"};
  if (url.empty()) return bad("is empty");
  if (url.size() > push_url_max_bytes)
    return bad("is longer than " + std::to_string(push_url_max_bytes) + " bytes");
  if (std::any_of(url.begin(), url.end(), [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '\\';
      }))
    return bad("holds spaces, control characters or quotes");
  auto u = httpc::parse_url(url);
  if (!u) return bad("is not an http(s) URL with a host (no user@ part)");
  if (u->scheme != "https" && reach != push_reach::lan)
    return bad("must start with https:// (HOUSEHOLD_WEBHOOKS=public)");
  if (reach == push_reach::public_only) {
    const std::string& h = u->host;
    const bool literal =
        h.find(':') != std::string::npos || h.find_first_not_of("0123456789.") == std::string::npos;
    const bool local_name =
        h == "localhost" || (h.size() > 10 && h.compare(h.size() - 10, 10, ".localhost") == 0);
    if (local_name || (literal && !httpc::is_public_address(h)))
      return bad("must name a public host (HOUSEHOLD_WEBHOOKS=public)");
  }
  const std::string_view path = path_of(u->target);
  if (path.empty() || path == "/") return bad("has no path (a webhook's URL has one)");
  if (kind == push_kind::ntfy && !ntfy_topic(last_segment(path)))
    return bad("must end in an ntfy topic: letters, digits, _ or -, at most 64");
  return ok_status();
}

std::string masked_url(std::string_view url) {
  auto u = httpc::parse_url(url);
  if (!u) return "\xE2\x80\xA6";
  const std::string head = u->scheme + "://" + httpc::host_field(*u) + "/";
  const std::string_view rest = path_of(u->target);
  if (rest.size() <= 12) return head + "\xE2\x80\xA6";
  return head + "\xE2\x80\xA6" + std::string(rest.substr(rest.size() - 4));
}

httpc::request push_request(push_kind kind, const std::string& url, const alerts::chat_message& m) {
  httpc::request r;
  r.method = "POST";
  r.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  r.url = url;
  switch (kind) {
    case push_kind::discord:
      r.body = alerts::discord_chat(m, /*embed=*/true);
      break;
    case push_kind::slack:
      r.body = alerts::slack_chat(m);
      break;
    case push_kind::teams:
      r.body = alerts::teams_chat(m);
      break;
    case push_kind::ntfy: {
      const auto query = url.find('?');
      const std::string_view before = std::string_view(url).substr(0, query);
      const auto slash = before.rfind('/');
      const std::string_view topic = before.substr(slash + 1);
      r.url = std::string(before.substr(0, slash + 1)) +
              (query == std::string::npos ? "" : url.substr(query));
      r.body = alerts::ntfy_chat(m, topic);
      break;
    }
  }
  return r;
}

alerts::chat_message watch_push_message(const std::vector<inbox_item>& items,
                                        std::string_view public_url, std::size_t max_lines) {
  alerts::chat_message m;
  m.tone = alerts::chat_tone::news;
  m.title = items.size() == 1 ? std::string("On your watchlist")
                              : std::to_string(items.size()) + " alerts on your watchlist";
  for (const auto& i : items) {
    if (m.lines.size() == max_lines) {
      ++m.not_listed;
      continue;
    }
    m.lines.push_back(alerts::truncate_utf8(i.text, 300));
  }
  if (!public_url.empty()) {
    std::string link(public_url);
    while (!link.empty() && link.back() == '/') link.pop_back();
    m.link = link + "/#inbox";
    m.link_label = "Open the inbox";
  }
  return m;
}

}  // namespace recs::actors
