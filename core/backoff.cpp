#include "core/backoff.hpp"

#include <algorithm>

namespace recs {

std::chrono::milliseconds doubling_delay(std::chrono::milliseconds initial,
                                         std::chrono::milliseconds max, unsigned n) noexcept {
  if (initial <= std::chrono::milliseconds::zero()) return std::chrono::milliseconds::zero();
  auto base = initial;
  for (unsigned i = 1; i < n && base < max; ++i) base *= 2;
  return std::min(base, max);
}

std::chrono::milliseconds backoff_delay(const backoff_policy& policy, unsigned failures,
                                        double unit) {
  const auto base = doubling_delay(policy.initial, policy.max, failures);
  double stretch = 1.0 + policy.jitter * std::clamp(unit, 0.0, 1.0);
  return std::chrono::milliseconds(
      static_cast<std::chrono::milliseconds::rep>(static_cast<double>(base.count()) * stretch));
}

std::uint64_t random_seed() {
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

std::chrono::milliseconds backoff::next() {
  if (failures_ < 64) ++failures_;
  return backoff_delay(policy_, failures_, std::uniform_real_distribution<double>(0.0, 1.0)(rng_));
}

}  // namespace recs
