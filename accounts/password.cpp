#include "accounts/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "accounts/sodium_init.hpp"

namespace recs::accounts {

hash_cost hash_cost::minimal() noexcept {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

status check_password(std::string_view password, const password_policy& policy) {
  if (password.size() < policy.min_length) {
    return error{errc::invalid_argument,
                 "password must be at least " + std::to_string(policy.min_length) + " characters"};
  }
  if (password.size() > policy.max_length) {
    return error{errc::invalid_argument,
                 "password must be at most " + std::to_string(policy.max_length) + " characters"};
  }
  const bool blank = std::all_of(password.begin(), password.end(),
                                 [](unsigned char c) { return std::isspace(c) != 0; });
  if (blank) return error{errc::invalid_argument, "password must not be only spaces"};
  return ok_status();
}

password_hasher::password_hasher(hash_cost cost) : cost_(cost) {
  // A hash of random bytes nobody knows: the work of a real verification, never a match.
  unsigned char secret[32] = {};
  if (detail::sodium_ready()) randombytes_buf(secret, sizeof secret);
  auto h = hash(std::string_view(reinterpret_cast<const char*>(secret), sizeof secret));
  if (h) dummy_ = std::move(*h);
}

result<std::string> password_hasher::hash(std::string_view password) const {
  if (!detail::sodium_ready()) return error{errc::internal, "libsodium cannot start"};
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.passes, cost_.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return error{errc::internal, "hashing the password: out of memory"};
  }
  return std::string(out);
}

bool password_hasher::verify(std::string_view stored, std::string_view password) {
  if (!detail::sodium_ready()) return false;
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  char buf[crypto_pwhash_STRBYTES] = {};  // NUL-terminated, as libsodium reads it
  std::copy(stored.begin(), stored.end(), buf);
  return crypto_pwhash_str_verify(buf, password.data(), password.size()) == 0;
}

bool password_hasher::verify_or_dummy(const std::optional<std::string>& stored,
                                      std::string_view password) const {
  if (stored) return verify(*stored, password);
  (void)verify(dummy_, password);
  return false;
}

bool password_hasher::needs_rehash(std::string_view stored) const {
  if (!detail::sodium_ready()) return false;
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return true;
  char buf[crypto_pwhash_STRBYTES] = {};
  std::copy(stored.begin(), stored.end(), buf);
  return crypto_pwhash_str_needs_rehash(buf, cost_.passes, cost_.memory_bytes) != 0;
}

}  // namespace recs::accounts
