#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstdint>
#include <memory>

#include "actors/atoms.hpp"
#include "actors/slate_cache.hpp"
#include "actors/tiered_slate_cache.hpp"

namespace recs::actors {

/// Owns invalidation of the slate cache: profile changes drop that profile's slates (with the
/// fingerprint of its new state when it changed, see tiered_slate_cache), catalog and model
/// changes drop all of them. Readers use the shared cache directly.
using cache_actor =
    caf::typed_actor<caf::replies_to<invalidate_atom, std::int64_t>::with<bool>,
                     caf::replies_to<invalidate_atom, std::int64_t, std::uint64_t>::with<bool>,
                     caf::replies_to<flush_atom>::with<std::uint64_t>>;

cache_actor spawn_cache_actor(caf::actor_system& sys, std::shared_ptr<tiered_slate_cache> cache);
/// Over an in-process cache alone (no shared tier).
cache_actor spawn_cache_actor(caf::actor_system& sys, std::shared_ptr<slate_cache> cache);

}  // namespace recs::actors
