#pragma once

#include <functional>
#include <string>
#include <vector>

#include "net/auth.hpp"
#include "net/http_types.hpp"
#include "net/router.hpp"

namespace recs::net {

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

/// Adds every entry of `table` to `r`. Member and admin routes authenticate first: the request's
/// credential (read_credential) is resolved by `who` and admitted (admit): 401 JSON without a
/// valid credential, 403 when admit refuses, 503 when the store cannot say. The handler may then
/// run on another thread than the request's (after a store lookup). `who` must outlive `r`.
void install(router& r, const route_table& table, const identity_port& who,
             const auth_options& auth);

/// Appends `more` to `table`.
void append(route_table& table, route_table more);

}  // namespace recs::net
