#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "net/callback.hpp"
#include "recsys/family_mix.hpp"

namespace recs::net {

/// The Family Mix fairness ledger: which picks a household watched together.
class family_port {
 public:
  virtual ~family_port() = default;

  /// Records that the household watched `show_id` as a Family Mix pick with these profiles
  /// present (at least one, all of `household_id`: the caller has checked), with each one's fit
  /// at this moment; every cached slate of the household is invalidated. not_found for an
  /// unknown show.
  virtual void family_watched(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                              std::string show_id, callback<family_watch> cb) = 0;
  /// The household's watched Family Mix picks, oldest first.
  virtual void family_watches(std::int64_t household_id,
                              callback<std::vector<family_watch>> cb) = 0;
};

}  // namespace recs::net
