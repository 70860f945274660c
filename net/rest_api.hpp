#pragma once

#include <memory>

#include "net/account_port.hpp"
#include "net/admin_port.hpp"
#include "net/alert_sink.hpp"
#include "net/catalog_port.hpp"
#include "net/family_port.hpp"
#include "net/household_port.hpp"
#include "net/lists_port.hpp"
#include "net/rest_alerts.hpp"
#include "net/route_table.hpp"
#include "net/slates_port.hpp"
#include "net/sync_port.hpp"
#include "net/taste_port.hpp"

namespace recs::net {

// The REST routes of docs/api.md, by role. Each group takes only the ports its handlers use
// (so a handler is tested against fake ports); handlers validate input into 4xx JSON errors,
// call a port and render JSON. The ports must outlive the router the table is installed on.

/// GET /healthz and GET /metrics (open: load balancers and Prometheus call them).
route_table health_routes(const catalog_port& catalog, const metrics_port& metrics);
/// GET /recommendations: one profile's slate or a Family Mix (slate_query.hpp).
route_table slate_routes(slates_port& slates);
/// POST/GET/DELETE /ratings, /tags; POST/GET /notes.
route_table taste_routes(taste_port& taste, const catalog_port& catalog);
/// POST/GET/DELETE /feedback, /watchlist; GET /inbox, POST /inbox/read.
route_table list_routes(lists_port& lists, const catalog_port& catalog);
/// GET/PUT/DELETE /me/webhook, POST /me/webhook/test (the owner's).
route_table webhook_routes(lists_port& lists);
/// POST /imports/{format}.
route_table import_routes(lists_port& lists);
/// GET /export/ratings.csv, /export/watchlist.csv (IMDb's CSV shape).
route_table export_routes(taste_port& taste, lists_port& lists, const catalog_port& catalog);
/// GET /shows, /shows/{id}, /shows/{id}/similar, /providers.
route_table catalog_routes(const catalog_port& catalog);
/// GET /me, GET /me/profiles, PUT /me/services.
route_table household_routes(taste_port& taste, const catalog_port& catalog);

/// What the sign-in routes need to know of the deployment.
struct account_route_options {
  bool signup_open = false;  ///< SIGNUP_OPEN
};
/// GET /auth/state; POST /auth/setup, /auth/signup, /auth/login, /auth/accept-invite (open);
/// POST /auth/logout, /auth/logout-all; GET/POST /me/tokens, DELETE /me/tokens/{id}.
route_table account_routes(account_port& accounts, const identity_port& ids,
                           const auth_options& auth, const account_route_options& opts);
/// GET /me/members, DELETE /me/members/{id}; GET/POST /me/invites, DELETE /me/invites/{id};
/// POST /me/profiles, PATCH/DELETE /me/profiles/{id}, POST /me/profiles/{id}/select;
/// GET /me/export; DELETE /me/household; POST /admin/households.
route_table member_routes(household_port& households, account_port& accounts,
                          const catalog_port& catalog, const auth_options& auth);
/// POST /family/watched, GET /family/ledger.
route_table family_routes(family_port& family, const catalog_port& catalog);
/// GET /admin/jobs, POST /admin/jobs/{job}, POST /admin/sync/{source}/{command},
/// GET /admin/freshness.
route_table sync_routes(sync_port& sync, audit_port& audit);
/// GET /admin/status, /admin/actors, /admin/commands; POST /admin/scoring/resize,
/// /admin/cache/flush, /admin/model/retrain; and 404 for any other path under /admin (after
/// the admin check, so that a non-admin learns nothing of what exists there).
route_table admin_routes(admin_port& admin, audit_port& audit, const catalog_port& catalog);

/// Every port the REST API uses.
struct rest_ports {
  const identity_port& ids;
  account_port& accounts;
  household_port& households;
  const auth_options& auth;
  account_route_options account_options;
  const catalog_port& catalog;
  const metrics_port& metrics;
  slates_port& slates;
  taste_port& taste;
  lists_port& lists;
  family_port& family;
  sync_port& sync;
  admin_port& admin;
  audit_port& audit;
  std::shared_ptr<alert_sink> alerts;  ///< null: no alert routes
  alert_route_options alert_options;
};

/// The whole REST route table (docs/api.md): every group above and the alert routes.
route_table rest_routes(const rest_ports& ports);

}  // namespace recs::net
