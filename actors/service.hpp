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

#include "actors/account_service.hpp"
#include "actors/accounts_core.hpp"
#include "actors/admin_service.hpp"
#include "actors/directory_service.hpp"
#include "actors/family_service.hpp"
#include "actors/household_service.hpp"
#include "actors/lists_service.hpp"
#include "actors/service_core.hpp"
#include "actors/slate_service.hpp"
#include "actors/sync_service.hpp"
#include "actors/taste_service.hpp"
#include "redis/redis_options.hpp"
#include "redis/redis_url.hpp"
#include "storage/store.hpp"

namespace recs::actors {

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
/// pool, one profile actor per profile and a gateway (service_core), and the small objects that
/// implement the HTTP front's ports over them; it hands those out and stops everything.
class service final {
 public:
  /// Loads every household and profile state from `db`, then hands `db` to the store actor.
  static result<std::unique_ptr<service>> start(caf::actor_system& sys, service_options opts,
                                                std::unique_ptr<storage::store> db,
                                                snapshot_ptr catalog);
  ~service();
  service(const service&) = delete;
  service& operator=(const service&) = delete;

  /// Stops every actor this service spawned (and the Redis subscriber).
  void shutdown();

  /// Starts the accounts: the account desk over `db` (a connection of its own to the same
  /// database) and the password worker. Call once, before serving; until then sign-in and
  /// every credential answer unavailable.
  status start_accounts(account_options opts, std::unique_ptr<storage::store> db);

  /// Shares the slate cache and member changes with the other instances on the same Redis and
  /// database: starts the subscriber, the Redis I/O actor, the cluster actor and a state loader
  /// over `reader` (a second connection to the same database). Call once, before serving. Redis
  /// need not be up: until it is, and whenever it goes away, the in-process cache serves alone.
  /// invalid_argument for options the Redis layer refuses.
  status join_cluster(cluster_options opts, std::unique_ptr<storage::store> reader);

  // -- the ports ----------------------------------------------------------------------------
  directory_service& directory() { return directory_; }
  account_service& accounts() { return accounts_; }
  household_service& households() { return households_; }
  catalog_service& catalog() { return catalog_; }
  taste_service& taste() { return taste_; }
  lists_service& lists() { return lists_; }
  slate_service& slates() { return slates_; }
  family_service& family() { return family_; }
  /// Also starts the sync jobs (sync_service::start_*).
  sync_service& sync() { return sync_; }
  /// The admin, audit and metrics ports.
  admin_service& admin() { return admin_; }
  net::change_source& changes() { return *core_->feed; }

  /// The slate cache (the in-process level and the shared tier), as the slates port uses it.
  tiered_slate_cache& slate_caches() const { return *core_->cache; }
  /// The service's metrics (GET /metrics); other parts of the process add their families.
  const std::shared_ptr<metrics::registry>& metrics() const { return core_->registry; }

  /// Publishes a new catalog snapshot (a sync result): the view, the scorers and the caches
  /// move to it, and open live slates are recomputed (reason "availability").
  void publish_catalog(snapshot_ptr next, net::callback<unit> cb);

 private:
  service(caf::actor_system& sys, service_options opts);

  std::unique_ptr<service_core> core_;  // first: the port objects keep a reference
  std::unique_ptr<accounts_core> accounts_core_ = std::make_unique<accounts_core>(*core_);
  directory_service directory_{*core_, *accounts_core_};
  account_service accounts_{*accounts_core_};
  household_service households_{*accounts_core_};
  catalog_service catalog_{*core_};
  taste_service taste_{*core_};
  lists_service lists_{*core_, *accounts_core_};
  slate_service slates_{*core_};
  family_service family_{*core_};
  admin_service admin_{*core_};
  sync_service sync_{*core_};
  struct cluster_parts;
  std::unique_ptr<cluster_parts> cluster_;
};

}  // namespace recs::actors
