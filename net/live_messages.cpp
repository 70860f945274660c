#include "net/live_messages.hpp"

#include "net/json_writer.hpp"

namespace recs::net::live_wire {

std::string typed(std::string_view type) {
  json_writer w;
  w.begin_object().member("type", type).end_object();
  return w.str();
}

std::string typed_with_id(std::string_view type, std::string_view id) {
  json_writer w;
  w.begin_object().member("type", type).member("id", id).end_object();
  return w.str();
}

std::string error_message(std::string_view id, std::string_view code, std::string_view text) {
  json_writer w;
  w.begin_object().member("type", "error");
  if (!id.empty()) w.member("id", id);
  w.member("code", code).member("message", text).end_object();
  return w.str();
}

std::string alerts_head() {
  json_writer w;
  w.begin_object().member("type", "alerts");
  return w.str() + ",";
}

std::string slate_head(std::string_view id, std::uint64_t version, std::string_view reason,
                       const show_notes& changes) {
  json_writer w;
  w.begin_object().member("type", "slate").member("id", id).member("version", version);
  w.member("reason", reason);
  if (!changes.empty()) {
    w.key("changes").begin_array();
    for (const auto& [show, text] : changes)
      w.begin_object().member("id", show).member("text", text).end_object();
    w.end_array();
  }
  w.key("items");
  return w.str() + ":";
}

std::vector<std::string> slate_show_ids(const std::string& body) {
  std::vector<std::string> out;
  rapidjson::Document d;
  d.Parse(body.c_str(), body.size());
  if (d.HasParseError()) return out;
  const rapidjson::Value* items = &d;
  if (d.IsObject() && d.HasMember("items")) items = &d["items"];
  if (!items->IsArray()) return out;
  for (const auto& item : items->GetArray()) {
    if (!item.IsObject()) continue;
    auto id = item.FindMember("id");
    if (id != item.MemberEnd() && id->value.IsString())
      out.emplace_back(id->value.GetString(), id->value.GetStringLength());
  }
  return out;
}

const rapidjson::Value* member(const rapidjson::Value& o, const char* name) {
  auto it = o.FindMember(name);
  return it == o.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

result<slate_query_input> subscribe_input(const rapidjson::Value& d) {
  slate_query_input in;
  auto str = [&](const char* name, std::optional<std::string>& out) -> status {
    const rapidjson::Value* v = member(d, name);
    if (v == nullptr) return ok_status();
    if (!v->IsString())
      return error{errc::invalid_argument, std::string(name) + " must be a string"};
    out = std::string(v->GetString(), v->GetStringLength());
    return ok_status();
  };
  auto num = [&](const char* name, const char* range, std::optional<std::string>& out) -> status {
    const rapidjson::Value* v = member(d, name);
    if (v == nullptr) return ok_status();
    if (!v->IsUint64())
      return error{errc::invalid_argument, std::string(name) + " must be an integer from " + range};
    out = std::to_string(v->GetUint64());
    return ok_status();
  };
  for (const status& st :
       {str("for", in.for_profiles), str("intent", in.intent),
        num("seed", "0 to 18446744073709551615", in.seed), num("limit", "1 to 100", in.limit)})
    if (!st) return st.err();
  const rapidjson::Value* mine = member(d, "only_my_services");
  if (mine != nullptr && !mine->IsBool())
    return error{errc::invalid_argument, "only_my_services must be true or false"};
  if (mine != nullptr) in.only_my_services = mine->GetBool() ? "true" : "false";
  return in;
}

std::string inbox_message(const show_notes& items) {
  json_writer w;
  w.begin_object().member("type", "inbox").key("items");
  w.array_of(items, [](json_writer& o, const std::pair<std::string, std::string>& n) {
    o.begin_object().member("show_id", n.first).member("text", n.second).end_object();
  });
  w.end_object();
  return w.str();
}

}  // namespace recs::net::live_wire
