#pragma once

#include <string_view>
#include <vector>

#include "recsys/show.hpp"

namespace recs::adapters {

/// The Australian streaming providers the catalog knows, in a fixed order: netflix, stan, binge,
/// disney_plus, prime_video, apple_tv_plus, paramount_plus, abc_iview, sbs_on_demand, ten_play,
/// nine_now, seven_plus (the last five free-to-air), britbox, foxtel_now, hbo_max.
const std::vector<provider>& au_providers();

/// True for the free-to-air broadcasters' services (abc_iview, sbs_on_demand, ...).
bool is_free_to_air(std::string_view provider_id);

}  // namespace recs::adapters
