#pragma once

#include <atomic>
#include <chrono>

namespace recs::redis::internal {

/// A one-shot "stop now" signal that a blocked poll() can wait on (an eventfd), so a thread
/// sleeping in a backoff or waiting for a reply wakes at once instead of at its next timeout.
class wakeup {
 public:
  wakeup();
  wakeup(const wakeup&) = delete;
  wakeup& operator=(const wakeup&) = delete;
  ~wakeup();

  /// Sets the flag and wakes every current and future waiter. Thread-safe, idempotent.
  void signal() noexcept;
  bool signalled() const noexcept { return flag_.load(std::memory_order_acquire); }
  /// Readable once signalled; -1 if the eventfd could not be made (waits then poll in slices).
  int fd() const noexcept { return fd_; }

  /// Sleeps for `d` unless signalled first; false when signalled.
  bool sleep_for(std::chrono::milliseconds d) const;

 private:
  std::atomic<bool> flag_{false};
  int fd_ = -1;
};

}  // namespace recs::redis::internal
