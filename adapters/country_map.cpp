#include "adapters/country_map.hpp"

#include <cctype>
#include <utility>

#include "adapters/text_clean.hpp"

namespace recs::adapters {

namespace {

// Every country name in the Kaggle 2021 TV rows, plus close neighbours for future files.
constexpr std::pair<std::string_view, std::string_view> kCountries[] = {
    {"argentina", "AR"},      {"australia", "AU"},
    {"austria", "AT"},        {"azerbaijan", "AZ"},
    {"belarus", "BY"},        {"belgium", "BE"},
    {"brazil", "BR"},         {"bulgaria", "BG"},
    {"canada", "CA"},         {"chile", "CL"},
    {"china", "CN"},          {"colombia", "CO"},
    {"croatia", "HR"},        {"cuba", "CU"},
    {"cyprus", "CY"},         {"czech republic", "CZ"},
    {"denmark", "DK"},        {"egypt", "EG"},
    {"finland", "FI"},        {"france", "FR"},
    {"germany", "DE"},        {"west germany", "DE"},
    {"greece", "GR"},         {"guatemala", "GT"},
    {"hong kong", "HK"},      {"hungary", "HU"},
    {"iceland", "IS"},        {"india", "IN"},
    {"indonesia", "ID"},      {"iran", "IR"},
    {"ireland", "IE"},        {"israel", "IL"},
    {"italy", "IT"},          {"japan", "JP"},
    {"jordan", "JO"},         {"kenya", "KE"},
    {"kuwait", "KW"},         {"lebanon", "LB"},
    {"luxembourg", "LU"},     {"malaysia", "MY"},
    {"malta", "MT"},          {"mauritius", "MU"},
    {"mexico", "MX"},         {"netherlands", "NL"},
    {"new zealand", "NZ"},    {"nigeria", "NG"},
    {"norway", "NO"},         {"pakistan", "PK"},
    {"peru", "PE"},           {"philippines", "PH"},
    {"poland", "PL"},         {"portugal", "PT"},
    {"puerto rico", "PR"},    {"romania", "RO"},
    {"russia", "RU"},         {"saudi arabia", "SA"},
    {"senegal", "SN"},        {"serbia", "RS"},
    {"singapore", "SG"},      {"south africa", "ZA"},
    {"south korea", "KR"},    {"spain", "ES"},
    {"sweden", "SE"},         {"switzerland", "CH"},
    {"syria", "SY"},          {"taiwan", "TW"},
    {"thailand", "TH"},       {"turkey", "TR"},
    {"ukraine", "UA"},        {"united arab emirates", "AE"},
    {"united kingdom", "GB"}, {"united states", "US"},
    {"uruguay", "UY"},        {"venezuela", "VE"},
    {"vietnam", "VN"},
};

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

std::string country_code(std::string_view name) {
  const std::string_view t = trim(name);
  if (t.size() == 2 && is_alpha(t[0]) && is_alpha(t[1])) {
    std::string code(t);
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return code;
  }
  const std::string key = to_lower(t);
  for (const auto& [n, code] : kCountries) {
    if (n == key) return std::string(code);
  }
  return {};
}

}  // namespace recs::adapters
