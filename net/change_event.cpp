#include "net/change_event.hpp"

namespace recs::net {

std::string_view to_string(change_event::kind k) noexcept {
  switch (k) {
    case change_event::kind::rating:
      return "rating";
    case change_event::kind::tag:
      return "tag";
    case change_event::kind::note:
      return "note";
    case change_event::kind::settings:
      return "settings";
    case change_event::kind::watched:
      return "watched";
    case change_event::kind::availability:
      return "availability";
    case change_event::kind::model:
      return "model";
    case change_event::kind::household:
      return "household";
    case change_event::kind::access:
      return "access";
    case change_event::kind::feedback:
      return "feedback";
    case change_event::kind::watchlist:
      return "watchlist";
    case change_event::kind::inbox:
      return "inbox";
  }
  return "change";
}

bool is_member_change(change_event::kind k) noexcept {
  return k != change_event::kind::availability && k != change_event::kind::model &&
         k != change_event::kind::inbox;
}

}  // namespace recs::net
