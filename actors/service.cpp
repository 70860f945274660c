#include "actors/service.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "actors/metered.hpp"
#include "actors/service_cluster.hpp"
#include "actors/state_fingerprint.hpp"
#include "actors/state_loader.hpp"
#include "core/ascii.hpp"

namespace recs::actors {

namespace {

struct gateway_state {
  static inline const char* name = "gateway";
};

caf::behavior gateway_impl(metered_actor<gateway_state, caf::event_based_actor>* self) {
  return {[=](run_atom, const gateway_job& job) { job(self); }};
}

/// Stops `actors` and waits until they are gone, at most `limit`: a job one of them is running
/// (a desk query, a password hash) uses the service's state, which must outlive it.
void stop_and_wait(caf::actor_system& sys, const std::vector<caf::actor>& actors,
                   std::chrono::milliseconds limit) {
  caf::scoped_actor self{sys};
  std::size_t left = 0;
  for (const caf::actor& a : actors) {
    if (!a) continue;
    self->monitor(a);
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    ++left;
  }
  bool waiting = true;
  self->receive_while([&] { return waiting && left > 0; })(
      [&](const caf::down_msg&) { --left; }, caf::after(limit) >> [&] { waiting = false; });
}

}  // namespace

service::service(caf::actor_system& sys, service_options opts)
    : core_(std::make_unique<service_core>(sys, std::move(opts))) {}

service::~service() {
  shutdown();
}

result<std::unique_ptr<service>> service::start(caf::actor_system& sys, service_options opts,
                                                std::unique_ptr<storage::store> db,
                                                snapshot_ptr catalog) {
  std::unique_ptr<service> s(new service(sys, opts));
  service_core& c = *s->core_;
  c.view = std::make_shared<catalog_view>(catalog);
  // A shared slate holds for this instance only if computed on the same catalog, with or without
  // the content model like here (tiered_slate_cache).
  c.cache = std::make_shared<tiered_slate_cache>(
      std::make_shared<slate_cache>(opts.cache_capacity, opts.cache_ttl), [view = c.view] {
        const std::uint64_t v = view->get()->version();
        auto content = view->content();
        return (v << 1) | ((content->model && content->catalog_version == v) ? 1u : 0u);
      });
  auto stats = service_metrics::create(c.registry, c.cache, meters_of(sys));
  if (!stats) return stats.err();
  c.stats = *stats;
  c.board->set_observer([stats = c.stats](const net::job_info& before, const net::job_info& after) {
    stats->record_sync(before, after);
  });

  // Load every profile's state before the store moves to its own actor.
  auto households = load_households(*db);
  if (!households) return households.err();
  auto dir = std::make_shared<recs::actors::directory>();
  std::vector<profile_state> states;
  for (auto& hs : *households) {
    dir->households.emplace(hs.home.id, hs.home);
    auto& ps = dir->profiles[hs.home.id];
    for (auto& st : hs.states) {
      ps.push_back(st.who);
      c.cache->invalidate(st.who.id, fingerprint(st));
      states.push_back(std::move(st));
    }
  }

  c.store = spawn_store_actor(sys, std::move(db), opts.store_pool_size);
  c.cache_ref = spawn_cache_actor(sys, c.cache);
  c.pool = spawn_scoring_pool(sys, catalog, opts.scorers,
                              pool_deps{c.store, c.cache_ref, opts.training,
                                        [view = c.view](content_model_ptr m, std::uint64_t v) {
                                          view->set_content(std::move(m), v);
                                        },
                                        [feed = c.feed] {
                                          feed->emit({net::change_event::kind::model, 0, {}, {}});
                                        },
                                        [stats = c.stats](const char* model, double ms) {
                                          stats->train_ms->with({model}).observe(ms);
                                        }});
  c.catalog = spawn_catalog_actor(
      sys, c.view, c.pool, c.cache_ref,
      [feed = c.feed, accounts = s->accounts_core_.get()](const availability_notes& notes) {
        feed->emit({net::change_event::kind::availability, 0, {}, notes.items});
        accounts->watch_alerts(notes.changes);
      });
  c.season_news = [accounts = s->accounts_core_.get()](std::vector<season_news> news) {
    accounts->watch_alerts({}, std::move(news));
  };
  c.gateway = sys.spawn(gateway_impl);
  const profile_deps deps{c.store, c.pool, c.cache_ref, opts.timeout};
  for (auto& st : states) {
    const auto id = st.who.id;
    dir->actors.emplace(id, spawn_profile_actor(sys, std::move(st), deps));
  }
  c.dir->set(std::move(dir));
  return s;
}

status service::start_accounts(account_options opts, std::unique_ptr<storage::store> db) {
  accounts_core& a = *accounts_core_;
  if (a.desk) return error{errc::invalid_argument, "start_accounts: already started"};
  a.cache = std::make_shared<credential_cache>(opts.cache_ttl, opts.cache_capacity);
  a.throttle = std::make_shared<accounts::signin_throttle>(opts.throttle);
  a.passwords = std::make_shared<const accounts::password_hasher>(opts.cost);
  a.opts = std::move(opts);
  a.hasher = spawn_hash_worker(core_->sys);
  a.desk = spawn_account_desk(core_->sys, std::move(db),
                              desk_options{std::chrono::hours(1), a.opts.session_idle});
  if (a.opts.push.reach != push_reach::off) {
    auto pusher = spawn_household_push(core_->sys, a.opts.push, core_->registry);
    if (!pusher) return pusher.err();
    a.pusher = std::move(*pusher);
  }
  return ok_status();
}

void service::shutdown() {
  // Sync jobs may be waiting out a backoff: their pause ends such waits at once.
  sync_.stop();
  // Their jobs use accounts_core and service_core: wait for a running one to end.
  stop_and_wait(core_->sys,
                {caf::actor_cast<caf::actor>(accounts_core_->desk),
                 caf::actor_cast<caf::actor>(accounts_core_->hasher)},
                std::chrono::seconds(10));
  accounts_core_->desk = nullptr;
  accounts_core_->hasher = nullptr;
  // Pushes still queued are not sent (the alerts are in the inbox); one in progress ends soon.
  if (auto& p = accounts_core_->pusher) {
    p.cancel();
    caf::anon_send_exit(p.actor, caf::exit_reason::user_shutdown);
    p.actor = nullptr;
  }
  // The subscriber first: no callback may send to the actors below once they are gone.
  if (cluster_) cluster_->stop();
  service_core& c = *core_;
  for (auto& [id, a] : c.dir->get()->actors)
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  for (const caf::actor& a :
       {caf::actor_cast<caf::actor>(c.gateway), caf::actor_cast<caf::actor>(c.catalog),
        caf::actor_cast<caf::actor>(c.pool), caf::actor_cast<caf::actor>(c.cache_ref),
        caf::actor_cast<caf::actor>(c.store)}) {
    if (a) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }
  c.gateway = nullptr;
  c.catalog = nullptr;
  c.pool = nullptr;
  c.cache_ref = nullptr;
  c.store = nullptr;
}

void service::publish_catalog(snapshot_ptr next, net::callback<unit> cb) {
  core_->run(request_job<bool>(
      core_->opts.timeout, std::move(cb), [](bool) { return unit{}; }, core_->catalog,
      publish_atom::value, std::move(next)));
}

}  // namespace recs::actors
