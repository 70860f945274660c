#include "actors/cluster_event.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <utility>

namespace recs::actors {

namespace {

using kind = net::change_event::kind;

constexpr std::array<std::pair<kind, const char*>, 10> shared_kinds = {{
    {kind::rating, "rating"},
    {kind::tag, "tag"},
    {kind::note, "note"},
    {kind::settings, "settings"},
    {kind::watched, "watched"},
    {kind::household, "household"},
    {kind::access, "access"},
    {kind::feedback, "feedback"},
    {kind::watchlist, "watchlist"},
    {kind::inbox, "inbox"},
}};
constexpr const char* resync_kind = "resync";

const char* name_of(kind k) {
  for (const auto& [x, name] : shared_kinds)
    if (x == k) return name;
  return nullptr;
}

error bad(const std::string& why) {
  return {errc::invalid_argument, "cluster event: " + why};
}

}  // namespace

bool is_shared_change(kind k) noexcept {
  return name_of(k) != nullptr;
}

std::string encode(const cluster_event& e) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("v");
  w.Int(1);
  w.Key("origin");
  w.String(e.origin.data(), static_cast<rapidjson::SizeType>(e.origin.size()));
  w.Key("kind");
  const char* k = e.resync ? resync_kind : name_of(e.change.what);
  w.String(k != nullptr ? k : "");
  if (!e.resync) {
    w.Key("household_id");
    w.Int64(e.change.household_id);
    w.Key("profile_ids");
    w.StartArray();
    for (auto id : e.change.profile_ids) w.Int64(id);
    w.EndArray();
  }
  if (!e.resync && !e.change.notes.empty()) {
    // An inbox alert's (show id, text): what the other instances' open pages are told.
    w.Key("notes");
    w.StartArray();
    for (const auto& [id, text] : e.change.notes) {
      w.StartArray();
      w.String(id.data(), static_cast<rapidjson::SizeType>(id.size()));
      w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
      w.EndArray();
    }
    w.EndArray();
  }
  w.EndObject();
  return {sb.GetString(), sb.GetSize()};
}

result<cluster_event> decode_cluster_event(std::string_view json) {
  rapidjson::Document d;
  d.Parse(json.data(), json.size());
  if (d.HasParseError() || !d.IsObject()) return bad("not a JSON object");
  auto v = d.FindMember("v");
  if (v == d.MemberEnd() || !v->value.IsInt() || v->value.GetInt() != 1)
    return bad("unsupported version");
  auto origin = d.FindMember("origin");
  if (origin == d.MemberEnd() || !origin->value.IsString() || origin->value.GetStringLength() == 0)
    return bad("no origin");
  auto k = d.FindMember("kind");
  if (k == d.MemberEnd() || !k->value.IsString()) return bad("no kind");
  cluster_event e;
  e.origin = origin->value.GetString();
  const std::string_view kind_name(k->value.GetString(), k->value.GetStringLength());
  if (kind_name == resync_kind) {
    e.resync = true;
    return e;
  }
  bool known = false;
  for (const auto& [x, name] : shared_kinds) {
    if (kind_name != name) continue;
    e.change.what = x;
    known = true;
  }
  if (!known) return bad("unknown kind '" + std::string(kind_name) + "'");
  auto hh = d.FindMember("household_id");
  if (hh == d.MemberEnd() || !hh->value.IsInt64() || hh->value.GetInt64() <= 0)
    return bad("household_id must be a positive integer");
  e.change.household_id = hh->value.GetInt64();
  auto ids = d.FindMember("profile_ids");
  if (ids != d.MemberEnd()) {
    if (!ids->value.IsArray()) return bad("profile_ids must be an array");
    for (const auto& id : ids->value.GetArray()) {
      if (!id.IsInt64() || id.GetInt64() <= 0) return bad("profile_ids must be positive integers");
      e.change.profile_ids.push_back(id.GetInt64());
    }
  }
  auto notes = d.FindMember("notes");
  if (notes != d.MemberEnd()) {
    if (!notes->value.IsArray()) return bad("notes must be an array");
    for (const auto& n : notes->value.GetArray()) {
      if (!n.IsArray() || n.Size() != 2 || !n[0].IsString() || !n[1].IsString())
        return bad("a note must be [show id, text]");
      e.change.notes.emplace_back(n[0].GetString(), n[1].GetString());
    }
  }
  return e;
}

}  // namespace recs::actors
