#include "actors/cache_actor.hpp"
#include "actors/metered.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace recs::actors {

namespace {

struct cache_state {
  std::shared_ptr<tiered_slate_cache> cache;
  static inline const char* name = "cache";
};

cache_actor::behavior_type cache_impl(metered_pointer<cache_actor, cache_state> self,
                                      std::shared_ptr<tiered_slate_cache> cache) {
  self->state.cache = std::move(cache);
  return {
      [=](invalidate_atom, std::int64_t profile_id) {
        self->state.cache->invalidate(profile_id);
        return true;
      },
      [=](invalidate_atom, std::int64_t profile_id, std::uint64_t fingerprint) {
        self->state.cache->invalidate(profile_id, fingerprint);
        return true;
      },
      [=](flush_atom) {
        const std::uint64_t dropped = self->state.cache->local()->size();
        self->state.cache->clear();
        return dropped;
      },
  };
}

}  // namespace

cache_actor spawn_cache_actor(caf::actor_system& sys, std::shared_ptr<tiered_slate_cache> cache) {
  return sys.spawn(cache_impl, std::move(cache));
}

cache_actor spawn_cache_actor(caf::actor_system& sys, std::shared_ptr<slate_cache> cache) {
  return spawn_cache_actor(
      sys, std::make_shared<tiered_slate_cache>(std::move(cache), [] { return std::uint64_t{0}; }));
}

}  // namespace recs::actors
