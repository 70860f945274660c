// The admin control routes (docs/api.md, "Admin control"): the service's status, the actors with
// their mailboxes, and commands over the running actor system. Every command is logged and
// counted through the audit port, with the status it was answered with.
#include "net/json_codec.hpp"
#include "net/json_writer.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

/// {"command":<name>, <field>:<value>}: what a control command answers.
template <class T>
std::string command_answer(std::string_view command, std::string_view field, T value) {
  json_writer w;
  w.begin_object().member("command", command).member(field, value).end_object();
  return w.str();
}

void resize(admin_port& admin, audit_port& audit, request&& req, const caller& who,
            responder respond) {
  auto n = parse_resize_body(req.body);
  auto out = audited(audit, who, "resize_pool", n ? "scorers=" + std::to_string(*n) : "",
                     std::move(respond));
  if (!n) return out(error_response(n.err()));
  admin.resize_scorers(*n, reply_with<int>(std::move(out), [](int scorers) {
    return command_answer("resize_pool", "scorers", scorers);
  }));
}

}  // namespace

route_table admin_routes(admin_port& admin, audit_port& audit, const catalog_port& catalog) {
  route_table t;
  t.push_back(
      {"GET", "/admin/status", access::admin,
       [&admin, &catalog](request&&, const params&, const caller& who, responder respond) {
         const std::size_t shows = catalog.catalog()->size();
         const std::size_t profiles = who.profiles.size();
         admin.actors(reply_with<std::vector<actor_info>>(
             std::move(respond), [&admin, shows, profiles](const std::vector<actor_info>& a) {
               // The cache backend as it is when the answer is made.
               return render_actors(a, shows, profiles, admin.cache_backend());
             }));
       }});
  t.push_back({"GET", "/admin/actors", access::admin,
               [&admin](request&&, const params&, const caller&, responder respond) {
                 admin.actors(
                     reply_with<std::vector<actor_info>>(std::move(respond), render_actor_list));
               }});
  t.push_back(
      {"POST", "/admin/scoring/resize", access::admin,
       [&admin, &audit](request&& req, const params&, const caller& who, responder respond) {
         resize(admin, audit, std::move(req), who, std::move(respond));
       }});
  t.push_back(
      {"POST", "/admin/cache/flush", access::admin,
       [&admin, &audit](request&&, const params&, const caller& who, responder respond) {
         admin.flush_caches(reply_with<std::uint64_t>(
             audited(audit, who, "flush_cache", "", std::move(respond)), [](std::uint64_t dropped) {
               return command_answer("flush_cache", "dropped", dropped);
             }));
       }});
  t.push_back({"POST", "/admin/model/retrain", access::admin,
               [&admin, &audit](request&&, const params&, const caller& who, responder respond) {
                 admin.retrain(reply_with<unit>(
                     audited(audit, who, "retrain", "", std::move(respond)),
                     [](unit) {
                       json_writer w;
                       w.begin_object().member("command", "retrain").end_object();
                       return w.str();
                     },
                     202));
               }});
  t.push_back({"GET", "/admin/commands", access::admin,
               [&audit](request&&, const params&, const caller&, responder respond) {
                 respond(ok_json(render_admin_commands(audit.admin_commands())));
               }});
  // Everything else under /admin is admin-checked first, then unknown.
  for (const char* m : {"GET", "POST", "PUT", "DELETE"})
    for (const char* p : {"/admin", "/admin/{a}", "/admin/{a}/{b}", "/admin/{a}/{b}/{c}"})
      t.push_back({m, p, access::admin,
                   [](request&& req, const params&, const caller&, responder respond) {
                     respond(json_error(404, "not_found", "no admin route " + req.path));
                   },
                   false});
  return t;
}

}  // namespace recs::net
