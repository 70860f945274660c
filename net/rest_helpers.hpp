#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "net/auth.hpp"
#include "net/backend.hpp"
#include "net/rest_api.hpp"
#include "net/router.hpp"

// Private to net/: what the REST handlers share.
namespace recs::net::internal {

using authed_handler =
    std::function<void(request&&, const router::params&, const caller&, responder)>;

response ok_json(std::string body, unsigned status = 200);
response no_content();
std::int64_t now_s();
/// Wraps a handler with authentication (401) and, with `admin`, authorisation (403).
router::route_handler authed(backend& b, const rest_options& opts, bool admin, authed_handler h);
result<std::uint64_t> uint_param(const request& req, const char* name, std::uint64_t def,
                                 std::uint64_t lo, std::uint64_t hi);
result<bool> bool_param(const request& req, const char* name);
/// A profile of the caller's household, by id.
result<profile> own_profile(const caller& who, std::int64_t id);
/// A profile of the caller's household by case-insensitive name or by id.
result<profile> profile_by_ref(const caller& who, const std::string& ref);
result<profile> profile_param(const request& req, const caller& who);
std::unordered_set<std::string> services_of(const caller& who);
/// Who is watching, from a `for=` value: absent, empty, "all" or "family" is the whole
/// household; otherwise comma-separated profile names or ids, each once.
result<std::vector<profile>> members_of(const caller& who, std::string_view ref);
/// The JSON error code of an error category: bad_request, not_found, forbidden, unavailable,
/// internal.
std::string_view error_code(errc e) noexcept;
/// seed= (0), limit= (1-100, 20), explain= and only_my_services= (false) of a slate request.
result<slate_request> slate_params(const request& req);

/// GET /recommendations in Family Mix context (intent=family_mix, or several profiles in for=).
void family_recommendations(backend& b, request&& req, const caller& who, responder respond);
/// POST /family/watched and GET /family/ledger.
void add_family_routes(router& r, backend& b, const rest_options& o);
/// The sync jobs' admin routes: /admin/jobs, /admin/jobs/{job}, /admin/sync/{source}/{command},
/// /admin/freshness (net/rest_sync.cpp).
void add_sync_routes(router& r, backend& b, const rest_options& o);

/// `respond`, first logging and counting the admin command `command` of `who` (with `detail`,
/// e.g. "scorers=4") with the status it is answered with (net/rest_admin.cpp).
responder audited(backend& b, const caller& who, std::string command, std::string detail,
                  responder respond);
/// The admin control routes: /admin/actors, /admin/scoring/resize, /admin/cache/flush,
/// /admin/model/retrain, /admin/commands (net/rest_admin.cpp).
void add_control_routes(router& r, backend& b, const rest_options& o);

/// Completes `respond` with the rendered value or the error.
template <class T, class Render>
callback<T> reply_with(responder respond, Render render, unsigned status = 200) {
  return [respond = std::move(respond), render, status](result<T> r) {
    if (!r) return respond(error_response(r.err()));
    respond(ok_json(render(*r), status));
  };
}

}  // namespace recs::net::internal
