#include "actors/redis_io_actor.hpp"
#include "actors/metered.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <optional>

#include "redis/redis_client.hpp"

namespace recs::actors {

namespace {

struct redis_io_state {
  redis_io_options opts;
  std::shared_ptr<redis_link> link;
  std::optional<redis::redis_client> client;
  std::uint64_t epoch = 0;
  static inline const char* name = "redis_io";

  /// The client, replaced by a fresh one (no backoff left from an outage) when the link was
  /// taken back into use since it was made.
  redis::redis_client& conn() {
    if (!client || epoch != link->epoch()) {
      client.emplace(opts.url, opts.redis);
      epoch = link->epoch();
    }
    return *client;
  }

  template <class T>
  bool check(const result<T>& r) {
    if (!r) link->command_failed();
    return r.ok();
  }
};

redis_io_actor::behavior_type redis_io_impl(metered_pointer<redis_io_actor, redis_io_state> self,
                                            redis_io_options opts,
                                            std::shared_ptr<redis_link> link) {
  self->state.opts = std::move(opts);
  self->state.link = std::move(link);
  return {
      [=](put_atom, const std::string& key, const std::string& value) {
        auto& st = self->state;
        if (!st.link->active()) return;
        st.check(st.conn().set_ex(key, value, st.opts.ttl));
      },
      [=](publish_atom, const std::string& message) {
        auto& st = self->state;
        return st.check(st.conn().publish(st.opts.channel, message));
      },
      [=](ping_atom) {
        // A check while the link is off, on a connection of its own: no backoff from the outage
        // delays it, and a failure here is expected and changes nothing.
        redis::redis_client probe(self->state.opts.url, self->state.opts.redis);
        return probe.ping().ok();
      },
  };
}

}  // namespace

redis_io_actor spawn_redis_io_actor(caf::actor_system& sys, redis_io_options opts,
                                    std::shared_ptr<redis_link> link) {
  return sys.spawn<caf::detached>(redis_io_impl, std::move(opts), std::move(link));
}

}  // namespace recs::actors
