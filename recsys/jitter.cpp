#include "recsys/jitter.hpp"

namespace recs {

double micro_jitter(std::string_view item_id, std::uint64_t seed) noexcept {
  // splitmix64 finaliser over the item hash mixed with the seed.
  std::uint64_t z = stable_hash(item_id) ^ (seed + 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * (1.0 / 9007199254740992.0);
}

}  // namespace recs
