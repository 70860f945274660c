#include "actors/state_loader.hpp"
#include "actors/metered.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <algorithm>

namespace recs::actors {

namespace {

result<profile_state> load_profile(storage::taste_store& taste, storage::list_store& lists,
                                   const profile& p, const household& h) {
  profile_state st;
  st.who = p;
  st.services = h.services;
  auto rs = taste.ratings(p.id);
  if (!rs) return rs.err();
  st.ratings = std::move(*rs);
  auto ts = taste.tags(p.id);
  if (!ts) return ts.err();
  st.tags = std::move(*ts);
  auto ns = taste.notes(p.id);
  if (!ns) return ns.err();
  st.notes = std::move(*ns);
  auto fs = lists.feedback_of(p.id);
  if (!fs) return fs.err();
  st.feedback = std::move(*fs);
  auto ws = lists.profile_watchlist(p.id);
  if (!ws) return ws.err();
  st.watchlist = std::move(*ws);
  return st;
}

result<household_state> load(storage::household_store& households, storage::taste_store& taste,
                             storage::list_store& lists, household h,
                             const std::vector<std::int64_t>& profile_ids) {
  household_state out;
  auto ps = households.profiles(h.id);
  if (!ps) return ps.err();
  for (const auto& p : *ps) {
    if (!profile_ids.empty() &&
        std::find(profile_ids.begin(), profile_ids.end(), p.id) == profile_ids.end())
      continue;
    auto st = load_profile(taste, lists, p, h);
    if (!st) return st.err();
    out.states.push_back(std::move(*st));
  }
  out.home = std::move(h);
  return out;
}

template <class T>
caf::result<T> reply(result<T> r) {
  if (!r) return to_caf(r.err());
  return std::move(r).value();
}

struct loader_state {
  std::shared_ptr<storage::store> db;
  static inline const char* name = "state_loader";
};

state_loader::behavior_type loader_impl(metered_pointer<state_loader, loader_state> self,
                                        std::shared_ptr<storage::store> db) {
  self->state.db = std::move(db);
  return {
      [=](reload_atom, std::int64_t household_id, const std::vector<std::int64_t>& ids) {
        auto& db = *self->state.db;
        return reply(load_household(db, db, db, household_id, ids));
      },
      [=](reload_atom) {
        auto& db = *self->state.db;
        return reply(load_households(db, db, db));
      },
  };
}

}  // namespace

result<household_state> load_household(storage::household_store& households,
                                       storage::taste_store& taste, storage::list_store& lists,
                                       std::int64_t household_id,
                                       const std::vector<std::int64_t>& profile_ids) {
  auto h = households.household_by_id(household_id);
  if (!h) return h.err();
  return load(households, taste, lists, std::move(*h), profile_ids);
}

result<std::vector<household_state>> load_households(storage::household_store& households,
                                                     storage::taste_store& taste,
                                                     storage::list_store& lists) {
  auto hs = households.households();
  if (!hs) return hs.err();
  std::vector<household_state> out;
  for (auto& h : *hs) {
    auto one = load(households, taste, lists, std::move(h), {});
    if (!one) return one.err();
    out.push_back(std::move(*one));
  }
  return out;
}

state_loader spawn_state_loader(caf::actor_system& sys, std::unique_ptr<storage::store> db) {
  return sys.spawn<caf::detached>(loader_impl, std::shared_ptr<storage::store>(std::move(db)));
}

}  // namespace recs::actors
