#pragma once

// The JSON messages of GET /ws (docs/ws.md) that the live hub and its connections write, and the
// reading of a subscribe message: internal to the live hub.

#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "net/slate_query.hpp"

namespace recs::net::live_wire {

/// {"type":<type>}
std::string typed(std::string_view type);
/// {"type":<type>,"id":<id>}
std::string typed_with_id(std::string_view type, std::string_view id);
/// {"type":"error","id":<id, when not empty>,"code":<code>,"message":<text>}
std::string error_message(std::string_view id, std::string_view code, std::string_view text);

/// An alerts message is {"type":"alerts",<the fields of alert_log::to_json()>}: this head, then
/// the log's JSON without its opening brace (shared by all subscribers).
std::string alerts_head();

/// Availability notes: (show id, text such as "now on Stan").
using show_notes = std::vector<std::pair<std::string, std::string>>;

/// {"type":"inbox","items":[{"show_id","text"}]}: new watchlist alerts of the household.
std::string inbox_message(const show_notes& items);

/// A slate message is
/// {"type":"slate","id":..,"version":..,"reason":..,"changes":..,"items":<body>}, the body being
/// the REST one, shared by every subscriber of the topic: this is the text before it (the writer's
/// output up to the "items" key, which the writer closes with its colon only when a value
/// follows), and slate_tail the text after.
std::string slate_head(std::string_view id, std::uint64_t version, std::string_view reason,
                       const show_notes& changes = {});
inline constexpr std::string_view slate_tail = "}";

/// The show ids of a slate body (the REST array, or {"items":[...]}); empty when it is not one.
std::vector<std::string> slate_show_ids(const std::string& body);

/// The member `name` of the object `o`, or nullptr when it is absent or null.
const rapidjson::Value* member(const rapidjson::Value& o, const char* name);

/// The slate fields of a subscribe message as slate_query_input text, after checking their JSON
/// types (strings, unsigned integers, a boolean).
result<slate_query_input> subscribe_input(const rapidjson::Value& d);

}  // namespace recs::net::live_wire
