#define BOOST_TEST_MODULE recsys_cf_snapshot
#include <boost/test/unit_test.hpp>

#include "recsys/cf_snapshot.hpp"
#include "test/recsys/fixtures.hpp"

using namespace recs;

namespace {

rating by(std::int64_t profile, const char* show, verdict v) {
  rating r = test::rate(show, v);
  r.profile_id = profile;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(co_loved_shows_are_scored_and_bad_ratings_are_not_positives) {
  auto cat = test::small_snapshot();
  // Profiles 2-4 all love Fargo and Breaking Bad together; profile 4 rated Bluey bad.
  std::vector<rating> all = {
      by(2, "tt2802850", verdict::loved), by(2, "tt0903747", verdict::loved),
      by(3, "tt2802850", verdict::good),  by(3, "tt0903747", verdict::loved),
      by(4, "tt2802850", verdict::loved), by(4, "tt0903747", verdict::good),
      by(4, "tt7678620", verdict::bad),   by(1, "tt2802850", verdict::loved)};
  auto model = cf_snapshot::train(*cat, all, {});
  BOOST_REQUIRE(model.ok());
  BOOST_TEST((*model)->items() == 2u);  // Bluey was only rated bad: not a model item
  BOOST_TEST((*model)->users() == 4u);

  profile_state st = test::adult({test::rate("tt2802850", verdict::loved)});
  const auto s = (*model)->scores(*cat, st);
  BOOST_REQUIRE(s.size() == cat->size());
  BOOST_TEST(s[*cat->find("tt0903747")] == 1.0f);  // the co-loved show, scaled to 1
  BOOST_TEST(s[*cat->find("tt7678620")] == 0.0f);
  for (float x : s) BOOST_TEST((x >= 0.0f && x <= 1.0f));
}

BOOST_AUTO_TEST_CASE(empty_and_foreign_catalog_cases) {
  auto cat = test::small_snapshot();
  auto empty = cf_snapshot::train(*cat, {}, {});
  BOOST_REQUIRE(empty.ok());
  BOOST_TEST((*empty)->items() == 0u);
  BOOST_TEST((*empty)->scores(*cat, test::adult()).empty());

  std::vector<rating> all = {by(2, "tt2802850", verdict::loved), by(2, "tt0903747", verdict::loved),
                             by(3, "tt0000000-not-in-catalog", verdict::loved)};
  auto model = cf_snapshot::train(*cat, all, {});
  BOOST_REQUIRE(model.ok());
  BOOST_TEST((*model)->ratings_used() == 2u);
  // A model trained on another catalog version is never read against this one.
  auto other = catalog_snapshot::build(test::small_catalog(), test::small_providers(), 99);
  BOOST_TEST(
      (*model)->scores(*other, test::adult({test::rate("tt2802850", verdict::loved)})).empty());
  // A profile without ratings of model items gets zeros.
  const auto zeros = (*model)->scores(*cat, test::adult());
  BOOST_TEST(zeros.size() == cat->size());
  for (float x : zeros) BOOST_TEST(x == 0.0f);
}

BOOST_AUTO_TEST_CASE(the_model_keeps_the_most_rated_items_when_capped) {
  auto cat = test::small_snapshot();
  // Fargo rated positively by 3 profiles, Breaking Bad by 2, The Office by 1.
  std::vector<rating> all = {by(2, "tt2802850", verdict::loved), by(3, "tt2802850", verdict::good),
                             by(4, "tt2802850", verdict::loved), by(2, "tt0903747", verdict::loved),
                             by(3, "tt0903747", verdict::good),  by(4, "tt0386676", verdict::good)};
  auto capped = cf_snapshot::train(*cat, all, {}, 2);
  BOOST_REQUIRE(capped.ok());
  BOOST_TEST((*capped)->items() == 2u);
  BOOST_TEST((*capped)->ratings_used() == 5u);  // The Office's rating is outside the model
  const auto s = (*capped)->scores(*cat, test::adult({test::rate("tt2802850", verdict::loved)}));
  BOOST_TEST(s[*cat->find("tt0903747")] > 0.0f);
  BOOST_TEST(s[*cat->find("tt0386676")] == 0.0f);
  auto full = cf_snapshot::train(*cat, all, {});
  BOOST_REQUIRE(full.ok());
  BOOST_TEST((*full)->items() == 3u);
}
