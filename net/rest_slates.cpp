// GET /recommendations (docs/api.md, "Recommendations"): the query is parsed by the one rule
// REST and /ws share (slate_query.hpp); caching is the slates port's business.
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;

slate_query_input query_input(const request& req) {
  slate_query_input in;
  in.for_profiles = req.param("for");
  in.intent = req.param("intent");
  in.seed = req.param("seed");
  in.limit = req.param("limit");
  in.explain = req.param("explain");
  in.only_my_services = req.param("only_my_services");
  return in;
}

}  // namespace

route_table slate_routes(slates_port& slates) {
  route_table t;
  t.push_back(
      {"GET", "/recommendations", access::member,
       [&slates](request&& req, const router::params&, const caller& who, responder respond) {
         auto q = parse_slate_query(query_input(req), who);
         if (!q) return respond(error_response(q.err()));
         slates.slate(*q, [respond = std::move(respond)](result<slate_body> body) {
           if (!body) return respond(error_response(body.err()));
           respond(ok_json(**body));
         });
       }});
  return t;
}

}  // namespace recs::net
