#include "accounts/secret.hpp"

#include <sodium.h>

#include <vector>

#include "accounts/sodium_init.hpp"

namespace recs::accounts {

result<std::string> random_secret(std::size_t bytes) {
  if (!detail::sodium_ready()) return error{errc::internal, "libsodium cannot start"};
  if (bytes == 0) return error{errc::invalid_argument, "a secret needs at least one byte"};
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  const auto variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
  sodium_memzero(raw.data(), raw.size());
  out.resize(out.find('\0'));  // the encoded length counts the terminating NUL
  return out;
}

std::string secret_digest(std::string_view secret) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  std::string hex(crypto_hash_sha256_BYTES * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();
  return hex;
}

bool secrets_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace recs::accounts
