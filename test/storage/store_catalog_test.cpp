// Behavioural cases for any store backend: shows with offers, providers and meta.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

namespace {

offer make_offer(std::string provider, monetization type, std::int64_t checked) {
  offer o;
  o.provider = std::move(provider);
  o.type = type;
  o.inferred = checked == 0;
  o.basis = checked == 0 ? "network ABC" : "justwatch";
  o.last_checked_ts = checked;
  o.url = checked == 0 ? "" : "https://example.invalid/watch";
  o.available_to = checked == 0 ? "" : "2031-01-31";
  return o;
}

show make_show(const std::string& id, int n) {
  show s;
  s.id = id;
  s.title = "Show \"" + std::to_string(n) + "\" — ünïcode";
  s.year = 1990 + n % 35;
  s.genres = {"drama", n % 2 == 0 ? "crime" : "comedy"};
  s.premise = "A first-season set-up, number " + std::to_string(n) + ", with 'quotes'.";
  s.seasons = 1 + n % 7;
  s.runtime = 30 + n % 30;
  s.countries = {"AU", "GB"};
  s.network = "ABC";
  s.imdb_score = 7.25 + (n % 10) / 10.0;
  s.imdb_votes = 1000.0 * n;
  s.tmdb_score = 6.5;
  s.tmdb_popularity = 12.125 * n;
  s.rating = n % 3 == 0 ? maturity::ma15 : maturity::unknown;
  s.offers = {make_offer("abc_iview", monetization::free, 0),
              make_offer("stan", monetization::flatrate, 1700000000 + n),
              make_offer("apple_tv", monetization::buy, 1700000000 + n)};
  return s;
}

void check_same_offer(const offer& a, const offer& b) {
  BOOST_TEST(a.provider == b.provider);
  BOOST_TEST((a.type == b.type));
  BOOST_TEST(a.inferred == b.inferred);
  BOOST_TEST(a.basis == b.basis);
  BOOST_TEST(a.last_checked_ts == b.last_checked_ts);
  BOOST_TEST(a.url == b.url);
  BOOST_TEST(a.available_to == b.available_to);
}

// `got` offers come back ordered by (provider, monetization); compare against `want` by key.
void check_same_show(const show& got, const show& want) {
  BOOST_TEST_CONTEXT("show " << want.id) {
    BOOST_TEST(got.id == want.id);
    BOOST_TEST(got.title == want.title);
    BOOST_TEST(got.year == want.year);
    BOOST_TEST(got.genres == want.genres, boost::test_tools::per_element());
    BOOST_TEST(got.premise == want.premise);
    BOOST_TEST(got.seasons == want.seasons);
    BOOST_TEST(got.runtime == want.runtime);
    BOOST_TEST(got.countries == want.countries, boost::test_tools::per_element());
    BOOST_TEST(got.network == want.network);
    BOOST_TEST(got.imdb_score == want.imdb_score);
    BOOST_TEST(got.imdb_votes == want.imdb_votes);
    BOOST_TEST(got.tmdb_score == want.tmdb_score);
    BOOST_TEST(got.tmdb_popularity == want.tmdb_popularity);
    BOOST_TEST((got.rating == want.rating));
    BOOST_REQUIRE(got.offers.size() == want.offers.size());
    for (const offer& w : want.offers) {
      bool found = false;
      for (const offer& g : got.offers) {
        if (g.provider == w.provider && g.type == w.type) {
          check_same_offer(g, w);
          found = true;
        }
      }
      BOOST_TEST(found, "offer " << w.provider << " missing");
    }
  }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_catalog, store_fixture)

BOOST_AUTO_TEST_CASE(shows_round_trip_with_offers_checked_and_never_checked) {
  show bare = make_show("x-bare-2001", 1);
  bare.genres.clear();
  bare.countries.clear();
  bare.offers.clear();
  const std::vector<show> input = {make_show("tt0000002", 2), make_show("tt0000003", 3), bare};
  auto st = catalog().upsert_shows(input);
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  BOOST_TEST(*catalog().show_count() == 3);

  reopen();
  auto got = catalog().shows();
  BOOST_REQUIRE_MESSAGE(got.ok(), describe(got));
  BOOST_REQUIRE(got->size() == 3u);
  for (const show& want : input) {
    for (const show& g : *got) {
      if (g.id == want.id) check_same_show(g, want);
    }
  }
}

BOOST_AUTO_TEST_CASE(upsert_replaces_a_shows_fields_and_offers) {
  BOOST_REQUIRE(catalog().upsert_shows({make_show("tt1", 1), make_show("tt2", 2)}).ok());
  show changed = make_show("tt1", 1);
  changed.title = "Renamed";
  changed.seasons = 9;
  changed.offers = {make_offer("netflix", monetization::flatrate, 1800000000)};
  BOOST_REQUIRE(catalog().upsert_shows({changed}).ok());

  auto got = catalog().shows();
  BOOST_REQUIRE(got.ok());
  BOOST_REQUIRE(got->size() == 2u);
  BOOST_TEST(*catalog().show_count() == 2);
  for (const show& g : *got) {
    if (g.id == "tt1") check_same_show(g, changed);
    if (g.id == "tt2") check_same_show(g, make_show("tt2", 2));  // untouched
  }
}

BOOST_AUTO_TEST_CASE(a_bad_show_fails_the_whole_batch) {
  BOOST_REQUIRE(catalog().upsert_shows({make_show("tt1", 1)}).ok());
  show nameless = make_show("", 5);
  auto st = catalog().upsert_shows({make_show("tt2", 2), nameless, make_show("tt3", 3)});
  BOOST_TEST(failed_with(st, errc::invalid_argument), describe(st));
  BOOST_TEST(*catalog().show_count() == 1);
  BOOST_TEST(catalog().upsert_shows({}).ok());
}

BOOST_AUTO_TEST_CASE(duplicate_offer_keys_keep_the_last) {
  show s = make_show("tt1", 1);
  s.offers = {make_offer("stan", monetization::flatrate, 0),
              make_offer("stan", monetization::flatrate, 1750000000)};
  BOOST_REQUIRE(catalog().upsert_shows({s}).ok());
  auto got = catalog().shows();
  BOOST_REQUIRE(got.ok());
  BOOST_REQUIRE(got->front().offers.size() == 1u);
  check_same_offer(got->front().offers.front(), s.offers.back());
}

BOOST_AUTO_TEST_CASE(a_full_catalog_upsert_is_one_fast_transaction) {
  constexpr int n = 7000;
  std::vector<show> many;
  many.reserve(n);
  for (int i = 0; i < n; ++i) many.push_back(make_show("tt" + std::to_string(1000000 + i), i));

  // Timed for the report only: wall-clock limits are not asserted in tests.
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  auto st = catalog().upsert_shows(many);
  const auto t1 = clock::now();
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  auto again = catalog().upsert_shows(many);
  const auto t2 = clock::now();
  BOOST_REQUIRE_MESSAGE(again.ok(), describe(again));
  auto loaded = catalog().shows();
  const auto t3 = clock::now();
  BOOST_REQUIRE(loaded.ok());

  const auto ms = [](clock::duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  };
  BOOST_TEST_MESSAGE("upsert_shows of " << n << " shows x 3 offers: insert " << ms(t1 - t0)
                                        << " ms, update " << ms(t2 - t1) << " ms; shows() load "
                                        << ms(t3 - t2) << " ms");
  BOOST_TEST(*catalog().show_count() == n);
  BOOST_REQUIRE(loaded->size() == static_cast<std::size_t>(n));
  for (const show& g : *loaded) {
    if (g.id == "tt1004321") check_same_show(g, many[4321]);
  }
}

BOOST_AUTO_TEST_CASE(providers_upsert_and_list) {
  BOOST_REQUIRE(
      catalog().upsert_providers({{"stan", "Stan", false}, {"abc_iview", "ABC", true}}).ok());
  BOOST_REQUIRE(catalog().upsert_providers({{"abc_iview", "ABC iview", true}}).ok());
  auto list = catalog().providers();
  BOOST_REQUIRE_MESSAGE(list.ok(), describe(list));
  BOOST_REQUIRE(list->size() == 2u);
  BOOST_TEST(list->at(0).id == "abc_iview");
  BOOST_TEST(list->at(0).name == "ABC iview");
  BOOST_TEST(list->at(0).free_to_air);
  BOOST_TEST(list->at(1).id == "stan");
  BOOST_TEST(!list->at(1).free_to_air);
  BOOST_TEST(
      failed_with(catalog().upsert_providers({{"", "Nameless", false}}), errc::invalid_argument));
}

BOOST_AUTO_TEST_CASE(text_keys_sort_bytewise) {
  // Bytewise, as SQLite's BINARY collation: upper case first, '_' (0x5f) before 'b'; a
  // linguistic collation (PostgreSQL's usual database default) would give ab, a_c, b, Zed.
  BOOST_REQUIRE(catalog()
                    .upsert_providers({{"b", "B", false},
                                       {"ab", "AB", false},
                                       {"a_c", "A C", false},
                                       {"Zed", "Zed", false}})
                    .ok());
  auto list = catalog().providers();
  BOOST_REQUIRE(list.ok());
  std::vector<std::string> ids;
  for (const provider& p : *list) ids.push_back(p.id);
  BOOST_TEST(ids == (std::vector<std::string>{"Zed", "a_c", "ab", "b"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(meta_get_and_set) {
  auto missing = meta().get_meta("catalog_version");
  BOOST_REQUIRE(missing.ok());
  BOOST_TEST(!missing->has_value());
  BOOST_REQUIRE(meta().set_meta("catalog_version", "1").ok());
  BOOST_REQUIRE(meta().set_meta("catalog_version", "2").ok());
  BOOST_REQUIRE(meta().set_meta("empty", "").ok());
  auto got = meta().get_meta("catalog_version");
  BOOST_REQUIRE(got.ok());
  BOOST_TEST(got->value_or("") == "2");
  BOOST_TEST(meta().get_meta("empty")->has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
