#include "net/json_read.hpp"

#include <algorithm>

#include <rapidjson/error/en.h>

#include "core/ascii.hpp"

namespace recs::net::internal {

error bad(std::string msg) {
  return error{errc::invalid_argument, std::move(msg)};
}

/// A member's name, whole (a "\u0000" in it included); the 400 answer's message, which may quote
/// it, is written by net::json_writer like every other body.
std::string name_of(const rapidjson::Value& name) {
  return std::string(name.GetString(), name.GetStringLength());
}

result<rapidjson::Document> parse_object(const std::string& body) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseValidateEncodingFlag>(body.c_str(), body.size());
  if (d.HasParseError())
    return bad(std::string("malformed JSON at offset ") + std::to_string(d.GetErrorOffset()) +
               ": " + rapidjson::GetParseError_En(d.GetParseError()));
  if (!d.IsObject()) return bad("the body must be a JSON object");
  // A repeated key is ambiguous (which value did the client mean?): refuse it.
  for (auto a = d.MemberBegin(); a != d.MemberEnd(); ++a)
    for (auto b = a + 1; b != d.MemberEnd(); ++b)
      if (a->name == b->name) return bad("duplicate key '" + name_of(a->name) + "' in the body");
  return d;
}

result<std::int64_t> need_profile_id(const rapidjson::Document& d) {
  auto it = d.FindMember("profile_id");
  if (it == d.MemberEnd()) return bad("profile_id is required");
  if (!it->value.IsInt64()) return bad("profile_id must be an integer");
  return it->value.GetInt64();
}

result<profile_show> need_profile_show(const rapidjson::Document& d) {
  auto pid = need_profile_id(d);
  if (!pid) return pid.err();
  auto sid = need_string(d, "show_id", 1, 64);
  if (!sid) return sid.err();
  return profile_show{*pid, std::move(*sid)};
}

result<std::string> need_string(const rapidjson::Document& d, const char* name, std::size_t min_len,
                                std::size_t max_len) {
  auto it = d.FindMember(name);
  if (it == d.MemberEnd()) return bad(std::string(name) + " is required");
  if (!it->value.IsString()) return bad(std::string(name) + " must be a string");
  std::string v(it->value.GetString(), it->value.GetStringLength());
  if (v.size() < min_len || v.size() > max_len)
    return bad(std::string(name) + " must be " + std::to_string(min_len) + "-" +
               std::to_string(max_len) + " characters");
  return v;
}

result<std::optional<std::string>> maybe_string(const rapidjson::Document& d, const char* name,
                                                std::size_t min_len, std::size_t max_len) {
  auto it = d.FindMember(name);
  if (it == d.MemberEnd() || it->value.IsNull()) return std::optional<std::string>();
  auto v = need_string(d, name, min_len, max_len);
  if (!v) return v.err();
  return std::optional<std::string>(std::move(*v));
}

result<std::optional<bool>> maybe_bool(const rapidjson::Value& d, const char* name) {
  auto it = d.FindMember(name);
  if (it == d.MemberEnd() || it->value.IsNull()) return std::optional<bool>();
  if (!it->value.IsBool()) return bad(std::string(name) + " must be true or false");
  return std::optional<bool>(it->value.GetBool());
}

result<std::string> need_email(const rapidjson::Document& d, const char* name) {
  auto raw = need_string(d, name, 1, 1024);
  if (!raw) return raw.err();
  const std::string email = to_lower(trim(*raw));
  const auto at = email.find('@');
  const bool shaped = !email.empty() && email.size() <= 254 && at != std::string::npos && at > 0 &&
                      at + 1 < email.size() && email.find('@', at + 1) == std::string::npos;
  const bool clean = std::none_of(email.begin(), email.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
  });
  if (!shaped || !clean) return bad(std::string(name) + " must be an email address");
  return email;
}

}  // namespace recs::net::internal
