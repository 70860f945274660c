#pragma once

// A household's own webhook for its watchlist alerts (issue 16, point 7): which kinds there are,
// which URLs a household may set (HOUSEHOLD_WEBHOOKS), how a URL is shown back (masked: it is a
// secret) and the request that pushes a message to it. Pure: no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/chat_message.hpp"
#include "core/result.hpp"
#include "httpc/http_client.hpp"
#include "recsys/watch_alerts.hpp"

namespace recs::actors {

/// The chat services a household can push to.
enum class push_kind { discord, slack, teams, ntfy };

/// "discord", "slack", "teams", "ntfy" (what the store and the API say).
std::string_view to_string(push_kind k) noexcept;
std::optional<push_kind> parse_push_kind(std::string_view s) noexcept;

/// Which URLs households may set (HOUSEHOLD_WEBHOOKS).
enum class push_reach {
  off,          ///< none: PUT /me/webhook answers 403
  public_only,  ///< "public": https to public addresses (the host is checked again at connect)
  lan           ///< "lan": also http, and loopback or private addresses (a home server's ntfy)
};

/// "public", "lan", "off" (HOUSEHOLD_WEBHOOKS' values; GET /me/webhook's "policy").
std::string_view to_string(push_reach r) noexcept;
/// The inverse of to_string; nullopt for anything else.
std::optional<push_reach> parse_push_reach(std::string_view s) noexcept;

/// The longest URL accepted.
inline constexpr std::size_t push_url_max_bytes = 2048;

/// Checks a URL a household sets for `kind` under `reach`: an absolute https URL (http too with
/// lan) with a host and a path, at most push_url_max_bytes, no user info, spaces or quotes;
/// with public_only not "localhost" nor an address that is not public; for ntfy, a path that
/// ends in a topic ([A-Za-z0-9_-], 1-64). invalid_argument saying what is wrong (never echoing
/// the URL: it is a secret); forbidden when `reach` is off.
status check_push_url(push_kind kind, std::string_view url, push_reach reach);

/// The URL as answered back: scheme and host, then "…" and the last 4 characters of the rest
/// ("https://discord.com/…x9Qa"), so a household can tell which webhook it set without the
/// answer revealing it.
std::string masked_url(std::string_view url);

/// The request that pushes `m` to the webhook of `kind` at `url` (checked): a JSON POST of the
/// service's body (alerts/chat_message.hpp); for ntfy, JSON publishing to the server's root with
/// the topic taken from the URL's last path segment (a query, e.g. ?auth=, is kept).
httpc::request push_request(push_kind kind, const std::string& url, const alerts::chat_message& m);

/// The message pushed for a household's new alerts: "On your watchlist" (or "N alerts on your
/// watchlist"), one line per alert's text, at most `max_lines` listed, and a link to the page's
/// inbox when `public_url` is set.
alerts::chat_message watch_push_message(const std::vector<inbox_item>& items,
                                        std::string_view public_url, std::size_t max_lines = 10);

}  // namespace recs::actors
