#define BOOST_TEST_MODULE recsys_content_scorer
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "recsys/content_scorer.hpp"
#include "recsys/jitter.hpp"
#include "test/recsys/fixtures.hpp"

using namespace recs;

namespace {

std::vector<std::string> ids(const slate& s) {
  std::vector<std::string> out;
  for (const auto& it : s.items) out.push_back(s.catalog->at(it.index).id);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::size_t rank_of(const slate& s, const std::string& id) {
  auto v = ids(s);
  return static_cast<std::size_t>(std::find(v.begin(), v.end(), id) - v.begin());
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_seed_and_state_give_the_same_slate) {
  auto cat = test::small_snapshot();
  slate_request req;
  req.seed = 99;
  auto a = score_content(cat, test::adult(), req);
  auto b = score_content(cat, test::adult(), req);
  BOOST_TEST(ids(a) == ids(b));
  BOOST_TEST(!a.items.empty());
}

BOOST_AUTO_TEST_CASE(jitter_breaks_exact_ties_by_seed) {
  // Two identical shows but for their ids: only the jitter orders them, and some seed flips it.
  std::vector<show> shows = test::small_catalog();
  show twin = shows[4];
  twin.id = "tt9999999";
  shows.push_back(twin);
  auto cat = catalog_snapshot::build(shows, test::small_providers(), 1);
  bool saw_first = false;
  bool saw_second = false;
  for (std::uint64_t seed = 0; seed < 32; ++seed) {
    slate_request req;
    req.seed = seed;
    auto s = score_content(cat, test::adult(), req);
    const bool office_first = rank_of(s, "tt0386676") < rank_of(s, "tt9999999");
    (office_first ? saw_first : saw_second) = true;
    BOOST_TEST(ids(s) == ids(score_content(cat, test::adult(), req)));
  }
  BOOST_TEST(saw_first);
  BOOST_TEST(saw_second);
}

BOOST_AUTO_TEST_CASE(micro_jitter_is_stable_and_in_range) {
  BOOST_TEST(micro_jitter("tt0903747", 7) == micro_jitter("tt0903747", 7));
  BOOST_TEST(micro_jitter("tt0903747", 7) != micro_jitter("tt0903747", 8));
  for (std::uint64_t s = 0; s < 1000; ++s) {
    const double j = micro_jitter("x", s);
    BOOST_TEST((j >= 0.0 && j < 1.0));
  }
  BOOST_TEST(stable_hash("a") == 0xaf63dc4c8601ec8cULL);       // published FNV-1a 64 test vector
  BOOST_TEST(stable_hash("foobar") == 0x85944171f73967e8ULL);  // published test vector
}

BOOST_AUTO_TEST_CASE(rated_shows_are_excluded) {
  auto cat = test::small_snapshot();
  auto s = score_content(
      cat,
      test::adult({test::rate("tt0903747", verdict::loved), test::rate("tt7678620", verdict::bad)}),
      {});
  BOOST_TEST(!contains(ids(s), "tt0903747"));
  BOOST_TEST(!contains(ids(s), "tt7678620"));
}

BOOST_AUTO_TEST_CASE(maturity_cap_excludes_stronger_and_unknown_classifications) {
  auto cat = test::small_snapshot();
  auto st = test::adult();
  st.who.maturity_cap = maturity::m;
  auto s = score_content(cat, st, {});
  for (const auto& it : s.items) {
    const maturity m = cat->at(it.index).rating;
    BOOST_TEST((m != maturity::unknown));
    BOOST_TEST(static_cast<int>(m) <= static_cast<int>(maturity::m));
  }
  BOOST_TEST(contains(ids(s), "tt7678620"));  // Bluey (G) stays
  auto all = score_content(cat, test::adult(), {});
  BOOST_TEST(contains(ids(all), "x-unknown-2020"));  // an uncapped adult sees unknowns
}

BOOST_AUTO_TEST_CASE(loving_a_crime_drama_lifts_similar_shows_and_names_it) {
  auto cat = test::small_snapshot();
  auto before = score_content(cat, test::adult(), {});
  auto after = score_content(cat, test::adult({test::rate("tt2802850", verdict::loved)}), {});
  // Crime thrillers climb relative to the cold-start slate.
  BOOST_TEST(rank_of(after, "tt0903747") <= rank_of(before, "tt0903747"));
  BOOST_TEST(rank_of(after, "tt5875444") < rank_of(before, "tt5875444"));
  BOOST_TEST(rank_of(after, "tt7678620") > rank_of(before, "tt7678620"));
  const auto& top = after.items.front();
  BOOST_TEST(top.components.similar_loved > 0.0);
  BOOST_TEST(top.rationale.find("ecause you loved Fargo") != std::string::npos);
  // The reasons are in order of their real contributions.
  for (std::size_t r = 1; r < top.reasons.size(); ++r)
    BOOST_TEST(top.reasons[r - 1].weight >= top.reasons[r].weight);
}

BOOST_AUTO_TEST_CASE(a_bad_rating_pushes_similar_shows_down) {
  auto cat = test::small_snapshot();
  auto before = score_content(cat, test::adult(), {});
  auto after = score_content(cat, test::adult({test::rate("tt0098904", verdict::bad)}), {});
  BOOST_TEST(rank_of(after, "tt0386676") > rank_of(before, "tt0386676"));  // The Office
  for (const auto& it : after.items) BOOST_TEST(it.components.similar_bad <= 0.0);
}

BOOST_AUTO_TEST_CASE(liked_tag_moves_matching_shows_and_is_cited) {
  auto cat = test::small_snapshot();
  auto before = score_content(cat, test::adult(), {});
  auto after = score_content(cat, test::adult({}, {{"dry humour", true}}), {});
  BOOST_TEST(rank_of(after, "tt0098904") < rank_of(before, "tt0098904"));  // Seinfeld
  const auto& it = after.items[rank_of(after, "tt0098904")];
  BOOST_TEST(it.rationale.find("matches your liked tag 'dry humour'") != std::string::npos);
  auto disliked = score_content(cat, test::adult({}, {{"dry humour", false}}), {});
  BOOST_TEST(rank_of(disliked, "tt0098904") > rank_of(before, "tt0098904"));
}

BOOST_AUTO_TEST_CASE(availability_on_household_services_counts_and_is_cited) {
  auto cat = test::small_snapshot();
  auto st = test::adult();
  auto s = score_content(cat, st, {});
  const auto& office = s.items[rank_of(s, "tt0386676")];
  BOOST_TEST(office.components.availability > 0.0);
  BOOST_TEST(office.rationale.find("on Stan, which you have") != std::string::npos);
  const auto& fargo = s.items[rank_of(s, "tt2802850")];
  BOOST_TEST(fargo.components.availability == 0.0);

  slate_request mine;
  mine.only_my_services = true;
  auto only = score_content(cat, st, mine);
  BOOST_TEST(ids(only).size() == 2u);  // The Office (Stan) and Bluey (ABC iview)
}

BOOST_AUTO_TEST_CASE(fit_is_calibrated_and_ordered) {
  auto cat = test::small_snapshot();
  auto s = score_content(cat, test::adult({test::rate("tt2802850", verdict::loved)}), {});
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    BOOST_TEST((s.items[i].fit > 0.0 && s.items[i].fit < 1.0));
    if (i > 0) BOOST_TEST(s.items[i - 1].raw >= s.items[i].raw);
  }
  // Without a learned blend, the hand-set prior maps a raw score of 0.6 to fit 0.5.
  const learned_blend prior;
  BOOST_TEST(prior.fit(0.6) == 0.5, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(limit_is_respected) {
  auto cat = test::small_snapshot();
  slate_request req;
  req.limit = 3;
  BOOST_TEST(score_content(cat, test::adult(), req).items.size() == 3u);
}

BOOST_AUTO_TEST_CASE(embedding_path_keeps_constraints_determinism_and_retrieval) {
  auto cat = test::small_snapshot();
  scoring_models m;
  m.content = content_model::build(*cat);
  m.content_version = cat->version();
  BOOST_REQUIRE(m.content != nullptr);
  auto st = test::adult({test::rate("tt2802850", verdict::loved)}, {{"dry humour", true}});
  auto a = score_content(cat, st, {}, {}, m);
  auto b = score_content(cat, st, {}, {}, m);
  BOOST_TEST(ids(a) == ids(b));
  BOOST_TEST(!contains(ids(a), "tt2802850"));  // rated
  // Fargo's nearest neighbour in the embedding gets the largest loved-similarity part.
  const auto best_loved = std::max_element(
      a.items.begin(), a.items.end(), [](const slate_item& x, const slate_item& y) {
        return x.components.similar_loved < y.components.similar_loved;
      });
  BOOST_REQUIRE(best_loved != a.items.end());
  BOOST_TEST(best_loved->components.similar_loved > 0.0);
  BOOST_TEST(best_loved->index == m.content->similar(*cat->find("tt2802850"), 1).front().first);

  // A tiny retrieval budget: the taste neighbour, the best prior show and every liked-tag match
  // are scored; nothing else is.
  content_weights w;
  w.retrieve_taste = 1;
  w.retrieve_prior = 1;
  auto r = score_content(cat, st, {}, w, m);
  const auto got = ids(r);
  BOOST_TEST(contains(got, "tt0098904"));  // Seinfeld: "dry humour"
  BOOST_TEST(contains(got, "tt0386676"));  // The Office: "dry humour"
  const auto nearest = m.content->similar(*cat->find("tt2802850"), 1);
  BOOST_REQUIRE(!nearest.empty());
  BOOST_TEST(contains(got, cat->at(nearest.front().first).id));
  BOOST_TEST(got.size() <= 4u);
  BOOST_TEST(got.size() < ids(a).size());

  // A model built for another catalog version is ignored (sparse path), never misread.
  m.content_version = cat->version() + 1;
  BOOST_TEST(ids(score_content(cat, st, {}, {}, m)) == ids(score_content(cat, st, {}, {})));
}

BOOST_AUTO_TEST_CASE(fit_does_not_depend_on_the_intent) {
  auto cat = test::small_snapshot();
  auto st = test::adult(
      {test::rate("tt2802850", verdict::loved), test::rate("tt0098904", verdict::good)});
  const slate plain = score_content(cat, st, {});
  for (const char* mood : {"comfort", "surprise", "quick", "binge"}) {
    slate_request req;
    req.mood = parse_intent(mood).value();
    const slate s = score_content(cat, st, req);
    for (const auto& item : s.items)
      for (const auto& p : plain.items)
        if (p.index == item.index) {
          BOOST_TEST_CONTEXT(mood << " " << cat->at(item.index).id) {
            BOOST_TEST(item.fit == p.fit, boost::test_tools::tolerance(1e-12));
          }
        }
  }
}
