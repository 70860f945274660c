#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "core/rate_limiter.hpp"
#include "core/result.hpp"
#include "httpc/http_client.hpp"
#include "httpc/retry.hpp"

namespace recs::httpc {

/// Counters of one fetcher since it was made.
struct fetch_stats {
  std::uint64_t requests = 0;      ///< HTTP attempts sent (retries included)
  std::uint64_t retries = 0;       ///< attempts that were retries
  std::uint64_t failures = 0;      ///< fetch() calls that returned an error
  std::uint64_t rate_limited = 0;  ///< 429 answers received
  std::uint64_t blocked = 0;       ///< block pages received (HTML where JSON was expected)
  std::uint64_t throttled = 0;     ///< waits imposed by the local rate limit
  std::uint64_t waited_ms = 0;     ///< total asked of the sleeper (backoff and rate limit)
};

/// An http_client with retries and an optional rate limit, for one upstream ("justwatch",
/// "tvmaze", "serializd"). Blocking: for a detached actor's own thread. Not thread-safe, except
/// cancel() and reset_cancel(), which another thread may call. Movable, not copyable.
class fetcher {
 public:
  /// Waits the given time. The default sleeps in slices of <= 100 ms and returns early once
  /// cancel() is called; an injected sleeper (tests) gets each wait whole, and cancellation is
  /// checked before and after it.
  using sleeper = std::function<void(std::chrono::milliseconds)>;

  /// `source` names the upstream in errors (http_status_error). `limit`: at most its
  /// max_calls HTTP attempts (retries included) in any window.
  explicit fetcher(std::string source, client_options copts = {}, retry_policy rp = {},
                   std::optional<rate_limiter> limit = std::nullopt, sleeper sleep = {});

  /// Sends `r`, waiting first when the rate limit does not allow one more call yet, and retrying
  /// as decide_retry says. Returns the 2xx answer. Errors:
  /// - a final non-2xx answer: http_status_error(source, status, body) (so
  ///   is_rate_limited / is_blocked work), with retry_after_note appended when a
  ///   Retry-After was too long to wait for;
  /// - with `expect_json`, a 2xx answer whose body cannot start a JSON value (an HTML page) is a
  ///   block page: retried once after blocked_delay, then the not_json_error
  ///   "blocked: ..." error. A 2xx body that starts like JSON is returned as is, even malformed
  ///   (the parser layer judges it);
  /// - a transport error: http_client::send's error, its message prefixed with the source;
  /// - unavailable "<source>: cancelled" when cancel() ended a wait.
  /// A message of a request that took more than one attempt ends with "(after N attempts)".
  /// An attempt already on the wire is not interrupted by cancel() (its timeouts bound it).
  result<response> fetch(const request& r, bool expect_json = true);

  const fetch_stats& stats() const { return stats_; }

  /// Makes the current or next wait end early with unavailable "cancelled" (pause or stop of
  /// the sync job). Stays set until reset_cancel(); meanwhile fetch() returns "cancelled" at
  /// once, sending nothing. Callable from any thread.
  void cancel() { cancelled_->store(true); }
  void reset_cancel() { cancelled_->store(false); }
  bool cancelled() const { return cancelled_->load(); }

  /// The flag cancel() sets, for a controller that does not hold the fetcher itself.
  std::shared_ptr<std::atomic<bool>> cancel_flag() const { return cancelled_; }

  const std::string& source() const { return source_; }
  http_client& client() { return client_; }

 private:
  status wait(std::chrono::milliseconds d);
  status throttle();
  error final_error(const result<response>& outcome, int attempts, std::int64_t now_unix) const;

  std::string source_;
  http_client client_;
  retry_policy policy_;
  std::optional<rate_limiter> limit_;
  sleeper sleep_;
  fetch_stats stats_;
  std::shared_ptr<std::atomic<bool>> cancelled_;
  std::mt19937_64 rng_;
};

}  // namespace recs::httpc
