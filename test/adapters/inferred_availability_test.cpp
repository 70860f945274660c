#define BOOST_TEST_MODULE adapters_inferred_availability
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "adapters/au_providers.hpp"
#include "adapters/catalog_import.hpp"
#include "adapters/inferred_availability.hpp"
#include "test/adapters/availability_fixtures.hpp"
#include "test/adapters/fixtures.hpp"
#include "test/adapters/printers.hpp"

namespace ad = recs::adapters;
namespace fx = recs::adapters::testing;
using svc = ad::us_service;
using recs::monetization;
using strings = std::vector<std::string>;

namespace {

strings providers(const std::vector<recs::offer>& offers) {
  strings out;
  for (const auto& o : offers) out.push_back(o.provider);
  return out;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

ad::loaded_source load(const std::string& label, const std::string& text) {
  for (const auto& spec : ad::catalog_sources()) {
    if (spec.label != label) continue;
    auto t = ad::parse_csv(text);
    BOOST_REQUIRE_MESSAGE(t.ok(), label);
    return {spec, std::move(t).value()};
  }
  BOOST_FAIL("no source " << label);
  return {};
}

// Every fixture file, parsed, merged and inferred as the import does it.
std::vector<ad::loaded_source> real_sources(bool with_tvmaze = true) {
  std::vector<ad::loaded_source> s{
      load("justwatch-us-2023/netflix", fx::kJwNetflix + fx::kJwNetflixMore),
      load("justwatch-us-2023/disney", fx::kJwDisney + fx::kJwDisneyMore),
      load("justwatch-us-2022/amazon", fx::kJwAmazon),
      load("justwatch-us-2022/hulu", fx::kJwHulu),
      load("streaming-catalogs-kaggle-2021/netflix", fx::kKaggleNetflix + fx::kKaggleNetflixMore),
      load("streaming-catalogs-kaggle-2021/amazon_prime", fx::kKaggleAmazon),
      load("streaming-catalogs-kaggle-2021/disney_plus", fx::kKaggleDisney),
      load("streaming-catalogs-kaggle-2021/hulu", fx::kKaggleHulu),
      load("tv-shows-on-streaming-platforms", fx::kPlatformFlags + fx::kPlatformFlagsMore)};
  if (with_tvmaze) s.push_back(load("tvmaze-top-shows", fx::kTvmaze + fx::kTvmazeMore));
  return s;
}

struct real_catalog {
  explicit real_catalog(bool with_tvmaze = true) {
    auto built = ad::build_catalog(real_sources(with_tvmaze));
    BOOST_REQUIRE_MESSAGE(built.ok(), (built.ok() ? std::string() : built.err().message));
    entries = std::move(built->entries);
  }
  const recs::show& get(const std::string& id) const {
    const auto it = std::find_if(entries.begin(), entries.end(),
                                 [&](const ad::catalog_entry& e) { return e.item.id == id; });
    BOOST_REQUIRE_MESSAGE(it != entries.end(), "missing " << id);
    return it->item;
  }
  std::vector<ad::catalog_entry> entries;
};

// Stranger Things as the import merges it: JustWatch 2023 Netflix (2016), Kaggle Netflix
// (release_year 2019, 3 seasons, added July 4, 2019), the platform flags (Netflix only).
ad::merged_show stranger_things() {
  ad::merged_show m;
  m.show.title = "Stranger Things";
  m.show.countries = {"US"};
  m.services = {svc::netflix};
  m.justwatch_services = {svc::netflix};
  m.justwatch_year = 2016;
  m.listings = {{svc::netflix, 2019, 3, 2019}};
  return m;
}

ad::merged_show tvmaze_only(const std::string& network, const strings& countries) {
  ad::merged_show m;
  m.show.network = network;
  m.show.countries = countries;
  return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(inferred_availability)

BOOST_AUTO_TEST_CASE(real_rows_originals_get_their_service) {
  const real_catalog c;
  const auto& st = c.get("tt4574334");
  BOOST_REQUIRE_EQUAL(st.offers.size(), 1u);
  const recs::offer& o = st.offers[0];
  BOOST_TEST(o.provider == "netflix");
  BOOST_TEST(o.type == monetization::flatrate);
  BOOST_TEST(o.inferred);
  BOOST_TEST(o.last_checked_ts == 0);
  BOOST_TEST(has(o.basis, "Netflix original"), o.basis);
  BOOST_TEST(has(o.basis, "first season 2016"), o.basis);
  BOOST_TEST(has(o.basis, "added its 2019 season in 2019"), o.basis);
  BOOST_TEST(has(o.basis, "Netflix originals stream in Australia"), o.basis);

  const auto& mando = c.get("tt8111088");
  BOOST_TEST(providers(mando.offers) == strings{"disney_plus"});
  BOOST_TEST(has(mando.offers[0].basis, "Disney+ US added it in 2020"), mando.offers[0].basis);
  BOOST_TEST(providers(c.get("tt3502248").offers) == strings{"prime_video"});  // Bosch
  // Game of Thrones: TVmaze network HBO.
  const auto& got = c.get("x-game-of-thrones-2011");
  BOOST_TEST(providers(got.offers) == strings{"binge"});
  BOOST_TEST(has(got.offers[0].basis, "HBO programmes stream on Binge in Australia"));
}

BOOST_AUTO_TEST_CASE(real_rows_licensed_shows_get_nothing) {
  const real_catalog c;
  // Breaking Bad: only Netflix lists it in the US, but it is AMC's (2008, before Netflix made
  // series, and TVmaze says AMC).
  BOOST_TEST(c.get("tt0903747").offers.empty());
  BOOST_TEST(c.get("tt3107288").offers.empty());  // The Flash: The CW's
  // Riverdale: flagged on Hulu too, and Netflix added its 2019 season in 2021.
  BOOST_TEST(c.get("tt5420376").offers.empty());
  BOOST_TEST(c.get("tt11909836").offers.empty());  // Love on the Spectrum: Australian (ABC)
  BOOST_TEST(c.get("tt1190634").offers.empty());   // The Boys: no date_added
  BOOST_TEST(c.get("x-blood-and-water-2021").offers.empty());  // not in JustWatch's Netflix
  // Bluey: Disney+ streams it in the US since 2019, a year after it began on ABC Kids.
  BOOST_TEST(c.get("tt7678620").offers.empty());
  // Hulu dates a Hulu original and an NBC next-day show alike: neither is inferred.
  BOOST_TEST(c.get("tt12851524").offers.empty());  // Only Murders in the Building
  BOOST_TEST(c.get("tt10662034").offers.empty());  // Mr. Mayor
  // Glitch: Australian, so the ABC rule applies and Netflix's listing does not.
  BOOST_TEST(providers(c.get("tt4192782").offers) == strings{"abc_iview"});
}

BOOST_AUTO_TEST_CASE(tvmaze_network_is_what_keeps_the_flash_off_netflix) {
  // Without TVmaze The Flash looks like a Netflix premiere: Netflix alone, each season added as
  // it came out. The network on record is the evidence against it.
  const real_catalog without(false);
  BOOST_TEST(providers(without.get("tt3107288").offers) == strings{"netflix"});
  const real_catalog with;
  BOOST_TEST(with.get("tt3107288").offers.empty());
}

BOOST_AUTO_TEST_CASE(each_platform_premiere_condition_is_needed) {
  BOOST_TEST(ad::platform_premiere(stranger_things()) != nullptr);

  auto m = stranger_things();
  m.services = {svc::netflix, svc::hulu};  // another US service lists it
  BOOST_TEST(ad::platform_premiere(m) == nullptr);
  m = stranger_things();
  m.listings[0].added_year = 0;  // no date_added
  BOOST_TEST(ad::platform_premiere(m) == nullptr);
  m = stranger_things();
  m.justwatch_services.clear();  // Netflix no longer lists it
  m.justwatch_year = 0;
  BOOST_TEST(ad::platform_premiere(m) == nullptr);
  m = stranger_things();
  m.justwatch_year = 2012;  // before Netflix made series
  BOOST_TEST(ad::platform_premiere(m) == nullptr);
  m = stranger_things();
  m.listings[0].added_year = 2021;  // two years after the season it dates
  BOOST_TEST(ad::platform_premiere(m) == nullptr);
  m.listings[0].added_year = 2020;  // within a year
  BOOST_TEST(ad::platform_premiere(m) != nullptr);
  m = stranger_things();
  m.show.network = "NBC";
  BOOST_TEST(ad::platform_premiere(m) == nullptr);
  m.show.network = "Netflix";  // TVmaze naming the streamer itself is no objection
  BOOST_TEST(ad::platform_premiere(m) != nullptr);
  m = stranger_things();
  m.show.countries = {"US", "AU"};
  BOOST_TEST(ad::platform_premiere(m) == nullptr);
}

BOOST_AUTO_TEST_CASE(platform_start_years_and_hulu) {
  // The Mandalorian: Disney+ 2019, Kaggle release_year 2019, added 2020.
  ad::merged_show m;
  m.show.countries = {"US"};
  m.services = m.justwatch_services = {svc::disney_plus};
  m.justwatch_year = 2019;
  m.listings = {{svc::disney_plus, 2019, 2, 2020}};
  BOOST_TEST(providers(ad::infer_au_offers(m)) == strings{"disney_plus"});
  m.justwatch_year = 2018;  // Bluey's first season, before Disney+ existed
  BOOST_TEST(ad::infer_au_offers(m).empty());
  // Only Murders in the Building passes every test but Hulu's dates prove nothing.
  m.services = m.justwatch_services = {svc::hulu};
  m.justwatch_year = 2021;
  m.listings = {{svc::hulu, 2021, 1, 2021}};
  BOOST_TEST(ad::platform_premiere(m) == nullptr);
  BOOST_TEST(ad::infer_au_offers(m).empty());
}

BOOST_AUTO_TEST_CASE(apple_catalogue_means_apple_original) {
  ad::merged_show m;
  m.services = {svc::apple_tv_plus, svc::netflix};
  const auto offers = ad::infer_au_offers(m);
  BOOST_TEST(providers(offers) == strings{"apple_tv_plus"});
  BOOST_TEST(offers[0].inferred);
  BOOST_TEST(offers[0].last_checked_ts == 0);
  // Listed by one service only, without dates or a network: nothing.
  m.services = {svc::netflix};
  BOOST_TEST(ad::infer_au_offers(m).empty());
  m.services = {svc::hbo};
  BOOST_TEST(ad::infer_au_offers(m).empty());
  m.services = {svc::paramount_plus};
  BOOST_TEST(ad::infer_au_offers(m).empty());
}

BOOST_AUTO_TEST_CASE(streamer_networks) {
  BOOST_TEST(ad::streamer_provider("HBO") == "binge");
  BOOST_TEST(ad::streamer_provider("HBO Max") == "binge");
  BOOST_TEST(ad::streamer_provider("Netflix") == "netflix");
  BOOST_TEST(ad::streamer_provider("Disney+") == "disney_plus");
  BOOST_TEST(ad::streamer_provider("Hulu") == "disney_plus");
  BOOST_TEST(ad::streamer_provider("Amazon Prime Video") == "prime_video");
  BOOST_TEST(ad::streamer_provider("Prime Video") == "prime_video");
  BOOST_TEST(ad::streamer_provider("Amazon") == "prime_video");
  BOOST_TEST(ad::streamer_provider("apple tv+") == "apple_tv_plus");
  BOOST_TEST(ad::streamer_provider("CBS All Access") == "paramount_plus");
  BOOST_TEST(ad::streamer_provider("Paramount+") == "paramount_plus");
  BOOST_TEST(ad::streamer_provider("Stan") == "stan");
  // Cable channels are not their group's streamer.
  BOOST_TEST(ad::streamer_provider("Paramount Network") == "");
  BOOST_TEST(ad::streamer_provider("Disney Channel") == "");
  BOOST_TEST(ad::streamer_provider("HBO Canada") == "");
  BOOST_TEST(ad::streamer_provider("AMC") == "");
  BOOST_TEST(ad::streamer_provider("") == "");

  const auto hulu = ad::infer_au_offers(tvmaze_only("Hulu", {"US"}));
  BOOST_REQUIRE_EQUAL(hulu.size(), 1u);
  BOOST_TEST(hulu[0].provider == "disney_plus");
  BOOST_TEST(has(hulu[0].basis, "Hulu originals stream on Disney+ outside the US"));
  const auto stan = ad::infer_au_offers(tvmaze_only("Stan", {"AU"}));
  BOOST_TEST(providers(stan) == strings{"stan"});  // one offer, not one per rule
  BOOST_TEST(stan[0].type == monetization::flatrate);
}

BOOST_AUTO_TEST_CASE(australian_broadcasters) {
  const auto glitch = ad::infer_au_offers(tvmaze_only("ABC", {"AU"}));
  BOOST_TEST(providers(glitch) == strings{"abc_iview"});
  BOOST_TEST(glitch[0].type == monetization::free);
  BOOST_TEST(has(glitch[0].basis, "ABC iview"));
  BOOST_TEST(providers(ad::infer_au_offers(tvmaze_only("SBS", {"AU"}))) ==
             strings{"sbs_on_demand"});
  BOOST_TEST(providers(ad::infer_au_offers(tvmaze_only("Network 10", {"AU"}))) ==
             strings{"ten_play"});
  BOOST_TEST(providers(ad::infer_au_offers(tvmaze_only("Nine Network", {"AU"}))) ==
             strings{"nine_now"});
  BOOST_TEST(providers(ad::infer_au_offers(tvmaze_only("Seven Network", {"AU"}))) ==
             strings{"seven_plus"});
  const auto wentworth = ad::infer_au_offers(tvmaze_only("Showcase", {"AU"}));
  BOOST_TEST(providers(wentworth) == strings{"binge"});
  BOOST_TEST(wentworth[0].type == monetization::flatrate);
}

BOOST_AUTO_TEST_CASE(broadcaster_rule_needs_an_australian_only_production) {
  BOOST_TEST(ad::infer_au_offers(tvmaze_only("ABC", {"US"})).empty());  // the US ABC
  BOOST_TEST(ad::infer_au_offers(tvmaze_only("ABC", {"AU", "US"})).empty());
  BOOST_TEST(ad::infer_au_offers(tvmaze_only("Nine Network", {})).empty());
  BOOST_TEST(ad::infer_au_offers(tvmaze_only("BBC One", {"AU"})).empty());
  BOOST_TEST(providers(ad::infer_au_offers(tvmaze_only("ABC", {"GB", "AU"}))) ==
             strings{"abc_iview"});
}

BOOST_AUTO_TEST_CASE(network_names) {
  BOOST_TEST(ad::au_broadcaster_provider("ABC Kids") == "abc_iview");
  BOOST_TEST(ad::au_broadcaster_provider("abc me") == "abc_iview");
  BOOST_TEST(ad::au_broadcaster_provider("ABC1") == "abc_iview");
  BOOST_TEST(ad::au_broadcaster_provider("Ten") == "ten_play");
  BOOST_TEST(ad::au_broadcaster_provider("10") == "ten_play");
  BOOST_TEST(ad::au_broadcaster_provider("FOX8") == "binge");
  BOOST_TEST(ad::au_broadcaster_provider("Binge") == "binge");
  BOOST_TEST(ad::au_broadcaster_provider("NBC") == "");
  BOOST_TEST(ad::au_broadcaster_provider("") == "");
}

BOOST_AUTO_TEST_CASE(provider_list) {
  const auto& p = ad::au_providers();
  BOOST_REQUIRE_EQUAL(p.size(), 15u);
  BOOST_TEST(p[0].id == "netflix");
  BOOST_TEST(ad::is_free_to_air("abc_iview"));
  BOOST_TEST(ad::is_free_to_air("seven_plus"));
  BOOST_TEST(!ad::is_free_to_air("stan"));
  BOOST_TEST(!ad::is_free_to_air("unknown"));
  int free = 0;
  for (const auto& x : p) free += x.free_to_air ? 1 : 0;
  BOOST_TEST(free == 5);
}

BOOST_AUTO_TEST_SUITE_END()
