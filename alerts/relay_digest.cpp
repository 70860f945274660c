// The common content of relay messages.
#include "alerts/relay_digest.hpp"

#include <algorithm>

#include "alerts/utf8.hpp"

namespace recs::alerts {

namespace {

/// Labels every alert of a group shares, or that only say what the title already says.
bool shared_label(const webhook_payload& p, const std::string& name) {
  return name == "alertname" || name == "severity" || p.common_labels.count(name) > 0;
}

std::string detail_of(const webhook_payload& p, const alert& a, std::size_t max_bytes) {
  std::string out;
  for (const auto& [k, v] : a.labels) {
    if (shared_label(p, k)) continue;
    if (!out.empty()) out += ", ";
    out += k;
    out += '=';
    out += v;
  }
  return truncate_utf8(out, max_bytes);
}

/// The name the title carries: the group's alertname, or "N alerts" for a mixed group.
std::string group_name(const webhook_payload& p) {
  for (const kv_map* m : {&p.group_labels, &p.common_labels}) {
    const auto it = m->find("alertname");
    if (it != m->end() && !it->second.empty()) return it->second;
  }
  if (p.alerts.size() == 1 && !p.alerts.front().name().empty())
    return std::string(p.alerts.front().name());
  const std::size_t n = p.alerts.size() + static_cast<std::size_t>(p.truncated_alerts);
  return std::to_string(n) + (n == 1 ? " alert" : " alerts");
}

}  // namespace

bool is_http_url(std::string_view url) {
  const bool scheme = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  if (!scheme) return false;
  const std::size_t host = url.find("://") + 3;
  if (host >= url.size() || url[host] == '/') return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == '"';
  });
}

relay_digest make_digest(const webhook_payload& p, const relay_limits& limits) {
  relay_digest d;
  d.status = p.status;
  d.firing = p.firing_count();
  d.resolved = p.resolved_count();
  d.truncated = static_cast<std::size_t>(p.truncated_alerts);

  std::string title;
  if (d.firing > 0) {
    title = "[FIRING:" + std::to_string(d.firing) + "] ";
  } else if (d.resolved > 1) {
    title = "[RESOLVED:" + std::to_string(d.resolved) + "] ";
  } else {
    title = "[RESOLVED] ";
  }
  title += group_name(p);
  const auto sev = p.common_labels.find("severity");
  if (sev != p.common_labels.end() && !sev->second.empty()) title += " (" + sev->second + ")";
  if (d.firing > 0 && d.resolved > 0) title += ", " + std::to_string(d.resolved) + " resolved";
  d.title = truncate_utf8(title, 250);

  // Firing alerts first, each group in the order Alertmanager sent them.
  std::vector<const alert*> order;
  for (const auto& a : p.alerts)
    if (a.status == alert_status::firing) order.push_back(&a);
  for (const auto& a : p.alerts)
    if (a.status == alert_status::resolved) order.push_back(&a);
  for (const alert* a : order) {
    if (d.lines.size() == limits.max_lines) break;
    relay_line l;
    l.status = a->status;
    l.name = a->name().empty() ? "(unnamed alert)" : truncate_utf8(a->name(), 200);
    l.severity = truncate_utf8(a->severity(), 40);
    l.detail = detail_of(p, *a, limits.max_detail_bytes);
    l.summary = truncate_utf8(a->summary(), limits.max_summary_bytes);
    d.lines.push_back(std::move(l));
  }
  d.not_listed = order.size() - d.lines.size() + d.truncated;

  for (const alert* a : order) {
    if (is_http_url(a->generator_url) && a->generator_url.size() <= limits.max_link_bytes) {
      d.link = a->generator_url;
      d.link_label = "Open in Prometheus";
      break;
    }
  }
  if (d.link.empty() && is_http_url(p.external_url) &&
      p.external_url.size() <= limits.max_link_bytes) {
    d.link = p.external_url;
    d.link_label = "Open in Alertmanager";
  }
  return d;
}

}  // namespace recs::alerts
