#pragma once

#include "actors/accounts_core.hpp"
#include "actors/service_core.hpp"
#include "net/catalog_port.hpp"
#include "net/identity_port.hpp"

namespace recs::actors {

/// The identity port: households and profiles as the directory holds them (from memory), and
/// credentials through the accounts' cache and desk (resolve_credential).
class directory_service final : public net::identity_port {
 public:
  directory_service(const service_core& core, const accounts_core& accounts)
      : core_(core), accounts_(accounts) {}

  std::optional<household> household_by_id(std::int64_t id) const override;
  std::vector<profile> profiles(std::int64_t household_id) const override;
  void resolve(net::credential c, net::callback<net::account_ref> cb) const override;

  /// The household whose owner has that email (case-insensitive); for tests and tools.
  std::optional<household> household_by_email(const std::string& email) const;

 private:
  const service_core& core_;
  const accounts_core& accounts_;
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
