#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "net/identity_port.hpp"

namespace recs::actors {

/// The credentials this instance resolved lately, so that an authenticated request does not wait
/// on the store: key (the credential's digest, or "dev:"/"proxy:" and the email) -> account.
/// An entry holds until its credential's own expiry and at most `ttl` after it was stored (what
/// bounds a revocation this instance was not told of, when the instances' event channel is
/// down); every revocation drops entries at once (drop_*). Bounded: a full cache forgets the
/// oldest entries first. Thread-safe; every time is in unix seconds, given by the caller.
class credential_cache {
 public:
  credential_cache(std::chrono::seconds ttl, std::size_t capacity);

  /// The account, when `key` is cached and valid at `now`.
  std::optional<net::account_ref> get(const std::string& key, std::int64_t now);
  /// Caches `who` for `key` until `valid_until` (and at most ttl from `now`).
  void put(const std::string& key, net::account_ref who, std::int64_t valid_until,
           std::int64_t now);
  void drop(const std::string& key);
  /// Every credential of the account or the household.
  void drop_account(std::int64_t account_id);
  void drop_household(std::int64_t household_id);
  void clear();
  std::size_t size() const;

 private:
  struct entry {
    net::account_ref who;
    std::int64_t valid_until = 0;
    std::uint64_t order = 0;  ///< insertion order, for eviction
  };
  template <class Pred>
  void drop_if(Pred pred);

  const std::int64_t ttl_s_;
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, entry> entries_;
  std::uint64_t next_ = 0;
};

}  // namespace recs::actors
