#pragma once

#include "actors/service_core.hpp"
#include "net/slates_port.hpp"

namespace recs::actors {

/// The slates port: a cached body when a fresh one exists, else a computation (a profile's
/// actor, or the scoring pool for a Family Mix) whose body is cached under the query's key with
/// the generations read before it started, so that a slate computed before a change is never
/// cached after it.
class slate_service final : public net::slates_port {
 public:
  explicit slate_service(const service_core& core) : core_(core) {}

  void slate(const net::slate_query& q, net::callback<net::slate_body> cb) override;
  void recompute(const net::slate_query& q, net::callback<net::slate_body> cb) override;

  /// One profile's slate, computed (not cached); its stale ratio goes to recs_stale_ratio.
  void recommend(std::int64_t profile_id, slate_request req, net::callback<slate_ptr> cb);
  /// A Family Mix for the profiles present (all of `household_id`), computed (not cached).
  void recommend_family(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                        slate_request req, net::callback<family_slate_ptr> cb);

 private:
  /// Computes the slate of `q` and caches it unless it explains.
  void compute(const net::slate_query& q, net::callback<net::slate_body> cb);

  const service_core& core_;
};

}  // namespace recs::actors
