#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <rapidjson/document.h>

#include "core/result.hpp"

// Private to net/: reading request bodies. Strict JSON (valid UTF-8, an object, no repeated
// key), every field of the right type and range, or invalid_argument with a message for the
// 400 answer.
namespace recs::net::internal {

error bad(std::string msg);
/// A member's name, whole (a "\u0000" in it included).
std::string name_of(const rapidjson::Value& name);
result<rapidjson::Document> parse_object(const std::string& body);
result<std::int64_t> need_profile_id(const rapidjson::Document& d);
/// The "profile_id" and "show_id" (1-64 bytes) of a body about one profile's view of a show.
struct profile_show {
  std::int64_t profile_id = 0;
  std::string show_id;
};
result<profile_show> need_profile_show(const rapidjson::Document& d);
/// A required string of min_len to max_len bytes.
result<std::string> need_string(const rapidjson::Document& d, const char* name, std::size_t min_len,
                                std::size_t max_len);
/// An optional string (absent or null: nullopt) of min_len to max_len bytes.
result<std::optional<std::string>> maybe_string(const rapidjson::Document& d, const char* name,
                                                std::size_t min_len, std::size_t max_len);
/// An optional boolean (absent or null: nullopt).
result<std::optional<bool>> maybe_bool(const rapidjson::Value& d, const char* name);
/// A required email address: trimmed, lower-cased, one '@' with text on both sides, no white
/// space or control characters, at most 254 bytes.
result<std::string> need_email(const rapidjson::Document& d, const char* name = "email");

}  // namespace recs::net::internal
