#pragma once

// The synthetic larger catalog the benches share: the bundled shows repeated, each copy with
// distinct ids and shifted years.

#include <string>
#include <vector>

#include "recsys/show.hpp"

namespace recs::bench {

/// `size` shows: `base` repeated; copy n (from 1) has ids suffixed "-syn<n>" and years n % 7
/// earlier.
inline std::vector<show> synthetic_catalog(const std::vector<show>& base, std::size_t size) {
  std::vector<show> big;
  big.reserve(size);
  for (std::size_t i = 0; big.size() < size && !base.empty(); ++i) {
    show s = base[i % base.size()];
    const std::size_t copy = i / base.size();
    if (copy > 0) {
      s.id += "-syn" + std::to_string(copy);
      s.year = s.year > 0 ? s.year - static_cast<int>(copy % 7) : 0;
    }
    big.push_back(std::move(s));
  }
  return big;
}

}  // namespace recs::bench
