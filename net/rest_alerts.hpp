#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "alerts/alertmanager_payload.hpp"
#include "net/alert_sink.hpp"
#include "net/route_table.hpp"

namespace recs::net {

/// How POST /alerts/alertmanager admits notifications.
struct alert_route_options {
  /// ALERT_WEBHOOK_TOKEN: when not empty, a notification must carry
  /// `Authorization: Bearer <token>` (401 otherwise). Empty: open, like /metrics.
  std::string webhook_token;
  /// Bounds on a notification. The HTTP server refuses bodies over its own body limit (64 KiB
  /// by default) before the handler runs; max_body_bytes applies below that.
  alerts::payload_limits limits;
};

/// The alert routes (docs/api.md, "Alerts"):
/// - POST /alerts/alertmanager: Alertmanager's webhook (version 4). No user token; with
///   `webhook_token` a shared secret. 401 without the secret, 415 unless the body is
///   application/json, 413 over limits.max_body_bytes, 400 naming the field for malformed JSON,
///   a version other than "4" or a missing or wrong field; 200 {"received":N} (N alerts) once the
///   alert actor recorded it; 503 when it did not answer in time.
/// - GET /admin/alerts (admins): the recent alerts, alerts::alert_log::to_json().
/// The literal paths win over the "/admin/{a}" catch-all of admin_routes in any order
/// (router.hpp).
route_table alert_routes(std::shared_ptr<alert_sink> sink, alert_route_options alert_opts = {});

namespace internal {
/// True when `authorization` is "Bearer <token>" (scheme case-insensitive) for exactly `token`;
/// the comparison takes the same time wherever the first difference is.
bool bearer_matches(std::string_view authorization, std::string_view token) noexcept;
/// True for a Content-Type of application/json, with or without parameters (charset=utf-8).
bool is_json_content_type(std::string_view content_type) noexcept;
}  // namespace internal

}  // namespace recs::net
