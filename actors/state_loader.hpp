#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstdint>
#include <memory>
#include <vector>

#include "actors/atoms.hpp"
#include "actors/messages.hpp"
#include "storage/household_store.hpp"
#include "storage/store.hpp"
#include "storage/taste_store.hpp"

namespace recs::actors {

/// A household and the states of (some of) its profiles, as the store has them.
struct household_state {
  household home;
  std::vector<profile_state> states;
};

/// Reads the household and the states of `profile_ids` (every profile of it when empty; ids that
/// are not its profiles are skipped): households and profiles from `households`, their ratings,
/// tags and notes from `taste`, their feedback and own watchlists from `lists`. Blocking: the
/// caller owns the store.
result<household_state> load_household(storage::household_store& households,
                                       storage::taste_store& taste, storage::list_store& lists,
                                       std::int64_t household_id,
                                       const std::vector<std::int64_t>& profile_ids = {});
/// Every household with the states of all its profiles. Blocking, like load_household().
result<std::vector<household_state>> load_households(storage::household_store& households,
                                                     storage::taste_store& taste,
                                                     storage::list_store& lists);
/// The same over one store, which provides every role.
inline result<std::vector<household_state>> load_households(storage::store& db) {
  return load_households(db, db, db);
}

/// Reads profile states for the cluster actor when another instance changed them: a store
/// connection of its own, spawned detached (blocking SQL never runs on the scheduler), reads
/// only. `reload, household, ids` answers load_household(); `reload` answers load_households().
using state_loader = caf::typed_actor<
    caf::replies_to<reload_atom, std::int64_t, std::vector<std::int64_t>>::with<household_state>,
    caf::replies_to<reload_atom>::with<std::vector<household_state>>>;

state_loader spawn_state_loader(caf::actor_system& sys, std::unique_ptr<storage::store> db);

}  // namespace recs::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::actors::household_state)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<recs::actors::household_state>)
