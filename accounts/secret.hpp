#pragma once

// Session ids, API tokens and invite codes: random, shown once, stored only as a digest. They
// carry 256 bits of entropy, so a fast digest (SHA-256) is enough to store them; passwords,
// chosen by people, go through accounts/password.hpp instead.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace recs::accounts {

/// `bytes` random bytes (libsodium's CSPRNG) as URL-safe base64 without padding: 43 characters
/// for the default 32 bytes. internal when libsodium cannot start.
result<std::string> random_secret(std::size_t bytes = 32);

/// The lower-case hex SHA-256 of `secret` (64 characters): what the database keeps.
std::string secret_digest(std::string_view secret);

/// Whether two secrets (or digests) are equal, in time that depends only on their lengths.
bool secrets_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace recs::accounts
