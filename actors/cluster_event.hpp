#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "net/change_event.hpp"

namespace recs::actors {

/// What one service instance tells the others over the Redis channel: a member change it made
/// (after it was durable and its own caches were invalidated), or a resync request (it made
/// changes it could not publish while Redis was away: everyone reloads everything).
struct cluster_event {
  std::string origin;   ///< the publishing instance's id; an instance ignores its own events
  bool resync = false;  ///< true: `change` is unused
  net::change_event change;
};

/// Whether other instances must apply a change of this kind: the household's members' state
/// (rating, tag, note, settings, feedback, watchlist), its Family Mix ledger (watched), its
/// accounts (household, access), or a watchlist alert for its open pages (inbox, with the
/// alerts' texts). Catalog and model changes are each instance's own.
bool is_shared_change(net::change_event::kind k) noexcept;

/// One line of JSON: {"v":1,"origin":"...","kind":"rating","household_id":1,"profile_ids":[2]}
/// (an inbox alert adds "notes":[["<show id>","<text>"],...])
/// or {"v":1,"origin":"...","kind":"resync"}.
std::string encode(const cluster_event& e);

/// The inverse of encode(). invalid_argument for anything else: not JSON, another version, a
/// missing origin, an unknown or non-shared kind, ids that are not positive integers.
result<cluster_event> decode_cluster_event(std::string_view json);

}  // namespace recs::actors
