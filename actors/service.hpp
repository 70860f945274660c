#pragma once

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "actors/cache_actor.hpp"
#include "actors/catalog_actor.hpp"
#include "actors/catalog_view.hpp"
#include "actors/change_feed.hpp"
#include "actors/command_log.hpp"
#include "actors/offers_strategy.hpp"
#include "actors/profile_actor.hpp"
#include "actors/scoring_pool.hpp"
#include "actors/serializd_strategy.hpp"
#include "actors/service_metrics.hpp"
#include "actors/slate_cache.hpp"
#include "actors/store_actor.hpp"
#include "actors/sync_board.hpp"
#include "actors/sync_job.hpp"
#include "actors/sync_reader.hpp"
#include "actors/tiered_slate_cache.hpp"
#include "actors/tvmaze_strategy.hpp"
#include "metrics/metrics.hpp"
#include "net/admin_port.hpp"
#include "net/catalog_port.hpp"
#include "net/change_event.hpp"
#include "net/family_port.hpp"
#include "net/identity_port.hpp"
#include "net/slates_port.hpp"
#include "net/sync_port.hpp"
#include "net/taste_port.hpp"
#include "redis/redis_options.hpp"
#include "redis/redis_url.hpp"
#include "storage/store.hpp"

namespace recs::actors {

/// How the actor system is sized and timed.
struct service_options {
  int scorers = 2;
  std::chrono::milliseconds timeout{2000};
  std::size_t cache_capacity = 4096;
  std::chrono::seconds cache_ttl{60};
  /// DB_POOL_SIZE: store connections when the backend pools (PostgreSQL); SQLite uses one.
  std::size_t store_pool_size = default_store_pool_size;
  trainer_options training;
  family_options family;
  int offers_stale_days = 14;  ///< OFFERS_STALE_DAYS: for each slate's stale ratio (metrics)
};

/// How an instance joins the others through Redis (REDIS_URL): docs/architecture.md, "Scale-out".
struct cluster_options {
  redis::redis_url url;
  /// Unique per process (make_instance_id()): an instance ignores the events it published.
  std::string instance_id;
  std::string channel = "recs:events";
  std::string key_prefix = "recs:slate:";
  /// The subscriber and the Redis I/O actor (their own threads).
  redis::redis_options redis;
  /// The shared cache's GETs, which run on the HTTP thread that missed the in-process cache.
  redis::redis_options reads = short_reads();
  std::size_t read_connections = 4;
  /// Where mode changes are reported ("redis: unavailable (...); slate cache: local").
  std::function<void(const std::string&)> log;

  static redis::redis_options short_reads() {
    redis::redis_options o;
    o.connect_timeout = std::chrono::milliseconds(50);
    o.command_timeout = std::chrono::milliseconds(50);
    return o;
  }
};

/// "<host>-<pid>-<random hex>".
std::string make_instance_id();

/// The running actor system behind the HTTP front: spawns the store, catalog, cache, scoring
/// pool, one profile actor per profile, and a gateway that turns backend calls into actor
/// requests with timeouts. Implements the HTTP front's ports.
class service final : public net::identity_port,
                      public net::catalog_port,
                      public net::taste_port,
                      public net::slates_port,
                      public net::family_port,
                      public net::sync_port,
                      public net::admin_port,
                      public net::audit_port,
                      public net::metrics_port,
                      public net::change_source {
 public:
  /// Loads every household and profile state from `db`, then hands `db` to the store actor.
  static result<std::unique_ptr<service>> start(caf::actor_system& sys, service_options opts,
                                                std::unique_ptr<storage::store> db,
                                                snapshot_ptr catalog);
  ~service() override;

  /// Stops every actor this service spawned (and the Redis subscriber).
  void shutdown();

  /// Shares the slate cache and member changes with the other instances on the same Redis and
  /// database: starts the subscriber, the Redis I/O actor, the cluster actor and a state loader
  /// over `reader` (a second connection to the same database). Call once, before serving. Redis
  /// need not be up: until it is, and whenever it goes away, the in-process cache serves alone.
  /// invalid_argument for options the Redis layer refuses.
  status join_cluster(cluster_options opts, std::unique_ptr<storage::store> reader);
  /// "redis", "local (redis unavailable)" or "local" (no REDIS_URL).
  std::string cache_backend() const override { return cache_->backend(); }

  snapshot_ptr catalog() const override { return view_->get(); }
  content_model_ptr content_for(const catalog_snapshot& catalog) const override;
  void slate(const net::slate_query& q, net::callback<net::slate_body> cb) override;
  void recompute(const net::slate_query& q, net::callback<net::slate_body> cb) override;

  std::optional<household> household_by_email(const std::string& email) const override;
  std::vector<profile> profiles(std::int64_t household_id) const override;
  void set_services(std::int64_t household_id, std::vector<std::string> services,
                    net::callback<household> cb) override;

  /// One profile's slate, computed (not cached).
  void recommend(std::int64_t profile_id, slate_request req, net::callback<slate_ptr> cb);
  /// A Family Mix for the profiles present (all of `household_id`), computed (not cached).
  void recommend_family(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                        slate_request req, net::callback<family_slate_ptr> cb);
  void family_watched(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                      std::string show_id, net::callback<family_watch> cb) override;
  void family_watches(std::int64_t household_id,
                      net::callback<std::vector<family_watch>> cb) override;
  void put_rating(rating r, net::callback<rating> cb) override;
  void delete_rating(std::int64_t profile_id, std::string show_id, net::callback<unit> cb) override;
  void ratings(std::int64_t profile_id, net::callback<std::vector<rating>> cb) override;
  void put_tag(std::int64_t profile_id, tag_pref t, net::callback<tag_pref> cb) override;
  void delete_tag(std::int64_t profile_id, std::string tag, net::callback<unit> cb) override;
  void tags(std::int64_t profile_id, net::callback<std::vector<tag_pref>> cb) override;
  void put_note(std::int64_t profile_id, note n, net::callback<note> cb) override;
  void notes(std::int64_t profile_id, net::callback<std::vector<note>> cb) override;
  void actors(net::callback<std::vector<net::actor_info>> cb) override;
  void on_change(std::function<void(const net::change_event&)> listener) override;

  /// The slate cache (the in-process level and the shared tier), as the slates port uses it.
  tiered_slate_cache& slate_caches() const { return *cache_; }

  /// Starts the sync jobs (docs/architecture.md, "Sync"): the JustWatch offers sync over `db` and
  /// the reader of plans and freshness over `reader`, store connections of their own. Call once,
  /// before serving.
  status start_sync(offers_sync_options opts, std::unique_ptr<storage::store> db,
                    std::unique_ptr<storage::store> reader);
  /// The Serializd ratings import over `db` (a store connection of its own); its ratings are
  /// applied through the profile actors, so open pages update.
  status start_serializd(serializd_sync_options opts, std::unique_ptr<storage::store> db);
  /// The TVmaze metadata sync over `db` (a store connection of its own).
  status start_tvmaze_sync(tvmaze_sync_options opts, std::unique_ptr<storage::store> db);
  result<net::job_info> start_serializd_import(std::int64_t profile_id) override;
  std::vector<net::job_info> sync_jobs() const override;
  void refresh_plan(net::callback<net::refresh_plan_view> cb) override;
  result<net::job_info> start_job(const std::string& job) override;
  result<net::job_info> control_sync(const std::string& source,
                                     const std::string& command) override;
  void freshness(net::callback<net::freshness_view> cb) override;
  void resize_scorers(int scorers, net::callback<int> cb) override;
  void flush_caches(net::callback<std::uint64_t> cb) override;
  void retrain(net::callback<unit> cb) override;
  void record_admin_command(net::admin_command c) override;
  std::vector<net::admin_command> admin_commands() const override;
  std::string metrics_text() const override { return metrics_->render(); }
  /// The service's metrics (GET /metrics); other parts of the process add their families.
  const std::shared_ptr<metrics::registry>& metrics() const { return metrics_; }

  /// Publishes a new catalog snapshot (a sync result): the view, the scorers and the caches
  /// move to it, and open live slates are recomputed (reason "availability").
  void publish_catalog(snapshot_ptr next, net::callback<unit> cb);

 private:
  /// Computes the slate of `q` and caches it unless it explains.
  void compute(const net::slate_query& q, net::callback<net::slate_body> cb);

  /// Households, profiles and profile actors; immutable, swapped atomically on change.
  struct directory {
    std::map<std::string, household> by_email;  // lower-case email
    std::map<std::int64_t, std::vector<profile>> profiles;
    std::map<std::int64_t, profile_actor> actors;
  };

  service(caf::actor_system& sys, service_options opts);

  /// The current directory and its writers' lock; shared with the cluster actor's callbacks, which
  /// may run a message after this object is gone.
  struct directory_box {
    std::shared_ptr<const directory> current;  // atomic_load / atomic_store
    std::mutex write_mu;
    std::shared_ptr<const directory> get() const { return std::atomic_load(&current); }
    std::optional<profile_actor> actor_of(std::int64_t profile_id) const;
    /// The profile ids of a household.
    std::vector<std::int64_t> members_of(std::int64_t household_id) const;
    /// Replaces a household (its services changed).
    void update_household(const household& h);
  };

  std::shared_ptr<const directory> dir() const { return dir_->get(); }
  /// Runs `job` on the gateway actor.
  void run(gateway_job job);
  /// The profile's actor, or completes `cb` with not_found.
  template <class T>
  std::optional<profile_actor> actor_for(std::int64_t profile_id, net::callback<T>& cb) const;
  template <class T, class... Ts>
  void ask_profile(std::int64_t profile_id, net::callback<T> cb, Ts... xs);
  /// Collects the current states of `profile_ids` and the household's watch history into a
  /// family request (on the gateway), then calls `next` there; any failure completes `fail`.
  void with_family(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                   slate_request req,
                   std::function<void(caf::event_based_actor*, family_request)> next,
                   std::function<void(error)> fail);

  /// Completes `cb`, then, on success, emits a change event for the profile.
  template <class T>
  net::callback<T> notify_after(net::callback<T> cb, net::change_event::kind what,
                                std::int64_t profile_id);
  std::int64_t household_of(std::int64_t profile_id) const;

  caf::actor_system& sys_;
  std::shared_ptr<change_feed> feed_ = std::make_shared<change_feed>();
  service_options opts_;
  std::shared_ptr<catalog_view> view_;
  std::shared_ptr<tiered_slate_cache> cache_;
  std::shared_ptr<directory_box> dir_ = std::make_shared<directory_box>();
  struct cluster_parts;
  std::unique_ptr<cluster_parts> cluster_;
  caf::actor gateway_;
  store_actor store_;
  cache_actor cache_actor_;
  scoring_pool_actor pool_;
  catalog_actor catalog_;
  std::shared_ptr<sync_board> sync_board_ = std::make_shared<sync_board>();
  std::shared_ptr<metrics::registry> metrics_ = std::make_shared<metrics::registry>();
  std::shared_ptr<command_log> commands_ = std::make_shared<command_log>();
  std::shared_ptr<service_metrics> stats_;  // its families (e.g. recs_stale_ratio per slate)
  std::map<std::string, sync_job_actor> sync_jobs_;  // one per source
  sync_reader_actor sync_reader_;
};

}  // namespace recs::actors
