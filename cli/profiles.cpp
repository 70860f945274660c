#include "cli/profiles.hpp"

#include <cctype>

#include "cli/json_util.hpp"
#include "core/ascii.hpp"

namespace recs::cli {

std::optional<profile_ref> find_profile(const rapidjson::Value& profiles, const std::string& ref) {
  if (!profiles.IsArray() || ref.empty()) return std::nullopt;
  for (const auto& p : profiles.GetArray()) {
    profile_ref r{int_of(p, "id"), str_of(p, "name")};
    if (iequals(r.name, ref) || std::to_string(r.id) == ref) return r;
  }
  return std::nullopt;
}

std::string profile_names(const rapidjson::Value& profiles) {
  std::string s;
  if (!profiles.IsArray()) return s;
  for (const auto& p : profiles.GetArray()) s += (s.empty() ? "" : ", ") + str_of(p, "name");
  return s;
}

}  // namespace recs::cli
