#pragma once

#include <memory>
#include <string>

#include "net/callback.hpp"
#include "net/slate_query.hpp"

namespace recs::net {

/// A slate's JSON, exactly as GET /recommendations answers it; shared, never changed.
using slate_body = std::shared_ptr<const std::string>;

/// Slates for REST and /ws alike. The implementation owns the cache: its keys
/// (slate_query::key), the generations that keep a slate computed before a change out of it,
/// and the choice between a cached body and a computation.
class slates_port {
 public:
  virtual ~slates_port() = default;

  /// The slate for `q`: a fresh cached body when there is one and `q.req.explain` is false,
  /// else computed (and then cached, without explain). unavailable when the actors did not
  /// answer in time.
  virtual void slate(const slate_query& q, callback<slate_body> cb) = 0;
  /// The slate for `q` computed now, whatever is cached (a live topic after a change), and
  /// cached as slate() would.
  virtual void recompute(const slate_query& q, callback<slate_body> cb) = 0;
};

}  // namespace recs::net
