#define BOOST_TEST_MODULE adapters_catalog_merge
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "adapters/catalog_merge.hpp"
#include "test/adapters/printers.hpp"

namespace ad = recs::adapters;
using recs::maturity;

namespace {

ad::source_record jw(const std::string& id, const std::string& title, int year, int seasons,
                     const std::string& source = "jw/netflix",
                     ad::us_service service = ad::us_service::netflix) {
  ad::source_record r;
  r.source = source;
  r.kind = ad::source_kind::justwatch;
  r.services = {service};
  r.imdb_id = id;
  r.title = title;
  r.year = year;
  r.seasons = seasons;
  return r;
}

ad::source_record kaggle(const std::string& title, int year, int seasons,
                         const std::string& source = "kaggle/netflix",
                         ad::us_service service = ad::us_service::netflix) {
  ad::source_record r = jw("", title, year, seasons, source, service);
  r.kind = ad::source_kind::kaggle_2021;
  return r;
}

ad::source_record tvmaze(const std::string& title, int year, const std::string& network) {
  ad::source_record r = jw("", title, year, 1, "tvmaze");
  r.kind = ad::source_kind::tvmaze;
  r.services.clear();
  r.network = network;
  return r;
}

const ad::merged_show* find(const std::vector<ad::merged_show>& v, const std::string& id) {
  for (const auto& m : v) {
    if (m.show.id == id) return &m;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(catalog_merge)

BOOST_AUTO_TEST_CASE(same_imdb_id_in_several_files_is_one_show) {
  auto a = jw("tt0903747", "Breaking Bad", 2008, 5);
  a.genres = {"drama"};
  a.rating = maturity::m;
  a.imdb_score = 9.4;
  a.tmdb_popularity = 400;
  auto b = jw("tt0903747", "Breaking Bad", 2008, 4, "jw/hulu", ad::us_service::hulu);
  b.genres = {"crime", "drama"};
  b.rating = maturity::ma15;
  b.imdb_score = 9.5;
  b.tmdb_popularity = 300;
  b.countries = {"US"};
  const auto out = ad::merge_records({a, b});
  BOOST_REQUIRE_EQUAL(out.size(), 1u);
  const auto& s = out[0].show;
  BOOST_TEST(s.id == "tt0903747");
  BOOST_TEST(s.genres == (std::vector<std::string>{"crime", "drama"}));
  BOOST_TEST(s.rating == maturity::ma15);  // strictest wins
  BOOST_TEST(s.seasons == 5);              // max
  BOOST_TEST(s.imdb_score == 9.5);
  BOOST_TEST(s.tmdb_popularity == 400);
  BOOST_TEST(out[0].sources == (std::vector<std::string>{"jw/hulu", "jw/netflix"}));
  BOOST_TEST((out[0].services ==
              std::vector<ad::us_service>{ad::us_service::netflix, ad::us_service::hulu}));
}

BOOST_AUTO_TEST_CASE(kaggle_joins_by_title_within_the_latest_season_range) {
  // Real case: Kaggle lists Breaking Bad (2008, 5 seasons) with release_year 2013.
  auto k = kaggle("Breaking Bad", 2013, 5);
  k.premise = "kaggle premise";
  auto j = jw("tt0903747", "Breaking Bad", 2008, 5);
  j.premise = "justwatch premise";
  const auto out = ad::merge_records({k, j});  // id'd JustWatch rows are grouped first
  BOOST_REQUIRE_EQUAL(out.size(), 1u);
  BOOST_TEST(out[0].show.premise == "justwatch premise");
  BOOST_TEST(out[0].show.year == 2008);
}

BOOST_AUTO_TEST_CASE(the_nearest_of_two_same_titled_shows_wins) {
  // Real case: Netflix has Glitch (AU, 2015) and Glitch (KR, 2022); Kaggle 2021 lists the
  // Australian one with release_year 2019 and 3 seasons.
  auto au = jw("tt4192782", "Glitch", 2015, 3);
  auto kr = jw("tt14735382", "Glitch", 2022, 1);
  auto k = kaggle("Glitch", 2019, 3);
  k.countries = {"AU"};
  const auto out = ad::merge_records({au, kr, k});
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(find(out, "tt4192782")->sources.size() == 2u);
  BOOST_TEST(find(out, "tt14735382")->sources.size() == 1u);
}

BOOST_AUTO_TEST_CASE(remakes_years_apart_stay_apart) {
  const auto out = ad::merge_records(
      {jw("tt0058824", "Lost in Space", 1965, 3, "jw/hulu", ad::us_service::hulu),
       jw("tt5232792", "Lost in Space", 2018, 3), tvmaze("Lost in Space", 1998, "X")});
  BOOST_REQUIRE_EQUAL(out.size(), 3u);
}

BOOST_AUTO_TEST_CASE(one_word_titles_need_the_same_year) {
  // Wipeout (AU, 2009) must not swallow the US Wipeout (2008) from TVmaze.
  auto au = jw("tt1389428", "Wipeout", 2009, 1, "jw/amazon", ad::us_service::prime_video);
  const auto out = ad::merge_records({au, tvmaze("Wipeout", 2008, "ABC")});
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(find(out, "tt1389428")->show.network.empty());
  // A distinctive title may be one year off.
  const auto out2 = ad::merge_records({jw("tt0491603", "H2O: Just Add Water", 2006, 3),
                                       tvmaze("H2O - Just Add Water", 2007, "10")});
  BOOST_REQUIRE_EQUAL(out2.size(), 1u);
  BOOST_TEST(out2[0].show.network == "10");
}

BOOST_AUTO_TEST_CASE(two_rows_of_one_file_are_two_shows) {
  const auto out =
      ad::merge_records({kaggle("The Office", 2005, 9), kaggle("The Office", 2005, 2)});
  BOOST_TEST(out.size() == 2u);
}

BOOST_AUTO_TEST_CASE(unmatched_records_create_shows_but_flags_only_enrich) {
  auto flags = jw("", "Breaking Bad", 2008, 0, "tv-shows");
  flags.kind = ad::source_kind::platform_flags;
  flags.rating = maturity::ma15;
  auto orphan_flags = flags;
  orphan_flags.title = "Nowhere Show";
  auto k = kaggle("Breaking Bad", 2013, 5);
  const auto out = ad::merge_records({k, flags, orphan_flags, tvmaze("Undated", 0, "ABC")});
  BOOST_REQUIRE_EQUAL(out.size(), 1u);
  BOOST_TEST(out[0].sources == (std::vector<std::string>{"kaggle/netflix", "tv-shows"}));
  BOOST_TEST(out[0].show.rating == maturity::ma15);  // the flag band fills an unknown rating
  BOOST_TEST(out[0].show.year == 2008);              // flags rank above Kaggle for the year
}

BOOST_AUTO_TEST_CASE(flag_band_never_overrides_a_real_rating) {
  auto j = jw("tt0417299", "Avatar: The Last Airbender", 2005, 3);
  j.rating = maturity::g;
  auto flags = jw("", "Avatar: The Last Airbender", 2005, 0, "tv-shows");
  flags.kind = ad::source_kind::platform_flags;
  flags.rating = maturity::ma15;
  const auto out = ad::merge_records({j, flags});
  BOOST_REQUIRE_EQUAL(out.size(), 1u);
  BOOST_TEST(out[0].show.rating == maturity::g);
}

BOOST_AUTO_TEST_CASE(field_priorities) {
  auto k = kaggle("Glitch", 2019, 3);
  k.premise = "kaggle";
  k.countries = {"AU"};
  auto t = tvmaze("Glitch", 2015, "ABC");
  t.premise = "tvmaze";
  t.runtime = 60;
  auto j = jw("tt4192782", "Glitch", 2015, 3);
  j.runtime = 53;
  j.countries = {"AU", "GB"};
  const auto out = ad::merge_records({j, k, t});
  BOOST_REQUIRE_EQUAL(out.size(), 1u);
  const auto& s = out[0].show;
  BOOST_TEST(s.premise == "kaggle");  // JustWatch had none; Kaggle ranks above TVmaze
  BOOST_TEST(s.runtime == 53);
  BOOST_TEST(s.network == "ABC");
  BOOST_TEST(s.countries == (std::vector<std::string>{"AU", "GB"}));
}

BOOST_AUTO_TEST_CASE(availability_evidence_is_collected) {
  // Real case: Stranger Things in JustWatch 2023 (2016) and Kaggle 2021 (2019, 3 seasons, added
  // July 4, 2019).
  auto k = kaggle("Stranger Things", 2019, 3);
  k.added_year = 2019;
  auto j = jw("tt4574334", "Stranger Things", 2016, 4);
  auto later = jw("tt4574334", "Stranger Things", 2017, 4, "jw/hulu", ad::us_service::hulu);
  auto t = tvmaze("Stranger Things", 2016, "");
  const auto out = ad::merge_records({k, j, later, t});
  BOOST_REQUIRE_EQUAL(out.size(), 1u);
  const auto& m = out[0];
  BOOST_TEST(m.justwatch_year == 2016);  // the earliest JustWatch year
  BOOST_TEST((m.justwatch_services ==
              std::vector<ad::us_service>{ad::us_service::netflix, ad::us_service::hulu}));
  BOOST_REQUIRE_EQUAL(m.listings.size(), 1u);
  BOOST_TEST(m.listings[0].service == ad::us_service::netflix);
  BOOST_TEST(m.listings[0].release_year == 2019);
  BOOST_TEST(m.listings[0].seasons == 3);
  BOOST_TEST(m.listings[0].added_year == 2019);
  // Kaggle and TVmaze rows alone give no JustWatch evidence.
  const auto alone = ad::merge_records({k, t});
  BOOST_REQUIRE_EQUAL(alone.size(), 1u);
  BOOST_TEST(alone[0].justwatch_year == 0);
  BOOST_TEST(alone[0].justwatch_services.empty());
  BOOST_TEST(alone[0].services == std::vector<ad::us_service>{ad::us_service::netflix});
}

BOOST_AUTO_TEST_CASE(synthetic_ids_are_stable_and_unique) {
  std::vector<ad::merged_show> v(4);
  v[0].show.id = "tt0903747";
  v[1].show.title = "Kath & Kim";
  v[1].show.year = 2002;
  v[2].show.title = "Kath and Kim!";
  v[2].show.year = 2002;
  v[3].show.title = "\xE5\xA4\xA9\xE5\x9C\x8B";
  v[3].show.year = 2016;
  auto w = v;
  ad::assign_ids(v);
  ad::assign_ids(w);
  BOOST_TEST(v[0].show.id == "tt0903747");
  BOOST_TEST(v[1].show.id == "x-kath-and-kim-2002");
  BOOST_TEST(v[2].show.id == "x-kath-and-kim-2002-2");
  BOOST_TEST(v[3].show.id.rfind("x-t", 0) == 0);
  BOOST_TEST(v[3].show.id.size() == std::string("x-t12345678-2016").size());
  for (std::size_t i = 0; i < v.size(); ++i) BOOST_TEST(v[i].show.id == w[i].show.id);
}

BOOST_AUTO_TEST_SUITE_END()
