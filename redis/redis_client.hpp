#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/backoff.hpp"
#include "core/result.hpp"
#include "redis/redis_options.hpp"
#include "redis/redis_url.hpp"

namespace recs::redis {

namespace internal {
class connection;
struct reply;
}  // namespace internal

/// One blocking connection to Redis for the shared slate cache and PUBLISH. Not thread-safe:
/// one owner (a detached actor or an I/O thread, never a shared scheduler worker) uses it.
///
/// It connects lazily, on the first call (AUTH and SELECT as the URL says). Each call waits at
/// most command_timeout (plus connect_timeout and one command_timeout for AUTH/SELECT when it has
/// to connect first).
///
/// Failures: an I/O error, a timeout or a closed connection returns unavailable and drops the
/// connection (connected() turns false). The next connection attempt is made by a later call,
/// but not before a backoff delay (options.backoff: 100 ms doubling to 2 s, +0-20 % jitter) has
/// passed since the last failure; calls before then fail at once with unavailable, without I/O.
/// So a dead or hung Redis costs one attempt per backoff window, not a timeout per call. Any
/// successful call resets the backoff. Failed calls are never retried here (a PUBLISH might then
/// be delivered twice); the caller falls back (its in-process cache) and calls again later.
/// A server error reply is internal (forbidden for NOAUTH/WRONGPASS, unavailable for LOADING,
/// BUSY, MASTERDOWN) and keeps the connection. Messages never contain the password.
class redis_client {
 public:
  /// Does no I/O. `options` should pass validate().
  explicit redis_client(redis_url url, redis_options options = {});
  redis_client(redis_client&&) noexcept;
  redis_client& operator=(redis_client&&) noexcept;
  ~redis_client();

  /// GET: the value, or std::nullopt when the key does not exist (or has expired).
  result<std::optional<std::string>> get(std::string_view key);

  /// SET key value EX ttl. invalid_argument for a ttl under 1 s.
  status set_ex(std::string_view key, std::string_view value, std::chrono::seconds ttl);

  /// DEL: how many of `keys` existed. No I/O (and 0) for an empty list.
  result<long long> del(const std::vector<std::string>& keys);

  /// PUBLISH: how many subscribers (across all instances) received the message.
  result<long long> publish(std::string_view channel, std::string_view message);

  /// PING: ok when the server answers PONG. Also a way to connect eagerly at start-up.
  status ping();

  /// True while the client holds a connection that has not failed. A server that went away
  /// since the last call is only noticed by the next call.
  bool connected() const noexcept;

  const redis_url& url() const noexcept { return url_; }

 private:
  result<internal::reply> call(const std::vector<std::string_view>& args);
  error failed(const error& e);

  redis_url url_;
  redis_options options_;
  std::unique_ptr<internal::connection> conn_;
  backoff backoff_;
  std::chrono::steady_clock::time_point next_attempt_{};
  std::string last_error_;
};

}  // namespace recs::redis
