// The scale-out side of the service: joining the other instances through Redis (a shared slate
// tier, pub/sub of member changes). docs/architecture.md, "Scale-out".
#include "actors/service_cluster.hpp"

#include <unistd.h>

#include <iomanip>
#include <random>
#include <sstream>

#include "actors/redis_slate_tier.hpp"

namespace recs::actors {

std::string make_instance_id() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device rd;
  std::ostringstream out;
  out << (host[0] != '\0' ? host : "recs") << '-' << ::getpid() << '-' << std::hex << std::setw(8)
      << std::setfill('0') << rd();
  return out.str();
}

status service::join_cluster(cluster_options opts, std::unique_ptr<storage::store> reader) {
  if (cluster_) return error{errc::invalid_argument, "join_cluster: already joined"};
  for (const auto* o : {&opts.redis, &opts.reads})
    if (auto st = redis::validate(*o); !st) return st;
  auto parts = std::make_unique<cluster_parts>();
  auto link = std::make_shared<redis_link>();
  parts->loader = spawn_state_loader(core_->sys, std::move(reader));
  parts->io = spawn_redis_io_actor(
      core_->sys, redis_io_options{opts.url, opts.redis, opts.channel, core_->opts.cache_ttl},
      link);

  cluster_deps deps;
  deps.instance_id = opts.instance_id;
  deps.loader = parts->loader;
  deps.io = parts->io;
  deps.link = link;
  deps.cache = core_->cache;
  deps.feed = core_->feed;
  // The directory box, not `this`: a callback may run after the service is gone.
  deps.actor_of = [box = core_->dir](std::int64_t pid) { return box->actor_of(pid); };
  deps.members_of = [box = core_->dir](std::int64_t hh) { return box->members_of(hh); };
  deps.on_household = [box = core_->dir](const household& h) { box->update_household(h); };
  deps.reload_household = [a = accounts_core_.get()](std::int64_t hh, std::function<void()> done) {
    a->reload_household(hh, false, [done = std::move(done)](result<unit>) { done(); });
  };
  deps.forget_household_credentials = [a = accounts_core_.get()](std::int64_t hh) {
    a->cache->drop_household(hh);
  };
  deps.forget_credentials = [a = accounts_core_.get()] { a->cache->clear(); };
  deps.log = opts.log;
  deps.timeout = core_->opts.timeout;
  parts->cluster = spawn_cluster_actor(core_->sys, std::move(deps));

  // A zero TTL disables caching altogether, the shared tier included.
  if (core_->opts.cache_ttl.count() > 0) {
    core_->cache->set_tier(std::make_shared<redis_slate_tier>(
        redis_tier_options{opts.url, opts.reads, opts.key_prefix, opts.read_connections}, link,
        parts->io));
  }
  core_->feed->set_tap([cl = parts->cluster](const net::change_event& e) {
    caf::anon_send(cl, local_atom::value, e);
  });

  // The subscriber's callbacks run on its thread: they only send messages.
  redis::subscriber_callbacks cbs;
  cbs.on_message = [cl = parts->cluster](const std::string&, const std::string& message) {
    caf::anon_send(cl, remote_atom::value, message);
  };
  cbs.on_state = [cl = parts->cluster](redis::link_state state, const std::string& detail) {
    caf::anon_send(cl, link_atom::value, state == redis::link_state::connected, detail);
  };
  auto sub = redis::redis_subscriber::start(opts.url, {opts.channel}, std::move(cbs), opts.redis);
  if (!sub) {
    parts->stop();
    core_->cache->set_tier(nullptr);
    core_->feed->set_tap({});
    return sub.err();
  }
  parts->subscriber = std::move(*sub);
  cluster_ = std::move(parts);
  return ok_status();
}

}  // namespace recs::actors
