#include "actors/store_pool.hpp"
#include "actors/metered.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <utility>

namespace recs::actors::internal {

namespace {

struct router_state {
  std::vector<store_actor> workers;
  std::size_t next_read = 0;
  static inline const char* name = "store_router";
};

using router_ptr = metered_pointer<store_actor, router_state>;

const store_actor& writer(router_ptr self, std::int64_t owner_id) {
  auto& ws = self->state.workers;
  return ws[writer_index(owner_id, ws.size())];
}

const store_actor& reader(router_ptr self) {
  auto& st = self->state;
  return st.workers[st.next_read++ % st.workers.size()];
}

store_actor::behavior_type router_impl(router_ptr self, std::vector<store_actor> workers) {
  for (const auto& w : workers) self->link_to(w);
  self->state.workers = std::move(workers);
  return {
      [=](rate_atom a, const rating& r) {
        return self->delegate(writer(self, r.profile_id), a, r);
      },
      [=](unrate_atom a, std::int64_t profile_id, const std::string& show_id) {
        return self->delegate(writer(self, profile_id), a, profile_id, show_id);
      },
      [=](tag_atom a, std::int64_t profile_id, const tag_pref& t) {
        return self->delegate(writer(self, profile_id), a, profile_id, t);
      },
      [=](untag_atom a, std::int64_t profile_id, const std::string& tag) {
        return self->delegate(writer(self, profile_id), a, profile_id, tag);
      },
      [=](note_atom a, std::int64_t profile_id, const note& n) {
        return self->delegate(writer(self, profile_id), a, profile_id, n);
      },
      [=](services_atom a, std::int64_t household_id, const std::vector<std::string>& services) {
        return self->delegate(writer(self, household_id), a, household_id, services);
      },
      [=](ratings_atom a) { return self->delegate(reader(self), a); },
      [=](watched_atom a, const family_watch& w) {
        return self->delegate(writer(self, w.household_id), a, w);
      },
      [=](watches_atom a, std::int64_t household_id) {
        return self->delegate(reader(self), a, household_id);
      },
      [=](feedback_atom a, std::int64_t profile_id, const show_feedback& f) {
        return self->delegate(writer(self, profile_id), a, profile_id, f);
      },
      [=](unfeedback_atom a, std::int64_t profile_id, const show_feedback& f) {
        return self->delegate(writer(self, profile_id), a, profile_id, f);
      },
      [=](watch_atom a, std::int64_t household_id, const watch_entry& w) {
        return self->delegate(writer(self, household_id), a, household_id, w);
      },
      [=](unwatch_atom a, std::int64_t household_id, const watch_entry& w) {
        return self->delegate(writer(self, household_id), a, household_id, w);
      },
      [=](watchlist_atom a, std::int64_t household_id) {
        return self->delegate(reader(self), a, household_id);
      },
      [=](import_atom a, std::int64_t profile_id, const import_batch& b) {
        return self->delegate(writer(self, profile_id), a, profile_id, b);
      },
  };
}

}  // namespace

std::size_t writer_index(std::int64_t owner_id, std::size_t pool_size) noexcept {
  return static_cast<std::size_t>(static_cast<std::uint64_t>(owner_id) % pool_size);
}

store_actor spawn_store_router(caf::actor_system& sys, std::vector<store_actor> workers) {
  return sys.spawn(router_impl, std::move(workers));
}

}  // namespace recs::actors::internal
