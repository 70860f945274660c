#pragma once

#include "actors/service_core.hpp"
#include "net/catalog_port.hpp"
#include "net/identity_port.hpp"

namespace recs::actors {

/// The identity port: households and profiles as the directory holds them (from memory).
class directory_service final : public net::identity_port {
 public:
  explicit directory_service(const service_core& core) : core_(core) {}

  std::optional<household> household_by_email(const std::string& email) const override;
  std::vector<profile> profiles(std::int64_t household_id) const override;

 private:
  const service_core& core_;
};

/// The catalog port: the published snapshot and its content model (from memory).
class catalog_service final : public net::catalog_port {
 public:
  explicit catalog_service(const service_core& core) : core_(core) {}

  snapshot_ptr catalog() const override { return core_.view->get(); }
  content_model_ptr content_for(const catalog_snapshot& catalog) const override;

 private:
  const service_core& core_;
};

}  // namespace recs::actors
