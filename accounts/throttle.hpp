#pragma once

// The sign-in throttle: per key (an account's email, a client address), failures beyond a free
// few make the next attempt wait, twice as long after each further failure, up to a ceiling.
// A success clears the key; a key quiet for long enough starts afresh. Memory is bounded.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace recs::accounts {

struct throttle_limits {
  int free_failures = 5;  ///< failures allowed: after that many, the next attempt waits
  std::chrono::milliseconds first_wait{1000};  ///< after the first failure beyond those
  std::chrono::milliseconds max_wait{15 * 60 * 1000};
  std::chrono::seconds forget_after{3600};  ///< quiet this long: the failures are forgotten
  std::size_t max_keys = 100000;            ///< beyond this, the quietest keys are dropped
};

/// Thread-safe.
class signin_throttle {
 public:
  using clock = std::chrono::steady_clock;

  explicit signin_throttle(throttle_limits limits = {}) : limits_(limits) {}

  /// How long `key` must still wait before its next attempt at `now`; zero when it may try.
  std::chrono::milliseconds wait(const std::string& key, clock::time_point now) const;
  /// Records a failed attempt of `key` at `now`; returns the wait it now has.
  std::chrono::milliseconds failed(const std::string& key, clock::time_point now);
  /// A successful attempt: `key`'s failures are forgotten.
  void succeeded(const std::string& key);
  /// How many keys have failures on record.
  std::size_t keys() const;

 private:
  struct entry {
    int failures = 0;
    clock::time_point last;
    clock::time_point until;  ///< no attempt before this
  };
  /// Drops forgotten keys, then the quietest tenth while still over max_keys. Holds mu_.
  void prune(clock::time_point now);

  throttle_limits limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, entry> entries_;
};

}  // namespace recs::accounts
