#pragma once

#include <string>

#include "config/settings.hpp"
#include "core/result.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "storage/store.hpp"

namespace recs::app {

/// Brings the store up to date with the bundled catalog: when the catalog or providers file
/// changed since the last start (by content hash), upserts them in one transaction. Then builds
/// the snapshot from the store, which stays the source of truth. Logs the time taken.
result<snapshot_ptr> load_catalog(storage::store& db, const config::settings& s);

/// In dev mode, creates the demo household (demo@local.test; Ross, Wife, Son capped at M) when
/// it does not exist yet.
status seed_demo_household(storage::store& db);

}  // namespace recs::app
