#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "actors/atoms.hpp"
#include "actors/messages.hpp"
#include "storage/store.hpp"

namespace recs::actors {

/// Owns the store and serialises every database call on its own thread (spawned detached, so
/// blocking SQL never runs on the CAF scheduler). A reply means the write is durable.
/// With a backend that pools (PostgreSQL), spawn_store_actor returns a router with this same
/// interface in front of a few such detached workers, one connection each (store_pool.hpp).
/// `watched` records a Family Mix watch and echoes it; `watches` lists a household's, oldest
/// first (storage::family_store::add_family_watch / family_watches). `feedback, profile, f` and
/// `unfeedback, profile, f` (its show and kind) put and delete feedback; `watch, household, w`
/// and `unwatch, household, w` (its profile, 0 for the household's list, and show) change a
/// watchlist; `watchlist, household` lists every list of the household
/// (storage::list_store::household_watchlists); `import, profile, batch` writes an import
/// whole (apply_import). Every behavior of this
/// interface (test doubles too) must implement every handler; new ones are appended at the end.
using store_actor = caf::typed_actor<
    caf::replies_to<rate_atom, rating>::with<rating>,
    caf::replies_to<unrate_atom, std::int64_t, std::string>::with<bool>,
    caf::replies_to<tag_atom, std::int64_t, tag_pref>::with<tag_pref>,
    caf::replies_to<untag_atom, std::int64_t, std::string>::with<bool>,
    caf::replies_to<note_atom, std::int64_t, note>::with<note>,
    caf::replies_to<services_atom, std::int64_t, std::vector<std::string>>::with<household>,
    caf::replies_to<ratings_atom>::with<std::vector<rating>>,
    caf::replies_to<watched_atom, family_watch>::with<family_watch>,
    caf::replies_to<watches_atom, std::int64_t>::with<std::vector<family_watch>>,
    caf::replies_to<feedback_atom, std::int64_t, show_feedback>::with<show_feedback>,
    caf::replies_to<unfeedback_atom, std::int64_t, show_feedback>::with<bool>,
    caf::replies_to<watch_atom, std::int64_t, watch_entry>::with<watch_entry>,
    caf::replies_to<unwatch_atom, std::int64_t, watch_entry>::with<bool>,
    caf::replies_to<watchlist_atom, std::int64_t>::with<std::vector<watch_entry>>,
    caf::replies_to<import_atom, std::int64_t, import_batch>::with<bool>>;

/// Connections (store actors) of a pooling backend unless the caller says otherwise.
constexpr std::size_t default_store_pool_size = 2;

/// Spawns the store actor over `db`. When the backend pools (storage::store::open_sibling gives
/// more stores: PostgreSQL), `pool_size` (>= 1) connections are opened now, each owned by a
/// detached worker, behind one router (store_pool.hpp); a connection that cannot be opened now
/// only leaves the pool smaller (reported on stderr). Otherwise (SQLite) one detached actor.
store_actor spawn_store_actor(caf::actor_system& sys, std::unique_ptr<storage::store> db,
                              std::size_t pool_size = default_store_pool_size);

}  // namespace recs::actors
