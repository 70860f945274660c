#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <functional>
#include <memory>

#include "actors/atoms.hpp"
#include "storage/store.hpp"

namespace recs::actors {

/// Work for the account desk: runs on its thread with its store connection; it completes its
/// own callbacks (they must not block).
using desk_job = std::function<void(storage::store&)>;
/// Work for the password worker (hashing, verifying): seconds of CPU at worst, never on the
/// scheduler.
using hash_job = std::function<void()>;

/// Serves accounts, sessions, tokens, invites and household changes with a store connection of
/// its own (spawned detached: blocking SQL never runs on the scheduler, and sign-ins do not wait
/// behind rating writes).
/// `tick` purges expired sessions and invites (storage::account_store::purge_expired), then
/// comes again after the purge interval.
using account_desk =
    caf::typed_actor<caf::reacts_to<run_atom, desk_job>, caf::reacts_to<tick_atom>>;
/// Hashes and verifies passwords and PINs one at a time (Argon2id takes ~64 MiB and tens of
/// milliseconds each: one at a time bounds memory and what a flood of sign-ins can cost).
using hash_worker = caf::typed_actor<caf::reacts_to<run_atom, hash_job>>;

/// How often the desk purges, and after how long unused a session counts as expired.
struct desk_options {
  std::chrono::seconds purge_every{std::chrono::hours(1)};
  std::chrono::seconds session_idle{std::chrono::hours(24 * 14)};
};

/// Spawns the desk; its first purge runs at once.
account_desk spawn_account_desk(caf::actor_system& sys, std::unique_ptr<storage::store> db,
                                desk_options opts = {});
hash_worker spawn_hash_worker(caf::actor_system& sys);

}  // namespace recs::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::actors::desk_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::actors::hash_job)
