#define BOOST_TEST_MODULE recsys_availability_change
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "recsys/availability_change.hpp"

using namespace recs;
using kind = availability_change::kind;

namespace {

offer inferred(std::string provider, monetization type = monetization::flatrate) {
  offer o;
  o.provider = std::move(provider);
  o.type = type;
  o.inferred = true;
  o.basis = "network";
  return o;
}

offer verified(std::string provider, monetization type = monetization::flatrate,
               std::string available_to = "") {
  offer o;
  o.provider = std::move(provider);
  o.type = type;
  o.inferred = false;
  o.basis = "justwatch";
  o.last_checked_ts = 1745000000;
  o.available_to = std::move(available_to);
  return o;
}

/// "arrived:stan:flatrate", "leaving:netflix:flatrate:2025-04-30", ... in the order returned.
std::vector<std::string> summary(const std::vector<availability_change>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    std::string s =
        std::string(to_string(c.what)) + ":" + c.provider + ":" + std::string(to_string(c.type));
    if (!c.available_to.empty()) s += ":" + c.available_to;
    out.push_back(s);
  }
  return out;
}

using strings = std::vector<std::string>;

const std::vector<provider> providers = {
    {"netflix", "Netflix", false}, {"stan", "Stan", false}, {"abc_iview", "ABC iview", true}};

constexpr std::string_view today = "2025-04-10";

}  // namespace

BOOST_AUTO_TEST_SUITE(availability_change_diff)

BOOST_AUTO_TEST_CASE(nothing_changes_when_offers_are_the_same) {
  const std::vector<offer> offers = {verified("netflix"), verified("stan", monetization::ads)};
  BOOST_TEST(diff_offers("tt1", offers, offers, today).empty());
  BOOST_TEST(diff_offers("tt1", {}, {}, today).empty());
}

BOOST_AUTO_TEST_CASE(a_verified_new_provider_arrives) {
  auto changes =
      diff_offers("tt1", {verified("netflix")}, {verified("netflix"), verified("stan")}, today);
  BOOST_TEST(summary(changes) == strings{"arrived:stan:flatrate"},
             boost::test_tools::per_element());
  BOOST_REQUIRE(changes.size() == 1u);
  BOOST_TEST(changes[0].show_id == "tt1");
  BOOST_TEST(changes[0].available_to.empty());
}

BOOST_AUTO_TEST_CASE(an_inferred_offer_confirmed_is_not_an_arrival) {
  auto changes = diff_offers("tt1", {inferred("abc_iview", monetization::free)},
                             {verified("abc_iview", monetization::free)}, today);
  BOOST_TEST(changes.empty(), summary(changes).size() << " changes");
}

BOOST_AUTO_TEST_CASE(an_inferred_offer_not_confirmed_left) {
  auto changes =
      diff_offers("tt1", {inferred("abc_iview", monetization::free)}, {verified("stan")}, today);
  BOOST_TEST(summary(changes) == (strings{"left:abc_iview:free", "arrived:stan:flatrate"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_verified_offer_gone_left_and_a_check_finding_nothing_empties) {
  auto changes =
      diff_offers("tt1", {verified("netflix"), verified("stan", monetization::ads)}, {}, today);
  BOOST_TEST(summary(changes) == (strings{"left:netflix:flatrate", "left:stan:ads"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rent_and_buy_are_ignored) {
  auto changes = diff_offers("tt1", {verified("apple_tv", monetization::buy)},
                             {verified("google_play", monetization::rent)}, today);
  BOOST_TEST(changes.empty());
  // A provider that now only rents it: the subscription left.
  changes = diff_offers("tt1", {verified("stan")}, {verified("stan", monetization::rent)}, today);
  BOOST_TEST(summary(changes) == strings{"left:stan:flatrate"}, boost::test_tools::per_element());
  // Buyable before, in the subscription now: an arrival.
  changes = diff_offers("tt1", {verified("stan", monetization::buy)}, {verified("stan")}, today);
  BOOST_TEST(summary(changes) == strings{"arrived:stan:flatrate"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_type_change_on_the_same_provider_is_no_change) {
  auto changes = diff_offers("tt1", {verified("stan", monetization::flatrate)},
                             {verified("stan", monetization::ads)}, today);
  BOOST_TEST(changes.empty());
}

BOOST_AUTO_TEST_CASE(an_inferred_only_after_is_no_arrival_but_keeps_the_provider) {
  auto changes =
      diff_offers("tt1", {verified("stan")}, {inferred("stan"), inferred("netflix")}, today);
  BOOST_TEST(changes.empty());
}

BOOST_AUTO_TEST_CASE(the_type_reported_is_the_first_of_flatrate_free_ads) {
  auto changes = diff_offers(
      "tt1", {}, {verified("seven", monetization::ads), verified("seven", monetization::free)},
      today);
  BOOST_TEST(summary(changes) == strings{"arrived:seven:free"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(leaving_within_the_window_is_reported_once) {
  const std::vector<offer> before = {verified("netflix")};
  const std::vector<offer> after = {verified("netflix", monetization::flatrate, "2025-04-30")};
  auto changes = diff_offers("tt1", before, after, today);
  BOOST_TEST(summary(changes) == strings{"leaving:netflix:flatrate:2025-04-30"},
             boost::test_tools::per_element());
  // The next check sees the same date: nothing new.
  BOOST_TEST(diff_offers("tt1", after, after, today).empty());
}

BOOST_AUTO_TEST_CASE(leaving_window_bounds) {
  const std::vector<offer> before = {verified("netflix")};
  const auto leaving_on = [&](std::string date, int soon_days = 30) {
    return diff_offers("tt1", before, {verified("netflix", monetization::flatrate, date)}, today,
                       soon_days)
        .size();
  };
  BOOST_TEST(leaving_on("2025-04-10") == 1u);  // today
  BOOST_TEST(leaving_on("2025-05-10") == 1u);  // today + 30
  BOOST_TEST(leaving_on("2025-05-11") == 0u);  // too far ahead
  BOOST_TEST(leaving_on("2025-04-09") == 0u);  // already past
  BOOST_TEST(leaving_on("2025-04-17", 7) == 1u);
  BOOST_TEST(leaving_on("2025-04-18", 7) == 0u);
  BOOST_TEST(leaving_on("30/04/2025") == 0u);  // not an ISO date
  // Across a year end and a leap day.
  BOOST_TEST(diff_offers("tt1", before, {verified("netflix", monetization::flatrate, "2025-01-09")},
                         "2024-12-10")
                 .size() == 1u);
  BOOST_TEST(diff_offers("tt1", before, {verified("netflix", monetization::flatrate, "2024-03-01")},
                         "2024-02-28", 1)
                 .size() == 0u);
  BOOST_TEST(diff_offers("tt1", before, {verified("netflix", monetization::flatrate, "2024-03-01")},
                         "2024-02-28", 2)
                 .size() == 1u);
  // Without a readable today, nothing is known to be leaving.
  BOOST_TEST(diff_offers("tt1", before, {verified("netflix", monetization::flatrate, "2025-04-30")},
                         "soon")
                 .empty());
}

BOOST_AUTO_TEST_CASE(a_date_moved_earlier_or_later_within_the_window_is_reported) {
  const auto with_end = [](std::string date) {
    return std::vector<offer>{verified("netflix", monetization::flatrate, date)};
  };
  auto earlier = diff_offers("tt1", with_end("2025-06-30"), with_end("2025-04-30"), today);
  BOOST_TEST(summary(earlier) == strings{"leaving:netflix:flatrate:2025-04-30"},
             boost::test_tools::per_element());
  auto later = diff_offers("tt1", with_end("2025-04-20"), with_end("2025-04-30"), today);
  BOOST_TEST(summary(later) == strings{"leaving:netflix:flatrate:2025-04-30"},
             boost::test_tools::per_element());
  // Moved out of the window, or the end date dropped: no longer leaving soon, nothing to say.
  BOOST_TEST(diff_offers("tt1", with_end("2025-04-20"), with_end("2025-09-30"), today).empty());
  BOOST_TEST(diff_offers("tt1", with_end("2025-04-20"), {verified("netflix")}, today).empty());
}

BOOST_AUTO_TEST_CASE(an_open_ended_offer_keeps_the_provider_from_leaving) {
  // Flatrate ends soon but the ads tier stays: the show is not leaving the service.
  auto changes = diff_offers(
      "tt1", {verified("stan")},
      {verified("stan", monetization::flatrate, "2025-04-20"), verified("stan", monetization::ads)},
      today);
  BOOST_TEST(changes.empty());
  // Both end: the later date is when it leaves.
  changes = diff_offers("tt1", {verified("stan")},
                        {verified("stan", monetization::flatrate, "2025-04-20"),
                         verified("stan", monetization::ads, "2025-04-25")},
                        today);
  BOOST_TEST(summary(changes) == strings{"leaving:stan:flatrate:2025-04-25"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_arrival_that_ends_soon_is_arrived_and_leaving) {
  auto changes = diff_offers(
      "tt1", {}, {verified("stan", monetization::flatrate, "2025-04-30"), verified("netflix")},
      today);
  BOOST_TEST(summary(changes) == (strings{"arrived:netflix:flatrate", "arrived:stan:flatrate",
                                          "leaving:stan:flatrate:2025-04-30"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(changes_are_ordered_by_provider_then_kind) {
  auto changes = diff_offers("tt1", {inferred("abc_iview", monetization::free), verified("binge")},
                             {verified("netflix", monetization::flatrate, "2025-05-01"),
                              verified("binge"), verified("amazon_prime")},
                             today);
  BOOST_TEST(summary(changes) ==
                 (strings{"left:abc_iview:free", "arrived:amazon_prime:flatrate",
                          "arrived:netflix:flatrate", "leaving:netflix:flatrate:2025-05-01"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(availability_change_copy)

BOOST_AUTO_TEST_CASE(describes_each_kind_with_provider_names) {
  availability_change c;
  c.show_id = "tt1";
  c.provider = "stan";
  c.what = kind::arrived;
  BOOST_TEST(describe(c, providers, today) == "now on Stan");
  c.provider = "netflix";
  c.what = kind::left;
  BOOST_TEST(describe(c, providers, today) == "no longer on Netflix");
  c.what = kind::leaving;
  c.available_to = "2025-04-30";
  BOOST_TEST(describe(c, providers, today) == "leaving Netflix on 30 Apr");
  c.available_to = "2025-05-01";
  BOOST_TEST(describe(c, providers, today) == "leaving Netflix on 1 May");
}

BOOST_AUTO_TEST_CASE(an_unknown_provider_is_named_by_its_id) {
  availability_change c;
  c.provider = "kayo";
  c.what = kind::arrived;
  BOOST_TEST(describe(c, providers, today) == "now on kayo");
  BOOST_TEST(describe(c, {}, today) == "now on kayo");
}

BOOST_AUTO_TEST_CASE(another_years_date_carries_its_year) {
  availability_change c;
  c.provider = "netflix";
  c.what = kind::leaving;
  c.available_to = "2026-01-05";
  BOOST_TEST(describe(c, providers, "2025-12-20") == "leaving Netflix on 5 Jan 2026");
  BOOST_TEST(describe(c, providers, "2026-01-01") == "leaving Netflix on 5 Jan");
  BOOST_TEST(describe(c, providers, "not a date") == "leaving Netflix on 5 Jan 2026");
  c.available_to = "end of May";
  BOOST_TEST(describe(c, providers, today) == "leaving Netflix on end of May");
  c.available_to.clear();
  BOOST_TEST(describe(c, providers, today) == "leaving Netflix soon");
}

BOOST_AUTO_TEST_CASE(the_diff_feeds_the_copy) {
  auto changes = diff_offers("tt1", {verified("netflix")},
                             {verified("stan", monetization::flatrate, "2025-04-30")}, today);
  std::vector<std::string> lines;
  for (const auto& c : changes) lines.push_back(describe(c, providers, today));
  BOOST_TEST(lines == (strings{"no longer on Netflix", "now on Stan", "leaving Stan on 30 Apr"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(kinds_have_names) {
  BOOST_TEST(to_string(kind::arrived) == "arrived");
  BOOST_TEST(to_string(kind::left) == "left");
  BOOST_TEST(to_string(kind::leaving) == "leaving");
}

BOOST_AUTO_TEST_SUITE_END()
