#pragma once
// Alertmanager's webhook notification (version 4), as POSTed to /alerts/alertmanager:
// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace recs::alerts {

/// Label or annotation names to values, sorted by name.
using kv_map = std::map<std::string, std::string>;

enum class alert_status { firing, resolved };

/// "firing" or "resolved".
std::string_view to_string(alert_status s);

/// One alert of a notification.
struct alert {
  alert_status status = alert_status::firing;
  kv_map labels;          ///< alertname, severity, and the labels of the rule's result
  kv_map annotations;     ///< summary, description, ...
  std::string starts_at;  ///< RFC 3339, as sent
  std::string ends_at;    ///< RFC 3339 as sent; "0001-01-01T00:00:00Z" (Go's zero time) or empty
  std::int64_t starts_at_s = 0;           ///< unix seconds of starts_at
  std::optional<std::int64_t> ends_at_s;  ///< unix seconds of ends_at; none for the zero time
  std::string generator_url;  ///< the rule's expression in Prometheus (not checked: any text)
  std::string fingerprint;    ///< Alertmanager's identity of the label set (non-empty)

  /// labels["alertname"], or "" when absent.
  std::string_view name() const;
  /// labels["severity"], or "" when absent.
  std::string_view severity() const;
  /// annotations["summary"], else annotations["description"], else "".
  std::string_view summary() const;
};

/// A notification: one group of alerts, sent when the group changes and every repeat_interval.
struct webhook_payload {
  std::string version;                         ///< "4" (anything else is refused)
  std::string group_key;                       ///< identifies the group (route and group labels)
  std::int64_t truncated_alerts = 0;           ///< alerts left out by the receiver's max_alerts
  alert_status status = alert_status::firing;  ///< firing when at least one alert fires
  std::string receiver;
  kv_map group_labels;
  kv_map common_labels;
  kv_map common_annotations;
  std::string external_url;  ///< Alertmanager's own URL (may be empty)
  std::vector<alert> alerts;

  std::size_t firing_count() const;
  std::size_t resolved_count() const;
};

/// Bounds on what a notification may hold; beyond them it is refused (invalid_argument).
struct payload_limits {
  std::size_t max_body_bytes = 4u << 20;           ///< the whole JSON body
  std::size_t max_alerts = 1000;                   ///< entries of alerts[]
  std::size_t max_pairs = 64;                      ///< labels (or annotations) per set
  std::size_t max_name_bytes = 256;                ///< a label or annotation name
  std::size_t max_label_value_bytes = 4096;        ///< a label value
  std::size_t max_annotation_value_bytes = 16384;  ///< an annotation value (descriptions)
  std::size_t max_string_bytes = 4096;             ///< receiver, URLs, times, fingerprint
  std::size_t max_group_key_bytes = 16384;         ///< groupKey (holds the group labels)
};

/// Parses and checks a notification. invalid_argument, with a message naming the field
/// ("alerts[2].fingerprint is required", "version must be \"4\" (got \"3\")"), when the body is
/// not JSON or not valid UTF-8, when a required field is missing (version, status, receiver,
/// groupKey, alerts; per alert status, labels, startsAt, fingerprint), when a field has the
/// wrong type, a status is not firing/resolved, a time is not RFC 3339, truncatedAlerts is
/// negative, or a limit is passed. Unknown fields are ignored; optional ones (groupLabels,
/// commonLabels, commonAnnotations, externalURL, truncatedAlerts, annotations, endsAt,
/// generatorURL) default to empty.
result<webhook_payload> parse_alertmanager_payload(std::string_view body,
                                                   const payload_limits& limits = {});

}  // namespace recs::alerts
