#include "adapters/inferred_availability.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include "adapters/au_providers.hpp"
#include "adapters/text_clean.hpp"

namespace recs::adapters {

namespace {

constexpr std::pair<std::string_view, std::string_view> kBroadcasters[] = {
    {"abc", "abc_iview"},
    {"abc tv", "abc_iview"},
    {"abc1", "abc_iview"},
    {"abc2", "abc_iview"},
    {"abc3", "abc_iview"},
    {"abc kids", "abc_iview"},
    {"abc me", "abc_iview"},
    {"abc comedy", "abc_iview"},
    {"abc entertains", "abc_iview"},
    {"abc tv plus", "abc_iview"},
    {"sbs", "sbs_on_demand"},
    {"sbs one", "sbs_on_demand"},
    {"sbs viceland", "sbs_on_demand"},
    {"network ten", "ten_play"},
    {"network 10", "ten_play"},
    {"channel 10", "ten_play"},
    {"channel ten", "ten_play"},
    {"ten", "ten_play"},
    {"10", "ten_play"},
    {"10 peach", "ten_play"},
    {"eleven", "ten_play"},
    {"nine network", "nine_now"},
    {"channel 9", "nine_now"},
    {"9go!", "nine_now"},
    {"9gem", "nine_now"},
    {"seven network", "seven_plus"},
    {"channel 7", "seven_plus"},
    {"7two", "seven_plus"},
    {"7mate", "seven_plus"},
    {"stan", "stan"},
    {"foxtel", "binge"},
    {"showcase", "binge"},
    {"fox showcase", "binge"},
    {"fox8", "binge"},
    {"foxtel arts", "binge"},
    {"binge", "binge"},
};

constexpr std::pair<std::string_view, std::string_view> kStreamers[] = {
    {"netflix", "netflix"},
    {"disney+", "disney_plus"},
    {"prime video", "prime_video"},
    {"amazon prime video", "prime_video"},
    {"amazon", "prime_video"},
    {"apple tv+", "apple_tv_plus"},
    {"paramount+", "paramount_plus"},
    {"cbs all access", "paramount_plus"},
    {"hulu", "disney_plus"},
    {"hbo", "binge"},
    {"hbo max", "binge"},
    {"stan", "stan"},
};

// A US platform whose premieres are inferred from the Kaggle dates, and what they mean here.
struct platform_info {
  us_service service;
  int first_series_year;  // when it began making its own series
  std::string_view provider;
};

constexpr platform_info kPlatforms[] = {
    {us_service::netflix, 2013, "netflix"},
    {us_service::disney_plus, 2019, "disney_plus"},
    {us_service::prime_video, 2013, "prime_video"},
};

const platform_info* platform_of(us_service s) {
  for (const auto& p : kPlatforms) {
    if (p.service == s) return &p;
  }
  return nullptr;
}

std::string_view lookup(std::string_view network,
                        const std::pair<std::string_view, std::string_view>* begin,
                        const std::pair<std::string_view, std::string_view>* end) {
  const std::string key = to_lower(trim(network));
  for (auto it = begin; it != end; ++it) {
    if (it->first == key) return it->second;
  }
  return {};
}

void add_offer(std::vector<offer>& offers, std::string_view provider, std::string basis) {
  const bool seen = std::any_of(offers.begin(), offers.end(),
                                [&](const offer& o) { return o.provider == provider; });
  if (seen || provider.empty()) return;
  offer o;
  o.provider = std::string(provider);
  o.type = is_free_to_air(provider) ? monetization::free : monetization::flatrate;
  o.inferred = true;
  o.basis = std::move(basis);
  o.last_checked_ts = 0;
  offers.push_back(std::move(o));
}

std::string provider_name(std::string_view id) {
  for (const auto& p : au_providers()) {
    if (p.id == id) return p.name;
  }
  return std::string(id);
}

bool contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool contains(const std::vector<us_service>& v, us_service x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The season a listing dates: Kaggle's release_year, never before the first season.
int dated_season(const merged_show& m, const platform_listing& l) {
  return std::max(l.release_year, m.justwatch_year);
}

std::string premiere_basis(const merged_show& m, const platform_listing& l) {
  const platform_info& p = *platform_of(l.service);
  const std::string name(display_name(l.service));
  const int season = dated_season(m, l);
  std::string why = "Taken as a " + name + " original: first season " +
                    std::to_string(m.justwatch_year) + ", after " + name +
                    " began making series (" + std::to_string(p.first_series_year) + "); " + name +
                    " US added ";
  why += season == m.justwatch_year ? "it" : "its " + std::to_string(season) + " season";
  why += " in " + std::to_string(l.added_year) +
         ", as it came out, and still lists it; no other US service lists it and no TV network "
         "is on record for it. " +
         name + " originals stream in Australia";
  return why;
}

std::string streamer_basis(std::string_view network, std::string_view provider) {
  std::string why = "Made for " + std::string(network) + " (TVmaze network); ";
  if (provider == "binge") return why + "HBO programmes stream on Binge in Australia";
  if (provider == "disney_plus" && to_lower(network) == "hulu") {
    return why + "Hulu originals stream on Disney+ outside the US";
  }
  return why + provider_name(provider) + " originals stream in Australia";
}

}  // namespace

std::string_view au_broadcaster_provider(std::string_view network) {
  return lookup(network, std::begin(kBroadcasters), std::end(kBroadcasters));
}

std::string_view streamer_provider(std::string_view network) {
  return lookup(network, std::begin(kStreamers), std::end(kStreamers));
}

const platform_listing* platform_premiere(const merged_show& m) {
  if (contains(m.show.countries, "AU")) return nullptr;
  for (const auto& l : m.listings) {
    const platform_info* p = platform_of(l.service);
    if (p == nullptr || l.added_year == 0) continue;
    if (m.services.size() != 1 || m.services.front() != l.service) continue;
    if (!contains(m.justwatch_services, l.service) || m.justwatch_year == 0) continue;
    if (m.justwatch_year < p->first_series_year) continue;
    if (l.added_year > dated_season(m, l) + 1) continue;
    const std::string_view network = trim(m.show.network);
    if (!network.empty() && streamer_provider(network) != p->provider) continue;
    return &l;
  }
  return nullptr;
}

std::vector<offer> infer_au_offers(const merged_show& m) {
  std::vector<offer> offers;
  if (contains(m.services, us_service::apple_tv_plus)) {
    add_offer(offers, "apple_tv_plus",
              "In the Apple TV+ US catalogue, which holds only Apple originals; Apple TV+ "
              "originals stream in Australia");
  }
  if (const platform_listing* l = platform_premiere(m)) {
    add_offer(offers, platform_of(l->service)->provider, premiere_basis(m, *l));
  }
  const std::string_view network = trim(m.show.network);
  if (const std::string_view provider = streamer_provider(network); !provider.empty()) {
    add_offer(offers, provider, streamer_basis(network, provider));
  }
  const auto& countries = m.show.countries;
  if (contains(countries, "AU") && !contains(countries, "US")) {
    const std::string_view provider = au_broadcaster_provider(network);
    if (!provider.empty()) {
      add_offer(offers, provider,
                "Australian production first shown on " + std::string(network) +
                    "; its programmes stream on " + provider_name(provider) + " in Australia");
    }
  }
  return offers;
}

}  // namespace recs::adapters
