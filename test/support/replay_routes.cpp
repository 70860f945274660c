#include "test/support/replay_routes.hpp"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace recs::test {
namespace {

using rapidjson::Value;

error bad(const std::string& where, const std::string& why) {
  return {errc::invalid_argument, "routes: " + where + ": " + why};
}

result<std::string> read_file(const std::string& path, const std::string& where) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return bad(where, "cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

status only_keys(const Value& obj, std::initializer_list<std::string_view> allowed,
                 const std::string& where) {
  for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
    const std::string_view key(it->name.GetString(), it->name.GetStringLength());
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return bad(where, "unknown key \"" + std::string(key) + "\"");
    }
  }
  return ok_status();
}

result<std::string> string_field(const Value& obj, const char* key, const std::string& where) {
  const Value& v = obj[key];
  if (!v.IsString()) return bad(where, std::string(key) + " must be a string");
  return std::string(v.GetString(), v.GetStringLength());
}

status parse_headers(const Value& v, const std::string& where, canned_response& out) {
  if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      if (!it->value.IsString()) return bad(where, "header values must be strings");
      out.headers.emplace_back(it->name.GetString(), it->value.GetString());
    }
    return ok_status();
  }
  if (!v.IsArray()) return bad(where, "headers must be an object or an array of [name, value]");
  for (const Value& pair : v.GetArray()) {
    if (!pair.IsArray() || pair.Size() != 2 || !pair[0].IsString() || !pair[1].IsString()) {
      return bad(where, "each header must be [name, value] strings");
    }
    out.headers.emplace_back(pair[0].GetString(), pair[1].GetString());
  }
  return ok_status();
}

status parse_flag(const Value& obj, const char* key, const std::string& where, bool& out) {
  if (!obj.HasMember(key)) return ok_status();
  if (!obj[key].IsBool()) return bad(where, std::string(key) + " must be true or false");
  out = obj[key].GetBool();
  return ok_status();
}

result<canned_response> parse_response(const Value& v, const std::string& where,
                                       const std::string& base_dir) {
  if (!v.IsObject()) return bad(where, "a response must be an object");
  if (auto st = only_keys(v,
                          {"comment", "status", "headers", "body", "body_file", "body_json",
                           "delay_ms", "chunked", "hangup", "drop"},
                          where);
      !st) {
    return st.err();
  }
  canned_response out;
  if (v.HasMember("status")) {
    if (!v["status"].IsInt() || v["status"].GetInt() < 100 || v["status"].GetInt() > 599) {
      return bad(where, "status must be a number in 100-599");
    }
    out.status = v["status"].GetInt();
  }
  if (v.HasMember("headers")) {
    if (auto st = parse_headers(v["headers"], where, out); !st) return st.err();
  }
  const int bodies =
      int(v.HasMember("body")) + int(v.HasMember("body_file")) + int(v.HasMember("body_json"));
  if (bodies > 1) return bad(where, "at most one of body, body_file, body_json");
  if (v.HasMember("body")) {
    auto body = string_field(v, "body", where);
    if (!body) return body.err();
    out.body = std::move(*body);
  } else if (v.HasMember("body_file")) {
    auto rel = string_field(v, "body_file", where);
    if (!rel) return rel.err();
    const std::string path = !rel->empty() && rel->front() == '/' ? *rel : base_dir + "/" + *rel;
    auto body = read_file(path, where);
    if (!body) return body.err();
    out.body = std::move(*body);
  } else if (v.HasMember("body_json")) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buf);
    v["body_json"].Accept(writer);
    out.body.assign(buf.GetString(), buf.GetSize());
  }
  if (v.HasMember("delay_ms")) {
    if (!v["delay_ms"].IsInt() || v["delay_ms"].GetInt() < 0) {
      return bad(where, "delay_ms must be a number >= 0");
    }
    out.delay_ms = v["delay_ms"].GetInt();
  }
  for (auto [key, flag] : {std::pair{"chunked", &out.chunked}, std::pair{"hangup", &out.hangup},
                           std::pair{"drop", &out.drop}}) {
    if (auto st = parse_flag(v, key, where, *flag); !st) return st.err();
  }
  return out;
}

result<replay_route> parse_route(const Value& v, const std::string& where,
                                 const std::string& base_dir) {
  if (!v.IsObject()) return bad(where, "a route must be an object");
  if (auto st = only_keys(
          v, {"comment", "method", "path", "query", "body_contains", "responses", "response"},
          where);
      !st) {
    return st.err();
  }
  replay_route out;
  if (v.HasMember("method")) {
    auto m = string_field(v, "method", where);
    if (!m) return m.err();
    out.method = std::move(*m);
  }
  if (!v.HasMember("path")) return bad(where, "path is required");
  auto path = string_field(v, "path", where);
  if (!path) return path.err();
  if (path->empty() || path->front() != '/') return bad(where, "path must start with '/'");
  if (const auto q = path->find('?'); q != std::string::npos) {
    out.query = path->substr(q + 1);
    path->resize(q);
  }
  out.path = std::move(*path);
  if (v.HasMember("query")) {
    auto q = string_field(v, "query", where);
    if (!q) return q.err();
    out.query = std::move(*q);
  }
  if (v.HasMember("body_contains")) {
    auto b = string_field(v, "body_contains", where);
    if (!b) return b.err();
    out.body_contains = std::move(*b);
  }
  if (v.HasMember("responses") == v.HasMember("response")) {
    return bad(where, "exactly one of responses (an array) or response (an object)");
  }
  if (v.HasMember("response")) {
    auto r = parse_response(v["response"], where + ".response", base_dir);
    if (!r) return r.err();
    out.responses.push_back(std::move(*r));
    return out;
  }
  const Value& list = v["responses"];
  if (!list.IsArray() || list.Empty()) return bad(where, "responses must be a non-empty array");
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    auto r = parse_response(list[i], where + ".responses[" + std::to_string(i) + "]", base_dir);
    if (!r) return r.err();
    out.responses.push_back(std::move(*r));
  }
  return out;
}

}  // namespace

canned_response answer(int status, std::string body,
                       std::vector<std::pair<std::string, std::string>> headers) {
  canned_response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

replay_route route(std::string method, std::string path, std::vector<canned_response> responses) {
  replay_route r;
  r.method = std::move(method);
  if (const auto q = path.find('?'); q != std::string::npos) {
    r.query = path.substr(q + 1);
    path.resize(q);
  }
  r.path = std::move(path);
  r.responses = std::move(responses);
  return r;
}

result<replay_scenarios> parse_replay_routes(std::string_view json, const std::string& base_dir) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return bad("document", "not JSON at offset " + std::to_string(doc.GetErrorOffset()) + ": " +
                               rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) return bad("document", "must be an object {\"scenarios\": {...}}");
  if (auto st = only_keys(doc, {"comment", "scenarios"}, "document"); !st) return st.err();
  if (!doc.HasMember("scenarios") || !doc["scenarios"].IsObject() ||
      doc["scenarios"].ObjectEmpty()) {
    return bad("document", "scenarios must be a non-empty object of route arrays");
  }
  replay_scenarios out;
  for (auto it = doc["scenarios"].MemberBegin(); it != doc["scenarios"].MemberEnd(); ++it) {
    const std::string name = it->name.GetString();
    const std::string where = "scenarios." + name;
    if (!it->value.IsArray()) return bad(where, "must be an array of routes");
    auto& routes = out[name];
    for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
      auto route = parse_route(it->value[i], where + "[" + std::to_string(i) + "]", base_dir);
      if (!route) return route.err();
      routes.push_back(std::move(*route));
    }
  }
  return out;
}

result<replay_scenarios> load_replay_routes(const std::string& path) {
  auto text = read_file(path, "file");
  if (!text) return text.err();
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
  return parse_replay_routes(*text, dir.empty() ? "/" : dir);
}

}  // namespace recs::test
