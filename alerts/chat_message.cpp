// Teams, Discord, Slack and ntfy bodies from a chat_message.
#include "alerts/chat_message.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "alerts/utf8.hpp"

namespace recs::alerts {

namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

const char* const ellipsis = "\xE2\x80\xA6";
const char* const bullet = "\xE2\x80\xA2 ";

std::string more_text(std::size_t n) {
  return std::string(ellipsis) + " and " + std::to_string(n) + " more";
}

/// How one service marks up text.
struct markup {
  std::string (*escape)(std::string_view);
  const char* bold;  // around the title
  std::string (*link)(std::string_view url, std::string_view label);
};

std::string plain(std::string_view s) {
  return std::string(s);
}

std::string plain_link(std::string_view url, std::string_view label) {
  return std::string(label) + ": " + std::string(url);
}

std::string slack_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string discord_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '*' || c == '_' || c == '~' || c == '`' || c == '|' || c == '>') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string slack_link(std::string_view url, std::string_view label) {
  return "<" + slack_escape(url) + "|" + slack_escape(label) + ">";
}

// <url> keeps Discord from unfurling a preview of the linked page.
std::string discord_link(std::string_view url, std::string_view label) {
  return std::string(label) + ": <" + std::string(url) + ">";
}

/// The lines that fit in `budget` bytes (joined by '\n', each prefixed by `bullet`), followed
/// by "... and N more" for every item that is not listed; whole lines only.
std::string lines_within(const chat_message& c, const markup& m, std::size_t budget) {
  std::string out;
  std::size_t listed = 0;
  const std::size_t reserve = 40;  // room for the "... and N more" line
  for (const auto& l : c.lines) {
    std::string text = std::string(bullet) + m.escape(l);
    const std::size_t need = text.size() + (out.empty() ? 0 : 1);
    if (out.size() + need + reserve > budget) break;
    if (!out.empty()) out += '\n';
    out += text;
    ++listed;
  }
  const std::size_t more = c.lines.size() - listed + c.not_listed;
  if (more > 0) {
    if (!out.empty()) out += '\n';
    out += more_text(more);
  }
  return truncate_utf8(out, budget);
}

/// Title, lines and link as one text of at most `budget` bytes.
std::string text_message(const chat_message& c, const markup& m, std::size_t budget) {
  std::string head = std::string(m.bold) + m.escape(c.title) + m.bold;
  std::string link;
  if (!c.link.empty()) link = m.link(c.link, c.link_label);
  if (head.size() + link.size() + 2 > budget / 2) link.clear();  // a huge URL: leave it out
  const std::size_t used = head.size() + 1 + (link.empty() ? 0 : link.size() + 1);
  std::string out = head;
  if (used < budget) {
    const std::string body = lines_within(c, m, budget - used);
    if (!body.empty()) out += "\n" + body;
  }
  if (!link.empty()) out += "\n" + link;
  return truncate_utf8(out, budget);
}

std::string finish(const rapidjson::StringBuffer& buf) {
  return std::string(buf.GetString(), buf.GetSize());
}

unsigned discord_colour(chat_tone t) {
  switch (t) {
    case chat_tone::attention:
      return 0xE01E5Au;
    case chat_tone::good:
      return 0x2EB67Du;
    case chat_tone::news:
      return 0x5865F2u;
  }
  return 0x5865F2u;
}

const char* teams_colour(chat_tone t) {
  switch (t) {
    case chat_tone::attention:
      return "Attention";
    case chat_tone::good:
      return "Good";
    case chat_tone::news:
      return "Accent";
  }
  return "Accent";
}

}  // namespace

std::string slack_chat(const chat_message& c) {
  const markup m{slack_escape, "*", slack_link};
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  put(w, "text", text_message(c, m, slack_text_max_bytes));
  w.EndObject();
  return finish(buf);
}

std::string discord_chat(const chat_message& c, bool embed) {
  const markup m{discord_escape, "**", discord_link};
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  if (!embed) {
    put(w, "content", text_message(c, m, discord_content_max_bytes));
  } else {
    put(w, "content",
        truncate_utf8("**" + discord_escape(c.title) + "**", discord_content_max_bytes));
    w.Key("embeds");
    w.StartArray();
    w.StartObject();
    put(w, "title", truncate_utf8(c.title, discord_embed_title_max_bytes));
    put(w, "description", lines_within(c, m, discord_embed_description_max_bytes));
    w.Key("color");
    w.Uint(discord_colour(c.tone));
    if (!c.link.empty()) put(w, "url", c.link);
    w.EndObject();
    w.EndArray();
  }
  // A text saying "@everyone" must not ping the whole server.
  w.Key("allowed_mentions");
  w.StartObject();
  w.Key("parse");
  w.StartArray();
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return finish(buf);
}

std::string teams_chat(const chat_message& c) {
  rapidjson::StringBuffer buf;
  writer w(buf);
  const auto block = [&w](std::string_view text, bool subtle) {
    w.StartObject();
    put(w, "type", "TextBlock");
    put(w, "text", text);
    w.Key("wrap");
    w.Bool(true);
    w.Key("spacing");
    w.String("Small");
    if (subtle) {
      w.Key("isSubtle");
      w.Bool(true);
    }
    w.EndObject();
  };

  w.StartObject();
  put(w, "type", "message");
  w.Key("attachments");
  w.StartArray();
  w.StartObject();
  put(w, "contentType", "application/vnd.microsoft.card.adaptive");
  w.Key("contentUrl");
  w.Null();
  w.Key("content");
  w.StartObject();
  put(w, "$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
  put(w, "type", "AdaptiveCard");
  put(w, "version", "1.4");
  w.Key("body");
  w.StartArray();
  w.StartObject();
  put(w, "type", "TextBlock");
  put(w, "text", c.title);
  put(w, "weight", "Bolder");
  put(w, "size", "Medium");
  put(w, "color", teams_colour(c.tone));
  w.Key("wrap");
  w.Bool(true);
  w.EndObject();
  if (!c.facts.empty()) {
    w.StartObject();
    put(w, "type", "FactSet");
    w.Key("facts");
    w.StartArray();
    for (const auto& [name, value] : c.facts) {
      w.StartObject();
      put(w, "title", name);
      put(w, "value", value);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  std::size_t used = 0;
  std::size_t listed = 0;
  for (const auto& l : c.lines) {
    if (used + l.size() > teams_text_max_bytes) break;
    used += l.size();
    ++listed;
    block(l, false);
  }
  const std::size_t more = c.lines.size() - listed + c.not_listed;
  if (more > 0) block(more_text(more), true);
  w.EndArray();
  if (!c.link.empty()) {
    w.Key("actions");
    w.StartArray();
    w.StartObject();
    put(w, "type", "Action.OpenUrl");
    put(w, "title", c.link_label);
    put(w, "url", c.link);
    w.EndObject();
    w.EndArray();
  }
  w.EndObject();  // content
  w.EndObject();  // attachment
  w.EndArray();
  w.EndObject();
  return finish(buf);
}

std::string ntfy_chat(const chat_message& c, std::string_view topic) {
  const markup m{plain, "", plain_link};
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  put(w, "topic", topic);
  put(w, "title", truncate_utf8(c.title, ntfy_title_max_bytes));
  put(w, "message", lines_within(c, m, ntfy_message_max_bytes));
  w.Key("tags");
  w.StartArray();
  w.String("tv");
  w.EndArray();
  if (!c.link.empty()) put(w, "click", c.link);
  w.EndObject();
  return finish(buf);
}

}  // namespace recs::alerts
