#include "actors/account_desk.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actors/metered.hpp"
#include "core/iso_time.hpp"

namespace recs::actors {

namespace {

struct desk_state {
  std::shared_ptr<storage::store> db;
  static inline const char* name = "account_desk";
};

account_desk::behavior_type desk_impl(metered_pointer<account_desk, desk_state> self,
                                      std::shared_ptr<storage::store> db, desk_options opts) {
  self->state.db = std::move(db);
  self->send(self, tick_atom::value);
  return {
      [=](run_atom, const desk_job& job) { job(*self->state.db); },
      [=](tick_atom) {
        const std::int64_t now = unix_now();
        // A failure (the database away) is retried at the next tick.
        (void)self->state.db->purge_expired(now, now - opts.session_idle.count());
        self->delayed_send(self, opts.purge_every, tick_atom::value);
      },
  };
}

struct hash_state {
  static inline const char* name = "password_worker";
};

hash_worker::behavior_type hash_impl(metered_pointer<hash_worker, hash_state>) {
  return {[](run_atom, const hash_job& job) { job(); }};
}

}  // namespace

account_desk spawn_account_desk(caf::actor_system& sys, std::unique_ptr<storage::store> db,
                                desk_options opts) {
  return sys.spawn<caf::detached>(desk_impl, std::shared_ptr<storage::store>(std::move(db)), opts);
}

hash_worker spawn_hash_worker(caf::actor_system& sys) {
  return sys.spawn<caf::detached>(hash_impl);
}

}  // namespace recs::actors
