#pragma once
// The bodies the alert actor POSTs to chat webhooks for one Alertmanager notification. Each is
// concise: firing/resolved and counts in the title, one line per alert (name, severity, the
// labels that tell it apart, summary), "... and N more", and a link to the rule in Prometheus
// (or to Alertmanager). Text comes from the rules' annotations, which are spoiler-free; it is
// shaped as a chat_message (chat_message.hpp), which escapes it for each service.
//
// Microsoft Teams: an Adaptive Card in a "message" with "attachments", which is what the
// Teams "Workflows" webhooks (Power Automate: "Post to a channel when a webhook request is
// received") accept. The legacy alternative, an Office 365 connector "MessageCard"
// ({"@type": "MessageCard", "@context": "https://schema.org/extensions", "summary", "themeColor",
// "title", "sections": [{"text"}], "potentialAction": [{"@type": "OpenUri", ...}]}), is not
// produced: Microsoft is retiring those connectors in favour of Workflows.

#include <string>

#include "alerts/alertmanager_payload.hpp"
#include "alerts/chat_message.hpp"
#include "alerts/relay_digest.hpp"

namespace recs::alerts {

/// The notification as a chat message: the digest's title, tone (attention while any alert
/// fires, else good), counts as facts, one line per alert, "... and N more", the link.
chat_message relay_chat(const webhook_payload& p, const relay_limits& limits = {});

/// {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
/// "contentUrl":null,"content":{AdaptiveCard 1.4: title, a FactSet of counts, one TextBlock per
/// alert, "... and N more", an Action.OpenUrl to the link}}]}.
std::string teams_message(const webhook_payload& p, const relay_limits& limits = {});

/// {"content": "...", "allowed_mentions": {"parse": []}}: content at most 2000 bytes, Discord
/// markdown escaped, mentions (@everyone in an annotation) never ping. With `embed`, the content
/// is the title only and an embed carries the lines (red while firing, green when resolved).
std::string discord_message(const webhook_payload& p, const relay_limits& limits = {},
                            bool embed = false);

/// {"text": "..."}: Slack mrkdwn with &, < and > escaped, at most 4000 bytes.
std::string slack_message(const webhook_payload& p, const relay_limits& limits = {});

}  // namespace recs::alerts
