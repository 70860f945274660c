#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>

namespace recs::cli {

/// A profile of GET /me/profiles.
struct profile_ref {
  std::int64_t id = 0;
  std::string name;
};

/// The profile of GET /me/profiles' answer that `ref` names: its name (case-insensitive) or its
/// id in decimal. nullopt when none does. Pure.
std::optional<profile_ref> find_profile(const rapidjson::Value& profiles, const std::string& ref);

/// The profiles' names, comma-separated ("Ross, Wife, Son"), for error messages. Pure.
std::string profile_names(const rapidjson::Value& profiles);

}  // namespace recs::cli
