#pragma once

// The push of a household's watchlist alerts to its own webhook (issue 16, point 7): one
// detached actor (its HTTP calls block) for every household of the instance, through one
// httpc::fetcher with retries, like the Alertmanager relays (actors/alert_relay.hpp).

#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "actors/alert_relay.hpp"
#include "actors/push_target.hpp"
#include "metrics/metrics.hpp"

namespace recs::actors {

/// One message for one household's webhook.
struct push_job {
  std::int64_t household_id = 0;
  push_kind kind = push_kind::discord;
  std::string url;  ///< a secret: never logged
  alerts::chat_message message;
  /// Called on the push actor's thread once the push is done: ok when delivered (a 2xx answer),
  /// else why not (never naming the URL). May be empty.
  std::function<void(status)> done;
};
using push_job_ptr = std::shared_ptr<push_job>;

/// A job pushing `m` to the household's stored webhook `hook`; internal for a kind the service
/// does not know (the store's CHECK keeps that from happening).
result<push_job_ptr> make_push_job(household_webhook hook, alerts::chat_message m);

}  // namespace recs::actors

// Local only: never serialized.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::actors::push_job_ptr)

namespace recs::actors {

using push_atom = caf::atom_constant<caf::atom("hh_push")>;

/// How households' pushes are sent.
struct push_options {
  push_reach reach = push_reach::public_only;  ///< HOUSEHOLD_WEBHOOKS
  std::string public_url;                      ///< PUBLIC_URL: the inbox link of a message
  /// Bounded like a relay's; public_only is set from `reach` when the actor is spawned.
  httpc::client_options http = relay_options{}.http;
  /// 3 attempts, 1 s then 2 s (relay_options' policy): a dead webhook holds the queue about
  /// 30 s at most before the next household's push.
  httpc::retry_policy retry = relay_options{}.retry;
  /// Pushes waiting or in progress; past it one is dropped (counted, logged; the alerts stay in
  /// the inbox).
  std::size_t max_pending = 256;
  httpc::fetcher::sleeper sleep;  ///< tests inject one
  /// One line per failure or drop (the household and why; never the URL); default: stderr.
  std::function<void(const std::string&)> log;
};

using household_push_actor = caf::typed_actor<caf::reacts_to<push_atom, push_job_ptr>>;

/// What the senders of pushes hold: the actor, its gate and its counters.
struct household_pusher {
  household_push_actor actor;
  std::shared_ptr<relay_gate> gate;
  push_options opts;
  metrics::counter* dropped = nullptr;  ///< recs_household_push_total{outcome="dropped"}

  explicit operator bool() const noexcept { return static_cast<bool>(actor); }

  /// Queues `job`, unless max_pending already wait (then job->done gets unavailable, the drop
  /// is counted and logged). No-op without an actor.
  void send(push_job_ptr job) const;
  /// Ends retry waits at once; queued pushes are not sent (their `done` gets unavailable).
  void cancel() const;
};

/// Spawns the push actor. It counts its pushes in recs_household_push_total{outcome} (sent,
/// failed, dropped) of `registry`, which it keeps alive.
result<household_pusher> spawn_household_push(caf::actor_system& sys, push_options opts,
                                              std::shared_ptr<metrics::registry> registry);

}  // namespace recs::actors
