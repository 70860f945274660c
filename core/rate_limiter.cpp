#include "core/rate_limiter.hpp"

#include <algorithm>

namespace recs {

rate_limiter::rate_limiter(std::size_t max_calls, clock::duration window)
    : max_calls_(std::max<std::size_t>(max_calls, 1)),
      window_(window > clock::duration::zero() ? window : clock::duration(1)) {}

rate_limiter::clock::time_point rate_limiter::next_allowed(clock::time_point now) const {
  if (calls_.size() < max_calls_) return now;
  // A call at t is inside the window ending at `now` while t > now - window.
  return std::max(now, calls_.front() + window_);
}

void rate_limiter::record(clock::time_point at) {
  if (!calls_.empty()) at = std::max(at, calls_.back());
  calls_.push_back(at);
  while (calls_.size() > max_calls_) calls_.pop_front();
}

bool rate_limiter::try_acquire(clock::time_point now) {
  if (next_allowed(now) != now) return false;
  record(now);
  return true;
}

}  // namespace recs
