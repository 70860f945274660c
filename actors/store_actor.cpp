#include "actors/store_actor.hpp"
#include "actors/metered.hpp"

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <iostream>

#include "actors/store_pool.hpp"

namespace recs::actors {

namespace {

struct store_state {
  std::shared_ptr<storage::store> db;
  static inline const char* name = "store";
};

template <class T>
caf::result<T> reply(result<T> r) {
  if (!r) return to_caf(r.err());
  return std::move(r).value();
}

store_actor::behavior_type store_impl(metered_pointer<store_actor, store_state> self,
                                      std::shared_ptr<storage::store> db) {
  self->state.db = std::move(db);
  return {
      [=](rate_atom, rating r) -> caf::result<rating> {
        if (auto st = self->state.db->put_rating(r); !st) return to_caf(st.err());
        return r;
      },
      [=](unrate_atom, std::int64_t profile_id, const std::string& show_id) -> caf::result<bool> {
        if (auto st = self->state.db->delete_rating(profile_id, show_id); !st)
          return to_caf(st.err());
        return true;
      },
      [=](tag_atom, std::int64_t profile_id, tag_pref t) -> caf::result<tag_pref> {
        if (auto st = self->state.db->put_tag(profile_id, t); !st) return to_caf(st.err());
        return t;
      },
      [=](untag_atom, std::int64_t profile_id, const std::string& tag) -> caf::result<bool> {
        if (auto st = self->state.db->delete_tag(profile_id, tag); !st) return to_caf(st.err());
        return true;
      },
      [=](note_atom, std::int64_t profile_id, note n) -> caf::result<note> {
        if (auto st = self->state.db->put_note(profile_id, n); !st) return to_caf(st.err());
        return n;
      },
      [=](services_atom, std::int64_t household_id,
          const std::vector<std::string>& services) -> caf::result<household> {
        if (auto st = self->state.db->set_household_services(household_id, services); !st)
          return to_caf(st.err());
        return reply(self->state.db->household_by_id(household_id));
      },
      [=](ratings_atom) -> caf::result<std::vector<rating>> {
        return reply(self->state.db->all_ratings());
      },
      [=](watched_atom, family_watch w) -> caf::result<family_watch> {
        if (auto st = self->state.db->add_family_watch(w); !st) return to_caf(st.err());
        return w;
      },
      [=](watches_atom, std::int64_t household_id) -> caf::result<std::vector<family_watch>> {
        return reply(self->state.db->family_watches(household_id));
      },
      [=](feedback_atom, std::int64_t profile_id, show_feedback f) -> caf::result<show_feedback> {
        if (auto st = self->state.db->put_feedback(profile_id, f); !st) return to_caf(st.err());
        return f;
      },
      [=](unfeedback_atom, std::int64_t profile_id, const show_feedback& f) -> caf::result<bool> {
        if (auto st = self->state.db->delete_feedback(profile_id, f.show_id, f.kind); !st)
          return to_caf(st.err());
        return true;
      },
      [=](watch_atom, std::int64_t household_id, watch_entry w) -> caf::result<watch_entry> {
        if (auto st = self->state.db->put_watch(household_id, w); !st) return to_caf(st.err());
        return w;
      },
      [=](unwatch_atom, std::int64_t household_id, const watch_entry& w) -> caf::result<bool> {
        if (auto st = self->state.db->delete_watch(household_id, w.profile_id, w.show_id); !st)
          return to_caf(st.err());
        return true;
      },
      [=](watchlist_atom, std::int64_t household_id) -> caf::result<std::vector<watch_entry>> {
        return reply(self->state.db->household_watchlists(household_id));
      },
      [=](import_atom, std::int64_t profile_id, const import_batch& batch) -> caf::result<bool> {
        if (auto st = self->state.db->apply_import(profile_id, batch); !st) return to_caf(st.err());
        return true;
      },
  };
}

}  // namespace

store_actor spawn_store_actor(caf::actor_system& sys, std::unique_ptr<storage::store> db,
                              std::size_t pool_size) {
  // The siblings are opened here, at start-up, on the caller's thread; never per request.
  std::vector<std::unique_ptr<storage::store>> more;
  for (std::size_t i = 1; i < pool_size; ++i) {
    auto sibling = db->open_sibling();
    if (!sibling) {
      std::cerr << "store: running with " << i << " of " << pool_size
                << " connections: " << sibling.err().message << std::endl;
      break;
    }
    if (!*sibling) break;  // the backend is used through one connection
    more.push_back(std::move(*sibling));
  }
  auto spawn_worker = [&sys](std::unique_ptr<storage::store> s) {
    return store_actor{
        sys.spawn<caf::detached>(store_impl, std::shared_ptr<storage::store>(std::move(s)))};
  };
  if (more.empty()) return spawn_worker(std::move(db));
  std::vector<store_actor> workers{spawn_worker(std::move(db))};
  for (auto& s : more) workers.push_back(spawn_worker(std::move(s)));
  return internal::spawn_store_router(sys, std::move(workers));
}

}  // namespace recs::actors
