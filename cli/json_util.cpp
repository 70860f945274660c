#include "cli/json_util.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

namespace recs::cli {

result<rapidjson::Document> parse_json(std::string_view text) {
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  if (d.HasParseError()) {
    std::string head(text.substr(0, 80));
    for (char& c : head)
      if (c == '\n' || c == '\r') c = ' ';
    return error{errc::internal, "the service answered with something that is not JSON (" +
                                     std::string(rapidjson::GetParseError_En(d.GetParseError())) +
                                     "): " + head};
  }
  return d;
}

std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  v.Accept(w);
  return std::string(sb.GetString(), sb.GetSize());
}

const rapidjson::Value* member(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(key);
  return it == v.MemberEnd() ? nullptr : &it->value;
}

std::string str_of(const rapidjson::Value& v, const char* key, const std::string& fallback) {
  const auto* m = member(v, key);
  if (m == nullptr) return fallback;
  if (m->IsString()) return std::string(m->GetString(), m->GetStringLength());
  if (m->IsBool()) return m->GetBool() ? "true" : "false";
  if (m->IsInt64()) return std::to_string(m->GetInt64());
  if (m->IsUint64()) return std::to_string(m->GetUint64());
  if (m->IsNumber()) return to_json(*m);
  return fallback;
}

std::int64_t int_of(const rapidjson::Value& v, const char* key, std::int64_t fallback) {
  const auto* m = member(v, key);
  if (m == nullptr || !m->IsNumber()) return fallback;
  if (m->IsInt64()) return m->GetInt64();
  return static_cast<std::int64_t>(m->GetDouble());
}

double num_of(const rapidjson::Value& v, const char* key, double fallback) {
  const auto* m = member(v, key);
  return m != nullptr && m->IsNumber() ? m->GetDouble() : fallback;
}

bool bool_of(const rapidjson::Value& v, const char* key, bool fallback) {
  const auto* m = member(v, key);
  return m != nullptr && m->IsBool() ? m->GetBool() : fallback;
}

std::string fixed(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

}  // namespace recs::cli
