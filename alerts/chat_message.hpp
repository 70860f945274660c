#pragma once
// A short chat notification (a title, a few facts, one line per item, "... and N more", a link)
// and its bodies for the chat services the service posts to: Microsoft Teams (an Adaptive Card
// in a Workflows "message"), Discord, Slack, and ntfy (JSON publishing). The Alertmanager relay
// (relay_format.hpp) and the households' watchlist push both build one. Text is plain here and
// escaped for each service's markup; the JSON is written by RapidJSON; input must be valid UTF-8
// and is cut on character boundaries.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recs::alerts {

/// Discord's limit on "content" (characters; counted here in UTF-8 bytes, which is never fewer).
inline constexpr std::size_t discord_content_max_bytes = 2000;
/// Discord's limits on an embed's title and description.
inline constexpr std::size_t discord_embed_title_max_bytes = 256;
inline constexpr std::size_t discord_embed_description_max_bytes = 4096;
/// Slack truncates "text" past 40,000 characters and recommends at most 4,000.
inline constexpr std::size_t slack_text_max_bytes = 4000;
/// Kept well under Teams' 28 KB message limit.
inline constexpr std::size_t teams_text_max_bytes = 8000;
/// ntfy's default message limit (a longer one becomes an attachment).
inline constexpr std::size_t ntfy_message_max_bytes = 4096;
/// ntfy titles are shown on one line of a phone's notification.
inline constexpr std::size_t ntfy_title_max_bytes = 250;

/// The colour of a message: something needs attention (a firing alert), all is well again (all
/// resolved), or news.
enum class chat_tone { attention, good, news };

struct chat_message {
  std::string title;
  chat_tone tone = chat_tone::news;
  /// Shown by Teams as a FactSet (name, value); the other services leave them out.
  std::vector<std::pair<std::string, std::string>> facts;
  std::vector<std::string> lines;  ///< plain text, one per item
  std::size_t not_listed = 0;      ///< items beyond `lines`: "... and N more" with the rest
  std::string link;                ///< an http(s) URL or empty
  std::string link_label;          ///< "Open in Prometheus", "Open the inbox"
};

/// {"text": "..."}: Slack mrkdwn with &, < and > escaped, at most slack_text_max_bytes.
std::string slack_chat(const chat_message& m);

/// {"content": "...", "allowed_mentions": {"parse": []}}: content at most 2000 bytes, Discord
/// markdown escaped, mentions (an @everyone in the text) never ping. With `embed`, the content is
/// the title only and an embed carries the lines (red for attention, green for good, blurple for
/// news).
std::string discord_chat(const chat_message& m, bool embed = false);

/// {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
/// "contentUrl":null,"content":{AdaptiveCard 1.4: title, a FactSet of the facts (when any), one
/// TextBlock per line, "... and N more", an Action.OpenUrl to the link}}]}.
std::string teams_chat(const chat_message& m);

/// ntfy's JSON publishing body, POSTed to the server's root: {"topic", "title", "message" (the
/// lines, at most ntfy_message_max_bytes), "tags": ["tv"], "click": link (when any)}.
std::string ntfy_chat(const chat_message& m, std::string_view topic);

}  // namespace recs::alerts
