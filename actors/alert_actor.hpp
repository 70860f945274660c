#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "actors/alert_relay.hpp"
#include "alerts/alert_log.hpp"
#include "core/result.hpp"
#include "metrics/metrics.hpp"
#include "net/alert_sink.hpp"

namespace recs::actors {

using alert_record_atom = caf::atom_constant<caf::atom("al_record")>;

/// The alert actor: records each Alertmanager notification in the recent-alerts log, counts
/// its alerts in recs_alerts_received_total{status}, tells the listeners (the WebSocket hub)
/// that the log changed, hands the notification to one relay actor per configured webhook
/// (bounded: see relay_options::max_pending), and answers how many alerts it carried. It never
/// blocks: the relays do the HTTP on their own threads.
using alert_actor =
    caf::typed_actor<caf::replies_to<alert_record_atom, alert_payload_ptr>::with<std::uint64_t>>;

struct alert_options {
  std::size_t log_capacity = alerts::alert_log::default_capacity;  ///< recent alerts kept
  std::vector<relay_target> targets;  ///< from TEAMS_/DISCORD_/SLACK_WEBHOOK_URL
  relay_options relay;
  /// How long POST /alerts/alertmanager waits for the alert actor (then 503).
  std::chrono::milliseconds timeout{2000};
  /// Unix seconds now (injectable for tests).
  std::function<std::int64_t()> now;
  /// Log lines (relay failures and drops); default: stderr.
  std::function<void(const std::string&)> log;
};

/// The webhooks among these URLs that are set (not empty), Teams, Discord, Slack in that order.
std::vector<relay_target> relay_targets(const std::string& teams_url,
                                        const std::string& discord_url,
                                        const std::string& slack_url);

/// The alert pipeline of one process: the alert actor, its relay actors, the log and the
/// listeners. Implements the HTTP front's net::alert_sink. Stops its actors when destroyed
/// (or at stop()); destroy it before the actor system.
class alert_service : public net::alert_sink {
 public:
  /// Spawns the actors and registers recs_alerts_received_total{status} and
  /// recs_alert_relay_failures_total{target} in `metrics` (with their firing/resolved and
  /// configured targets' children at 0). Errors: invalid_argument when the registry already has
  /// those names (a second pipeline on the same registry).
  static result<std::shared_ptr<alert_service>> start(caf::actor_system& sys, alert_options opts,
                                                      std::shared_ptr<metrics::registry> metrics);

  ~alert_service() override;
  alert_service(const alert_service&) = delete;
  alert_service& operator=(const alert_service&) = delete;

  void record(alerts::webhook_payload p, net::callback<std::size_t> cb) override;
  std::string recent_json() const override { return log_->to_json(); }
  void on_alerts_changed(std::function<void()> listener) override;

  /// Stops the relays and the alert actor. A relay inside an HTTP attempt finishes it (its
  /// timeouts bound it); notifications still waiting are logged as not sent. Idempotent.
  void stop();

  const alerts::alert_log& log() const { return *log_; }
  alert_actor actor() const;

  /// Per configured target, for tests and logs.
  struct relay_status {
    relay_kind kind = relay_kind::discord;
    std::size_t pending = 0;
    std::uint64_t sent = 0;
    std::uint64_t failed = 0;
    std::uint64_t dropped = 0;
  };
  std::vector<relay_status> relays() const;

  /// The state the alert actor shares with this object (defined in the .cpp).
  struct shared;

 private:
  alert_service(caf::actor_system& sys, std::chrono::milliseconds timeout);

  caf::actor_system& sys_;
  std::chrono::milliseconds timeout_;
  std::shared_ptr<alerts::alert_log> log_;
  std::shared_ptr<shared> shared_;
  mutable std::mutex mu_;
  alert_actor actor_;
  std::vector<alert_relay_actor> relay_actors_;
  bool stopped_ = false;
};

}  // namespace recs::actors
