#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>

#include <caf/typed_actor.hpp>
#include <functional>

#include <memory>

#include "actors/atoms.hpp"
#include "actors/cache_actor.hpp"
#include "actors/catalog_view.hpp"
#include "actors/messages.hpp"
#include "actors/scoring_pool.hpp"

namespace recs::actors {

/// Owns the catalog: answers the current snapshot and publishes a new one (from sync results)
/// to the shared view, the scoring pool and the cache.
/// A publish may say what changed: (show id, "now on Stan") per change (a sync run's result).
using catalog_actor =
    caf::typed_actor<caf::replies_to<snapshot_atom>::with<snapshot_ptr>,
                     caf::replies_to<publish_atom, snapshot_ptr>::with<bool>,
                     caf::replies_to<publish_atom, snapshot_ptr, availability_notes>::with<bool>>;

/// `on_publish` (may be empty) is called after a new snapshot went out, with what changed if the
/// publisher said: availability may have changed, so open slates are recomputed.
catalog_actor spawn_catalog_actor(caf::actor_system& sys, std::shared_ptr<catalog_view> view,
                                  scoring_pool_actor pool, cache_actor cache,
                                  std::function<void(const availability_notes&)> on_publish = {});

}  // namespace recs::actors
