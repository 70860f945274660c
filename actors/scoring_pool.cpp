#include "actors/scoring_pool.hpp"
#include "actors/metered.hpp"

#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "recsys/content_scorer.hpp"
#include "recsys/family_mix.hpp"

namespace recs::actors {

namespace {

struct scorer_state {
  snapshot_ptr catalog;
  scoring_models models;
  std::uint64_t served = 0;
  static inline const char* name = "scorer";
};

scorer_actor::behavior_type scorer_impl(metered_pointer<scorer_actor, scorer_state> self,
                                        snapshot_ptr catalog, scoring_models models) {
  self->state.catalog = std::move(catalog);
  self->state.models = std::move(models);
  return {
      [=](recommend_atom, const profile_state& st, const slate_request& req) -> slate_ptr {
        ++self->state.served;
        return std::make_shared<const slate>(
            score_content(self->state.catalog, st, req, {}, self->state.models));
      },
      [=](snapshot_atom, snapshot_ptr next) { self->state.catalog = std::move(next); },
      [=](model_atom, cf_ptr next, blend_ptr blend) {
        self->state.models.cf = std::move(next);
        self->state.models.blend = std::move(blend);
      },
      [=](content_atom, content_model_ptr next, std::uint64_t version) {
        self->state.models.content = std::move(next);
        self->state.models.content_version = version;
      },
      [=](family_atom, const family_request& f) -> family_slate_ptr {
        ++self->state.served;
        return std::make_shared<const family_slate>(score_family(
            self->state.catalog, f.members, f.req, f.opt, f.history, {}, self->state.models));
      },
      [=](fits_atom, const family_request& f,
          const std::string& show_id) -> caf::result<std::vector<double>> {
        auto idx = self->state.catalog->find(show_id);
        if (!idx) return to_caf({errc::not_found, "no show '" + show_id + "'"});
        return member_fits(*self->state.catalog, f.members, *idx, f.req.seed, {},
                           self->state.models);
      },
      [=](retire_atom) { self->quit(); },
  };
}

struct pool_state {
  snapshot_ptr catalog;
  scoring_models models;
  pool_deps deps;
  cf_trainer_actor trainer;
  std::shared_ptr<trainer_status> trainer_line = std::make_shared<trainer_status>();
  std::vector<scorer_actor> workers;
  std::size_t next = 0;
  std::uint64_t restarts = 0;
  static inline const char* name = "scoring_pool";
};

using pool_pointer = metered_pointer<scoring_pool_actor, pool_state>;

scorer_actor spawn_worker(pool_pointer self) {
  auto w = self->spawn(scorer_impl, self->state.catalog, self->state.models);
  self->monitor(w);
  return w;
}

void resize(pool_pointer self, int n) {
  auto& ws = self->state.workers;
  while (static_cast<int>(ws.size()) < n) ws.push_back(spawn_worker(self));
  while (static_cast<int>(ws.size()) > n) {
    // A pool shrunk by an admin: the scorer answers what it was given, then quits.
    self->demonitor(ws.back().address());
    self->send(ws.back(), retire_atom::value);
    ws.pop_back();
  }
  self->state.next = 0;
}

scoring_pool_actor::behavior_type pool_impl(pool_pointer self, snapshot_ptr catalog, int n,
                                            pool_deps deps) {
  self->state.catalog = std::move(catalog);
  self->state.deps = std::move(deps);
  resize(self, n);
  // The trainer publishes through this pool; it dies with it.
  auto me = caf::actor_cast<scoring_pool_actor>(self);
  self->state.trainer = spawn_cf_trainer(
      self->system(), self->state.deps.store, self->state.catalog, self->state.deps.training,
      trainer_outputs{[me](cf_ptr model, blend_ptr blend) {
                        caf::anon_send(me, model_atom::value, std::move(model), std::move(blend));
                      },
                      [me](content_model_ptr model, std::uint64_t version) {
                        caf::anon_send(me, content_atom::value, std::move(model), version);
                      },
                      self->state.trainer_line, self->state.deps.on_train_time});
  self->link_to(self->state.trainer);
  // A scorer that dies (e.g. a bug throws) is replaced; its in-flight request fails with an
  // error that the HTTP edge turns into a 503.
  self->set_down_handler([=](const caf::down_msg& dm) {
    auto& ws = self->state.workers;
    for (auto& w : ws) {
      if (w.address() != dm.source) continue;
      w = spawn_worker(self);
      ++self->state.restarts;
      return;
    }
  });
  return {
      [=](recommend_atom, profile_state st, slate_request req) {
        auto& ws = self->state.workers;
        auto& w = ws[self->state.next++ % ws.size()];
        return self->delegate(w, recommend_atom::value, std::move(st), std::move(req));
      },
      [=](snapshot_atom, snapshot_ptr next) {
        self->state.catalog = next;
        for (auto& w : self->state.workers) self->send(w, snapshot_atom::value, next);
        self->send(self->state.trainer, snapshot_atom::value, next);
      },
      [=](model_atom, cf_ptr next, blend_ptr blend) {
        self->state.models.cf = next;
        self->state.models.blend = blend;
        for (auto& w : self->state.workers) self->send(w, model_atom::value, next, blend);
        caf::anon_send(self->state.deps.cache, flush_atom::value);
        if (self->state.deps.on_model) self->state.deps.on_model();
      },
      [=](content_atom, content_model_ptr next, std::uint64_t version) {
        self->state.models.content = next;
        self->state.models.content_version = version;
        for (auto& w : self->state.workers) self->send(w, content_atom::value, next, version);
        if (self->state.deps.on_content) self->state.deps.on_content(next, version);
        caf::anon_send(self->state.deps.cache, flush_atom::value);
      },
      [=](rate_atom) { self->send(self->state.trainer, rate_atom::value); },
      [=](train_atom) { self->send(self->state.trainer, train_atom::value); },
      [=](resize_atom, int n) -> caf::result<int> {
        if (n < 1 || n > 64) return to_caf({errc::invalid_argument, "pool size must be 1-64"});
        resize(self, n);
        return n;
      },
      [=](info_atom) {
        // The trainer may be busy training for seconds: its status is read, not asked for.
        return std::vector<net::actor_info>{
            {"scoring_pool", "running, " + std::to_string(self->state.workers.size()) +
                                 " scorers, " + std::to_string(self->state.restarts) + " restarts"},
            {"cf_trainer", self->state.trainer_line->get()}};
      },
      [=](family_atom, family_request& f) {
        auto& ws = self->state.workers;
        auto& w = ws[self->state.next++ % ws.size()];
        return self->delegate(w, family_atom::value, std::move(f));
      },
      [=](fits_atom, family_request& f, std::string& show_id) {
        auto& ws = self->state.workers;
        auto& w = ws[self->state.next++ % ws.size()];
        return self->delegate(w, fits_atom::value, std::move(f), std::move(show_id));
      },
  };
}

}  // namespace

scoring_pool_actor spawn_scoring_pool(caf::actor_system& sys, snapshot_ptr catalog, int workers,
                                      pool_deps deps) {
  return sys.spawn(pool_impl, std::move(catalog), workers, std::move(deps));
}

}  // namespace recs::actors
