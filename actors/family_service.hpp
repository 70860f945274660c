#pragma once

#include "actors/service_core.hpp"
#include "net/family_port.hpp"

namespace recs::actors {

/// The family port: a watched pick is recorded with each member's fit (from the scoring pool)
/// in the household's fairness ledger, which drops the household's cached slates; the ledger
/// is read from the store.
class family_service final : public net::family_port {
 public:
  explicit family_service(const service_core& core) : core_(core) {}

  void family_watched(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                      std::string show_id, net::callback<family_watch> cb) override;
  void family_watches(std::int64_t household_id,
                      net::callback<std::vector<family_watch>> cb) override;

 private:
  const service_core& core_;
};

}  // namespace recs::actors
