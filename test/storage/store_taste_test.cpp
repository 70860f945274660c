// Behavioural cases for any store backend: ratings, tags and notes.
#include <boost/test/unit_test.hpp>

#include <string>

#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

namespace {

/// A store with one household of two profiles.
struct taste_fixture : store_fixture {
  taste_fixture() {
    auto h = homes().create_household("Home", "ross@example.com", {"stan"});
    BOOST_REQUIRE(h.ok());
    auto a = homes().create_profile(h->id, "Ross", maturity::r18);
    auto b = homes().create_profile(h->id, "Son", maturity::m);
    BOOST_REQUIRE(a.ok() && b.ok());
    ross = a->id;
    son = b->id;
  }

  std::int64_t ross = 0;
  std::int64_t son = 0;
};

rating make_rating(std::int64_t profile, std::string show, verdict v, std::optional<int> score,
                   std::int64_t ts) {
  rating r;
  r.profile_id = profile;
  r.show_id = std::move(show);
  r.primary = v;
  r.score = score;
  r.ts = ts;
  return r;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_ratings, taste_fixture)

BOOST_AUTO_TEST_CASE(rating_upsert_replaces) {
  BOOST_REQUIRE(taste().put_rating(make_rating(ross, "tt5875444", verdict::good, 7, 100)).ok());
  rating second = make_rating(ross, "tt5875444", verdict::loved, std::nullopt, 200);
  second.source = "serializd";
  auto st = taste().put_rating(second);
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));

  auto list = taste().ratings(ross);
  BOOST_REQUIRE_MESSAGE(list.ok(), describe(list));
  BOOST_REQUIRE(list->size() == 1u);
  const rating& r = list->front();
  BOOST_TEST(r.profile_id == ross);
  BOOST_TEST(r.show_id == "tt5875444");
  BOOST_TEST((r.primary == verdict::loved));
  BOOST_TEST(!r.score.has_value());
  BOOST_TEST(r.source == "serializd");
  BOOST_TEST(r.ts == 200);
}

BOOST_AUTO_TEST_CASE(score_and_verdict_ranges_are_enforced) {
  BOOST_REQUIRE(taste().put_rating(make_rating(ross, "tt1", verdict::bad, 0, 1)).ok());
  BOOST_REQUIRE(taste().put_rating(make_rating(ross, "tt2", verdict::loved, 10, 1)).ok());

  auto high = taste().put_rating(make_rating(ross, "tt3", verdict::good, 11, 1));
  BOOST_TEST(failed_with(high, errc::invalid_argument), describe(high));
  BOOST_TEST(failed_with(taste().put_rating(make_rating(ross, "tt3", verdict::good, -1, 1)),
                         errc::invalid_argument));
  auto bad_verdict = taste().put_rating(make_rating(ross, "tt3", static_cast<verdict>(3), 5, 1));
  BOOST_TEST(failed_with(bad_verdict, errc::invalid_argument), describe(bad_verdict));
  // A failed overwrite leaves the old rating as it was.
  BOOST_TEST(failed_with(taste().put_rating(make_rating(ross, "tt2", verdict::good, 42, 2)),
                         errc::invalid_argument));
  BOOST_TEST(failed_with(taste().put_rating(make_rating(ross, "", verdict::good, 5, 1)),
                         errc::invalid_argument));
  BOOST_TEST(failed_with(taste().put_rating(make_rating(9999, "tt4", verdict::good, 5, 1)),
                         errc::invalid_argument));

  auto list = taste().ratings(ross);
  BOOST_REQUIRE(list.ok());
  BOOST_REQUIRE(list->size() == 2u);
  BOOST_TEST(list->at(0).show_id == "tt1");
  BOOST_TEST(list->at(0).score.value_or(-1) == 0);
  BOOST_TEST(list->at(1).show_id == "tt2");
  BOOST_TEST(list->at(1).score.value_or(-1) == 10);
  BOOST_TEST(list->at(1).ts == 1);
  // The store is still usable after the failures.
  BOOST_TEST(taste().put_rating(make_rating(ross, "tt3", verdict::good, 5, 3)).ok());
}

BOOST_AUTO_TEST_CASE(delete_rating_reports_absence) {
  BOOST_REQUIRE(taste().put_rating(make_rating(ross, "tt1", verdict::good, std::nullopt, 1)).ok());
  BOOST_TEST(taste().delete_rating(ross, "tt1").ok());
  BOOST_TEST(failed_with(taste().delete_rating(ross, "tt1"), errc::not_found));
  BOOST_TEST(failed_with(taste().delete_rating(son, "never"), errc::not_found));
  BOOST_TEST(taste().ratings(ross)->empty());
}

BOOST_AUTO_TEST_CASE(all_ratings_spans_profiles_and_households) {
  auto other = homes().create_household("Other", "other@example.com", {});
  BOOST_REQUIRE(other.ok());
  auto stranger = homes().create_profile(other->id, "Stranger", maturity::r18);
  BOOST_REQUIRE(stranger.ok());

  BOOST_REQUIRE(taste().put_rating(make_rating(son, "tt9", verdict::bad, std::nullopt, 5)).ok());
  BOOST_REQUIRE(taste().put_rating(make_rating(ross, "tt9", verdict::loved, 9, 6)).ok());
  BOOST_REQUIRE(taste().put_rating(make_rating(ross, "tt1", verdict::good, 6, 7)).ok());
  BOOST_REQUIRE(taste().put_rating(make_rating(stranger->id, "tt1", verdict::good, 8, 8)).ok());

  auto all = taste().all_ratings();
  BOOST_REQUIRE_MESSAGE(all.ok(), describe(all));
  BOOST_REQUIRE(all->size() == 4u);
  int per_profile[3] = {0, 0, 0};
  for (const rating& r : *all) {
    if (r.profile_id == ross) ++per_profile[0];
    if (r.profile_id == son) ++per_profile[1];
    if (r.profile_id == stranger->id) ++per_profile[2];
  }
  BOOST_TEST(per_profile[0] == 2);
  BOOST_TEST(per_profile[1] == 1);
  BOOST_TEST(per_profile[2] == 1);
  BOOST_TEST(taste().ratings(son)->size() == 1u);
  BOOST_TEST((taste().ratings(son)->front().primary == verdict::bad));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(store_tags_and_notes, taste_fixture)

BOOST_AUTO_TEST_CASE(tags_are_trimmed_lower_case_and_replaced) {
  BOOST_REQUIRE(taste().put_tag(ross, tag_pref{"  Dry Humour ", true}).ok());
  BOOST_REQUIRE(taste().put_tag(ross, tag_pref{"gore", false}).ok());
  BOOST_REQUIRE(taste().put_tag(ross, tag_pref{"DRY HUMOUR", false}).ok());
  BOOST_REQUIRE(taste().put_tag(son, tag_pref{"cozy", true}).ok());

  auto list = taste().tags(ross);
  BOOST_REQUIRE_MESSAGE(list.ok(), describe(list));
  BOOST_REQUIRE(list->size() == 2u);
  BOOST_TEST(list->at(0).tag == "dry humour");
  BOOST_TEST(!list->at(0).liked);
  BOOST_TEST(list->at(1).tag == "gore");

  BOOST_TEST(failed_with(taste().put_tag(ross, tag_pref{"   ", true}), errc::invalid_argument));
  BOOST_TEST(taste().delete_tag(ross, " Dry humour").ok());
  BOOST_TEST(failed_with(taste().delete_tag(ross, "dry humour"), errc::not_found));
  BOOST_TEST(taste().tags(ross)->size() == 1u);
  BOOST_TEST(taste().tags(son)->size() == 1u);
}

BOOST_AUTO_TEST_CASE(notes_are_replaced_and_an_empty_text_deletes) {
  BOOST_REQUIRE(taste().put_note(ross, note{"tt1", "watch with Wife", 10}).ok());
  BOOST_REQUIRE(taste().put_note(ross, note{"tt2", "season 2 is slower", 11}).ok());
  BOOST_REQUIRE(taste().put_note(ross, note{"tt1", "finished S1", 12}).ok());

  auto list = taste().notes(ross);
  BOOST_REQUIRE_MESSAGE(list.ok(), describe(list));
  BOOST_REQUIRE(list->size() == 2u);
  BOOST_TEST(list->at(0).show_id == "tt1");
  BOOST_TEST(list->at(0).text == "finished S1");
  BOOST_TEST(list->at(0).ts == 12);

  BOOST_REQUIRE(taste().put_note(ross, note{"tt1", "", 13}).ok());
  BOOST_REQUIRE(taste().put_note(ross, note{"tt-never", "", 13}).ok());  // nothing to delete: fine
  list = taste().notes(ross);
  BOOST_REQUIRE(list.ok());
  BOOST_REQUIRE(list->size() == 1u);
  BOOST_TEST(list->at(0).show_id == "tt2");
  BOOST_TEST(taste().notes(son)->empty());
}

BOOST_AUTO_TEST_CASE(taste_survives_reopen) {
  BOOST_REQUIRE(taste().put_rating(make_rating(son, "tt7", verdict::loved, 10, 70)).ok());
  BOOST_REQUIRE(taste().put_tag(son, tag_pref{"Heists", true}).ok());
  BOOST_REQUIRE(taste().put_note(son, note{"tt7", "more please", 71}).ok());
  reopen();
  BOOST_TEST(taste().ratings(son)->size() == 1u);
  BOOST_TEST(taste().tags(son)->front().tag == "heists");
  BOOST_TEST(taste().notes(son)->front().text == "more please");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
