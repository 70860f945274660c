#include "actors/scoring_pool.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "recsys/content_scorer.hpp"

namespace recs::actors {

namespace {

struct scorer_state {
  snapshot_ptr catalog;
  std::uint64_t served = 0;
  static inline const char* name = "scorer";
};

scorer_actor::behavior_type scorer_impl(scorer_actor::stateful_pointer<scorer_state> self,
                                        snapshot_ptr catalog) {
  self->state.catalog = std::move(catalog);
  return {
      [=](recommend_atom, const profile_state& st, const slate_request& req) -> slate_ptr {
        ++self->state.served;
        return std::make_shared<const slate>(score_content(self->state.catalog, st, req));
      },
      [=](snapshot_atom, snapshot_ptr next) { self->state.catalog = std::move(next); },
  };
}

struct pool_state {
  snapshot_ptr catalog;
  std::vector<scorer_actor> workers;
  std::size_t next = 0;
  std::uint64_t restarts = 0;
  static inline const char* name = "scoring_pool";
};

using pool_pointer = scoring_pool_actor::stateful_pointer<pool_state>;

scorer_actor spawn_worker(pool_pointer self) {
  auto w = self->spawn(scorer_impl, self->state.catalog);
  self->monitor(w);
  return w;
}

void resize(pool_pointer self, int n) {
  auto& ws = self->state.workers;
  while (static_cast<int>(ws.size()) < n) ws.push_back(spawn_worker(self));
  while (static_cast<int>(ws.size()) > n) {
    self->demonitor(ws.back().address());
    self->send_exit(ws.back(), caf::exit_reason::user_shutdown);
    ws.pop_back();
  }
  self->state.next = 0;
}

scoring_pool_actor::behavior_type pool_impl(pool_pointer self, snapshot_ptr catalog, int n) {
  self->state.catalog = std::move(catalog);
  resize(self, n);
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
      },
      [=](resize_atom, int n) -> caf::result<int> {
        if (n < 1 || n > 64) return to_caf({errc::invalid_argument, "pool size must be 1-64"});
        resize(self, n);
        return n;
      },
      [=](info_atom) {
        std::vector<net::actor_info> out;
        out.push_back({"scoring_pool", "running, " + std::to_string(self->state.workers.size()) +
                                           " scorers, " + std::to_string(self->state.restarts) +
                                           " restarts"});
        return out;
      },
  };
}

}  // namespace

scoring_pool_actor spawn_scoring_pool(caf::actor_system& sys, snapshot_ptr catalog, int workers) {
  return sys.spawn(pool_impl, std::move(catalog), workers);
}

}  // namespace recs::actors
