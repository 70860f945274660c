#define BOOST_TEST_MODULE recsys_family_mix
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "recsys/family_mix.hpp"
#include "test/recsys/fixtures.hpp"
#include "test/recsys/worlds.hpp"

using namespace recs;
namespace tt = boost::test_tools;

namespace {

profile_state member(std::int64_t id, std::string name, maturity cap,
                     std::vector<std::pair<std::string, verdict>> ratings = {}) {
  profile_state st;
  st.who = profile{id, 1, std::move(name), cap};
  st.services = {"stan", "abc_iview"};
  for (auto& [show, v] : ratings) {
    rating r;
    r.profile_id = id;
    r.show_id = show;
    r.primary = v;
    st.ratings.push_back(r);
  }
  return st;
}

// A show of world w, number i, as the worlds catalog names it.
std::string ws(int w, int i) {
  return "w" + std::to_string(w) + "s" + std::to_string(i);
}

// Every property the Family Mix must keep, for one slate.
void check_properties(const catalog_snapshot& cat, const std::vector<profile_state>& members,
                      const family_options& opt, const slate_request& req, const family_slate& s) {
  maturity cap = maturity::r18;
  for (const auto& m : members)
    if (static_cast<int>(m.who.maturity_cap) < static_cast<int>(cap)) cap = m.who.maturity_cap;
  BOOST_TEST(s.items.size() <= req.limit);
  std::set<std::string> ids;
  bool any_strong = false;
  std::size_t locked = 0;
  for (std::size_t k = 0; k < s.items.size(); ++k) {
    const auto& item = s.items[k];
    const show& sh = cat.at(item.index);
    BOOST_TEST(ids.insert(sh.id).second);  // no duplicates
    // The strictest cap among those present applies.
    BOOST_TEST(static_cast<int>(sh.rating) <= static_cast<int>(cap));
    BOOST_TEST((sh.rating != maturity::unknown));
    // A vetoed show (rated bad by anyone present) never appears; no member is miserable.
    std::size_t rated_by = 0;
    for (const auto& m : members)
      for (const auto& r : m.ratings)
        if (r.show_id == sh.id) {
          BOOST_TEST((r.primary != verdict::bad));
          ++rated_by;
        }
    BOOST_TEST(rated_by < members.size());
    BOOST_TEST(item.members.size() == members.size());
    double lowest = 1.0, sum = 0.0;
    for (const auto& mf : item.members) {
      BOOST_TEST(mf.fit >= opt.misery_fit);
      BOOST_TEST((mf.fit >= 0.0 && mf.fit <= 1.0));
      lowest = std::min(lowest, mf.fit);
      sum += mf.fit;
    }
    const double group =
        opt.rule == strong_rule::min ? lowest : sum / static_cast<double>(members.size());
    BOOST_TEST(item.group_fit == group, tt::tolerance(1e-12));
    BOOST_TEST(item.strong == (group >= opt.strong_min_fit));
    any_strong = any_strong || item.strong;
    // Locked shows are strong and form the top of the slate.
    if (item.locked) {
      BOOST_TEST(item.strong);
      BOOST_TEST(k == locked);
      ++locked;
    }
  }
  BOOST_TEST(locked <= opt.lock_count);
  BOOST_TEST(s.strong_locked_ids.size() == locked);
  for (std::size_t k = 0; k < locked; ++k)
    BOOST_TEST(s.strong_locked_ids[k] == cat.at(s.items[k].index).id);
  // With a lock available, a strong show anywhere is locked at the top.
  if (any_strong && opt.lock_count > 0) BOOST_TEST(locked > 0u);
  // The warning appears exactly when no show is strong.
  BOOST_TEST(s.warning.has_value() == !any_strong);
  if (s.warning) BOOST_TEST(s.warning->code == "no_strong_pick");
  // Unlocked items follow in score order.
  for (std::size_t k = locked + 1; k < s.items.size(); ++k)
    BOOST_TEST(s.items[k - 1].score >= s.items[k].score);
}

}  // namespace

BOOST_AUTO_TEST_CASE(strictest_cap_per_member_fits_and_rationale) {
  auto cat = test::worlds_catalog();
  std::vector<profile_state> fam = {
      member(1, "Ross", maturity::r18, {{ws(0, 1), verdict::loved}, {ws(0, 2), verdict::loved}}),
      member(2, "Wife", maturity::r18, {{ws(1, 1), verdict::loved}, {ws(3, 1), verdict::good}}),
      member(3, "Son", maturity::m, {{ws(3, 2), verdict::loved}, {ws(2, 3), verdict::good}})};
  slate_request req;
  req.limit = 15;
  const family_options opt;
  const family_slate s = score_family(cat, fam, req, opt);
  BOOST_REQUIRE(!s.items.empty());
  check_properties(*cat, fam, opt, req, s);
  BOOST_TEST((s.members == std::vector<std::int64_t>{1, 2, 3}));
  const auto& first = s.items.front();
  BOOST_TEST(first.rationale.find("Ross 0.") != std::string::npos);
  BOOST_TEST(first.rationale.find(" \xC2\xB7 Wife ") != std::string::npos);
  BOOST_TEST(first.rationale.find(" \xC2\xB7 Son ") != std::string::npos);
  // Without Son the adults' cap applies: crime (MA15+/R18+) may come back.
  const family_slate adults = score_family(cat, {fam[0], fam[1]}, req, opt);
  check_properties(*cat, {fam[0], fam[1]}, opt, req, adults);
  bool crime = false;
  for (const auto& item : adults.items) crime = crime || cat->at(item.index).genres[0] == "crime";
  BOOST_TEST(crime);
}

BOOST_AUTO_TEST_CASE(own_verdicts_count_and_a_bad_rating_vetoes) {
  auto cat = test::worlds_catalog();
  // Ross and Wife love family shows, Ross loved w3s5 himself; Son loves comedy, and Wife rated
  // the comedy w1s6 bad: it is vetoed however well it suits Son.
  std::vector<profile_state> fam = {
      member(1, "Ross", maturity::r18,
             {{ws(3, 1), verdict::loved}, {ws(3, 2), verdict::loved}, {ws(3, 5), verdict::loved}}),
      member(2, "Wife", maturity::r18,
             {{ws(3, 3), verdict::loved}, {ws(3, 4), verdict::loved}, {ws(1, 6), verdict::bad}}),
      member(3, "Son", maturity::r18,
             {{ws(1, 1), verdict::loved}, {ws(1, 2), verdict::loved}, {ws(3, 3), verdict::good}})};
  slate_request req;
  req.limit = 100;
  family_options opt;
  opt.misery_fit = 0.0;
  const family_slate s = score_family(cat, fam, req, opt);
  check_properties(*cat, fam, opt, req, s);
  bool found_loved = false, found_comedy = false;
  for (const auto& item : s.items) {
    const auto& id = cat->at(item.index).id;
    BOOST_TEST(id != ws(1, 6));  // vetoed by Wife
    found_comedy = found_comedy || id.rfind("w1", 0) == 0;
    if (id == ws(3, 5)) {
      found_loved = true;
      BOOST_TEST(item.members[0].fit == 0.95, tt::tolerance(1e-12));
      BOOST_TEST(item.members[0].reason == "loved it");
    }
    if (id == ws(3, 3)) {  // Wife loved it, Son liked it, Ross has not rated it
      BOOST_TEST(item.members[1].fit == 0.95, tt::tolerance(1e-12));
      BOOST_TEST(item.members[2].fit == 0.8, tt::tolerance(1e-12));
      BOOST_TEST(item.members[2].reason == "liked it");
    }
  }
  BOOST_TEST(found_loved);
  BOOST_TEST(found_comedy);  // Son's taste is in the pool, so the veto was needed
}

BOOST_AUTO_TEST_CASE(properties_hold_over_many_random_households) {
  auto cat = test::worlds_catalog();
  std::mt19937 rng(2024);
  const maturity caps[] = {maturity::r18, maturity::ma15, maturity::m, maturity::pg};
  for (int round = 0; round < 60; ++round) {
    const int n = 1 + static_cast<int>(rng() % 6);
    std::vector<profile_state> fam;
    for (int m = 0; m < n; ++m) {
      std::vector<std::pair<std::string, verdict>> rs;
      const int fav = static_cast<int>(rng() % 4);
      const int count = static_cast<int>(rng() % 12);
      std::set<std::string> used;
      for (int k = 0; k < count; ++k) {
        const int w = rng() % 3 == 0 ? static_cast<int>(rng() % 4) : fav;
        const std::string id = ws(w, static_cast<int>(rng() % 60));
        if (!used.insert(id).second) continue;
        rs.emplace_back(id, static_cast<verdict>(w == fav ? 1 + rng() % 2 : rng() % 3));
      }
      fam.push_back(member(m + 1, "M" + std::to_string(m + 1), caps[rng() % 4], rs));
    }
    family_options opt;
    opt.rule = rng() % 2 == 0 ? strong_rule::min : strong_rule::avg;
    opt.strong_min_fit = 0.5 + 0.1 * static_cast<double>(rng() % 5);
    opt.lock_count = rng() % 3;
    opt.misery_fit = 0.1 * static_cast<double>(rng() % 4);
    slate_request req;
    req.seed = rng() % 5;
    req.limit = 5 + rng() % 20;
    family_history history;
    if (rng() % 2 == 0) {
      std::vector<family_watch> watches(1);
      watches[0].show_id = ws(static_cast<int>(rng() % 4), static_cast<int>(rng() % 60));
      for (const auto& m : fam) watches[0].fits.emplace_back(m.who.id, (rng() % 100) / 100.0);
      history = family_history::from(watches);
    }
    BOOST_TEST_CONTEXT("round " << round << ", " << n << " members") {
      const family_slate s = score_family(cat, fam, req, opt, history);
      check_properties(*cat, fam, opt, req, s);
      for (const auto& item : s.items)
        BOOST_TEST(history.watched.count(cat->at(item.index).id) == 0u);
      // Same state and seed: the same slate.
      const family_slate again = score_family(cat, fam, req, opt, history);
      BOOST_REQUIRE(again.items.size() == s.items.size());
      for (std::size_t k = 0; k < s.items.size(); ++k)
        BOOST_TEST(again.items[k].index == s.items[k].index);
    }
  }
}

BOOST_AUTO_TEST_CASE(fairness_weights_and_credit) {
  std::vector<family_watch> w(2);
  w[0].fits = {{1, 0.9}, {2, 0.5}};
  w[1].fits = {{1, 0.8}, {2, 0.6}, {3, 0.7}};
  const auto credit = fairness_credit(w);
  BOOST_TEST(credit.at(1) == 0.2 + 0.1, tt::tolerance(1e-12));
  BOOST_TEST(credit.at(2) == -0.2 - 0.1, tt::tolerance(1e-12));
  BOOST_TEST(credit.at(3) == 0.0, tt::tolerance(1e-12));
  const auto weights = fairness_weights({1, 2, 3}, credit, 1.0);
  BOOST_TEST(weights[1] > weights[2]);
  BOOST_TEST(weights[2] > weights[0]);
  BOOST_TEST(weights[0] + weights[1] + weights[2] == 3.0, tt::tolerance(1e-12));
  for (double x : fairness_weights({1, 2}, credit, 0.0)) BOOST_TEST(x == 1.0);
  for (double x : fairness_weights({7, 8}, credit, 1.0)) BOOST_TEST(x == 1.0, tt::tolerance(1e-12));
}

// Over a sequence of evenings, the household watches the top pick each night. Ross (who has
// loved many crime shows) would win most nights on raw fit; with the ledger, picks nudge
// towards Wife, who lost out, and the credit gap stays smaller.
BOOST_AUTO_TEST_CASE(fairness_over_a_sequence_of_evenings) {
  auto cat = test::worlds_catalog();
  std::vector<std::pair<std::string, verdict>> ross, wife;
  for (int i = 0; i < 10; ++i) ross.emplace_back(ws(2, i), verdict::loved);  // scifi fan
  for (int i = 0; i < 2; ++i) wife.emplace_back(ws(1, i), verdict::good);    // mild comedy fan
  auto evenings = [&](double fairness) {
    std::vector<profile_state> fam = {member(1, "Ross", maturity::r18, ross),
                                      member(2, "Wife", maturity::r18, wife)};
    family_options opt;
    opt.fairness = fairness;
    opt.misery_fit = 0.0;
    std::vector<family_watch> watches;
    int wife_wins = 0;
    for (int night = 0; night < 12; ++night) {
      slate_request req;
      req.limit = 5;
      const family_slate s = score_family(cat, fam, req, opt, family_history::from(watches));
      BOOST_REQUIRE(!s.items.empty());
      const auto& pick = s.items.front();
      family_watch w;
      w.show_id = cat->at(pick.index).id;
      w.ts = night;
      for (const auto& mf : pick.members) w.fits.emplace_back(mf.profile_id, mf.fit);
      if (pick.members[1].fit > pick.members[0].fit) ++wife_wins;
      watches.push_back(std::move(w));
    }
    const auto credit = fairness_credit(watches);
    BOOST_TEST_MESSAGE("fairness " << fairness << ": Ross credit " << credit.at(1)
                                   << ", Wife credit " << credit.at(2) << ", nights favouring Wife "
                                   << wife_wins << "/12");
    return std::make_pair(credit.at(1) - credit.at(2), wife_wins);
  };
  const auto [gap_off, wins_off] = evenings(0.0);
  const auto [gap_on, wins_on] = evenings(4.0);
  BOOST_TEST(gap_off > 0.0);  // without the ledger Ross is favoured
  BOOST_TEST(std::abs(gap_on) < gap_off);
  BOOST_TEST(wins_on > wins_off);
}
