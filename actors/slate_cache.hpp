#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace recs::actors {

/// A thread-safe LRU of rendered slate bodies with a time-to-live. Readers (HTTP threads) use it
/// directly without waiting on any actor; invalidation is the cache actor's job.
///
/// Each profile has a generation, bumped by invalidate(). A writer reads the generation before
/// computing a slate and passes it to put(); a put with an old generation is dropped, so a
/// slate computed before a rating change is never served after it.
class slate_cache {
 public:
  using clock = std::function<std::chrono::steady_clock::time_point()>;

  slate_cache(
      std::size_t capacity, std::chrono::seconds ttl,
      clock now = [] { return std::chrono::steady_clock::now(); });

  std::optional<std::string> get(const std::string& key);
  std::uint64_t generation(std::int64_t profile_id) const;
  /// Stores `body` unless `generation` is no longer current for the profile.
  void put(const std::string& key, std::int64_t profile_id, std::uint64_t generation,
           std::string body);
  /// A profile id and the generation read before computing what depends on it.
  using owner = std::pair<std::int64_t, std::uint64_t>;
  /// Stores a body that depends on several profiles (a Family Mix): dropped unless every
  /// generation is current, and invalidated with any of them.
  void put(const std::string& key, const std::vector<owner>& owners, std::string body);
  /// Drops the profile's entries (also those shared with other profiles) and bumps its
  /// generation.
  void invalidate(std::int64_t profile_id);
  /// Drops everything and bumps every generation (e.g. the catalog changed).
  void clear();

  std::size_t size() const;
  std::uint64_t hits() const;
  std::uint64_t misses() const;

 private:
  struct entry {
    std::string key;
    std::vector<std::int64_t> owners;
    std::string body;
    std::chrono::steady_clock::time_point expires;
  };
  using list_t = std::list<entry>;

  std::uint64_t generation_locked(std::int64_t profile_id) const;
  void erase_locked(list_t::iterator it);

  const std::size_t capacity_;
  const std::chrono::seconds ttl_;
  const clock now_;
  mutable std::mutex mu_;
  list_t lru_;  // most recent first
  std::unordered_map<std::string, list_t::iterator> by_key_;
  std::unordered_map<std::int64_t, std::unordered_set<std::string>> by_profile_;
  std::unordered_map<std::int64_t, std::uint32_t> profile_gen_;
  std::uint32_t epoch_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace recs::actors
