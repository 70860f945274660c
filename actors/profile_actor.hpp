#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "actors/atoms.hpp"
#include "actors/cache_actor.hpp"
#include "actors/messages.hpp"
#include "actors/scoring_pool.hpp"
#include "actors/state_loader.hpp"
#include "actors/store_actor.hpp"

namespace recs::actors {

/// One per profile: its ratings, tags, notes, feedback, own watchlist and settings. `unfeedback`
/// takes the feedback's show and kind; `unwatch` a show id; `import` writes a batch whole. Persists
/// every accepted change through the store actor before acknowledging it, and invalidates the
/// profile's cached slates before the acknowledgement, so the next read sees the change. `reload,
/// loader` reads the profile's state from the store through `loader` after another instance changed
/// it, replaces its own with it (nothing is persisted) and answers whether it differed (then the
/// cache is invalidated the same way); a local change that lands meanwhile is never lost.
using profile_actor =
    caf::typed_actor<caf::replies_to<state_atom>::with<profile_state>,
                     caf::replies_to<recommend_atom, slate_request>::with<slate_ptr>,
                     caf::replies_to<rate_atom, rating>::with<rating>,
                     caf::replies_to<unrate_atom, std::string>::with<bool>,
                     caf::replies_to<tag_atom, tag_pref>::with<tag_pref>,
                     caf::replies_to<untag_atom, std::string>::with<bool>,
                     caf::replies_to<note_atom, note>::with<note>,
                     caf::replies_to<feedback_atom, show_feedback>::with<show_feedback>,
                     caf::replies_to<unfeedback_atom, show_feedback>::with<bool>,
                     caf::replies_to<watch_atom, watch_entry>::with<watch_entry>,
                     caf::replies_to<unwatch_atom, std::string>::with<bool>,
                     caf::replies_to<import_atom, import_batch>::with<bool>,
                     caf::replies_to<services_atom, std::vector<std::string>>::with<bool>,
                     caf::replies_to<reload_atom, state_loader>::with<bool>>;

/// What a profile actor talks to.
struct profile_deps {
  store_actor store;
  scoring_pool_actor pool;
  cache_actor cache;
  std::chrono::milliseconds timeout{2000};
};

profile_actor spawn_profile_actor(caf::actor_system& sys, profile_state initial, profile_deps deps);

}  // namespace recs::actors
