#define BOOST_TEST_MODULE adapters_justwatch_mapping
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "adapters/au_providers.hpp"
#include "adapters/catalog_json.hpp"
#include "adapters/justwatch_convert.hpp"
#include "adapters/justwatch_packages.hpp"
#include "adapters/justwatch_response.hpp"
#include "test/adapters/printers.hpp"
#include "test/adapters/upstream_fixture.hpp"

namespace ad = recs::adapters;
using ad::testing::upstream;
using recs::monetization;

namespace {

constexpr std::int64_t kFetched = 1732000000;

const std::vector<recs::provider>& providers() {
  static const std::vector<recs::provider> p = [] {
    auto r = ad::load_providers_file(ad::testing::source_path("data/providers.json"));
    BOOST_REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return p;
}

ad::jw_package pkg(std::int64_t id, const std::string& clear, const std::string& technical) {
  ad::jw_package p;
  p.package_id = id;
  p.clear_name = clear;
  p.technical_name = technical;
  return p;
}

std::string mapped(const std::string& clear, const std::string& technical) {
  return ad::provider_for_package(pkg(1, clear, technical), providers()).value_or("-");
}

std::vector<ad::jw_title> page(const std::string& file) {
  auto r = ad::parse_jw_title_page(upstream("justwatch/" + file));
  BOOST_REQUIRE(r.ok());
  return std::move(r)->titles;
}

std::vector<std::string> provider_ids(const std::vector<recs::offer>& offers) {
  std::vector<std::string> out;
  for (const auto& o : offers) out.push_back(o.provider);
  return out;
}

std::vector<std::string> technical_names(const std::vector<ad::jw_package>& packages) {
  std::vector<std::string> out;
  for (const auto& p : packages) out.push_back(p.technical_name);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(packages)

BOOST_AUTO_TEST_CASE(au_package_list_maps_by_name_and_reports_the_rest) {
  const auto packages = ad::parse_jw_providers(upstream("justwatch/providers_au.json"));
  BOOST_REQUIRE(packages.ok());
  const ad::package_mapping m = ad::map_packages(*packages, providers());
  std::vector<std::string> pairs;
  for (const auto& [id, provider] : m.mapped) pairs.push_back(std::to_string(id) + "=" + provider);
  BOOST_TEST(pairs == (std::vector<std::string>{
                          "8=netflix", "1796=netflix", "119=prime_video", "337=disney_plus",
                          "21=stan", "385=binge", "134=foxtel_now", "350=apple_tv_plus",
                          "531=paramount_plus", "151=britbox", "135=abc_iview", "132=sbs_on_demand",
                          "82=ten_play", "1899=hbo_max"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      technical_names(m.unknown) ==
          (std::vector<std::string>{"itunes", "play", "amazon", "crunchyroll", "hayu",
                                    "paramountplusappletvchannel", "appletvplusamazonchannel"}),
      boost::test_tools::per_element());
  BOOST_TEST(m.providers_without_package == (std::vector<std::string>{"nine_now", "seven_plus"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(names_not_ids_decide) {
  BOOST_TEST(mapped("Disney+", "") == "disney_plus");
  BOOST_TEST(mapped("", "disneyplus") == "disney_plus");
  BOOST_TEST(mapped("SBS On Demand", "sbsod") == "sbs_on_demand");
  BOOST_TEST(mapped("ABC iview", "abciview") == "abc_iview");
  BOOST_TEST(mapped("9Now", "") == "nine_now");
  BOOST_TEST(mapped("7plus", "") == "seven_plus");
  BOOST_TEST(mapped("Max", "max") == "hbo_max");
  BOOST_TEST(mapped("Amazon Prime Video with Ads", "amazonprimevideowithads") == "prime_video");
  BOOST_TEST(mapped("Netflix Standard with Ads", "netflixstandardwithads") == "netflix");
  BOOST_TEST(mapped("Apple TV", "itunes") == "-");  // the store, not Apple TV+
  BOOST_TEST(mapped("Amazon Video", "amazon") == "-");
  BOOST_TEST(mapped("BritBox Amazon Channel", "britboxamazonchannel") == "-");
  BOOST_TEST(mapped("", "") == "-");
  // Only the providers passed in count: the list is data, not code.
  const std::vector<recs::provider> only_stan{{"stan", "Stan", false}};
  BOOST_TEST(!ad::provider_for_package(pkg(8, "Netflix", "netflix"), only_stan).has_value());
  BOOST_TEST(ad::provider_for_package(pkg(21, "Stan", "stan"), only_stan).value() == "stan");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(offers)

BOOST_AUTO_TEST_CASE(monetization_types) {
  BOOST_TEST(ad::jw_monetization("FLATRATE").value() == monetization::flatrate);
  BOOST_TEST(ad::jw_monetization("FREE").value() == monetization::free);
  BOOST_TEST(ad::jw_monetization("ADS").value() == monetization::ads);
  BOOST_TEST(ad::jw_monetization("RENT").value() == monetization::rent);
  BOOST_TEST(ad::jw_monetization("BUY").value() == monetization::buy);
  BOOST_TEST(!ad::jw_monetization("CINEMA").has_value());
  BOOST_TEST(!ad::jw_monetization("FAST").has_value());
}

BOOST_AUTO_TEST_CASE(page_one_offers_are_verified_and_deduplicated) {
  const auto titles = page("popular_au_page1.json");
  const auto slow = ad::convert_offers(titles[0], providers(), kFetched);
  BOOST_REQUIRE_EQUAL(slow.offers.size(), 1u);
  const recs::offer& o = slow.offers[0];
  BOOST_TEST(o.provider == "apple_tv_plus");
  BOOST_TEST(o.type == monetization::flatrate);
  BOOST_TEST(!o.inferred);
  BOOST_TEST(o.basis == "justwatch");
  BOOST_TEST(o.last_checked_ts == kFetched);
  BOOST_TEST(o.url == "https://tv.apple.com/au/show/slow-horses/umc.cmc.2szz3fdt71tl1ulnbp8utgq5o");
  BOOST_TEST(o.available_to.empty());
  BOOST_TEST(technical_names(slow.unknown_packages) == std::vector<std::string>{"itunes"});

  // Bluey: free on ABC iview; HD (leaving 2026-06-30) and 4K (no end) on Disney+ collapse.
  const auto bluey = ad::convert_offers(titles[1], providers(), kFetched);
  BOOST_TEST(provider_ids(bluey.offers) == (std::vector<std::string>{"abc_iview", "disney_plus"}));
  BOOST_TEST(bluey.offers[0].type == monetization::free);
  BOOST_TEST(bluey.offers[1].url == "https://www.disneyplus.com/en-au/browse/entity-bluey-4k");
  BOOST_TEST(bluey.offers[1].available_to.empty());
  BOOST_TEST(bluey.unknown_packages.empty());

  const auto fargo = ad::convert_offers(titles[2], providers(), kFetched);
  BOOST_TEST(provider_ids(fargo.offers) ==
             (std::vector<std::string>{"binge", "disney_plus", "foxtel_now"}));
  BOOST_TEST(fargo.offers[2].available_to == "2025-11-30");
}

BOOST_AUTO_TEST_CASE(page_two_reports_unknown_packages_and_types) {
  const auto titles = page("popular_au_page2.json");
  const auto bear = ad::convert_offers(titles[0], providers(), kFetched);
  BOOST_TEST(provider_ids(bear.offers) == std::vector<std::string>{"disney_plus"});
  BOOST_TEST(technical_names(bear.unknown_packages) == std::vector<std::string>{"hayu"});
  const auto utopia = ad::convert_offers(titles[1], providers(), kFetched);
  BOOST_REQUIRE_EQUAL(utopia.offers.size(), 1u);
  BOOST_TEST(utopia.offers[0].provider == "sbs_on_demand");
  BOOST_TEST(utopia.offers[0].type == monetization::free);
  BOOST_TEST(utopia.offers[0].available_to == "2026-01-31");
  BOOST_TEST(utopia.skipped_types == std::vector<std::string>{"FAST"});
  const auto race = ad::convert_offers(titles[2], providers(), kFetched);
  BOOST_TEST(provider_ids(race.offers) == (std::vector<std::string>{"paramount_plus", "ten_play"}));
  BOOST_TEST(race.offers[1].type == monetization::ads);
}

BOOST_AUTO_TEST_CASE(all_offers_of_one_node) {
  const auto t = ad::parse_jw_title_node(upstream("justwatch/title_offers_slow_horses.json"));
  BOOST_REQUIRE(t.ok());
  const auto c = ad::convert_offers(*t, providers(), kFetched);
  BOOST_REQUIRE_EQUAL(c.offers.size(), 1u);  // SD, HD, 4K of Apple TV+ -> one
  BOOST_TEST(c.offers[0].url ==
             "https://tv.apple.com/au/show/slow-horses/umc.cmc.2szz3fdt71tl1ulnbp8utgq5o");
  BOOST_TEST(technical_names(c.unknown_packages) ==
             (std::vector<std::string>{"appletvplusamazonchannel", "itunes", "play"}));
}

BOOST_AUTO_TEST_CASE(dedup_keeps_the_latest_end_and_a_url) {
  ad::jw_title t;
  const auto add = [&](const std::string& type, const std::string& pres, const std::string& url,
                       const std::string& to) {
    ad::jw_offer o;
    o.monetization_type = type;
    o.presentation_type = pres;
    o.url = url;
    o.available_to = to;
    o.package = pkg(21, "Stan", "stan");
    t.offers.push_back(o);
  };
  add("FLATRATE", "_4K", "", "2026-01-01");
  add("FLATRATE", "SD", "https://stan/sd", "2026-03-01");
  add("FLATRATE", "HD", "https://stan/hd", "2026-02-01");
  add("RENT", "HD", "https://stan/rent", "");
  const auto c = ad::convert_offers(t, providers(), kFetched);
  BOOST_REQUIRE_EQUAL(c.offers.size(), 2u);
  BOOST_TEST(c.offers[0].type == monetization::flatrate);
  BOOST_TEST(c.offers[0].url == "https://stan/hd");  // 4K had no url
  BOOST_TEST(c.offers[0].available_to == "2026-03-01");
  BOOST_TEST(c.offers[1].type == monetization::rent);
}

BOOST_AUTO_TEST_SUITE_END()
