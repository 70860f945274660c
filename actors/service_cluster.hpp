#pragma once

// Private to the service: what it runs to share its cache and changes through Redis.

#include <caf/send.hpp>

#include <memory>

#include "actors/cluster_actor.hpp"
#include "actors/redis_io_actor.hpp"
#include "actors/service.hpp"
#include "actors/state_loader.hpp"
#include "redis/redis_subscriber.hpp"

namespace recs::actors {

struct service::cluster_parts {
  std::unique_ptr<redis::redis_subscriber> subscriber;
  cluster_actor cluster;
  redis_io_actor io;
  state_loader loader;

  /// The subscriber's thread first (joined: no callback runs after), then the actors.
  void stop() {
    if (subscriber) subscriber->stop();
    for (const caf::actor& a :
         {caf::actor_cast<caf::actor>(cluster), caf::actor_cast<caf::actor>(io),
          caf::actor_cast<caf::actor>(loader)})
      if (a) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    cluster = nullptr;
    io = nullptr;
    loader = nullptr;
  }
};

}  // namespace recs::actors
