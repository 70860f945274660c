#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace recs {

/// Reconnect pacing: `initial` doubling to `max`, each delay stretched by up to `jitter` (0-1).
struct backoff_policy {
  std::chrono::milliseconds initial{100};
  std::chrono::milliseconds max{2000};
  double jitter = 0.2;  ///< 0-1
};

/// min(initial * 2^(n-1), max) for the n-th consecutive failure (n >= 1; 0 counts as 1), without
/// overflow for any n. Pure.
std::chrono::milliseconds doubling_delay(std::chrono::milliseconds initial,
                                         std::chrono::milliseconds max, unsigned n) noexcept;

/// The delay after `failures` consecutive failures (>= 1): min(initial * 2^(failures-1), max),
/// times (1 + jitter * `unit`), `unit` being a random number in [0, 1). Pure.
std::chrono::milliseconds backoff_delay(const backoff_policy& policy, unsigned failures,
                                        double unit);

/// A seed from std::random_device, for one backoff's jitter.
std::uint64_t random_seed();

/// Consecutive-failure counter with its own random source (seeded per instance; no global).
class backoff {
 public:
  backoff(backoff_policy policy, std::uint64_t seed) : policy_(policy), rng_(seed) {}

  /// Counts one more failure and returns how long to wait before the next attempt.
  std::chrono::milliseconds next();
  /// A success: the next failure starts again from `initial`.
  void reset() noexcept { failures_ = 0; }
  unsigned failures() const noexcept { return failures_; }

 private:
  backoff_policy policy_;
  unsigned failures_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace recs
