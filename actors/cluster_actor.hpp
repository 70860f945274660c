#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/atoms.hpp"
#include "actors/change_feed.hpp"
#include "actors/messages.hpp"
#include "actors/profile_actor.hpp"
#include "actors/redis_io_actor.hpp"
#include "actors/redis_link.hpp"
#include "actors/state_loader.hpp"
#include "actors/tiered_slate_cache.hpp"

namespace recs::actors {

/// What the cluster actor works with. The functions read or update the service's directory;
/// they never block.
struct cluster_deps {
  std::string instance_id;
  state_loader loader;
  redis_io_actor io;
  std::shared_ptr<redis_link> link;
  std::shared_ptr<tiered_slate_cache> cache;
  std::shared_ptr<change_feed> feed;
  std::function<std::optional<profile_actor>(std::int64_t profile_id)> actor_of;
  std::function<std::vector<std::int64_t>(std::int64_t household_id)> members_of;
  std::function<void(const household&)> on_household;
  /// Another instance changed a household's profiles, members or credentials: read it again
  /// into the directory and forget its cached credentials (without telling anyone), then `done`.
  std::function<void(std::int64_t household_id, std::function<void()> done)> reload_household;
  /// Another instance changed a household's credentials: forget the cached ones.
  std::function<void(std::int64_t household_id)> forget_household_credentials;
  /// Events were missed: forget every cached credential.
  std::function<void()> forget_credentials;
  std::function<void(const std::string&)> log;
  std::chrono::milliseconds timeout{2000};
  std::chrono::milliseconds reload_timeout{30000};  ///< reading every household
  std::chrono::milliseconds tick{250};              ///< how often a down link is checked
};

/// Keeps this instance in step with the others over Redis pub/sub (docs/architecture.md,
/// "Scale-out"):
///  - `local, event`: a member change made here (the change feed's tap) is published on the
///    channel; when it cannot be (Redis down), a resync is owed and published on return;
///  - `remote, message`: a change published by another instance is applied: the affected
///    profiles' states are read from the store (state_loader) into their actors, which invalidate
///    their slates; a watched mark invalidates the household's; then the same change event goes
///    to the local feed (the live hub pushes fresh slates). A resync reloads every profile;
///  - `link, up, detail`: the subscriber's state (its thread only sends this message). When it
///    drops, Redis is switched off at once (redis_link: the in-process cache serves alone); once
///    it is back, every profile is reloaded (events were missed), Redis is checked (PING, or the
///    owed resync) and switched on again;
///  - `tick`: notices failed commands and retries what is pending.
using cluster_actor =
    caf::typed_actor<caf::reacts_to<remote_atom, std::string>,
                     caf::reacts_to<link_atom, bool, std::string>,
                     caf::reacts_to<local_atom, net::change_event>, caf::reacts_to<tick_atom>>;

cluster_actor spawn_cluster_actor(caf::actor_system& sys, cluster_deps deps);

}  // namespace recs::actors
