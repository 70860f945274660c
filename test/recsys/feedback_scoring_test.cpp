#define BOOST_TEST_MODULE recsys_feedback_scoring
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "recsys/content_scorer.hpp"
#include "recsys/family_mix.hpp"
#include "test/recsys/fixtures.hpp"

// What the quieter signals do to a slate: not interested, not tonight, seen, the watchlist.

using namespace recs;

namespace {

constexpr const char* fargo = "tt2802850";
constexpr const char* sherlock = "tt1475582";
constexpr const char* bluey = "tt7678620";

show_feedback mark(std::string show, feedback_kind k, std::int64_t until = 0) {
  show_feedback f;
  f.show_id = std::move(show);
  f.kind = k;
  f.ts = 1;
  f.until_ts = until;
  return f;
}

slate ranked(const profile_state& st, std::int64_t now = 0) {
  slate_request req;
  req.limit = 50;
  req.now = now;
  return score_content(test::small_snapshot(), st, req);
}

const slate_item* find(const slate& s, const std::string& id) {
  for (const auto& it : s.items)
    if (s.catalog->at(it.index).id == id) return &it;
  return nullptr;
}

bool has_reason(const slate_item& it, reason_kind k) {
  return std::any_of(it.reasons.begin(), it.reasons.end(),
                     [k](const reason& r) { return r.kind == k; });
}

}  // namespace

BOOST_AUTO_TEST_CASE(not_interested_hides_the_show_and_weighs_less_than_bad) {
  profile_state plain = test::adult();
  profile_state said = test::adult();
  said.feedback.push_back(mark(fargo, feedback_kind::not_interested));
  profile_state bad = test::adult({test::rate(fargo, verdict::bad)});

  const slate before = ranked(plain);
  const slate after = ranked(said);
  const slate rated_bad = ranked(bad);
  BOOST_REQUIRE(find(before, fargo) != nullptr);
  BOOST_TEST(find(after, fargo) == nullptr);

  // Sherlock, a crime drama like Fargo, loses score: less than a Bad rating of Fargo takes.
  const slate_item* s0 = find(before, sherlock);
  const slate_item* s1 = find(after, sherlock);
  const slate_item* s2 = find(rated_bad, sherlock);
  BOOST_REQUIRE((s0 && s1 && s2));
  BOOST_TEST(s0->components.not_interested == 0.0);
  BOOST_TEST(s1->components.not_interested < 0.0);
  BOOST_TEST(s1->components.similar_bad == 0.0);
  BOOST_TEST(s1->raw < s0->raw);
  BOOST_TEST(s2->components.similar_bad < s1->components.not_interested);
  BOOST_TEST(s2->raw < s1->raw);
  // The caveat cites the show it came from, after the positive reasons.
  BOOST_REQUIRE(has_reason(*s1, reason_kind::not_interested));
  BOOST_TEST(s1->reasons.back().text.find("Fargo") != std::string::npos);
  BOOST_TEST(s1->reasons.back().weight < 0.0);
  BOOST_TEST(s1->rationale.find("though it is close to Fargo") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(seen_hides_the_show_and_lifts_similar_ones_less_than_good) {
  profile_state seen = test::adult();
  seen.feedback.push_back(mark(fargo, feedback_kind::seen));
  profile_state good = test::adult({test::rate(fargo, verdict::good)});
  const slate plain = ranked(test::adult());
  const slate after = ranked(seen);
  const slate liked = ranked(good);
  BOOST_TEST(find(after, fargo) == nullptr);
  const slate_item* s0 = find(plain, sherlock);
  const slate_item* s1 = find(after, sherlock);
  const slate_item* s2 = find(liked, sherlock);
  BOOST_REQUIRE((s0 && s1 && s2));
  BOOST_TEST(s1->components.similar_seen > 0.0);
  BOOST_TEST(s1->raw > s0->raw);
  BOOST_TEST(s2->components.similar_good > s1->components.similar_seen);
  BOOST_REQUIRE(has_reason(*s1, reason_kind::similar_seen));
  BOOST_TEST(s1->rationale.find("ecause you watched Fargo") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_rating_outweighs_feedback_on_the_same_show) {
  profile_state both = test::adult({test::rate(fargo, verdict::good)});
  both.feedback.push_back(mark(fargo, feedback_kind::seen));
  both.feedback.push_back(mark(fargo, feedback_kind::not_interested));
  const slate_item* s = find(ranked(both), sherlock);
  BOOST_REQUIRE(s != nullptr);
  BOOST_TEST(s->components.similar_seen == 0.0);
  BOOST_TEST(s->components.not_interested == 0.0);
  BOOST_TEST(s->components.similar_good > 0.0);
}

BOOST_AUTO_TEST_CASE(not_tonight_hides_the_show_until_its_time_is_over) {
  profile_state st = test::adult();
  st.feedback.push_back(mark(bluey, feedback_kind::not_tonight, 1000));
  BOOST_TEST(find(ranked(st, 999), bluey) == nullptr);
  BOOST_TEST(find(ranked(st, 0), bluey) == nullptr);
  const slate later = ranked(st, 1000);
  const slate_item* b = find(later, bluey);
  BOOST_REQUIRE(b != nullptr);
  // Nothing else of it remains: the same score as without the feedback.
  const slate without = ranked(test::adult(), 1000);
  const slate_item* plain = find(without, bluey);
  BOOST_REQUIRE(plain != nullptr);
  BOOST_TEST(b->raw == plain->raw);
}

BOOST_AUTO_TEST_CASE(the_watchlist_lifts_a_show_with_its_reason) {
  profile_state st = test::adult();
  watch_entry w;
  w.show_id = bluey;
  w.profile_id = 1;
  st.watchlist.push_back(w);
  const slate plain = ranked(test::adult());
  const slate listed = ranked(st);
  const slate_item* before = find(plain, bluey);
  const slate_item* after = find(listed, bluey);
  BOOST_REQUIRE((before && after));
  BOOST_TEST(after->components.watchlist == content_weights{}.watchlist);
  BOOST_TEST(after->raw > before->raw);
  BOOST_TEST(has_reason(*after, reason_kind::watchlist));
  BOOST_TEST(after->rationale.find("on your watchlist") != std::string::npos);
  BOOST_TEST(before->components.watchlist == 0.0);
}

BOOST_AUTO_TEST_CASE(a_family_mix_leaves_out_what_a_member_present_declined) {
  auto cat = test::small_snapshot();
  profile_state ross = test::adult();
  profile_state wife = test::adult();
  wife.who = profile{2, 1, "Wife", maturity::r18};
  slate_request req;
  req.limit = 20;
  req.now = 500;
  family_options opt;
  opt.misery_fit = 0.0;
  auto shows = [&](const family_slate& s) {
    std::vector<std::string> out;
    for (const auto& it : s.items) out.push_back(cat->at(it.index).id);
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const char* id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  BOOST_REQUIRE(has(shows(score_family(cat, {ross, wife}, req, opt)), sherlock));
  BOOST_REQUIRE(has(shows(score_family(cat, {ross, wife}, req, opt)), bluey));
  wife.feedback.push_back(mark(sherlock, feedback_kind::not_interested));
  wife.feedback.push_back(mark(bluey, feedback_kind::not_tonight, 600));
  const auto mix = shows(score_family(cat, {ross, wife}, req, opt));
  BOOST_TEST(!has(mix, sherlock));
  BOOST_TEST(!has(mix, bluey));
  // Once "not tonight" is over, the show can come back.
  req.now = 700;
  BOOST_TEST(has(shows(score_family(cat, {ross, wife}, req, opt)), bluey));
  // Without Wife watching, her feedback does not apply.
  BOOST_TEST(has(shows(score_family(cat, {ross}, req, opt)), sherlock));
}
