#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

namespace recs {

/// A sliding-window rate limit: at most `max_calls` calls in any window of length `window`
/// (TVmaze: 20 calls per 10 s). Pure bookkeeping: the caller passes the time in, so it is
/// tested with made-up times and shared by no one (one per upstream client, not a global).
/// Not thread-safe; the owning client serialises its calls.
class rate_limiter {
 public:
  using clock = std::chrono::steady_clock;

  /// max_calls >= 1 (0 is read as 1); window > 0.
  explicit rate_limiter(std::size_t max_calls = 20,
                        clock::duration window = std::chrono::seconds(10));

  /// The earliest time >= `now` at which one more call keeps every window within the limit:
  /// `now` while fewer than max_calls calls were recorded in (now - window, now]; otherwise the
  /// moment the oldest of the last max_calls calls leaves the window.
  clock::time_point next_allowed(clock::time_point now) const;

  /// Records a call made at `at` (times are expected in non-decreasing order; an earlier time
  /// is treated as the latest recorded one).
  void record(clock::time_point at);

  /// Records a call at `now` and returns true when next_allowed(now) == now; false otherwise
  /// (nothing recorded).
  bool try_acquire(clock::time_point now);

  std::size_t max_calls() const noexcept { return max_calls_; }
  clock::duration window() const noexcept { return window_; }

 private:
  std::size_t max_calls_;
  clock::duration window_;
  std::deque<clock::time_point> calls_;  ///< the last max_calls calls, oldest first
};

}  // namespace recs
