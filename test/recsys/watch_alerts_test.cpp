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
