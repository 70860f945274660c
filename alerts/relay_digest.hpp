#pragma once
// What a chat message about one notification says, before it is shaped for Teams, Discord or
// Slack: a title, counts, one line per alert (firing first) and a link.

#include <cstddef>
#include <string>
#include <vector>

#include "alerts/alertmanager_payload.hpp"

namespace recs::alerts {

/// One alert as a chat line.
struct relay_line {
  alert_status status = alert_status::firing;
  std::string name;      ///< alertname ("(unnamed alert)" when it has none)
  std::string severity;  ///< may be empty
  std::string detail;    ///< labels that tell this alert from the others of its group, "k=v, ..."
  std::string summary;   ///< summary (or description), at most relay_limits::max_summary_bytes
};

/// Caps applied to every relay message.
struct relay_limits {
  std::size_t max_lines = 10;           ///< alerts listed; the rest are counted
  std::size_t max_summary_bytes = 300;  ///< per line
  std::size_t max_detail_bytes = 120;   ///< per line
  std::size_t max_link_bytes = 2000;    ///< longer links are left out
};

struct relay_digest {
  /// "[FIRING:2] OffersStaleRatioHigh (warning)", "[FIRING:1] X, 1 resolved",
  /// "[RESOLVED] RecsP95LatencyHigh (warning)"; "3 alerts" instead of a name when the group
  /// holds several alert names.
  std::string title;
  alert_status status = alert_status::firing;
  std::size_t firing = 0;
  std::size_t resolved = 0;
  std::size_t truncated = 0;      ///< left out by Alertmanager (truncatedAlerts)
  std::vector<relay_line> lines;  ///< at most max_lines: firing ones first, then resolved
  std::size_t not_listed = 0;     ///< alerts beyond the lines, plus `truncated`
  /// The first http(s) generatorURL (the rule in Prometheus), else externalURL (Alertmanager);
  /// empty when neither is an http(s) URL or the link is too long.
  std::string link;
  std::string link_label;  ///< "Open in Prometheus" or "Open in Alertmanager"
};

/// The digest of a notification.
relay_digest make_digest(const webhook_payload& p, const relay_limits& limits = {});

/// True for an absolute http:// or https:// URL without spaces, control characters or the
/// < > " that a URL never holds unencoded: the only links put into a chat message.
bool is_http_url(std::string_view url);

}  // namespace recs::alerts
