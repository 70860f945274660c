#pragma once

#include <functional>
#include <string>
#include <vector>

#include "net/auth.hpp"
#include "net/http_types.hpp"
#include "net/router.hpp"

namespace recs::net {

/// Who may call a route.
enum class access {
  open,    ///< anyone (health, metrics, webhooks with their own secret)
  member,  ///< a signed-in member of a household (401 otherwise)
  admin,   ///< a deployment admin, ADMIN_EMAILS (401 when not signed in, 403 when not an admin)
};

std::string_view to_string(access a) noexcept;

/// A route's handler: the request, its path parameters and the authenticated caller (an empty
/// caller, email "", for open routes).
using route_handler =
    std::function<void(request&&, const router::params&, const caller&, responder)>;

/// One row of the REST route table: what is served where, and to whom.
struct route_entry {
  std::string method;   ///< "GET", "POST", ...
  std::string pattern;  ///< "/shows/{id}/similar" (router.hpp)
  access level = access::member;
  route_handler handle;
  /// False for catch-alls that only answer 404 (under /admin): not part of the API, so not in
  /// the OpenAPI document.
  bool listed = true;
};

using route_table = std::vector<route_entry>;

/// Adds every entry of `table` to `r`, authenticating member and admin routes with `who` and
/// `auth` first (401 JSON when that fails, 403 for a non-admin on an admin route). `who` must
/// outlive `r`.
void install(router& r, const route_table& table, const identity_port& who,
             const auth_options& auth);

/// Appends `more` to `table`.
void append(route_table& table, route_table more);

}  // namespace recs::net
