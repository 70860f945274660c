#include "actors/profile_actor.hpp"
#include "actors/metered.hpp"

#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <algorithm>

#include "actors/state_fingerprint.hpp"

namespace recs::actors {

namespace {

struct profile_actor_state {
  profile_state data;
  profile_deps deps;
  std::uint64_t writes = 0;  // local changes applied to `data` (see reload)
  static inline const char* name = "profile";
};

using self_ptr = metered_pointer<profile_actor, profile_actor_state>;

/// Removes the entries of `xs` for which `same` holds.
template <class T, class Same>
void erase_where(std::vector<T>& xs, Same same) {
  xs.erase(std::remove_if(xs.begin(), xs.end(), same), xs.end());
}

/// Replaces the entries of `xs` that are `same` as `x` with `x`.
template <class T, class Same>
void replace_with(std::vector<T>& xs, T x, Same same) {
  erase_where(xs, [&](const T& y) { return same(x, y); });
  xs.push_back(std::move(x));
}

/// Adds `w` to the profile's watchlist unless the show is on it (an entry keeps its first date).
void add_watch(profile_state& st, const watch_entry& w) {
  for (const auto& x : st.watchlist)
    if (x.show_id == w.show_id) return;
  st.watchlist.push_back(w);
}

bool same_show(const rating& a, const rating& b) {
  return a.show_id == b.show_id;
}
bool same_show_kind(const show_feedback& a, const show_feedback& b) {
  return a.show_id == b.show_id && a.kind == b.kind;
}

/// Invalidates the profile's cache entries (its state changed: with the new state's
/// fingerprint), then completes the promise with `value`.
template <class T>
void invalidate_then_deliver(self_ptr self, caf::typed_response_promise<T> rp, T value) {
  auto& d = self->state.deps;
  self->request(d.cache, d.timeout, invalidate_atom::value, self->state.data.who.id,
                fingerprint(self->state.data))
      .then([rp, value](bool) mutable { rp.deliver(std::move(value)); },
            [rp](caf::error& e) mutable { rp.deliver(std::move(e)); });
}

/// Persists with `msg...` through the store actor; on success applies `update` to the state,
/// tells the scoring pool when a rating changed (for retraining), invalidates the cache and
/// replies with the store's answer.
template <class T, class Update, class... Ts>
caf::typed_response_promise<T> persist(self_ptr self, bool rating_changed, Update update,
                                       Ts... msg) {
  auto rp = self->make_response_promise<T>();
  auto& d = self->state.deps;
  self->request(d.store, d.timeout, msg...)
      .then(
          [=](T stored) mutable {
            update(self->state.data, stored);
            ++self->state.writes;
            if (rating_changed) caf::anon_send(self->state.deps.pool, rate_atom::value);
            invalidate_then_deliver(self, rp, std::move(stored));
          },
          [rp](caf::error& e) mutable { rp.deliver(std::move(e)); });
  return rp;
}

/// The fingerprint of the ratings alone: whether the collaborative model has news.
std::uint64_t ratings_digest(const profile_state& st) {
  profile_state only;
  only.ratings = st.ratings;
  return fingerprint(only);
}

/// Replaces the state with a fresh read through `loader` and answers whether it differed (then
/// invalidating the cache like a local change). A local change applied while the read was under
/// way may be missing from it (read before that change's commit): then it reads again, at most
/// `tries` times; a local change still in flight at the end is applied on top, as a delta.
void reload(self_ptr self, state_loader loader, caf::typed_response_promise<bool> rp, int tries) {
  auto& st = self->state;
  const std::uint64_t writes = st.writes;
  const std::int64_t pid = st.data.who.id;
  self->request(loader, st.deps.timeout, reload_atom::value, st.data.who.household_id,
                std::vector<std::int64_t>{pid})
      .then(
          [=](household_state hs) mutable {
            auto& now = self->state;
            if (now.writes != writes && tries > 1) return reload(self, loader, rp, tries - 1);
            if (hs.states.size() != 1 || hs.states.front().who.id != pid) {
              rp.deliver(to_caf({errc::not_found, "no profile " + std::to_string(pid)}));
              return;
            }
            profile_state& fresh = hs.states.front();
            const bool changed = fingerprint(fresh) != fingerprint(now.data);
            if (changed && ratings_digest(fresh) != ratings_digest(now.data))
              caf::anon_send(now.deps.pool, rate_atom::value);
            now.data = std::move(fresh);
            if (changed) {
              invalidate_then_deliver(self, rp, true);
              return;
            }
            rp.deliver(false);
          },
          [rp](caf::error& e) mutable { rp.deliver(std::move(e)); });
}

profile_actor::behavior_type profile_impl(self_ptr self, profile_state initial, profile_deps deps) {
  self->state.data = std::move(initial);
  self->state.deps = std::move(deps);
  const std::int64_t pid = self->state.data.who.id;
  return {
      [=](state_atom) { return self->state.data; },
      [=](recommend_atom, slate_request req) {
        return self->delegate(self->state.deps.pool, recommend_atom::value, self->state.data,
                              std::move(req));
      },
      [=](rate_atom, rating r) {
        r.profile_id = pid;
        return persist<rating>(
            self, true,
            [](profile_state& st, const rating& stored) {
              replace_with(st.ratings, stored, same_show);
            },
            rate_atom::value, std::move(r));
      },
      [=](unrate_atom, std::string show_id) {
        return persist<bool>(
            self, true,
            [show_id](profile_state& st, bool) {
              erase_where(st.ratings, [&](const rating& x) { return x.show_id == show_id; });
            },
            unrate_atom::value, pid, show_id);
      },
      [=](tag_atom, tag_pref t) {
        return persist<tag_pref>(
            self, false,
            [](profile_state& st, const tag_pref& stored) {
              replace_with(st.tags, stored,
                           [](const tag_pref& a, const tag_pref& b) { return a.tag == b.tag; });
            },
            tag_atom::value, pid, std::move(t));
      },
      [=](untag_atom, std::string tag) {
        return persist<bool>(
            self, false,
            [tag](profile_state& st, bool) {
              erase_where(st.tags, [&](const tag_pref& x) { return x.tag == tag; });
            },
            untag_atom::value, pid, tag);
      },
      [=](note_atom, note n) {
        return persist<note>(
            self, false,
            [](profile_state& st, const note& stored) {
              erase_where(st.notes, [&](const note& x) { return x.show_id == stored.show_id; });
              if (!stored.text.empty()) st.notes.push_back(stored);
            },
            note_atom::value, pid, std::move(n));
      },
      [=](feedback_atom, show_feedback f) {
        return persist<show_feedback>(
            self, false,
            [](profile_state& st, const show_feedback& stored) {
              replace_with(st.feedback, stored, same_show_kind);
            },
            feedback_atom::value, pid, std::move(f));
      },
      [=](unfeedback_atom, show_feedback f) {
        return persist<bool>(
            self, false,
            [f](profile_state& st, bool) {
              erase_where(st.feedback,
                          [&](const show_feedback& x) { return same_show_kind(x, f); });
            },
            unfeedback_atom::value, pid, f);
      },
      [=](watch_atom, watch_entry w) {
        w.profile_id = pid;
        return persist<watch_entry>(
            self, false,
            [](profile_state& st, const watch_entry& stored) { add_watch(st, stored); },
            watch_atom::value, self->state.data.who.household_id, std::move(w));
      },
      [=](unwatch_atom, std::string show_id) {
        watch_entry w;
        w.profile_id = pid;
        w.show_id = show_id;
        return persist<bool>(
            self, false,
            [show_id](profile_state& st, bool) {
              erase_where(st.watchlist, [&](const watch_entry& x) { return x.show_id == show_id; });
            },
            unwatch_atom::value, self->state.data.who.household_id, std::move(w));
      },
      [=](import_atom, import_batch batch) {
        const bool rated = !batch.ratings.empty();
        return persist<bool>(
            self, rated,
            [batch](profile_state& st, bool) {
              for (rating r : batch.ratings) {
                r.profile_id = st.who.id;
                replace_with(st.ratings, std::move(r), same_show);
              }
              for (const show_feedback& f : batch.seen)
                replace_with(st.feedback, f, same_show_kind);
              for (watch_entry w : batch.watchlist) {
                w.profile_id = st.who.id;
                add_watch(st, w);
              }
            },
            import_atom::value, pid, batch);
      },
      // The household's services changed (already persisted by the caller).
      [=](services_atom, std::vector<std::string> services) {
        self->state.data.services = std::move(services);
        ++self->state.writes;
        auto rp = self->make_response_promise<bool>();
        invalidate_then_deliver(self, rp, true);
        return rp;
      },
      // Another instance changed the profile: take its state as the store has it now.
      [=](reload_atom, state_loader loader) {
        auto rp = self->make_response_promise<bool>();
        reload(self, std::move(loader), rp, 3);
        return rp;
      },
  };
}

}  // namespace

profile_actor spawn_profile_actor(caf::actor_system& sys, profile_state initial,
                                  profile_deps deps) {
  return sys.spawn(profile_impl, std::move(initial), std::move(deps));
}

}  // namespace recs::actors
