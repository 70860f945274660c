#include "cli/profiles.hpp"

#include <cctype>

#include "cli/json_util.hpp"

namespace recs::cli {

namespace {

bool same_name(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

std::optional<profile_ref> find_profile(const rapidjson::Value& profiles, const std::string& ref) {
  if (!profiles.IsArray() || ref.empty()) return std::nullopt;
  for (const auto& p : profiles.GetArray()) {
    profile_ref r{int_of(p, "id"), str_of(p, "name")};
    if (same_name(r.name, ref) || std::to_string(r.id) == ref) return r;
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
