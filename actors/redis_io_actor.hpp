#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "actors/atoms.hpp"
#include "actors/redis_link.hpp"
#include "redis/redis_options.hpp"
#include "redis/redis_url.hpp"

namespace recs::actors {

/// The blocking Redis commands that do not answer an HTTP request: storing slates in the shared
/// cache and publishing events. Spawned detached (its own thread, never a scheduler worker), one
/// connection. `put` stores key -> value with the cache TTL (skipped while the link is off);
/// `publish` sends a message on the events channel and answers whether it went out; `ping`
/// answers whether Redis answers. Any failed command switches the link off (redis_link).
using redis_io_actor = caf::typed_actor<caf::reacts_to<put_atom, std::string, std::string>,
                                        caf::replies_to<publish_atom, std::string>::with<bool>,
                                        caf::replies_to<ping_atom>::with<bool>>;

struct redis_io_options {
  redis::redis_url url;
  redis::redis_options redis;
  std::string channel;
  std::chrono::seconds ttl{60};
};

redis_io_actor spawn_redis_io_actor(caf::actor_system& sys, redis_io_options opts,
                                    std::shared_ptr<redis_link> link);

}  // namespace recs::actors
