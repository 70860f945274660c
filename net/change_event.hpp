#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recs::net {

/// Something changed that may change open slates (live updates over WebSocket).
struct change_event {
  /// `household`: its profiles or owner changed (a profile added, renamed, capped or deleted;
  /// an invite accepted; the household deleted). `access`: only its credentials changed (a
  /// sign-out, a token revoked, a member removed, a screen's profile chosen): no slate changes,
  /// cached credentials of the household must go.
  /// `feedback`: not interested / not tonight / seen; `watchlist`: a profile's or the
  /// household's watchlist; `inbox`: new watchlist alerts of the household (in `notes`: show
  /// id, text), for its open pages; no slate changes.
  enum class kind {
    rating,
    tag,
    note,
    settings,
    watched,
    availability,
    model,
    household,
    access,
    feedback,
    watchlist,
    inbox
  };
  kind what = kind::rating;
  std::int64_t household_id = 0;  ///< 0: every household (a catalog or model change)
  /// The profiles whose own slates may change; empty: every profile of the household.
  std::vector<std::int64_t> profile_ids;
  /// availability: what changed, per show: (show id, "now on Stan"), for the pages showing it;
  /// inbox: the new alerts (show id, "Fargo is now on Stan").
  std::vector<std::pair<std::string, std::string>> notes;
};

/// The word a live push names its reason with ("rating", "availability", ...; docs/ws.md).
std::string_view to_string(change_event::kind k) noexcept;

/// A change a member made (rating, tag, note, settings, watched, ...), as opposed to one the
/// service made (availability, model, inbox).
bool is_member_change(change_event::kind k) noexcept;

/// Where change events come from (the actor layer); the live hub listens.
class change_source {
 public:
  virtual ~change_source() = default;
  /// Registers the one listener (replacing any earlier one); it is called after the change is
  /// durable and the caches are invalidated, on any thread, and must not block.
  virtual void on_change(std::function<void(const change_event&)> listener) = 0;
};

}  // namespace recs::net
