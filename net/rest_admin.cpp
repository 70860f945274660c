// The admin control routes (docs/api.md, "Admin control"): the actors with their mailboxes, and
// commands over the running actor system. Every command is logged and counted through the
// backend, with the status it was answered with.
#include "net/json_codec.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net::internal {

responder audited(backend& b, const caller& who, std::string command, std::string detail,
                  responder respond) {
  return [&b, admin = who.email, command = std::move(command), detail = std::move(detail),
          respond = std::move(respond)](response res) {
    b.record_admin_command(admin_command{now_s(), admin, command, detail, res.status});
    respond(std::move(res));
  };
}

void add_control_routes(router& r, backend& b, const rest_options& o) {
  r.add(
      "GET", "/admin/actors",
      authed(b, o, true, [&b](request&&, const router::params&, const caller&, responder respond) {
        b.actors(reply_with<std::vector<actor_info>>(std::move(respond), render_actor_list));
      }));
  r.add("POST", "/admin/scoring/resize",
        authed(b, o, true,
               [&b](request&& req, const router::params&, const caller& who, responder respond) {
                 auto n = parse_resize_body(req.body);
                 auto out = audited(b, who, "resize_pool",
                                    n ? "scorers=" + std::to_string(*n) : std::string(),
                                    std::move(respond));
                 if (!n) return out(error_response(n.err()));
                 b.resize_scorers(*n, reply_with<int>(std::move(out), [](int scorers) {
                   return "{\"command\":\"resize_pool\",\"scorers\":" + std::to_string(scorers) +
                          "}";
                 }));
               }));
  r.add(
      "POST", "/admin/cache/flush",
      authed(
          b, o, true, [&b](request&&, const router::params&, const caller& who, responder respond) {
            b.flush_caches(reply_with<std::uint64_t>(
                audited(b, who, "flush_cache", "", std::move(respond)), [](std::uint64_t dropped) {
                  return "{\"command\":\"flush_cache\",\"dropped\":" + std::to_string(dropped) +
                         "}";
                }));
          }));
  r.add("POST", "/admin/model/retrain",
        authed(b, o, true,
               [&b](request&&, const router::params&, const caller& who, responder respond) {
                 b.retrain(reply_with<unit>(
                     audited(b, who, "retrain", "", std::move(respond)),
                     [](unit) { return std::string("{\"command\":\"retrain\"}"); }, 202));
               }));
  r.add(
      "GET", "/admin/commands",
      authed(b, o, true, [&b](request&&, const router::params&, const caller&, responder respond) {
        respond(ok_json(render_admin_commands(b.admin_commands())));
      }));
}

}  // namespace recs::net::internal
