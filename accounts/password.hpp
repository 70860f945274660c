#pragma once

// Passwords: checked against a policy, hashed with Argon2id (libsodium's crypto_pwhash), and
// verified in constant time. A stored hash is the PHC string
// "$argon2id$v=19$m=<KiB>,t=<passes>,p=1$<salt>$<hash>": it carries its own parameters, so they
// can be raised later (needs_rehash) without touching the hashes already stored.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace recs::accounts {

/// What a new password must be.
struct password_policy {
  std::size_t min_length = 10;    ///< bytes of UTF-8
  std::size_t max_length = 1024;  ///< hashing cost is bounded by the parameters, not the length
};

/// The Argon2id cost: libsodium's interactive limits by default (2 passes over 64 MiB).
struct hash_cost {
  std::uint64_t passes = 2;
  std::size_t memory_bytes = std::size_t{64} << 20;

  /// The cheapest cost libsodium accepts: for tests only, never for stored passwords.
  static hash_cost minimal() noexcept;
};

/// invalid_argument, with a message for the person choosing it, when `password` is shorter or
/// longer than the policy allows or is only white space.
status check_password(std::string_view password, const password_policy& policy = {});

/// Hashes and verifies passwords at one cost. Immutable after construction: share it between
/// threads.
class password_hasher {
 public:
  /// Makes, at `cost`, the fixed hash verify_or_dummy() checks unknown accounts against.
  explicit password_hasher(hash_cost cost = {});

  const hash_cost& cost() const noexcept { return cost_; }

  /// The PHC string of `password`, with a fresh random salt. internal when libsodium cannot
  /// start or the memory for the cost cannot be had.
  result<std::string> hash(std::string_view password) const;

  /// True when `password` matches `stored` (a PHC string, of any cost); false for any other
  /// password and for a malformed `stored`. The comparison runs in constant time.
  static bool verify(std::string_view stored, std::string_view password);

  /// Verifies against `stored` when there is one, else against the fixed hash of this cost, so
  /// that an unknown account takes as long to refuse as a wrong password. False without
  /// `stored`.
  bool verify_or_dummy(const std::optional<std::string>& stored, std::string_view password) const;

  /// True when `stored` was made with other parameters than this cost (hash it again at the
  /// next sign-in) or is malformed.
  bool needs_rehash(std::string_view stored) const;

 private:
  hash_cost cost_;
  std::string dummy_;
};

}  // namespace recs::accounts
