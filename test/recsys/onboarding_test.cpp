#define BOOST_TEST_MODULE recsys_onboarding
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

#include "recsys/onboarding.hpp"
#include "test/recsys/fixtures.hpp"

using namespace recs;

namespace {

std::vector<std::string> ids(const catalog_snapshot& cat, const std::vector<std::uint32_t>& is) {
  std::vector<std::string> out;
  for (auto i : is) out.push_back(cat.at(i).id);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_grid_respects_the_cap_and_leaves_out_what_the_profile_said) {
  auto cat = test::small_snapshot();
  profile_state son = test::adult();
  son.who.maturity_cap = maturity::m;
  const auto grid = ids(*cat, onboarding_grid(*cat, son));
  BOOST_TEST(!grid.empty());
  for (const auto& id : grid) {
    const auto& s = cat->at(*cat->find(id));
    BOOST_TEST(static_cast<int>(s.rating) <= static_cast<int>(maturity::m), id);
    BOOST_TEST((s.rating != maturity::unknown), id);
  }
  profile_state ross = test::adult({test::rate("tt0903747", verdict::loved)});
  show_feedback seen;
  seen.show_id = "tt4574334";
  seen.kind = feedback_kind::seen;
  ross.feedback.push_back(seen);
  const auto mine = ids(*cat, onboarding_grid(*cat, ross));
  BOOST_TEST(!has(mine, "tt0903747"));
  BOOST_TEST(!has(mine, "tt4574334"));
  onboarding_options three;
  three.count = 3;
  BOOST_TEST(onboarding_grid(*cat, ross, nullptr, three).size() == 3u);
}

BOOST_AUTO_TEST_CASE(the_grid_covers_genres_before_repeating_and_skips_a_franchise_twice) {
  std::vector<show> shows = test::small_catalog();
  show spin = shows[2];  // Breaking Bad, the most popular
  spin.id = "tt3032476";
  spin.title = "Breaking Bad: The Sequel";
  spin.tmdb_popularity = 299;
  shows.push_back(spin);
  auto cat = catalog_snapshot::build(shows, test::small_providers(), 1);
  onboarding_options opt;
  opt.count = 4;
  opt.max_sparse_similarity = 1.1;  // the title rule alone
  const auto grid = ids(*cat, onboarding_grid(*cat, test::adult(), nullptr, opt));
  BOOST_REQUIRE(grid.size() == 4u);
  BOOST_TEST(grid.front() == "tt0903747");
  BOOST_TEST(!has(grid, "tt3032476"));
  // Four picks of four different leading genres: the bonus beats popularity among crime dramas.
  std::set<std::string> first_genres;
  for (const auto& id : grid) first_genres.insert(cat->at(*cat->find(id)).genres.front());
  BOOST_TEST(first_genres.size() >= 3u);
  // Deterministic.
  BOOST_TEST(grid == ids(*cat, onboarding_grid(*cat, test::adult(), nullptr, opt)));
}
