#include "actors/catalog_actor.hpp"
#include "actors/metered.hpp"

#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace recs::actors {

namespace {

struct catalog_state {
  std::shared_ptr<catalog_view> view;
  scoring_pool_actor pool;
  cache_actor cache;
  std::function<void(const availability_notes&)> on_publish;
  static inline const char* name = "catalog";
};

using catalog_ptr = metered_pointer<catalog_actor, catalog_state>;

void publish(catalog_ptr self, snapshot_ptr next, const availability_notes& notes) {
  self->state.view->set(next);
  self->send(self->state.pool, snapshot_atom::value, next);
  caf::anon_send(self->state.cache, flush_atom::value);
  if (self->state.on_publish) self->state.on_publish(notes);
}

catalog_actor::behavior_type catalog_impl(
    catalog_ptr self, std::shared_ptr<catalog_view> view, scoring_pool_actor pool,
    cache_actor cache, std::function<void(const availability_notes&)> on_publish) {
  self->state.view = std::move(view);
  self->state.on_publish = std::move(on_publish);
  self->state.pool = std::move(pool);
  self->state.cache = std::move(cache);
  return {
      [=](snapshot_atom) { return self->state.view->get(); },
      [=](publish_atom, snapshot_ptr next) {
        publish(self, std::move(next), {});
        return true;
      },
      [=](publish_atom, snapshot_ptr next, const availability_notes& notes) {
        publish(self, std::move(next), notes);
        return true;
      },
  };
}

}  // namespace

catalog_actor spawn_catalog_actor(caf::actor_system& sys, std::shared_ptr<catalog_view> view,
                                  scoring_pool_actor pool, cache_actor cache,
                                  std::function<void(const availability_notes&)> on_publish) {
  return sys.spawn(catalog_impl, std::move(view), std::move(pool), std::move(cache),
                   std::move(on_publish));
}

}  // namespace recs::actors
