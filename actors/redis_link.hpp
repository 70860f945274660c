#pragma once

#include <atomic>
#include <cstdint>

namespace recs::actors {

/// Whether this instance uses Redis right now; shared, lock-free, by the cluster actor (which
/// switches it on after a successful check), the shared slate tier (HTTP threads) and the Redis
/// I/O actor (which switch it off at the first failed command).
class redis_link {
 public:
  bool active() const noexcept { return active_.load(std::memory_order_acquire); }
  /// A command failed: everything falls back to the in-process cache at once.
  void command_failed() noexcept {
    failed_.store(true, std::memory_order_release);
    active_.store(false, std::memory_order_release);
  }
  /// True once after command_failed() (the cluster actor's cue to start checking).
  bool take_failure() noexcept { return failed_.exchange(false, std::memory_order_acq_rel); }
  void set_active(bool on) noexcept {
    if (on) epoch_.fetch_add(1, std::memory_order_acq_rel);
    active_.store(on, std::memory_order_release);
  }
  /// Bumped each time Redis is taken back into use: clients made before are replaced (their
  /// reconnect backoff may still be running from the outage).
  std::uint64_t epoch() const noexcept { return epoch_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> active_{false};
  std::atomic<bool> failed_{false};
  std::atomic<std::uint64_t> epoch_{0};
};

}  // namespace recs::actors
