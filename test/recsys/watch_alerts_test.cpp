#define BOOST_TEST_MODULE recsys_watch_alerts
#include <boost/test/unit_test.hpp>

#include "recsys/watch_alerts.hpp"
#include "test/recsys/fixtures.hpp"

using namespace recs;

namespace {

availability_change change(availability_change::kind k, std::string show, std::string provider,
                           std::string to = "") {
  availability_change c;
  c.what = k;
  c.show_id = std::move(show);
  c.provider = std::move(provider);
  c.available_to = std::move(to);
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(only_listed_shows_on_the_households_services_alert) {
  auto cat = test::small_snapshot();
  using K = availability_change::kind;
  const std::vector<availability_change> changes = {
      change(K::arrived, "tt2802850", "stan"),                // Fargo: listed, on our Stan
      change(K::arrived, "tt2802850", "netflix"),             // not our service
      change(K::arrived, "tt0903747", "stan"),                // Breaking Bad: not listed
      change(K::left, "tt2802850", "abc_iview"),              // left: no alert
      change(K::leaving, "tt2802850", "stan", "2027-01-31"),  // leaving our Stan
  };
  const auto items =
      watch_alerts(changes, 7, {"stan", "abc_iview"}, {"tt2802850"}, *cat, "2026-12-07", 1000);
  BOOST_REQUIRE(items.size() == 2u);
  BOOST_TEST(items[0].household_id == 7);
  BOOST_TEST(items[0].event == "arrived");
  BOOST_TEST(items[0].detail == "stan");
  BOOST_TEST(items[0].text == "Fargo is now on Stan");
  BOOST_TEST(items[0].ts == 1000);
  BOOST_TEST(items[1].event == "leaving");
  BOOST_TEST(items[1].detail == "stan:2027-01-31");
  BOOST_TEST(items[1].text == "Fargo is leaving Stan on 31 Jan 2027");
  BOOST_TEST(watch_alerts(changes, 7, {}, {"tt2802850"}, *cat, "2026-12-07", 1).empty());
  BOOST_TEST(watch_alerts(changes, 7, {"stan"}, {}, *cat, "2026-12-07", 1).empty());
}

BOOST_AUTO_TEST_CASE(a_listed_shows_next_season_alerts_once_per_season_without_spoilers) {
  auto cat = test::small_snapshot();
  const std::vector<season_news> news = {
      {"tt2802850", 6, "2027-03-02"},  // Fargo: listed, dated this coming spring
      {"tt0903747", 6, "2027-01-10"},  // Breaking Bad: not listed
      {"tt2802850", 0, ""},            // no season: ignored
  };
  const auto items = season_alerts(news, 7, {"tt2802850"}, *cat, "2026-12-07", 1000);
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(items[0].event == "new_season");
  BOOST_TEST(items[0].detail == "S6");  // the store keeps one alert per show, event and detail
  BOOST_TEST(items[0].text == "Fargo: season 6 starts on 2 Mar 2027");
  BOOST_TEST(items[0].household_id == 7);
  BOOST_TEST(items[0].ts == 1000);
}

BOOST_AUTO_TEST_CASE(season_copy_says_when) {
  auto cat = test::small_snapshot();
  auto text = [&cat](season_news n) {
    n.show_id = "tt2802850";
    const auto items = season_alerts({n}, 1, {"tt2802850"}, *cat, "2026-12-07", 1);
    BOOST_REQUIRE(items.size() == 1u);
    return items[0].text;
  };
  BOOST_TEST(text({"", 5, ""}) == "Fargo: season 5 is coming");
  BOOST_TEST(text({"", 5, "2026-12-07"}) == "Fargo: season 5 starts today");
  BOOST_TEST(text({"", 5, "2026-12-20"}) == "Fargo: season 5 starts on 20 Dec");
  BOOST_TEST(text({"", 5, "2026-12-01"}) == "Fargo: season 5 started on 1 Dec");
  BOOST_TEST(text({"", 1, "2026-12-20"}) == "Fargo premieres on 20 Dec");
  BOOST_TEST(text({"", 1, ""}) == "Fargo premieres soon");
}
