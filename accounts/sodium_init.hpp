#pragma once

namespace recs::accounts::detail {

/// Starts libsodium once per process (thread-safe, idempotent); false when it cannot start.
bool sodium_ready() noexcept;

}  // namespace recs::accounts::detail
