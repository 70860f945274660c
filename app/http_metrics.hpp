#pragma once

// The HTTP front's metrics: recs_request_latency_ms{route} and recs_request_errors_total
// {route,status} from the router's observer, and recs_ws_connections read at scrape time.

#include <functional>
#include <memory>

#include "core/result.hpp"
#include "metrics/metrics.hpp"
#include "net/router.hpp"

namespace recs::app {

/// Adds the request families to `reg`; the observer records into them. Only the router's route
/// labels are used (patterns, "static", "other"), so the series stay bounded.
result<net::router::observer> request_metrics(metrics::registry& reg);

/// Adds recs_ws_connections, set from `connections()` at every scrape.
status ws_metrics(metrics::registry& reg, std::function<std::size_t()> connections);

}  // namespace recs::app
