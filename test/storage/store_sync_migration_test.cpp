// Behavioural case for any store backend: a database at schema version 5 (before the sync
// tables), holding data, migrates to the latest version with its data intact and the sync API
// working on it.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "storage/schema_sql.hpp"
#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

namespace {

// Data as a version-5 service wrote it: no offers_checked_ts, no links, no runs.
constexpr std::string_view v5_data = R"sql(
INSERT INTO shows (id, title, year, genres, premise, seasons, runtime, countries, network,
  imdb_score, imdb_votes, tmdb_score, tmdb_popularity, classification) VALUES
  ('tt1', 'Slow Horses', 2022, '["drama","thriller"]', 'Spies in disgrace.', 4, 50, '["GB"]',
   'Apple TV+', 8.2, 90000, 7.9, 80.5, 'MA15+'),
  ('tt2', 'Bluey', 2018, '["animation"]', 'A puppy plays.', 3, 7, '["AU"]', 'ABC Kids',
   9.3, 40000, 8.7, 95.25, 'G');
INSERT INTO offers (show_id, provider_id, monetization, inferred, basis, last_checked_ts, url,
  available_to) VALUES
  ('tt1', 'apple_tv_plus', 'flatrate', 1, 'network Apple TV+', NULL, '', ''),
  ('tt2', 'abc_iview', 'free', 1, 'network ABC Kids', NULL, '', ''),
  ('tt2', 'disney_plus', 'flatrate', 0, 'justwatch', 1690000000, 'https://x.invalid/b', '');
INSERT INTO providers (id, name, free_to_air) VALUES ('abc_iview', 'ABC iview', 1);
INSERT INTO households (name, owner_email, created_at) VALUES ('Home', 'ross@example.com', 1);
INSERT INTO meta (key, value) VALUES ('bundled_catalog_hash', 'abc-123');
)sql";

}  // namespace

BOOST_AUTO_TEST_SUITE(store_sync_migration)

BOOST_AUTO_TEST_CASE(a_version_5_database_with_data_migrates_to_the_sync_schema) {
  auto backend = make_test_backend();
  auto opened = migrated_from(*backend, 5, std::string(v5_data));
  store& db = *opened;
  BOOST_TEST(latest_schema_version() >= 6);

  // The old data is all there; no show counts as checked (not even tt2, whose one offer was
  // verified by hand: the check time of a show is new).
  auto shows = db.shows();
  BOOST_REQUIRE_MESSAGE(shows.ok(), describe(shows));
  BOOST_REQUIRE(shows->size() == 2u);
  const show& horses = shows->at(0);
  BOOST_TEST(horses.title == "Slow Horses");
  BOOST_TEST(horses.tmdb_popularity == 80.5);
  BOOST_TEST((horses.rating == maturity::ma15));
  BOOST_TEST(horses.offers_checked_ts == 0);
  BOOST_REQUIRE(horses.offers.size() == 1u);
  BOOST_TEST(horses.offers.front().inferred);
  const show& bluey = shows->at(1);
  BOOST_REQUIRE(bluey.offers.size() == 2u);
  BOOST_TEST(bluey.offers.at(1).last_checked_ts == 1690000000);
  BOOST_TEST(bluey.offers_checked_ts == 0);
  BOOST_TEST(db.household_by_email("ross@example.com").ok());
  BOOST_TEST(db.get_meta("bundled_catalog_hash")->value_or("") == "abc-123");
  BOOST_TEST(db.providers()->size() == 1u);

  // Both are due, the more popular first; the sync API works on the migrated tables.
  const std::int64_t now = 1750000000;
  auto due = db.offers_due(now, 14 * 86400, 10);
  BOOST_REQUIRE_MESSAGE(due.ok(), describe(due));
  BOOST_REQUIRE(due->size() == 2u);
  BOOST_TEST(due->at(0).show_id == "tt2");
  BOOST_TEST(due->at(1).show_id == "tt1");
  BOOST_TEST(*db.offers_last_checked() == 0);

  BOOST_REQUIRE(db.set_show_link("tt2", "justwatch", "ts20233").ok());
  offer stan;
  stan.provider = "stan";
  stan.inferred = false;
  stan.basis = "justwatch";
  auto before = db.replace_offers("tt2", {stan}, now);
  BOOST_REQUIRE_MESSAGE(before.ok(), describe(before));
  BOOST_TEST(before->size() == 2u);
  BOOST_TEST(*db.offers_due_count(now, 14 * 86400) == 1);
  BOOST_TEST(*db.offers_last_checked() == now);
  auto run = db.start_sync_run("justwatch", "daily_refresh", now);
  BOOST_REQUIRE_MESSAGE(run.ok(), describe(run));
  BOOST_REQUIRE(db.finish_sync_run(*run, "ok", now + 5, 1, 1, 0, "").ok());
  BOOST_TEST(db.recent_sync_runs(5)->size() == 1u);

  // Migrating again changes nothing.
  auto again = db.migrate();
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(*again == latest_schema_version());
  BOOST_TEST(db.show_by_link("justwatch", "ts20233")->value_or("") == "tt2");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
