// The Family Mix side of the service: gathering the members' states and the household's
// fairness ledger, scoring on the pool, and recording watched picks.
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <memory>

#include "actors/service.hpp"

namespace recs::actors {

void service::with_family(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                          slate_request req,
                          std::function<void(caf::event_based_actor*, family_request)> next,
                          std::function<void(error)> fail) {
  auto d = dir();
  std::vector<profile_actor> members;
  for (auto pid : profile_ids) {
    auto it = d->actors.find(pid);
    if (it == d->actors.end())
      return fail(error{errc::not_found, "no profile " + std::to_string(pid)});
    members.push_back(it->second);
  }
  if (members.empty()) return fail(error{errc::invalid_argument, "nobody is watching"});
  const auto timeout = opts_.timeout;
  const auto store = store_;
  const family_options options = opts_.family;
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
      self->request(store, timeout, watches_atom::value, household_id)
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

void service::recommend_family(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                               slate_request req, net::callback<family_slate_ptr> cb) {
  const auto timeout = opts_.timeout;
  const auto pool = pool_;
  with_family(
      household_id, std::move(profile_ids), std::move(req),
      [=](caf::event_based_actor* self, family_request f) {
        self->request(pool, timeout, family_atom::value, std::move(f))
            .then([cb](family_slate_ptr s) { cb(std::move(s)); },
                  [cb](caf::error& e) { cb(from_caf(e)); });
      },
      [cb](error e) { cb(std::move(e)); });
}

void service::family_watched(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                             std::string show_id, net::callback<family_watch> cb) {
  const auto timeout = opts_.timeout;
  const auto pool = pool_;
  const auto store = store_;
  const auto cache = cache_;
  const auto feed = feed_;
  std::vector<std::int64_t> household_profiles;
  {
    auto d = dir();
    auto it = d->profiles.find(household_id);
    if (it != d->profiles.end())
      for (const auto& p : it->second) household_profiles.push_back(p.id);
  }
  with_family(
      household_id, profile_ids, {},
      [=](caf::event_based_actor* self, family_request f) {
        self->request(pool, timeout, fits_atom::value, std::move(f), show_id)
            .then(
                [=](std::vector<double> fits) {
                  family_watch w;
                  w.household_id = household_id;
                  w.show_id = show_id;
                  w.ts = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
                  for (std::size_t k = 0; k < fits.size() && k < profile_ids.size(); ++k)
                    w.fits.emplace_back(profile_ids[k], fits[k]);
                  self->request(store, timeout, watched_atom::value, std::move(w))
                      .then(
                          [=](family_watch stored) {
                            // The ledger changed: every family slate of the household may too.
                            for (auto pid : household_profiles) cache->invalidate(pid);
                            cb(std::move(stored));
                            feed->emit({net::change_event::kind::watched, household_id, {}, {}});
                          },
                          [cb](caf::error& e) { cb(from_caf(e)); });
                },
                [cb](caf::error& e) { cb(from_caf(e)); });
      },
      [cb](error e) { cb(std::move(e)); });
}

void service::family_watches(std::int64_t household_id,
                             net::callback<std::vector<family_watch>> cb) {
  run([timeout = opts_.timeout, store = store_, household_id, cb](caf::event_based_actor* self) {
    self->request(store, timeout, watches_atom::value, household_id)
        .then([cb](std::vector<family_watch> ws) { cb(std::move(ws)); },
              [cb](caf::error& e) { cb(from_caf(e)); });
  });
}

}  // namespace recs::actors
