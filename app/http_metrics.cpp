#include "app/http_metrics.hpp"

#include <string>

namespace recs::app {

result<net::router::observer> request_metrics(metrics::registry& reg) {
  auto latency = reg.add_histogram(
      "recs_request_latency_ms",
      "Time to answer one HTTP request, in ms, by route (WebSocket sessions not included).",
      {"route"}, metrics::latency_ms_buckets());
  if (!latency) return latency.err();
  auto errors = reg.add_counter("recs_request_errors_total",
                                "HTTP requests answered with a status of 400 or more, by route "
                                "and status.",
                                {"route", "status"});
  if (!errors) return errors.err();
  return net::router::observer(
      [latency = *latency, errors = *errors](const std::string& route, unsigned status, double ms) {
        latency->with({route}).observe(ms);
        if (status >= 400) errors->with({route, std::to_string(status)}).inc();
      });
}

status ws_metrics(metrics::registry& reg, std::function<std::size_t()> connections) {
  auto ws = reg.add_gauge("recs_ws_connections", "Open WebSocket connections (GET /ws).");
  if (!ws) return ws.err();
  reg.on_scrape([g = *ws, connections = std::move(connections)] {
    g->with().set(static_cast<double>(connections()));
  });
  return ok_status();
}

}  // namespace recs::app
