#define BOOST_TEST_MODULE recsys_intent
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "recsys/content_scorer.hpp"
#include "recsys/intent.hpp"
#include "test/recsys/fixtures.hpp"

using namespace recs;

namespace {

show make(int year, int seasons, int runtime, std::vector<std::string> genres,
          maturity m = maturity::pg) {
  show s;
  s.id = "t";
  s.year = year;
  s.seasons = seasons;
  s.runtime = runtime;
  s.genres = std::move(genres);
  s.rating = m;
  return s;
}

std::vector<const show*> shows_of(const slate& s) {
  std::vector<const show*> out;
  for (const auto& it : s.items) out.push_back(&s.catalog->at(it.index));
  return out;
}

slate with_intent(const char* name, profile_state st = test::adult()) {
  slate_request req;
  req.mood = parse_intent(name).value();
  return score_content(test::small_snapshot(), st, req);
}

}  // namespace

BOOST_AUTO_TEST_CASE(parse_and_print_every_intent) {
  for (const char* n : {"default", "quick", "binge", "new", "comfort", "surprise"}) {
    auto i = parse_intent(n);
    BOOST_REQUIRE(i.has_value());
    BOOST_TEST(to_string(*i) == n);
  }
  BOOST_TEST(!parse_intent("family_mix").has_value());
  BOOST_TEST(!parse_intent("Quick").has_value());
  BOOST_TEST(!parse_intent("").has_value());
}

BOOST_AUTO_TEST_CASE(quick_means_short_episodes_or_one_season) {
  const intent_context ctx{2023, {}};
  auto a = match_intent(intent::quick, make(2020, 4, 22, {"comedy"}), ctx);
  BOOST_TEST(a.eligible);
  BOOST_TEST(a.reason == "short episodes (22 min)");
  auto b = match_intent(intent::quick, make(2020, 1, 60, {"drama"}), ctx);
  BOOST_TEST(b.eligible);
  BOOST_TEST(b.reason == "a single season");
  BOOST_TEST(a.strength > b.strength);
  BOOST_TEST(!match_intent(intent::quick, make(2020, 5, 55, {"drama"}), ctx).eligible);
  BOOST_TEST(!match_intent(intent::quick, make(2020, 5, 0, {"drama"}), ctx).eligible);
}

BOOST_AUTO_TEST_CASE(binge_needs_many_seasons_and_prefers_more) {
  const intent_context ctx{2023, {}};
  BOOST_TEST(!match_intent(intent::binge, make(2010, 2, 45, {"drama"}), ctx).eligible);
  auto three = match_intent(intent::binge, make(2010, 3, 45, {"drama"}), ctx);
  auto nine = match_intent(intent::binge, make(2010, 9, 45, {"drama"}), ctx);
  BOOST_TEST(three.eligible);
  BOOST_TEST(nine.strength > three.strength);
  BOOST_TEST(nine.reason == "9 seasons to binge");
}

BOOST_AUTO_TEST_CASE(new_is_relative_to_the_newest_catalog_year) {
  const intent_context ctx{2023, {}};
  BOOST_TEST(match_intent(intent::fresh, make(2023, 1, 30, {"drama"}), ctx).strength == 1.0);
  BOOST_TEST(match_intent(intent::fresh, make(2022, 1, 30, {"drama"}), ctx).eligible);
  BOOST_TEST(!match_intent(intent::fresh, make(2021, 1, 30, {"drama"}), ctx).eligible);
  BOOST_TEST(!match_intent(intent::fresh, make(0, 1, 30, {"drama"}), ctx).eligible);
}

BOOST_AUTO_TEST_CASE(comfort_is_light_gentle_and_never_dark) {
  const intent_context ctx{2023, {}};
  BOOST_TEST(match_intent(intent::comfort, make(2020, 3, 22, {"comedy"}), ctx).eligible);
  BOOST_TEST(!match_intent(intent::comfort, make(2020, 3, 22, {"comedy", "crime"}), ctx).eligible);
  BOOST_TEST(!match_intent(intent::comfort, make(2020, 3, 45, {"drama"}), ctx).eligible);
  BOOST_TEST(
      !match_intent(intent::comfort, make(2020, 3, 22, {"comedy"}, maturity::ma15), ctx).eligible);
}

BOOST_AUTO_TEST_CASE(surprise_avoids_the_usual_genres) {
  const intent_context ctx{2023, {"crime", "drama"}};
  BOOST_TEST(!match_intent(intent::surprise, make(2020, 3, 45, {"drama"}), ctx).eligible);
  auto m = match_intent(intent::surprise, make(2020, 3, 22, {"animation", "family"}), ctx);
  BOOST_TEST(m.eligible);
  BOOST_TEST(m.reason == "something different from your usual crime and drama");
}

BOOST_AUTO_TEST_CASE(usual_genres_come_from_loved_and_good_not_bad) {
  auto cat = test::small_snapshot();
  auto st = test::adult({test::rate("tt2802850", verdict::loved),  // Fargo: crime drama thriller
                         test::rate("tt0903747", verdict::good),   // Breaking Bad: same
                         test::rate("tt0386676", verdict::bad),    // The Office: comedy
                         test::rate("tt0098904", verdict::bad)});  // Seinfeld: comedy
  auto g = usual_genres(*cat, st);
  BOOST_TEST(g.size() == 3u);
  BOOST_TEST((std::find(g.begin(), g.end(), "comedy") == g.end()));
  BOOST_TEST((std::find(g.begin(), g.end(), "crime") != g.end()));
}

BOOST_AUTO_TEST_CASE(each_intent_filters_the_slate_and_leads_the_rationale) {
  // Each slate is bound to a name: it owns the snapshot its show pointers point into.
  const auto quick = with_intent("quick");
  BOOST_REQUIRE(!quick.items.empty());
  for (const auto* s : shows_of(quick))
    BOOST_TEST(((s->runtime > 0 && s->runtime <= 35) || s->seasons == 1));
  const auto binge = with_intent("binge");
  BOOST_REQUIRE(!binge.items.empty());
  for (const auto* s : shows_of(binge)) BOOST_TEST(s->seasons >= 3);
  const auto comfort = with_intent("comfort");
  BOOST_REQUIRE(!comfort.items.empty());
  for (const auto* s : shows_of(comfort)) {
    for (const auto& g : s->genres) BOOST_TEST(!is_dark_genre(g));
  }
  auto fresh = with_intent("new");
  BOOST_REQUIRE(!fresh.items.empty());
  for (const auto* s : shows_of(fresh)) BOOST_TEST(s->year >= 2021);
  BOOST_TEST(to_string(fresh.items.front().reasons.front().kind) == "intent");
  BOOST_TEST(fresh.items.front().rationale.rfind("New in 20", 0) == 0);
}

BOOST_AUTO_TEST_CASE(surprise_leaves_the_usual_and_comfort_keeps_it) {
  // A crime-drama fan: surprise must not offer crime dramas, default does.
  auto st = test::adult(
      {test::rate("tt2802850", verdict::loved), test::rate("tt0903747", verdict::loved)});
  const auto usual = usual_genres(*test::small_snapshot(), st);
  const auto surprise = with_intent("surprise", st);
  BOOST_REQUIRE(!surprise.items.empty());
  for (const auto* s : shows_of(surprise))
    for (const auto& g : s->genres)
      BOOST_TEST((std::find(usual.begin(), usual.end(), g) == usual.end()));
  auto standard = with_intent("default", st);
  BOOST_TEST(standard.catalog->at(standard.items.front().index).genres.front() != "animation");
}
