#pragma once

#include <string_view>

#include "recsys/show.hpp"

namespace recs::adapters {

/// Maps a US age certification, as the catalogues carry it, to the Australian classification.
///
/// US TV: TV-Y, TV-Y7, TV-Y7-FV, TV-G -> G; TV-PG -> PG; TV-14 -> M; TV-MA -> MA15+.
/// US film (a few shows carry one): G -> G; PG -> PG; PG-13 -> M; R -> MA15+; NC-17 -> R18+.
/// Prime Video / Kaggle age bands: ALL -> G; 7+ -> PG; 13+ -> M; 16+ -> MA15+; 18+ -> MA15+.
///
/// Why 18+ is not R18+: US TV has no rating above TV-MA, and Prime's 18+ band is where it files
/// TV-MA and R titles (Breaking Bad is 18+ there and MA15+ in Australia). An R18+ for a series
/// needs explicit adult-only evidence, which among these sources only NC-17 is.
/// Anything else (NR, TV-NR, UNRATED, "") is unknown. Case and surrounding spaces are ignored.
maturity map_certification(std::string_view rating) noexcept;

/// The stricter of two classifications; unknown never wins over a known one.
maturity strictest(maturity a, maturity b) noexcept;

}  // namespace recs::adapters
