#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "actors/redis_io_actor.hpp"
#include "actors/redis_link.hpp"
#include "actors/tiered_slate_cache.hpp"
#include "redis/redis_client.hpp"

namespace recs::actors {

struct redis_tier_options {
  redis::redis_url url;
  /// For the GETs, which run on the caller's (HTTP) thread: keep them short. A Redis on the
  /// same host or LAN answers a GET of a slate in well under a millisecond.
  redis::redis_options redis;
  std::string key_prefix = "recs:slate:";
  /// Connections for concurrent GETs; a GET that finds them all busy is a miss, not a wait.
  std::size_t connections = 4;
};

/// The shared slate tier over Redis. get() is a blocking GET on the calling thread, bounded by
/// the options' timeouts and only tried while the link is on; a failure switches the link off at
/// once (every later call is a miss without I/O until the cluster actor finds Redis healthy).
/// put() hands the SET to the Redis I/O actor and returns.
class redis_slate_tier final : public slate_tier {
 public:
  redis_slate_tier(redis_tier_options opts, std::shared_ptr<redis_link> link, redis_io_actor io);

  std::optional<std::string> get(const std::string& key) override;
  void put(const std::string& key, std::string value) override;
  bool active() const override { return link_->active(); }
  std::string name() const override { return "redis"; }

 private:
  struct slot {
    std::mutex mu;
    std::optional<redis::redis_client> client;
    std::uint64_t epoch = 0;
  };

  redis_tier_options opts_;
  std::shared_ptr<redis_link> link_;
  redis_io_actor io_;
  std::vector<std::unique_ptr<slot>> slots_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace recs::actors
