// Behavioural cases for any store backend: Family Mix watches (the fairness ledger's data).
#include <boost/test/unit_test.hpp>

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

namespace {

using fit_list = std::vector<std::pair<std::int64_t, double>>;

/// Two households: Home (Ross, Wife, Son) and Next door (Neighbour).
struct family_fixture : store_fixture {
  family_fixture() {
    auto h = homes().create_household("Home", "ross@example.com", {"stan"});
    auto n = homes().create_household("Next door", "neighbour@example.com", {});
    BOOST_REQUIRE(h.ok() && n.ok());
    home = h->id;
    next_door = n->id;
    ross = add_profile(home, "Ross", maturity::r18);
    wife = add_profile(home, "Wife", maturity::r18);
    son = add_profile(home, "Son", maturity::m);
    neighbour = add_profile(next_door, "Neighbour", maturity::r18);
  }

  std::int64_t add_profile(std::int64_t household, const std::string& name, maturity cap) {
    auto p = homes().create_profile(household, name, cap);
    BOOST_REQUIRE_MESSAGE(p.ok(), describe(p));
    return p->id;
  }

  std::vector<family_watch> watches_of(std::int64_t household) {
    auto list = family().family_watches(household);
    BOOST_REQUIRE_MESSAGE(list.ok(), describe(list));
    return *list;
  }

  std::int64_t home = 0;
  std::int64_t next_door = 0;
  std::int64_t ross = 0;
  std::int64_t wife = 0;
  std::int64_t son = 0;
  std::int64_t neighbour = 0;
};

family_watch make_watch(std::int64_t household, std::string show, std::int64_t ts, fit_list fits) {
  family_watch w;
  w.household_id = household;
  w.show_id = std::move(show);
  w.ts = ts;
  w.fits = std::move(fits);
  return w;
}

void check_equal(const family_watch& got, const family_watch& want) {
  BOOST_TEST(got.household_id == want.household_id);
  BOOST_TEST(got.show_id == want.show_id);
  BOOST_TEST(got.ts == want.ts);
  BOOST_REQUIRE(got.fits.size() == want.fits.size());
  for (std::size_t i = 0; i < want.fits.size(); ++i) {
    BOOST_TEST(got.fits[i].first == want.fits[i].first, "fit " << i);
    BOOST_TEST(got.fits[i].second == want.fits[i].second, "fit " << i);  // stored exactly
  }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_family_watches, family_fixture)

BOOST_AUTO_TEST_CASE(watches_round_trip_oldest_first_with_fits_in_written_order) {
  // Written newest first, and with fits out of profile-id order, to see both orders kept.
  const family_watch later =
      make_watch(home, "tt0386676", 1720000200, {{son, 0.25}, {ross, 0.8125}});
  const family_watch earlier =
      make_watch(home, "tt5875444", 1720000100, {{wife, 0.1}, {son, 0.9}, {ross, 1.0 / 3.0}});
  auto st = family().add_family_watch(later);
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  st = family().add_family_watch(earlier);
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));

  const auto list = watches_of(home);
  BOOST_REQUIRE(list.size() == 2u);
  check_equal(list[0], earlier);
  check_equal(list[1], later);
}

BOOST_AUTO_TEST_CASE(equal_times_keep_the_order_they_were_added) {
  BOOST_REQUIRE(family().add_family_watch(make_watch(home, "tt2", 500, {{ross, 0.5}})).ok());
  BOOST_REQUIRE(family().add_family_watch(make_watch(home, "tt1", 500, {{wife, 0.5}})).ok());
  BOOST_REQUIRE(family().add_family_watch(make_watch(home, "tt3", 499, {{son, 0.5}})).ok());
  const auto list = watches_of(home);
  BOOST_REQUIRE(list.size() == 3u);
  BOOST_TEST(list[0].show_id == "tt3");
  BOOST_TEST(list[1].show_id == "tt2");
  BOOST_TEST(list[2].show_id == "tt1");
}

BOOST_AUTO_TEST_CASE(another_households_watches_are_not_returned) {
  BOOST_REQUIRE(family().add_family_watch(make_watch(home, "tt1", 1, {{ross, 0.5}})).ok());
  BOOST_REQUIRE(
      family().add_family_watch(make_watch(next_door, "tt2", 2, {{neighbour, 0.7}})).ok());

  const auto ours = watches_of(home);
  BOOST_REQUIRE(ours.size() == 1u);
  BOOST_TEST(ours[0].show_id == "tt1");
  const auto theirs = watches_of(next_door);
  BOOST_REQUIRE(theirs.size() == 1u);
  check_equal(theirs[0], make_watch(next_door, "tt2", 2, {{neighbour, 0.7}}));
  BOOST_TEST(watches_of(987654).empty());
}

BOOST_AUTO_TEST_CASE(invalid_watches_are_rejected) {
  auto no_show = family().add_family_watch(make_watch(home, "", 1, {{ross, 0.5}}));
  BOOST_TEST(failed_with(no_show, errc::invalid_argument), describe(no_show));
  auto no_fits = family().add_family_watch(make_watch(home, "tt1", 1, {}));
  BOOST_TEST(failed_with(no_fits, errc::invalid_argument), describe(no_fits));
  auto nan_fit = family().add_family_watch(
      make_watch(home, "tt1", 1, {{ross, std::numeric_limits<double>::quiet_NaN()}}));
  BOOST_TEST(failed_with(nan_fit, errc::invalid_argument), describe(nan_fit));
  auto no_household = family().add_family_watch(make_watch(987654, "tt1", 1, {{ross, 0.5}}));
  BOOST_TEST(failed_with(no_household, errc::not_found), describe(no_household));
  BOOST_TEST(watches_of(home).empty());
}

BOOST_AUTO_TEST_CASE(a_bad_member_fails_the_whole_watch) {
  // Each bad fit comes after a good one, so the event and a fit are written before it fails.
  const fit_list unknown_profile = {{ross, 0.5}, {987654, 0.5}};
  const fit_list other_household = {{ross, 0.5}, {neighbour, 0.5}};
  const fit_list listed_twice = {{ross, 0.5}, {wife, 0.4}, {ross, 0.6}};
  for (const fit_list& fits : {unknown_profile, other_household, listed_twice}) {
    auto st = family().add_family_watch(make_watch(home, "tt1", 1, fits));
    BOOST_TEST(failed_with(st, errc::invalid_argument), describe(st));
  }
  BOOST_TEST(watches_of(home).empty());
  BOOST_TEST(watches_of(next_door).empty());

  // The store is still usable, and a good watch after the failures is the only one.
  BOOST_REQUIRE(family().add_family_watch(make_watch(home, "tt2", 2, {{wife, 0.5}})).ok());
  const auto list = watches_of(home);
  BOOST_REQUIRE(list.size() == 1u);
  check_equal(list[0], make_watch(home, "tt2", 2, {{wife, 0.5}}));
}

BOOST_AUTO_TEST_CASE(watches_survive_reopening) {
  const family_watch w = make_watch(home, "tt0386676", 1720000000, {{son, 0.0}, {wife, 1.0}});
  BOOST_REQUIRE(family().add_family_watch(w).ok());
  reopen();
  const auto list = watches_of(home);
  BOOST_REQUIRE(list.size() == 1u);
  check_equal(list[0], w);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
