#pragma once

#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "alerts/alertmanager_payload.hpp"
#include "httpc/fetcher.hpp"
#include "metrics/metrics.hpp"

namespace recs::actors {

/// A checked Alertmanager notification, shared read-only by the alert actor and the relays.
using alert_payload_ptr = std::shared_ptr<const alerts::webhook_payload>;

}  // namespace recs::actors

// Local only: never serialized.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::actors::alert_payload_ptr)

namespace recs::actors {

// CAF 0.17 atoms (at most 10 characters), private to the alert pipeline.
using alert_relay_atom = caf::atom_constant<caf::atom("al_relay")>;

/// A chat service notifications are relayed to.
enum class relay_kind { teams, discord, slack };

/// "teams", "discord", "slack": the `target` label of recs_alert_relay_failures_total.
std::string_view to_string(relay_kind k) noexcept;

/// The JSON body POSTed to `k`'s webhook for `p` (alerts::teams_message, discord_message,
/// slack_message).
std::string relay_body(relay_kind k, const alerts::webhook_payload& p);

/// One configured webhook.
struct relay_target {
  relay_kind kind = relay_kind::discord;
  std::string url;  ///< a secret (Discord and Slack URLs carry the token): never logged
};

/// How relays are sent. The defaults bound one notification to about a minute per target.
struct relay_options {
  httpc::client_options http = [] {
    httpc::client_options o;
    o.connect_timeout = std::chrono::milliseconds(3000);
    o.request_timeout = std::chrono::milliseconds(10000);
    o.max_body_bytes = 64 * 1024;  // a chat webhook answers with little or nothing
    return o;
  }();
  /// 3 attempts, 1 s then 2 s of backoff; 408, 429 (Retry-After up to 30 s), 5xx and transport
  /// errors are retried, other 4xx (a wrong URL, a refused body) are not.
  httpc::retry_policy retry = [] {
    httpc::retry_policy p;
    p.max_attempts = 3;
    p.base_delay = std::chrono::milliseconds(1000);
    p.max_delay = std::chrono::milliseconds(10000);
    p.max_retry_after = std::chrono::milliseconds(30000);
    p.blocked_delay = std::chrono::milliseconds(2000);
    return p;
  }();
  /// Notifications waiting or in progress per target; past it a notification is dropped for
  /// that target (counted as a failure and logged), so a dead webhook cannot grow memory.
  std::size_t max_pending = 16;
  /// The fetcher's waits (tests inject one; default: real, cut short by cancel()).
  httpc::fetcher::sleeper sleep;
  /// One line per failure or drop; default: stderr.
  std::function<void(const std::string&)> log;
};

/// What the alert actor and one relay actor share: the bound on waiting notifications, the
/// counts, and the shutdown flag. Thread-safe.
class relay_gate {
 public:
  explicit relay_gate(std::size_t max_pending) : max_(max_pending == 0 ? 1 : max_pending) {}

  /// Takes a place for one more notification; false when max_pending already wait.
  bool try_acquire() noexcept;
  /// Gives the place back (the relay is done with the notification, sent or not).
  void release() noexcept;

  std::size_t pending() const noexcept { return pending_.load(); }
  std::size_t max_pending() const noexcept { return max_; }

  std::atomic<std::uint64_t> sent{0};     ///< delivered (a 2xx answer)
  std::atomic<std::uint64_t> failed{0};   ///< not delivered after retries, or at shutdown
  std::atomic<std::uint64_t> dropped{0};  ///< not queued: max_pending were waiting
  /// Set at shutdown: the fetcher's waits end and queued notifications are not sent.
  std::shared_ptr<std::atomic<bool>> cancelled;

 private:
  std::size_t max_;
  std::atomic<std::size_t> pending_{0};
};

/// A detached actor (its HTTP calls block) that POSTs each notification it gets to one webhook,
/// with retries and backoff (httpc::fetcher). The sender acquires a place in `gate` before
/// sending it a notification; the relay releases it when done. A notification that cannot be
/// delivered increments `failures` and is logged (the target and why, never the URL).
using alert_relay_actor = caf::typed_actor<caf::reacts_to<alert_relay_atom, alert_payload_ptr>>;

/// Spawns the relay of `target`. `failures` is its child of recs_alert_relay_failures_total in
/// `registry`, which the actor keeps alive (it may log a failure after everyone else let go).
/// Sets gate->cancelled to the fetcher's flag.
alert_relay_actor spawn_alert_relay(caf::actor_system& sys, relay_target target, relay_options opts,
                                    std::shared_ptr<relay_gate> gate,
                                    std::shared_ptr<metrics::registry> registry,
                                    metrics::counter* failures);

}  // namespace recs::actors
