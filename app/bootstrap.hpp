#pragma once

#include <string>

#include "accounts/password.hpp"
#include "config/settings.hpp"
#include "core/result.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "storage/store.hpp"

namespace recs::app {

/// Brings the store up to date with the bundled catalog: when the catalog or providers file
/// changed since the last start (by content hash), upserts them in one transaction. Then builds
/// the snapshot from the store, which stays the source of truth. Logs the time taken.
result<snapshot_ptr> load_catalog(storage::store& db, const config::settings& s);

/// The demo household's owner and password (dev mode only).
inline constexpr const char* demo_email = "demo@local.test";
inline constexpr const char* demo_password = "demo-household";

/// In dev mode, creates the demo household (demo@local.test; Ross, Wife, and Son, a kid profile
/// capped at M) when it does not exist yet, and gives its owner's account the demo password
/// (hashed at `cost`) when it has none.
status seed_demo_household(storage::store& db, const accounts::hash_cost& cost);

/// --set-password: gives the account of `email` the password (checked against the policy,
/// hashed at `cost`) and ends its sessions; the number ended. not_found for an unknown email,
/// invalid_argument for a password the policy refuses.
result<std::int64_t> set_password(storage::store& db, std::string_view email,
                                  std::string_view password, const accounts::hash_cost& cost);

}  // namespace recs::app
