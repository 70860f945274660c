#include "actors/cache_actor.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace recs::actors {

namespace {

struct cache_state {
  std::shared_ptr<slate_cache> cache;
  static inline const char* name = "cache";
};

cache_actor::behavior_type cache_impl(cache_actor::stateful_pointer<cache_state> self,
                                      std::shared_ptr<slate_cache> cache) {
  self->state.cache = std::move(cache);
  return {
      [=](invalidate_atom, std::int64_t profile_id) {
        self->state.cache->invalidate(profile_id);
        return true;
      },
      [=](flush_atom) {
        const std::uint64_t dropped = self->state.cache->size();
        self->state.cache->clear();
        return dropped;
      },
  };
}

}  // namespace

cache_actor spawn_cache_actor(caf::actor_system& sys, std::shared_ptr<slate_cache> cache) {
  return sys.spawn(cache_impl, std::move(cache));
}

}  // namespace recs::actors
