#include "net/rest_api.hpp"

#include "net/json_codec.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

}  // namespace

route_table health_routes(const catalog_port& catalog, const metrics_port& metrics) {
  route_table t;
  t.push_back({"GET", "/healthz", access::open,
               [&catalog](request&&, const params&, const caller&, responder respond) {
                 respond(ok_json(render_health(catalog.catalog()->size())));
               }});
  // Prometheus scrapes it without a token, like /healthz (infra/README.md).
  t.push_back({"GET", "/metrics", access::open,
               [&metrics](request&&, const params&, const caller&, responder respond) {
                 response out;
                 out.content_type = "text/plain; version=0.0.4; charset=utf-8";
                 out.body = metrics.metrics_text();
                 respond(std::move(out));
               }});
  return t;
}

route_table rest_routes(const rest_ports& p) {
  route_table t = health_routes(p.catalog, p.metrics);
  append(t, slate_routes(p.slates));
  append(t, taste_routes(p.taste, p.catalog));
  append(t, list_routes(p.lists, p.catalog));
  append(t, import_routes(p.lists));
  append(t, webhook_routes(p.lists));
  append(t, export_routes(p.taste, p.lists, p.catalog));
  append(t, catalog_routes(p.catalog));
  append(t, household_routes(p.taste, p.catalog));
  // Before admin_routes: its catch-all under /admin would shadow POST /admin/households.
  append(t, account_routes(p.accounts, p.ids, p.auth, p.account_options));
  append(t, member_routes(p.households, p.accounts, p.catalog, p.auth));
  append(t, family_routes(p.family, p.catalog));
  append(t, sync_routes(p.sync, p.audit));
  append(t, admin_routes(p.admin, p.audit, p.catalog));
  if (p.alerts) append(t, alert_routes(p.alerts, p.alert_options));
  return t;
}

}  // namespace recs::net
