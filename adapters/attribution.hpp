#pragma once

#include <string>

#include "adapters/catalog_import.hpp"

namespace recs::adapters {

/// data/ATTRIBUTION.md for the bundled catalog: the provenance and licence of every source, the
/// mapping rules the import applies, how to rebuild, and the counts of this run. Deterministic.
std::string attribution_markdown(const import_stats& stats);

}  // namespace recs::adapters
