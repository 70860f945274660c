// Teams, Discord and Slack bodies from a relay_digest, through chat_message.
#include "alerts/relay_format.hpp"

namespace recs::alerts {

namespace {

/// "[firing] RecsP95LatencyHigh (warning) instance=a: summary" (plain: each service escapes it).
std::string line_text(const relay_line& l) {
  std::string s = "[" + std::string(to_string(l.status)) + "] " + l.name;
  if (!l.severity.empty()) s += " (" + l.severity + ")";
  if (!l.detail.empty()) s += " " + l.detail;
  if (!l.summary.empty()) s += ": " + l.summary;
  return s;
}

}  // namespace

chat_message relay_chat(const webhook_payload& p, const relay_limits& limits) {
  const relay_digest d = make_digest(p, limits);
  chat_message c;
  c.title = d.title;
  c.tone = d.firing > 0 ? chat_tone::attention : chat_tone::good;
  c.facts = {{"Firing", std::to_string(d.firing)}, {"Resolved", std::to_string(d.resolved)}};
  if (d.truncated > 0)
    c.facts.emplace_back("Not sent by Alertmanager", std::to_string(d.truncated));
  c.lines.reserve(d.lines.size());
  for (const auto& l : d.lines) c.lines.push_back(line_text(l));
  c.not_listed = d.not_listed;
  c.link = d.link;
  c.link_label = d.link_label;
  return c;
}

std::string slack_message(const webhook_payload& p, const relay_limits& limits) {
  return slack_chat(relay_chat(p, limits));
}

std::string discord_message(const webhook_payload& p, const relay_limits& limits, bool embed) {
  return discord_chat(relay_chat(p, limits), embed);
}

std::string teams_message(const webhook_payload& p, const relay_limits& limits) {
  return teams_chat(relay_chat(p, limits));
}

}  // namespace recs::alerts
