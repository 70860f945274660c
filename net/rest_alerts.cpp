// POST /alerts/alertmanager and GET /admin/alerts.
#include "net/rest_alerts.hpp"

#include <cctype>
#include <utility>

#include "core/ascii.hpp"
#include "net/json_writer.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace internal {

namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

}  // namespace

bool bearer_matches(std::string_view authorization, std::string_view token) noexcept {
  authorization = trim(authorization);
  if (token.empty() || !starts_with_ci(authorization, "bearer ")) return false;
  const std::string_view given = trim(authorization.substr(7));
  // Every byte of the longer one is looked at, so the time says nothing about the secret.
  const std::size_t n = given.size() > token.size() ? given.size() : token.size();
  unsigned diff = given.size() == token.size() ? 0u : 1u;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char a = i < given.size() ? static_cast<unsigned char>(given[i]) : 0u;
    const unsigned char b = i < token.size() ? static_cast<unsigned char>(token[i]) : 0u;
    diff |= static_cast<unsigned>(a ^ b);
  }
  return diff == 0;
}

bool is_json_content_type(std::string_view content_type) noexcept {
  const std::size_t semi = content_type.find(';');
  const std::string_view type = trim(content_type.substr(0, semi));
  return type.size() == 16 && starts_with_ci(type, "application/json");
}

}  // namespace internal

namespace {

using namespace internal;
using params = router::params;

response unauthorized(std::string message) {
  response r = json_error(401, "unauthorized", message);
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"alertmanager\"");
  return r;
}

}  // namespace

route_table alert_routes(std::shared_ptr<alert_sink> sink, alert_route_options alert_opts) {
  route_table t;
  t.push_back(
      {"POST", "/alerts/alertmanager", access::open,
       [sink, ao = std::move(alert_opts)](request&& req, const params&, const caller&,
                                          responder respond) {
         if (!ao.webhook_token.empty()) {
           const std::string_view auth = req.header("authorization");
           if (auth.empty())
             return respond(
                 unauthorized("this receiver needs Authorization: Bearer <ALERT_WEBHOOK_TOKEN> "
                              "(http_config.authorization in alertmanager.yml)"));
           if (!bearer_matches(auth, ao.webhook_token))
             return respond(unauthorized("wrong webhook token"));
         }
         if (!is_json_content_type(req.header("content-type")))
           return respond(json_error(415, "unsupported_media_type",
                                     "the body must be Content-Type: application/json"));
         if (req.body.size() > ao.limits.max_body_bytes)
           return respond(json_error(
               413, "payload_too_large",
               "a notification is at most " + std::to_string(ao.limits.max_body_bytes) + " bytes"));
         auto payload = alerts::parse_alertmanager_payload(req.body, ao.limits);
         if (!payload) return respond(json_error(400, "bad_request", payload.err().message));
         sink->record(std::move(*payload), [respond = std::move(respond)](result<std::size_t> n) {
           if (!n) return respond(error_response(n.err()));
           json_writer w;
           w.begin_object().member("received", static_cast<std::uint64_t>(*n)).end_object();
           respond(ok_json(w.str()));
         });
       }});
  t.push_back({"GET", "/admin/alerts", access::admin,
               [sink](request&&, const params&, const caller&, responder respond) {
                 respond(ok_json(sink->recent_json()));
               }});
  return t;
}

}  // namespace recs::net
