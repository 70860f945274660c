#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <vector>

#include "actors/atoms.hpp"
#include "actors/cache_actor.hpp"
#include "actors/cf_trainer.hpp"
#include "actors/messages.hpp"
#include "actors/store_actor.hpp"

namespace recs::actors {

/// One scorer: computes slates on the catalog snapshot and the model it was last handed.
using scorer_actor = caf::typed_actor<
    caf::replies_to<recommend_atom, profile_state, slate_request>::with<slate_ptr>,
    caf::reacts_to<snapshot_atom, snapshot_ptr>, caf::reacts_to<model_atom, cf_ptr, blend_ptr>,
    caf::reacts_to<content_atom, content_model_ptr, std::uint64_t>,
    caf::replies_to<family_atom, family_request>::with<family_slate_ptr>,
    caf::replies_to<fits_atom, family_request, std::string>::with<std::vector<double>>,
    caf::reacts_to<retire_atom>>;  // quit after the requests queued before it

/// The scoring-pool supervisor: spreads requests over N scorers round-robin, restarts a scorer
/// that dies, forwards new catalog snapshots and collaborative models to all, and can be
/// resized at run time. It owns the collaborative-model trainer: rating changes (`rate_atom`)
/// are counted there, and a retrained model reaches the scorers without blocking any request;
/// the slate cache is flushed when it arrives. Family Mix slates and members' fits for a show
/// are computed by the scorers too.
using scoring_pool_actor = caf::typed_actor<
    caf::replies_to<recommend_atom, profile_state, slate_request>::with<slate_ptr>,
    caf::reacts_to<snapshot_atom, snapshot_ptr>, caf::reacts_to<model_atom, cf_ptr, blend_ptr>,
    caf::reacts_to<content_atom, content_model_ptr, std::uint64_t>, caf::reacts_to<rate_atom>,
    caf::reacts_to<train_atom>, caf::replies_to<resize_atom, int>::with<int>,
    caf::replies_to<info_atom>::with<std::vector<net::actor_info>>,
    caf::replies_to<family_atom, family_request>::with<family_slate_ptr>,
    caf::replies_to<fits_atom, family_request, std::string>::with<std::vector<double>>>;

/// What the pool needs besides its catalog.
struct pool_deps {
  store_actor store;
  cache_actor cache;
  trainer_options training;
  /// Called with each new content model (e.g. to serve "more like this" lock-free).
  std::function<void(content_model_ptr, std::uint64_t catalog_version)> on_content;
  /// Called after a retrained collaborative model reached the scorers (the order may change).
  std::function<void()> on_model;
  /// Called with the time each model took to build: "collaborative", "blend", "content".
  std::function<void(const char* model, double ms)> on_train_time;
};

scoring_pool_actor spawn_scoring_pool(caf::actor_system& sys, snapshot_ptr catalog, int workers,
                                      pool_deps deps);

}  // namespace recs::actors
