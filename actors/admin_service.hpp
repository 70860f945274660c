#pragma once

#include "actors/command_log.hpp"
#include "actors/service_core.hpp"
#include "net/admin_port.hpp"

namespace recs::actors {

/// The admin ports: control commands over the running actors (docs/api.md, "Admin control"),
/// the log of those commands, and the metrics text (GET /metrics).
class admin_service final : public net::admin_port,
                            public net::audit_port,
                            public net::metrics_port {
 public:
  explicit admin_service(const service_core& core) : core_(core) {}

  void actors(net::callback<std::vector<net::actor_info>> cb) override;
  std::string cache_backend() const override { return core_.cache->backend(); }
  void resize_scorers(int scorers, net::callback<int> cb) override;
  void flush_caches(net::callback<std::uint64_t> cb) override;
  void retrain(net::callback<unit> cb) override;

  void record_admin_command(net::admin_command c) override;
  std::vector<net::admin_command> admin_commands() const override { return commands_.recent(); }

  std::string metrics_text() const override { return core_.registry->render(); }

 private:
  const service_core& core_;
  command_log commands_;
};

}  // namespace recs::actors
