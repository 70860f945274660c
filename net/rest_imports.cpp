// Imports of a profile's history from other services (docs/api.md, "Imports").
#include "net/json_lists.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

void post_import(lists_port& lists, request&& req, const params& ps, const caller& who,
                 responder respond) {
  const std::string format = ps.at(0).second;
  auto ref = req.param("profile");
  if (!ref || ref->empty())
    return respond(json_error(400, "bad_request", "profile=<name or id> is required"));
  auto p = profile_by_ref(who, *ref);
  if (!p) return respond(error_response(p.err()));
  auto dry = bool_param(req, "dry_run");
  if (!dry) return respond(error_response(dry.err()));
  if (req.body.empty())
    return respond(json_error(400, "bad_request", "the body must be the exported file"));
  import_request in;
  in.profile_id = p->id;
  in.format = format;
  in.file = std::move(req.body);
  in.netflix_profile = req.param("netflix_profile").value_or("");
  in.dry_run = *dry;
  lists.import_file(std::move(in),
                    reply_with<import_report>(
                        std::move(respond), [format, pid = p->id, dry_run = *dry](const auto& r) {
                          return render_import_report(format, pid, dry_run, r);
                        }));
}

}  // namespace

route_table import_routes(lists_port& lists) {
  route_table t;
  t.push_back({"POST", "/imports/{format}", access::member,
               [&lists](request&& req, const params& ps, const caller& who, responder respond) {
                 post_import(lists, std::move(req), ps, who, std::move(respond));
               }});
  return t;
}

}  // namespace recs::net
