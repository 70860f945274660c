#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <vector>

#include "actors/atoms.hpp"
#include "actors/messages.hpp"

namespace recs::actors {

/// One scorer: computes slates on the catalog snapshot it was last handed.
using scorer_actor =
    caf::typed_actor<caf::replies_to<recommend_atom, profile_state, slate_request>::with<slate_ptr>,
                     caf::reacts_to<snapshot_atom, snapshot_ptr>>;

/// The scoring-pool supervisor: spreads requests over N scorers round-robin, restarts a scorer
/// that dies, forwards new catalog snapshots to all, and can be resized at run time.
using scoring_pool_actor =
    caf::typed_actor<caf::replies_to<recommend_atom, profile_state, slate_request>::with<slate_ptr>,
                     caf::reacts_to<snapshot_atom, snapshot_ptr>,
                     caf::replies_to<resize_atom, int>::with<int>,
                     caf::replies_to<info_atom>::with<std::vector<net::actor_info>>>;

scoring_pool_actor spawn_scoring_pool(caf::actor_system& sys, snapshot_ptr catalog, int workers);

}  // namespace recs::actors
