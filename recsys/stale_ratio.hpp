#pragma once

#include <cstdint>

#include "recsys/show.hpp"
#include "recsys/slate.hpp"

namespace recs {

/// Whether a show's availability is stale: never verified (its offers are only inferred, or it
/// has none and was never checked), or verified longer than `stale_days` ago. The check time is
/// the show's offers_checked_ts, or the newest last_checked_ts of its verified offers if later.
bool offers_stale(const show& s, std::int64_t now, int stale_days) noexcept;

/// The share of a slate's items whose availability is stale (offers_stale), in [0, 1]; 0 for an
/// empty slate. Fed per computed slate into the recs_stale_ratio histogram.
double stale_ratio(const slate& sl, std::int64_t now, int stale_days) noexcept;

}  // namespace recs
