#include "actors/service.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include <algorithm>

#include "actors/metered.hpp"
#include "actors/service_cluster.hpp"
#include "actors/state_fingerprint.hpp"
#include "actors/state_loader.hpp"
#include "recsys/stale_ratio.hpp"
#include "recsys/text.hpp"

namespace recs::actors {

namespace {

struct gateway_state {
  static inline const char* name = "gateway";
};

caf::behavior gateway_impl(metered_actor<gateway_state, caf::event_based_actor>* self) {
  return {[=](run_atom, const gateway_job& job) { job(self); }};
}

/// Completes `cb` with the reply of `dest`, mapped through `map` (identity by default).
template <class Reply, class T, class Map, class Handle, class... Ts>
gateway_job request_job(std::chrono::milliseconds timeout, net::callback<T> cb, Map map,
                        Handle dest, Ts... xs) {
  return [=](caf::event_based_actor* self) {
    self->request(dest, timeout, xs...)
        .then([cb, map](Reply r) { cb(map(std::move(r))); },
              [cb](caf::error& e) { cb(from_caf(e)); });
  };
}

/// The state lines, with every metered actor kind's counts; kinds without a line are "running".
std::vector<net::actor_info> with_meters(std::vector<net::actor_info> rows, actor_meters* meters) {
  if (meters == nullptr) return rows;
  for (const auto& t : meters->totals()) {
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const net::actor_info& a) { return a.name == t.name; });
    if (it == rows.end()) it = rows.insert(rows.end(), net::actor_info{t.name, "running"});
    it->instances = t.instances;
    it->mailbox = t.mailbox;
    it->processed = t.processed;
  }
  return rows;
}

template <class T>
T same(T x) {
  return x;
}

}  // namespace

service::service(caf::actor_system& sys, service_options opts) : sys_(sys), opts_(opts) {}

service::~service() {
  shutdown();
}

result<std::unique_ptr<service>> service::start(caf::actor_system& sys, service_options opts,
                                                std::unique_ptr<storage::store> db,
                                                snapshot_ptr catalog) {
  std::unique_ptr<service> s(new service(sys, opts));
  s->view_ = std::make_shared<catalog_view>(catalog);
  // A shared slate holds for this instance only if computed on the same catalog, with or without
  // the content model like here (tiered_slate_cache).
  s->cache_ = std::make_shared<tiered_slate_cache>(
      std::make_shared<slate_cache>(opts.cache_capacity, opts.cache_ttl), [view = s->view_] {
        const std::uint64_t v = view->get()->version();
        auto c = view->content();
        return (v << 1) | ((c->model && c->catalog_version == v) ? 1u : 0u);
      });
  auto stats = service_metrics::create(s->metrics_, s->cache_, meters_of(sys));
  if (!stats) return stats.err();
  s->stats_ = *stats;
  s->sync_board_->set_observer(
      [stats = s->stats_](const net::job_info& before, const net::job_info& after) {
        stats->record_sync(before, after);
      });

  // Load every profile's state before the store moves to its own actor.
  auto households = load_households(*db);
  if (!households) return households.err();
  auto dir = std::make_shared<directory>();
  std::vector<profile_state> states;
  for (auto& hs : *households) {
    dir->by_email.emplace(to_lower(hs.home.owner_email), hs.home);
    auto& ps = dir->profiles[hs.home.id];
    for (auto& st : hs.states) {
      ps.push_back(st.who);
      s->cache_->invalidate(st.who.id, fingerprint(st));
      states.push_back(std::move(st));
    }
  }

  s->store_ = spawn_store_actor(sys, std::move(db), opts.store_pool_size);
  s->cache_actor_ = spawn_cache_actor(sys, s->cache_);
  s->pool_ = spawn_scoring_pool(sys, catalog, opts.scorers,
                                pool_deps{s->store_, s->cache_actor_, opts.training,
                                          [view = s->view_](content_model_ptr m, std::uint64_t v) {
                                            view->set_content(std::move(m), v);
                                          },
                                          [feed = s->feed_] {
                                            feed->emit({net::change_event::kind::model, 0, {}, {}});
                                          },
                                          [stats = s->stats_](const char* model, double ms) {
                                            stats->train_ms->with({model}).observe(ms);
                                          }});
  s->catalog_ = spawn_catalog_actor(
      sys, s->view_, s->pool_, s->cache_actor_, [feed = s->feed_](const availability_notes& notes) {
        net::change_event e{net::change_event::kind::availability, 0, {}, notes.items};
        feed->emit(e);
      });
  s->gateway_ = sys.spawn(gateway_impl);
  const profile_deps deps{s->store_, s->pool_, s->cache_actor_, opts.timeout};
  for (auto& st : states) {
    const auto id = st.who.id;
    dir->actors.emplace(id, spawn_profile_actor(sys, std::move(st), deps));
  }
  s->dir_->current = std::move(dir);
  return s;
}

void service::shutdown() {
  // Sync actors may be waiting out a backoff: a pause request ends such waits at once.
  for (const auto& j : sync_board_->all()) sync_board_->request_pause(j.source, true);
  // The subscriber first: no callback may send to the actors below once they are gone.
  if (cluster_) cluster_->stop();
  auto d = dir();
  if (d) {
    for (auto& [id, a] : d->actors) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }
  for (const caf::actor& a :
       {caf::actor_cast<caf::actor>(gateway_), caf::actor_cast<caf::actor>(catalog_),
        caf::actor_cast<caf::actor>(pool_), caf::actor_cast<caf::actor>(cache_actor_),
        caf::actor_cast<caf::actor>(store_), caf::actor_cast<caf::actor>(sync_reader_)}) {
    if (a) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }
  for (auto& [source, job] : sync_jobs_) caf::anon_send_exit(job, caf::exit_reason::user_shutdown);
  gateway_ = nullptr;
  catalog_ = nullptr;
  pool_ = nullptr;
  cache_actor_ = nullptr;
  store_ = nullptr;
  sync_reader_ = nullptr;
  sync_jobs_.clear();
}

void service::run(gateway_job job) {
  caf::anon_send(gateway_, run_atom::value, std::move(job));
}

content_model_ptr service::content_for(const catalog_snapshot& catalog) const {
  auto c = view_->content();
  if (!c->model || c->catalog_version != catalog.version()) return nullptr;
  return c->model;
}

std::optional<household> service::household_by_email(const std::string& email) const {
  auto d = dir();
  auto it = d->by_email.find(to_lower(email));
  if (it == d->by_email.end()) return std::nullopt;
  return it->second;
}

std::vector<profile> service::profiles(std::int64_t household_id) const {
  auto d = dir();
  auto it = d->profiles.find(household_id);
  return it == d->profiles.end() ? std::vector<profile>{} : it->second;
}

template <class T>
std::optional<profile_actor> service::actor_for(std::int64_t profile_id,
                                                net::callback<T>& cb) const {
  auto a = dir_->actor_of(profile_id);
  if (!a) cb(error{errc::not_found, "no profile " + std::to_string(profile_id)});
  return a;
}

template <class T, class... Ts>
void service::ask_profile(std::int64_t profile_id, net::callback<T> cb, Ts... xs) {
  if (auto a = actor_for(profile_id, cb))
    run(request_job<T>(opts_.timeout, cb, same<T>, *a, xs...));
}

void service::set_services(std::int64_t household_id, std::vector<std::string> services,
                           net::callback<household> cb) {
  cb = [feed = feed_, cb = std::move(cb), household_id](result<household> r) {
    const bool ok = r.ok();
    cb(std::move(r));
    if (ok) feed->emit({net::change_event::kind::settings, household_id, {}, {}});
  };
  // Persist first, then update the directory and tell the household's profile actors.
  auto timeout = opts_.timeout;
  auto store = store_;
  run([this, timeout, store, household_id, services, cb](caf::event_based_actor* self) {
    self->request(store, timeout, services_atom::value, household_id, services)
        .then(
            [this, self, timeout, cb](household h) {
              dir_->update_household(h);
              auto d = dir();
              std::vector<profile_actor> targets;
              for (auto pid : dir_->members_of(h.id)) targets.push_back(d->actors.at(pid));
              auto pending = std::make_shared<std::size_t>(targets.size());
              if (targets.empty()) return cb(h);
              for (auto& a : targets) {
                self->request(a, timeout, services_atom::value, h.services)
                    .then(
                        [cb, h, pending](bool) {
                          if (--*pending == 0) cb(h);
                        },
                        [cb, pending](caf::error& e) {
                          if (*pending == 0) return;
                          *pending = 0;
                          cb(from_caf(e));
                        });
              }
            },
            [cb](caf::error& e) { cb(from_caf(e)); });
  });
}

void service::recommend(std::int64_t profile_id, slate_request req, net::callback<slate_ptr> cb) {
  // Every computed slate's stale ratio goes to recs_stale_ratio (cached answers are not
  // recomputed, so they are not counted again).
  cb = [cb = std::move(cb), stats = stats_, days = opts_.offers_stale_days](result<slate_ptr> r) {
    if (r && *r) {
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
      stats->stale_ratio->with().observe(stale_ratio(**r, now, days));
    }
    cb(std::move(r));
  };
  ask_profile(profile_id, std::move(cb), recommend_atom::value, std::move(req));
}

void service::on_change(std::function<void(const net::change_event&)> listener) {
  feed_->set(std::move(listener));
}

std::int64_t service::household_of(std::int64_t profile_id) const {
  auto d = dir();
  for (const auto& [hh, ps] : d->profiles)
    for (const auto& p : ps)
      if (p.id == profile_id) return hh;
  return 0;
}

std::optional<profile_actor> service::directory_box::actor_of(std::int64_t profile_id) const {
  auto d = get();
  auto it = d->actors.find(profile_id);
  if (it == d->actors.end()) return std::nullopt;
  return it->second;
}

std::vector<std::int64_t> service::directory_box::members_of(std::int64_t household_id) const {
  std::vector<std::int64_t> out;
  auto d = get();
  if (auto it = d->profiles.find(household_id); it != d->profiles.end())
    for (const auto& p : it->second) out.push_back(p.id);
  return out;
}

void service::directory_box::update_household(const household& h) {
  std::lock_guard<std::mutex> lock(write_mu);
  auto next = std::make_shared<directory>(*get());
  next->by_email[to_lower(h.owner_email)] = h;
  std::atomic_store(&current, std::shared_ptr<const directory>(std::move(next)));
}

template <class T>
net::callback<T> service::notify_after(net::callback<T> cb, net::change_event::kind what,
                                       std::int64_t profile_id) {
  return [feed = feed_, cb = std::move(cb), what, profile_id,
          household = household_of(profile_id)](result<T> r) {
    const bool ok = r.ok();
    cb(std::move(r));
    if (ok) feed->emit({what, household, {profile_id}, {}});
  };
}

void service::put_rating(rating r, net::callback<rating> cb) {
  const auto pid = r.profile_id;
  ask_profile(pid, notify_after(std::move(cb), net::change_event::kind::rating, pid),
              rate_atom::value, std::move(r));
}

void service::delete_rating(std::int64_t profile_id, std::string show_id, net::callback<unit> cb) {
  cb = notify_after(std::move(cb), net::change_event::kind::rating, profile_id);
  if (auto a = actor_for(profile_id, cb))
    run(request_job<bool>(
        opts_.timeout, cb, [](bool) { return unit{}; }, *a, unrate_atom::value,
        std::move(show_id)));
}

void service::ratings(std::int64_t profile_id, net::callback<std::vector<rating>> cb) {
  if (auto a = actor_for(profile_id, cb))
    run(request_job<profile_state>(
        opts_.timeout, cb, [](profile_state st) { return std::move(st.ratings); }, *a,
        state_atom::value));
}

void service::put_tag(std::int64_t profile_id, tag_pref t, net::callback<tag_pref> cb) {
  ask_profile(profile_id, notify_after(std::move(cb), net::change_event::kind::tag, profile_id),
              tag_atom::value, std::move(t));
}

void service::delete_tag(std::int64_t profile_id, std::string tag, net::callback<unit> cb) {
  cb = notify_after(std::move(cb), net::change_event::kind::tag, profile_id);
  if (auto a = actor_for(profile_id, cb))
    run(request_job<bool>(
        opts_.timeout, cb, [](bool) { return unit{}; }, *a, untag_atom::value, std::move(tag)));
}

void service::tags(std::int64_t profile_id, net::callback<std::vector<tag_pref>> cb) {
  if (auto a = actor_for(profile_id, cb))
    run(request_job<profile_state>(
        opts_.timeout, cb, [](profile_state st) { return std::move(st.tags); }, *a,
        state_atom::value));
}

void service::put_note(std::int64_t profile_id, note n, net::callback<note> cb) {
  ask_profile(profile_id, notify_after(std::move(cb), net::change_event::kind::note, profile_id),
              note_atom::value, std::move(n));
}

void service::notes(std::int64_t profile_id, net::callback<std::vector<note>> cb) {
  if (auto a = actor_for(profile_id, cb))
    run(request_job<profile_state>(
        opts_.timeout, cb, [](profile_state st) { return std::move(st.notes); }, *a,
        state_atom::value));
}

void service::actors(net::callback<std::vector<net::actor_info>> cb) {
  const std::string profile_line = std::to_string(dir()->actors.size()) + " profile actors running";
  const std::string cache_line = "running, " + cache_->backend() + ", " +
                                 std::to_string(cache_->local()->hits()) + " local hits, " +
                                 std::to_string(cache_->shared_hits()) + " shared hits";
  run(request_job<std::vector<net::actor_info>>(
      opts_.timeout, cb,
      [profile_line, cache_line, meters = meters_of(sys_)](std::vector<net::actor_info> pool) {
        std::vector<net::actor_info> out = {{"store", "running (detached)"},
                                            {"catalog", "running"},
                                            {"cache", cache_line},
                                            {"gateway", "running"}};
        out.insert(out.end(), pool.begin(), pool.end());
        out.emplace_back("profile", profile_line);
        return with_meters(std::move(out), meters.get());
      },
      pool_, info_atom::value));
}

void service::publish_catalog(snapshot_ptr next, net::callback<unit> cb) {
  run(request_job<bool>(
      opts_.timeout, cb, [](bool) { return unit{}; }, catalog_, publish_atom::value,
      std::move(next)));
}

}  // namespace recs::actors
