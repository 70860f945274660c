#include "adapters/au_providers.hpp"

namespace recs::adapters {

const std::vector<provider>& au_providers() {
  static const std::vector<provider> kProviders{
      {"netflix", "Netflix", false},
      {"stan", "Stan", false},
      {"binge", "Binge", false},
      {"disney_plus", "Disney+", false},
      {"prime_video", "Prime Video", false},
      {"apple_tv_plus", "Apple TV+", false},
      {"paramount_plus", "Paramount+", false},
      {"abc_iview", "ABC iview", true},
      {"sbs_on_demand", "SBS On Demand", true},
      {"ten_play", "10 Play", true},
      {"nine_now", "9Now", true},
      {"seven_plus", "7plus", true},
      {"britbox", "BritBox", false},
      {"foxtel_now", "Foxtel Now", false},
      {"hbo_max", "HBO Max", false},
  };
  return kProviders;
}

bool is_free_to_air(std::string_view provider_id) {
  for (const auto& p : au_providers()) {
    if (p.id == provider_id) return p.free_to_air;
  }
  return false;
}

}  // namespace recs::adapters
