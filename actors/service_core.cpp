#include "actors/service_core.hpp"

#include <caf/send.hpp>

#include "actors/state_fingerprint.hpp"
#include "core/ascii.hpp"

namespace recs::actors {

std::optional<profile_actor> directory_box::actor_of(std::int64_t profile_id) const {
  auto d = get();
  auto it = d->actors.find(profile_id);
  if (it == d->actors.end()) return std::nullopt;
  return it->second;
}

std::vector<std::int64_t> directory_box::members_of(std::int64_t household_id) const {
  std::vector<std::int64_t> out;
  auto d = get();
  if (auto it = d->profiles.find(household_id); it != d->profiles.end())
    for (const auto& p : it->second) out.push_back(p.id);
  return out;
}

std::int64_t directory_box::household_of(std::int64_t profile_id) const {
  auto d = get();
  for (const auto& [hh, ps] : d->profiles)
    for (const auto& p : ps)
      if (p.id == profile_id) return hh;
  return 0;
}

void directory_box::update_household(const household& h) {
  edit([&h](directory& d) { d.households[h.id] = h; });
}

void directory_box::edit(const std::function<void(directory&)>& f) {
  std::lock_guard<std::mutex> lock(write_mu_);
  auto next = std::make_shared<directory>(*get());
  f(*next);
  set(std::move(next));
}

namespace {

bool same_profile(const profile& a, const profile& b) {
  return a.id == b.id && a.name == b.name && a.maturity_cap == b.maturity_cap && a.kid == b.kid &&
         a.has_pin == b.has_pin;
}

const profile* find_profile(const std::vector<profile>& ps, std::int64_t id) {
  for (const auto& p : ps)
    if (p.id == id) return &p;
  return nullptr;
}

}  // namespace

void service_core::adopt_household(household_state hs) const {
  std::vector<profile_actor> retired;
  const profile_deps deps{store, pool, cache_ref, opts.timeout};
  dir->edit([&](directory& d) {
    const std::vector<profile> before = d.profiles[hs.home.id];
    std::vector<profile> now;
    for (auto& st : hs.states) {
      now.push_back(st.who);
      const profile* old = find_profile(before, st.who.id);
      auto a = d.actors.find(st.who.id);
      if (old != nullptr && same_profile(*old, st.who) && a != d.actors.end()) continue;
      if (a != d.actors.end()) {
        retired.push_back(a->second);
        d.actors.erase(a);
      }
      cache->invalidate(st.who.id, fingerprint(st));
      const auto id = st.who.id;
      d.actors.emplace(id, spawn_profile_actor(sys, std::move(st), deps));
    }
    for (const auto& p : before) {
      if (find_profile(now, p.id) != nullptr) continue;
      if (auto a = d.actors.find(p.id); a != d.actors.end()) {
        retired.push_back(a->second);
        d.actors.erase(a);
      }
      cache->invalidate(p.id);
    }
    d.households[hs.home.id] = hs.home;
    d.profiles[hs.home.id] = std::move(now);
  });
  for (auto& a : retired) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
}

void service_core::forget_household(std::int64_t household_id) const {
  std::vector<profile_actor> retired;
  dir->edit([&](directory& d) {
    for (const auto& p : d.profiles[household_id]) {
      if (auto a = d.actors.find(p.id); a != d.actors.end()) {
        retired.push_back(a->second);
        d.actors.erase(a);
      }
      cache->invalidate(p.id);
    }
    d.profiles.erase(household_id);
    d.households.erase(household_id);
  });
  for (auto& a : retired) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
}

void service_core::run(gateway_job job) const {
  caf::anon_send(gateway, run_atom::value, std::move(job));
}

void service_core::with_family(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                               slate_request req,
                               std::function<void(caf::event_based_actor*, family_request)> next,
                               std::function<void(error)> fail) const {
  auto d = dir->get();
  std::vector<profile_actor> members;
  for (auto pid : profile_ids) {
    auto it = d->actors.find(pid);
    if (it == d->actors.end())
      return fail(error{errc::not_found, "no profile " + std::to_string(pid)});
    members.push_back(it->second);
  }
  if (members.empty()) return fail(error{errc::invalid_argument, "nobody is watching"});
  const auto timeout = opts.timeout;
  const auto store_ref = store;
  const family_options options = opts.family;
  run([=](caf::event_based_actor* self) {
    struct gathering {
      std::vector<profile_state> states;
      std::size_t pending = 0;
      bool failed = false;
    };
    auto g = std::make_shared<gathering>();
    g->states.resize(members.size());
    g->pending = members.size();
    auto fail_once = [g, fail](const caf::error& e) {
      if (g->failed) return;
      g->failed = true;
      fail(from_caf(e));
    };
    auto with_history = [=]() {
      self->request(store_ref, timeout, watches_atom::value, household_id)
          .then(
              [=](std::vector<family_watch> watches) {
                next(self, family_request{std::move(g->states), req, options,
                                          family_history::from(watches)});
              },
              [fail_once](caf::error& e) { fail_once(e); });
    };
    for (std::size_t k = 0; k < members.size(); ++k) {
      self->request(members[k], timeout, state_atom::value)
          .then(
              [=](profile_state st) {
                if (g->failed) return;
                g->states[k] = std::move(st);
                if (--g->pending == 0) with_history();
              },
              [fail_once](caf::error& e) { fail_once(e); });
    }
  });
}

}  // namespace recs::actors
