// Teams, Discord and Slack bodies from a relay_digest.
#include "alerts/relay_format.hpp"

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

// <url> keeps Discord from unfurling a preview of Prometheus' page.
std::string discord_link(std::string_view url, std::string_view label) {
  return std::string(label) + ": <" + std::string(url) + ">";
}

/// "[firing] RecsP95LatencyHigh (warning) instance=a: summary", escaped.
std::string line_text(const relay_line& l, const markup& m) {
  std::string s = "[" + std::string(to_string(l.status)) + "] " + m.escape(l.name);
  if (!l.severity.empty()) s += " (" + m.escape(l.severity) + ")";
  if (!l.detail.empty()) s += " " + m.escape(l.detail);
  if (!l.summary.empty()) s += ": " + m.escape(l.summary);
  return s;
}

/// The lines that fit in `budget` bytes (joined by '\n', each prefixed by `bullet`), followed
/// by "... and N more" for every alert that is not listed; whole lines only.
std::string lines_within(const relay_digest& d, const markup& m, std::string_view bullet,
                         std::size_t budget) {
  std::string out;
  std::size_t listed = 0;
  const std::size_t reserve = 40;  // room for the "... and N more" line
  for (const auto& l : d.lines) {
    std::string text = std::string(bullet) + line_text(l, m);
    const std::size_t need = text.size() + (out.empty() ? 0 : 1);
    if (out.size() + need + reserve > budget) break;
    if (!out.empty()) out += '\n';
    out += text;
    ++listed;
  }
  const std::size_t more = d.lines.size() - listed + d.not_listed;
  if (more > 0) {
    if (!out.empty()) out += '\n';
    out += more_text(more);
  }
  return truncate_utf8(out, budget);
}

/// Title, lines and link as one text of at most `budget` bytes.
std::string text_message(const relay_digest& d, const markup& m, std::size_t budget) {
  std::string head = std::string(m.bold) + m.escape(d.title) + m.bold;
  std::string link;
  if (!d.link.empty()) link = m.link(d.link, d.link_label);
  if (head.size() + link.size() + 2 > budget / 2) link.clear();  // a huge URL: leave it out
  const std::size_t used = head.size() + 1 + (link.empty() ? 0 : link.size() + 1);
  std::string out = head;
  if (used < budget) {
    const std::string body = lines_within(d, m, "\xE2\x80\xA2 ", budget - used);
    if (!body.empty()) out += "\n" + body;
  }
  if (!link.empty()) out += "\n" + link;
  return truncate_utf8(out, budget);
}

std::string finish(const rapidjson::StringBuffer& buf) {
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace

std::string slack_message(const webhook_payload& p, const relay_limits& limits) {
  const markup m{slack_escape, "*", slack_link};
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  put(w, "text", text_message(make_digest(p, limits), m, slack_text_max_bytes));
  w.EndObject();
  return finish(buf);
}

std::string discord_message(const webhook_payload& p, const relay_limits& limits, bool embed) {
  const markup m{discord_escape, "**", discord_link};
  const relay_digest d = make_digest(p, limits);
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  if (!embed) {
    put(w, "content", text_message(d, m, discord_content_max_bytes));
  } else {
    put(w, "content",
        truncate_utf8("**" + discord_escape(d.title) + "**", discord_content_max_bytes));
    w.Key("embeds");
    w.StartArray();
    w.StartObject();
    put(w, "title", truncate_utf8(d.title, discord_embed_title_max_bytes));
    put(w, "description", lines_within(d, m, "\xE2\x80\xA2 ", discord_embed_description_max_bytes));
    w.Key("color");
    w.Uint(d.firing > 0 ? 0xE01E5Au : 0x2EB67Du);
    if (!d.link.empty()) put(w, "url", d.link);
    w.EndObject();
    w.EndArray();
  }
  // An annotation saying "@everyone" must not ping the whole server.
  w.Key("allowed_mentions");
  w.StartObject();
  w.Key("parse");
  w.StartArray();
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return finish(buf);
}

std::string teams_message(const webhook_payload& p, const relay_limits& limits) {
  const relay_digest d = make_digest(p, limits);
  const markup m{plain, "", nullptr};
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
  const auto fact = [&w](std::string_view title, std::size_t n) {
    w.StartObject();
    put(w, "title", title);
    put(w, "value", std::to_string(n));
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
  put(w, "text", d.title);
  put(w, "weight", "Bolder");
  put(w, "size", "Medium");
  put(w, "color", d.firing > 0 ? "Attention" : "Good");
  w.Key("wrap");
  w.Bool(true);
  w.EndObject();
  w.StartObject();
  put(w, "type", "FactSet");
  w.Key("facts");
  w.StartArray();
  fact("Firing", d.firing);
  fact("Resolved", d.resolved);
  if (d.truncated > 0) fact("Not sent by Alertmanager", d.truncated);
  w.EndArray();
  w.EndObject();
  std::size_t used = 0;
  std::size_t listed = 0;
  for (const auto& l : d.lines) {
    const std::string text = line_text(l, m);
    if (used + text.size() > teams_text_max_bytes) break;
    used += text.size();
    ++listed;
    block(text, false);
  }
  const std::size_t more = d.lines.size() - listed + d.not_listed;
  if (more > 0) block(more_text(more), true);
  w.EndArray();
  if (!d.link.empty()) {
    w.Key("actions");
    w.StartArray();
    w.StartObject();
    put(w, "type", "Action.OpenUrl");
    put(w, "title", d.link_label);
    put(w, "url", d.link);
    w.EndObject();
    w.EndArray();
  }
  w.EndObject();  // content
  w.EndObject();  // attachment
  w.EndArray();
  w.EndObject();
  return finish(buf);
}

}  // namespace recs::alerts
