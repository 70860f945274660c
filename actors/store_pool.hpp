#pragma once

#include <caf/actor_system.hpp>

#include <vector>

#include "actors/store_actor.hpp"

namespace recs::actors::internal {

/// A router with the store_actor interface in front of `workers` (store actors with one
/// connection each, spawned detached), linked to them: it stops them when it stops, and stops
/// when one of them fails. It only forwards (delegates, so each worker answers the original
/// requester directly) and never blocks. Routing:
///  - writes go to the worker chosen by the profile id (rate, unrate, tag, untag, note) or the
///    household id (services, watched) modulo the pool size: one owner's writes run on one
///    connection, in the order they were sent, and are answered in that order, while different
///    profiles' writes run in parallel;
///  - reads (ratings, watches) take the workers in turn. They need no affinity: a write is
///    answered only after its commit, so any connection sees it afterwards.
store_actor spawn_store_router(caf::actor_system& sys, std::vector<store_actor> workers);

/// The index of the worker that writes for `owner_id` in a pool of `pool_size` (> 0). Pure.
std::size_t writer_index(std::int64_t owner_id, std::size_t pool_size) noexcept;

}  // namespace recs::actors::internal
