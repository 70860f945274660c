#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "actors/slate_cache.hpp"

namespace recs::actors {

/// A second, shared cache level behind the in-process slate_cache (Redis: redis_slate_tier).
/// Every call is thread-safe and bounded: it never waits for longer than its own short timeout.
class slate_tier {
 public:
  virtual ~slate_tier() = default;
  /// The stored value, or nullopt: missing, the tier is down or busy, or the call failed (a
  /// failure switches the tier off until its owner finds it healthy again).
  virtual std::optional<std::string> get(const std::string& key) = 0;
  /// Stores asynchronously, with the tier's time-to-live; never blocks the caller.
  virtual void put(const std::string& key, std::string value) = 0;
  /// Whether reads and writes go to the tier right now.
  virtual bool active() const = 0;
  /// What it is, for status lines: "redis".
  virtual std::string name() const = 0;
};

/// The service's slate cache: the in-process LRU (slate_cache) in front of an optional shared
/// tier. Readers on HTTP threads call get(); the in-process level answers without any wait.
///
/// Correctness does not depend on deleting anything from the shared tier. Each profile has a
/// state fingerprint (state_fingerprint.hpp), updated with every change of its state together
/// with the local generation bump. A slate goes to the tier stamped with its owner's
/// fingerprint, the catalog version and content-model readiness (`world`) and the time it was
/// written (slate_envelope.hpp); a reader uses it only when all of them match what it holds now
/// and it was written after the last local clear() (a retrained model, a new catalog). So a slate
/// computed from a state that this instance has since seen change is never served here, whoever
/// wrote it, and two instances that hold the same state share their slates. Slates that depend on
/// several profiles (Family Mix) also depend on the household's watch ledger, which lives only in
/// the store: they stay in the in-process level.
class tiered_slate_cache {
 public:
  using owner = slate_cache::owner;
  /// Unix milliseconds (injectable for tests).
  using wall_clock = std::function<std::int64_t()>;

  /// `world` gives the current catalog version and content-model readiness (cheap, lock-free).
  tiered_slate_cache(std::shared_ptr<slate_cache> local, std::function<std::uint64_t()> world,
                     wall_clock now = {});

  /// Sets (or, with nullptr, removes) the shared tier; any thread, any time.
  void set_tier(std::shared_ptr<slate_tier> tier);

  std::optional<std::string> get(const std::string& key);
  std::uint64_t generation(std::int64_t profile_id) const;
  void put(const std::string& key, std::int64_t profile_id, std::uint64_t generation,
           std::string body);
  void put(const std::string& key, const std::vector<owner>& owners, std::string body);

  /// The profile's state is now the one with `fingerprint`: its slates are dropped (locally) or
  /// no longer match (shared), and its generation is bumped.
  void invalidate(std::int64_t profile_id, std::uint64_t fingerprint);
  /// Drops the profile's local slates (e.g. its household's watch ledger changed).
  void invalidate(std::int64_t profile_id);
  /// Drops every local slate and ignores shared ones written before now.
  void clear();

  /// "redis", "local (redis unavailable)" or "local".
  std::string backend() const;
  const std::shared_ptr<slate_cache>& local() const { return local_; }
  std::uint64_t shared_hits() const { return shared_hits_.load(std::memory_order_relaxed); }
  std::uint64_t shared_misses() const { return shared_misses_.load(std::memory_order_relaxed); }

 private:
  std::optional<std::string> get_shared(slate_tier& tier, const std::string& key);

  std::shared_ptr<slate_cache> local_;
  std::function<std::uint64_t()> world_;
  wall_clock now_;
  std::shared_ptr<slate_tier> tier_;  // atomic_load / atomic_store
  // Guards fingerprints_ and not_before_ms_, and makes "generations current -> stamp with the
  // fingerprints" atomic with respect to invalidate().
  mutable std::mutex mu_;
  std::unordered_map<std::int64_t, std::uint64_t> fingerprints_;
  std::int64_t not_before_ms_ = 0;
  std::atomic<std::uint64_t> shared_hits_{0};
  std::atomic<std::uint64_t> shared_misses_{0};
};

}  // namespace recs::actors
