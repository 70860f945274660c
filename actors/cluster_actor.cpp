#include "actors/cluster_actor.hpp"
#include "actors/metered.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actors/cluster_event.hpp"

namespace recs::actors {

namespace {

struct cluster_state {
  cluster_deps d;
  bool subscribed = false;  // as the subscriber last reported
  bool need_reload = true;  // events may have been missed: reload everything before using Redis
  bool reloading = false;
  bool checking = false;
  bool unpublished = false;  // local changes the other instances have not heard of
  bool up = false;           // Redis in use (as last announced)
  bool announced = false;
  static inline const char* name = "cluster";
};

using self_ptr = metered_pointer<cluster_actor, cluster_state>;
using ids = std::vector<std::int64_t>;

void say(self_ptr self, const std::string& line) {
  if (self->state.d.log) self->state.d.log(line);
}

void go_local(self_ptr self, const std::string& why) {
  auto& st = self->state;
  st.d.link->set_active(false);
  if (st.up || !st.announced) say(self, "redis: unavailable (" + why + "); slate cache: local");
  st.up = false;
  st.announced = true;
}

/// Has each profile's actor reload its state from the store; `done` gets the ids whose state
/// differed.
void reload_profiles(self_ptr self, const ids& pids, std::function<void(ids)> done) {
  auto pending = std::make_shared<std::size_t>(0);
  auto changed = std::make_shared<ids>();
  std::vector<std::pair<std::int64_t, profile_actor>> work;
  for (auto pid : pids)
    if (auto a = self->state.d.actor_of(pid)) work.emplace_back(pid, *a);
  *pending = work.size();
  if (work.empty()) return done({});
  for (auto& [pid, a] : work) {
    auto one = [pending, changed, done, pid = pid](bool differs) {
      if (differs) changed->push_back(pid);
      if (--*pending == 0) done(*changed);
    };
    self->request(a, self->state.d.timeout, reload_atom::value, self->state.d.loader)
        .then(one, [self, one](caf::error& e) {
          // Left behind: the next tick reloads everything.
          self->state.need_reload = true;
          say(self, "redis: reloading a profile failed: " + from_caf(e).message);
          one(false);
        });
  }
}

void advance(self_ptr self);

/// Reloads every household (the directory) and its profiles; changed ones get a change event, and
/// every household's in-process slates are dropped (its watch ledger may have changed too).
void reload_all(self_ptr self) {
  auto& st = self->state;
  if (st.reloading) return;
  st.reloading = true;
  st.need_reload = false;
  if (st.d.forget_credentials) st.d.forget_credentials();
  self->request(st.d.loader, st.d.reload_timeout, reload_atom::value)
      .then(
          [=](std::vector<household_state> all) {
            auto pending = std::make_shared<std::size_t>(all.size());
            auto finish = [=] {
              self->state.reloading = false;
              advance(self);
            };
            if (all.empty()) return finish();
            for (auto& hs : all) {
              auto& d = self->state.d;
              d.on_household(hs.home);
              const auto hh = hs.home.id;
              const ids members = d.members_of(hh);
              for (auto pid : members) d.cache->invalidate(pid);
              reload_profiles(self, members, [=](ids changed) {
                if (!changed.empty())
                  self->state.d.feed->deliver(
                      {net::change_event::kind::settings, hh, std::move(changed), {}});
                if (--*pending == 0) finish();
              });
            }
          },
          [=](caf::error& e) {
            self->state.reloading = false;
            self->state.need_reload = true;  // the next tick tries again
            say(self, "redis: reloading the profiles failed: " + from_caf(e).message);
          });
}

/// Takes Redis back into use once it is subscribed, reloaded and answers (publishing the owed
/// resync if any).
void check(self_ptr self) {
  auto& st = self->state;
  if (st.up || st.checking || st.reloading) return;
  st.checking = true;
  auto done = [=](bool ok) {
    auto& s = self->state;
    s.checking = false;
    if (!ok || !s.subscribed || s.need_reload || s.unpublished) return;  // the next tick retries
    s.d.link->set_active(true);
    s.up = true;
    s.announced = true;
    say(self, "redis: in use; slate cache: redis");
  };
  auto failed = [=](caf::error&) { done(false); };
  if (!st.unpublished) {
    self->request(st.d.io, st.d.timeout, ping_atom::value).then(done, failed);
    return;
  }
  st.unpublished = false;  // set again by any change made meanwhile
  cluster_event resync{st.d.instance_id, true, {}};
  self->request(st.d.io, st.d.timeout, publish_atom::value, encode(resync))
      .then(
          [=](bool ok) {
            if (!ok) self->state.unpublished = true;
            done(ok);
          },
          [=](caf::error& e) {
            self->state.unpublished = true;
            failed(e);
          });
}

void advance(self_ptr self) {
  auto& st = self->state;
  if (!st.subscribed) return;
  if (st.need_reload) return reload_all(self);
  if (!st.up) check(self);
}

/// Applies another instance's change here, then tells the local feed.
void apply_remote(self_ptr self, const net::change_event& e) {
  auto& d = self->state.d;
  if (e.what == net::change_event::kind::watched) {
    // Family Mix reads the ledger from the store; only its cached slates are stale.
    for (auto pid : d.members_of(e.household_id)) d.cache->invalidate(pid);
    d.feed->deliver(e);
    return;
  }
  if (e.what == net::change_event::kind::inbox) return d.feed->deliver(e);  // stored already
  if (e.what == net::change_event::kind::access) {
    if (d.forget_household_credentials) d.forget_household_credentials(e.household_id);
    return d.feed->deliver(e);
  }
  if (e.what == net::change_event::kind::household) {
    if (!d.reload_household) return d.feed->deliver(e);
    d.reload_household(e.household_id, [feed = d.feed, e] { feed->deliver(e); });
    return;
  }
  auto deliver = [self, e](ids) { self->state.d.feed->deliver(e); };
  if (e.what != net::change_event::kind::settings) {
    reload_profiles(self, e.profile_ids.empty() ? d.members_of(e.household_id) : e.profile_ids,
                    deliver);
    return;
  }
  // The household's services: the directory's copy too (the household alone: load_household
  // skips ids that are not its profiles), then every member's state.
  self->request(d.loader, d.timeout, reload_atom::value, e.household_id, ids{0})
      .then(
          [=](household_state hs) {
            self->state.d.on_household(hs.home);
            reload_profiles(self, self->state.d.members_of(e.household_id), deliver);
          },
          [=](caf::error& err) {
            self->state.need_reload = true;
            say(self, "redis: applying a change of household " + std::to_string(e.household_id) +
                          " failed (" + from_caf(err).message + "); reloading everything");
            advance(self);
          });
}

cluster_actor::behavior_type cluster_impl(self_ptr self, cluster_deps deps) {
  self->state.d = std::move(deps);
  self->delayed_send(self, self->state.d.tick, tick_atom::value);
  return {
      [=](remote_atom, const std::string& message) {
        auto e = decode_cluster_event(message);
        if (!e) return say(self, "redis: ignoring a message: " + e.err().message);
        if (e->origin == self->state.d.instance_id) return;
        if (!e->resync) return apply_remote(self, e->change);
        self->state.need_reload = true;
        if (self->state.subscribed) reload_all(self);
      },
      [=](link_atom, bool up, const std::string& detail) {
        auto& st = self->state;
        st.subscribed = up;
        if (!up) {
          st.need_reload = true;
          return go_local(self, detail);
        }
        advance(self);
      },
      [=](local_atom, const net::change_event& e) {
        auto& st = self->state;
        if (!is_shared_change(e.what)) return;
        if (!st.d.link->active()) {
          st.unpublished = true;
          return;
        }
        cluster_event out{st.d.instance_id, false, e};
        auto lost = [=] {
          self->state.unpublished = true;
          go_local(self, "publishing a change failed");
        };
        self->request(st.d.io, st.d.timeout, publish_atom::value, encode(out))
            .then(
                [=](bool ok) {
                  if (!ok) lost();
                },
                [=](caf::error&) { lost(); });
      },
      [=](tick_atom) {
        auto& st = self->state;
        if (st.d.link->take_failure()) go_local(self, "a command failed");
        advance(self);
        self->delayed_send(self, st.d.tick, tick_atom::value);
      },
  };
}

}  // namespace

cluster_actor spawn_cluster_actor(caf::actor_system& sys, cluster_deps deps) {
  return sys.spawn(cluster_impl, std::move(deps));
}

}  // namespace recs::actors
