#include "redis/redis_options.hpp"

#include <string>

namespace recs::redis {

status validate(const redis_options& o) {
  auto bad = [](const std::string& why) { return error{errc::invalid_argument, "redis: " + why}; };
  using std::chrono::milliseconds;
  if (o.connect_timeout <= milliseconds::zero()) return bad("connect_timeout must be positive");
  if (o.command_timeout <= milliseconds::zero()) return bad("command_timeout must be positive");
  if (o.heartbeat_interval <= milliseconds::zero()) {
    return bad("heartbeat_interval must be positive");
  }
  if (o.backoff.initial <= milliseconds::zero()) return bad("backoff.initial must be positive");
  if (o.backoff.max < o.backoff.initial) return bad("backoff.max must be >= backoff.initial");
  if (!(o.backoff.jitter >= 0.0 && o.backoff.jitter <= 1.0)) {
    return bad("backoff.jitter must be in [0, 1]");
  }
  return ok_status();
}

}  // namespace recs::redis
