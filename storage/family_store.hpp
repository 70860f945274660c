#pragma once

#include <cstdint>
#include <vector>

#include "core/result.hpp"
#include "recsys/profile.hpp"

namespace recs::storage {

/// The store's role for Family Mix watches (the fairness ledger's data). Part of
/// storage::store, which states what holds for every role.
class family_store {
 public:
  virtual ~family_store() = default;

  /// Records a Family Mix pick the household watched, with one fit per member present, in one
  /// transaction: on any error nothing is written. invalid_argument for an empty show id, no
  /// fits, a non-finite fit, a profile listed twice or one that is not a member of the
  /// household; not_found when the household does not exist.
  virtual status add_family_watch(const family_watch& w) = 0;
  /// The household's watches, oldest first (by ts, then in the order they were added), each
  /// with its fits in the order they were written. Empty for an unknown household.
  virtual result<std::vector<family_watch>> family_watches(std::int64_t household_id) = 0;
};

}  // namespace recs::storage
