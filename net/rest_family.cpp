// The Family Mix ledger over REST: POST /family/watched, GET /family/ledger (docs/api.md).
// GET /recommendations in Family Mix context is a slate route (net/rest_slates.cpp).
#include "net/json_codec.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

std::vector<std::int64_t> ids_of(const std::vector<profile>& ps) {
  std::vector<std::int64_t> out;
  for (const auto& p : ps) out.push_back(p.id);
  return out;
}

void post_watched(family_port& family, const catalog_port& catalog, request&& req,
                  const caller& who, responder respond) {
  auto body = parse_family_watched_body(req.body);
  if (!body) return respond(error_response(body.err()));
  if (!catalog.catalog()->find(body->show_id))
    return respond(json_error(404, "not_found", "no show '" + body->show_id + "'"));
  std::vector<std::int64_t> ids = body->profile_ids;
  if (ids.empty()) ids = ids_of(who.profiles);
  for (auto id : ids)
    if (auto p = own_profile(who, id); !p) return respond(error_response(p.err()));
  if (ids.empty()) return respond(json_error(404, "not_found", "your household has no profiles"));
  family.family_watched(who.home.id, std::move(ids), body->show_id,
                        reply_with<family_watch>(
                            std::move(respond),
                            [profiles = who.profiles](const family_watch& w) {
                              return render_family_watch(w, profiles);
                            },
                            201));
}

}  // namespace

route_table family_routes(family_port& family, const catalog_port& catalog) {
  route_table t;
  t.push_back(
      {"POST", "/family/watched", access::member,
       [&family, &catalog](request&& req, const params&, const caller& who, responder respond) {
         post_watched(family, catalog, std::move(req), who, std::move(respond));
       }});
  t.push_back({"GET", "/family/ledger", access::member,
               [&family, &catalog](request&&, const params&, const caller& who, responder respond) {
                 family.family_watches(
                     who.home.id,
                     reply_with<std::vector<family_watch>>(
                         std::move(respond), [&catalog, profiles = who.profiles](const auto& ws) {
                           return render_family_ledger(ws, profiles, *catalog.catalog());
                         }));
               }});
  return t;
}

}  // namespace recs::net
