#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "alerts/alertmanager_payload.hpp"
#include "net/callback.hpp"

namespace recs::net {

/// What the HTTP front needs from the alert pipeline (the alert actor implements it): record a
/// parsed Alertmanager notification, read the recent alerts, and hear when they change. The
/// front never sees CAF.
class alert_sink {
 public:
  virtual ~alert_sink() = default;

  /// Records a checked notification (kept in the recent-alerts log, counted, relayed to the
  /// configured chat webhooks). `cb` gets the number of alerts it carried once the log holds
  /// them, or errc::unavailable when the alert actor did not answer in time; it is called
  /// exactly once, on any thread.
  virtual void record(alerts::webhook_payload p, callback<std::size_t> cb) = 0;

  /// The recent alerts as alerts::alert_log::to_json() writes them; never blocks on an actor.
  virtual std::string recent_json() const = 0;

  /// Adds a listener called after every change of the recent alerts, on any thread (one call at
  /// a time); it must not block. Listeners cannot be removed: hold what they need weakly.
  virtual void on_alerts_changed(std::function<void()> listener) = 0;
};

}  // namespace recs::net
