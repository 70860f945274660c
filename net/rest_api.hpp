#pragma once

#include "net/auth.hpp"
#include "net/backend.hpp"
#include "net/router.hpp"

namespace recs::net {

struct rest_options {
  auth_options auth;
};

/// Registers every REST route of docs/api.md on `r`. Handlers are thin: they authenticate,
/// validate input into 4xx JSON errors, call the backend and render JSON. `b` must outlive `r`.
void add_rest_routes(router& r, backend& b, const rest_options& opts);

/// The HTTP status and error code for an error value: invalid_argument 400, not_found 404,
/// forbidden 403, unavailable 503, internal 500.
response error_response(const error& e);

}  // namespace recs::net
