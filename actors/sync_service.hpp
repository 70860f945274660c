#pragma once

#include <map>
#include <memory>
#include <string>

#include "actors/offers_strategy.hpp"
#include "actors/serializd_strategy.hpp"
#include "actors/service_core.hpp"
#include "actors/sync_job.hpp"
#include "actors/sync_reader.hpp"
#include "actors/tvmaze_strategy.hpp"
#include "net/sync_port.hpp"

namespace recs::actors {

/// The sync port, and the sync jobs behind it (docs/architecture.md, "Sync"): one sync-job
/// actor per source, each over a store connection of its own, showing its state on the board.
/// Each start_* is called once, before serving.
class sync_service final : public net::sync_port {
 public:
  explicit sync_service(const service_core& core) : core_(core) {}
  ~sync_service() override { stop(); }

  /// The JustWatch offers sync over `db` and the reader of plans and freshness over `reader`.
  status start_offers(offers_sync_options opts, std::unique_ptr<storage::store> db,
                      std::unique_ptr<storage::store> reader);
  /// The TVmaze metadata sync over `db`.
  status start_tvmaze(tvmaze_sync_options opts, std::unique_ptr<storage::store> db);
  /// The Serializd ratings import over `db`; its ratings are applied through the profile
  /// actors, so caches drop and open pages update.
  status start_serializd(serializd_sync_options opts, std::unique_ptr<storage::store> db);
  /// Pauses every job (a pause also ends a backoff wait at once) and stops the actors.
  void stop();

  std::vector<net::job_info> sync_jobs() const override { return core_.board->all(); }
  void refresh_plan(net::callback<net::refresh_plan_view> cb) override;
  result<net::job_info> start_job(const std::string& job) override;
  result<net::job_info> start_serializd_import(std::int64_t profile_id) override;
  result<net::job_info> control_sync(const std::string& source, net::sync_command command) override;
  void freshness(net::callback<net::freshness_view> cb) override;

 private:
  /// Spawns the strategy's job, unless its source has one (`already`).
  status add_job(const sync_job_options& opts, std::unique_ptr<sync_strategy> strategy,
                 std::unique_ptr<storage::store> db, const char* already);

  const service_core& core_;
  std::map<std::string, sync_job_actor> jobs_;  // by source
  sync_reader_actor reader_;
};

}  // namespace recs::actors
