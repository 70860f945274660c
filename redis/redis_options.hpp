#pragma once

#include <chrono>

#include "core/backoff.hpp"
#include "core/result.hpp"

namespace recs::redis {

/// How long to wait before the next connection attempt after consecutive failures (core/): each
/// delay is stretched by a random 0..`jitter` fraction of itself so that instances that lost
/// Redis together do not reconnect in lock-step.
using recs::backoff_policy;

/// Timeouts and reconnect pacing shared by redis_client and redis_subscriber.
struct redis_options {
  /// TCP connect, then AUTH/SELECT get command_timeout on top.
  std::chrono::milliseconds connect_timeout{500};
  /// One command: from sending it to having its whole reply.
  std::chrono::milliseconds command_timeout{500};
  /// redis_subscriber only: after this long without a byte from the server it sends a PING; no
  /// answer within command_timeout and the link counts as down. So a silent network failure is
  /// noticed within heartbeat_interval + command_timeout (1 s by default); a closed socket
  /// (Redis stopped or restarted) at once.
  std::chrono::milliseconds heartbeat_interval{500};
  backoff_policy backoff;
};

/// invalid_argument unless every duration is positive, initial <= max and jitter is in [0, 1].
status validate(const redis_options& options);

}  // namespace recs::redis
