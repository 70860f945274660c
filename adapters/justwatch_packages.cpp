#include "adapters/justwatch_packages.hpp"

#include <algorithm>
#include <string_view>
#include "core/ascii.hpp"

namespace recs::adapters {

namespace {

std::string name_key(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 4);
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back(ascii_lower(c));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    } else if (c == '+') {
      out += "plus";
    }
  }
  return out;
}

// JustWatch names (as keys) that differ from our ids and names.
struct alias {
  std::string_view key;
  std::string_view provider_id;
};
constexpr alias kAliases[] = {
    {"amazonprime", "prime_video"},
    {"amazonprimevideo", "prime_video"},
    {"sbs", "sbs_on_demand"},
    {"max", "hbo_max"},
};

// Suffixes of an ad-supported tier of a service.
constexpr std::string_view kAdTiers[] = {"basicwithads", "standardwithads", "withads"};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const provider* find_by_key(const std::string& key, const std::vector<provider>& providers) {
  if (key.empty()) return nullptr;
  for (const auto& p : providers) {
    if (name_key(p.id) == key || name_key(p.name) == key) return &p;
  }
  for (const auto& a : kAliases) {
    if (a.key != key) continue;
    for (const auto& p : providers) {
      if (p.id == a.provider_id) return &p;
    }
  }
  return nullptr;
}

const provider* find_for_keys(const std::vector<std::string>& keys,
                              const std::vector<provider>& providers) {
  for (const auto& k : keys) {
    if (const provider* p = find_by_key(k, providers)) return p;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> provider_for_package(const jw_package& package,
                                                const std::vector<provider>& providers) {
  std::vector<std::string> keys{name_key(package.technical_name), name_key(package.clear_name)};
  if (const provider* p = find_for_keys(keys, providers)) return p->id;
  for (auto& k : keys) {
    for (std::string_view tier : kAdTiers) {
      if (ends_with(k, tier)) {
        k.resize(k.size() - tier.size());
        break;
      }
    }
  }
  if (const provider* p = find_for_keys(keys, providers)) return p->id;
  return std::nullopt;
}

package_mapping map_packages(const std::vector<jw_package>& packages,
                             const std::vector<provider>& providers) {
  package_mapping out;
  for (const auto& pkg : packages) {
    if (auto id = provider_for_package(pkg, providers)) {
      out.mapped.emplace_back(pkg.package_id, std::move(*id));
    } else {
      out.unknown.push_back(pkg);
    }
  }
  for (const auto& p : providers) {
    const bool seen = std::any_of(out.mapped.begin(), out.mapped.end(),
                                  [&](const auto& m) { return m.second == p.id; });
    if (!seen) out.providers_without_package.push_back(p.id);
  }
  return out;
}

}  // namespace recs::adapters
