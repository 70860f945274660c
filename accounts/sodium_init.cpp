#include "accounts/sodium_init.hpp"

#include <sodium.h>

namespace recs::accounts::detail {

bool sodium_ready() noexcept {
  // sodium_init() is itself thread-safe and idempotent; the static only saves the calls.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace recs::accounts::detail
