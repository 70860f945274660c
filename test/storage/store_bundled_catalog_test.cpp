// Behavioural case for any store backend: the bundled catalog (data/catalog.jsonl, ~11k shows)
// goes in and comes back whole, as app/bootstrap.cpp loads it at start-up. The times are
// printed for comparing backends, never asserted.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

namespace {

std::string read_data_file(const std::string& name) {
  const char* dir = std::getenv("RECS_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(dir != nullptr, "RECS_SOURCE_DIR is not set (run through ctest)");
  const std::string path = std::string(dir) + "/data/" + name;
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in.good(), "cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

long long ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_bundled_catalog, store_fixture)

BOOST_AUTO_TEST_CASE(the_bundled_catalog_round_trips) {
  auto shows = adapters::parse_catalog_jsonl(read_data_file("catalog.jsonl"));
  BOOST_REQUIRE_MESSAGE(shows.ok(), describe(shows));
  auto providers = adapters::parse_providers_json(read_data_file("providers.json"));
  BOOST_REQUIRE_MESSAGE(providers.ok(), describe(providers));
  std::size_t offers = 0;
  for (const show& s : *shows) offers += s.offers.size();

  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  BOOST_REQUIRE(catalog().upsert_providers(*providers).ok());
  auto st = catalog().upsert_shows(*shows);
  const auto t1 = clock::now();
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  auto again = catalog().upsert_shows(*shows);  // a re-import: every row updated, offers replaced
  const auto t2 = clock::now();
  BOOST_REQUIRE_MESSAGE(again.ok(), describe(again));
  auto loaded = catalog().shows();
  const auto t3 = clock::now();
  BOOST_REQUIRE_MESSAGE(loaded.ok(), describe(loaded));
  BOOST_TEST_MESSAGE(backend->name().substr(0, backend->name().find(' '))
                     << ": bundled catalog, " << shows->size() << " shows and " << offers
                     << " offers: first upsert " << ms(t1 - t0) << " ms, re-upsert " << ms(t2 - t1)
                     << " ms, shows() " << ms(t3 - t2) << " ms");

  BOOST_REQUIRE_EQUAL(loaded->size(), shows->size());
  BOOST_TEST(*catalog().show_count() == static_cast<std::int64_t>(shows->size()));
  std::size_t loaded_offers = 0;
  for (const show& s : *loaded) loaded_offers += s.offers.size();
  BOOST_TEST(loaded_offers <= offers);  // duplicate (provider, type) pairs collapse
  BOOST_TEST(loaded_offers > 0u);
  // Spot checks: every field of the first, a middle and the last show (by id) comes back.
  std::vector<const show*> by_id;
  for (const show& s : *shows) by_id.push_back(&s);
  std::sort(by_id.begin(), by_id.end(), [](const show* a, const show* b) { return a->id < b->id; });
  for (std::size_t i : {std::size_t{0}, by_id.size() / 2, by_id.size() - 1}) {
    const show& want = *by_id[i];
    const show& got = (*loaded)[i];
    BOOST_TEST_CONTEXT("show " << want.id) {
      BOOST_TEST(got.id == want.id);
      BOOST_TEST(got.title == want.title);
      BOOST_TEST(got.premise == want.premise);
      BOOST_TEST(got.genres == want.genres, boost::test_tools::per_element());
      BOOST_TEST(got.imdb_score == want.imdb_score);
      BOOST_TEST(got.tmdb_popularity == want.tmdb_popularity);
      BOOST_TEST((got.rating == want.rating));
    }
  }
  auto got_providers = catalog().providers();
  BOOST_REQUIRE(got_providers.ok());
  BOOST_TEST(got_providers->size() == providers->size());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
