// The catalog: GET /shows, /shows/{id}, /shows/{id}/similar, /providers (docs/api.md, "Shows").
#include "net/json_codec.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

}  // namespace

route_table catalog_routes(const catalog_port& catalog) {
  route_table t;
  t.push_back({"GET", "/shows/{id}", access::member,
               [&catalog](request&&, const params& ps, const caller& who, responder respond) {
                 auto cat = catalog.catalog();
                 const std::string& id = ps.front().second;
                 auto idx = cat->find(id);
                 if (!idx) return respond(unknown_show(id));
                 respond(ok_json(render_show(*cat, cat->at(*idx), services_of(who))));
               }});
  t.push_back({"GET", "/shows/{id}/similar", access::member,
               [&catalog](request&& req, const params& ps, const caller& who, responder respond) {
                 auto limit = uint_param(req, "limit", 10, 1, 50);
                 if (!limit) return respond(error_response(limit.err()));
                 auto cat = catalog.catalog();
                 const std::string& id = ps.front().second;
                 auto idx = cat->find(id);
                 if (!idx) return respond(unknown_show(id));
                 auto model = catalog.content_for(*cat);
                 if (!model)
                   return respond(json_error(503, "unavailable",
                                             "the similarity index is still being built; retry "
                                             "in a second"));
                 respond(
                     ok_json(render_similar(*cat, model->similar(*idx, *limit), services_of(who))));
               }});
  t.push_back({"GET", "/shows", access::member,
               [&catalog](request&& req, const params&, const caller& who, responder respond) {
                 auto limit = uint_param(req, "limit", 20, 1, 100);
                 if (!limit) return respond(error_response(limit.err()));
                 auto cat = catalog.catalog();
                 std::size_t total = 0;
                 auto hits = cat->search(req.param("q").value_or(""), *limit, total);
                 respond(ok_json(render_search(*cat, hits, total, services_of(who))));
               }});
  t.push_back({"GET", "/providers", access::member,
               [&catalog](request&&, const params&, const caller&, responder respond) {
                 respond(ok_json(render_providers(catalog.catalog()->providers())));
               }});
  return t;
}

}  // namespace recs::net
