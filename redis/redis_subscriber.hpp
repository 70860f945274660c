#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "redis/redis_options.hpp"
#include "redis/redis_url.hpp"

namespace recs::redis {

namespace internal {
class wakeup;
}

/// Whether the subscriber is currently subscribed.
enum class link_state { connected, disconnected };

/// What a redis_subscriber reports. Both run on the subscriber's own thread, one at a time: they
/// must be quick and thread-safe with respect to the rest of the service (e.g. send an actor
/// message), and must not call stop() or destroy the subscriber.
struct subscriber_callbacks {
  /// A message published on one of the channels.
  std::function<void(const std::string& channel, const std::string& message)> on_message;
  /// The state after the first connection attempt (`connected` once every channel is
  /// subscribed, or `disconnected` with the reason), then every change: `disconnected` with the
  /// reason when the link goes down, `connected` when it is back and subscribed again. Failed
  /// reconnection attempts while down are not reported one by one, and stop() reports nothing.
  /// May be empty.
  std::function<void(link_state state, const std::string& detail)> on_state;
};

/// A dedicated thread with its own connection that SUBSCRIBEs to fixed channels and hands every
/// message to a callback: the cache invalidations and live updates between service instances.
///
/// When the connection drops (Redis stopped, restarted, unreachable) it reports disconnected,
/// reconnects with the same backoff as redis_client (100 ms doubling to 2 s, with jitter) and
/// subscribes again; messages published while it was down are lost (Redis pub/sub keeps none),
/// so on `connected` after a `disconnected` the owner should treat its cache as stale. A silent
/// link (no byte for heartbeat_interval) is checked with a PING, so a dead network path is
/// noticed within heartbeat_interval + command_timeout (1 s by default).
class redis_subscriber {
 public:
  /// Starts the thread. invalid_argument for no channels, an empty on_message or options that
  /// fail validate(). The first connection is made on the thread: start() does not wait for it.
  static result<std::unique_ptr<redis_subscriber>> start(redis_url url,
                                                         std::vector<std::string> channels,
                                                         subscriber_callbacks callbacks,
                                                         redis_options options = {});

  redis_subscriber(const redis_subscriber&) = delete;
  redis_subscriber& operator=(const redis_subscriber&) = delete;
  /// stop().
  ~redis_subscriber();

  /// Wakes the thread out of any wait (connect, read, backoff) and joins it: returns within
  /// milliseconds, except while the thread is inside a callback or a name lookup. Idempotent; no
  /// callback runs after it returns.
  void stop();

  /// Whether every channel is subscribed right now (as last reported to on_state).
  bool connected() const noexcept { return connected_.load(std::memory_order_acquire); }

 private:
  redis_subscriber(redis_url url, std::vector<std::string> channels, subscriber_callbacks callbacks,
                   redis_options options);
  void run();

  redis_url url_;
  std::vector<std::string> channels_;
  subscriber_callbacks callbacks_;
  redis_options options_;
  std::unique_ptr<internal::wakeup> wake_;
  std::atomic<bool> connected_{false};
  std::thread thread_;
};

}  // namespace recs::redis
