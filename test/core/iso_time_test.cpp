#define BOOST_TEST_MODULE core_iso_time
#include <boost/test/unit_test.hpp>

#include "core/iso_time.hpp"

BOOST_AUTO_TEST_SUITE(iso_time)

BOOST_AUTO_TEST_CASE(dates_and_date_times) {
  BOOST_TEST(recs::parse_iso_time("1970-01-01").value() == 0);
  BOOST_TEST(recs::parse_iso_time("2024-03-02").value() == 1709337600);
  BOOST_TEST(recs::parse_iso_time("2024-03-02T10:15:30Z").value() == 1709374530);
  BOOST_TEST(recs::parse_iso_time("2024-03-02T10:15:30.123Z").value() == 1709374530);
  BOOST_TEST(recs::parse_iso_time("2024-03-02 10:15:30").value() == 1709374530);
  BOOST_TEST(recs::parse_iso_time("2024-03-02T20:15:30+10:00").value() == 1709374530);
  BOOST_TEST(recs::parse_iso_time("2024-03-02T00:15:30-10:00").value() == 1709374530);
  BOOST_TEST(recs::parse_iso_time("2024-02-29").has_value());
  BOOST_TEST(!recs::parse_iso_time("2023-02-29").has_value());
  BOOST_TEST(!recs::parse_iso_time("2024-13-01").has_value());
  BOOST_TEST(!recs::parse_iso_time("2024-03-02T25:00:00Z").has_value());
  BOOST_TEST(!recs::parse_iso_time("2024-03-02T10:15:30+1000").has_value());
  BOOST_TEST(!recs::parse_iso_time("yesterday").has_value());
  BOOST_TEST(!recs::parse_iso_time("").has_value());
}

BOOST_AUTO_TEST_CASE(date_part_and_year) {
  BOOST_TEST(recs::iso_date("2026-04-30T00:00:00Z").value() == "2026-04-30");
  BOOST_TEST(recs::iso_date("2026-04-30").value() == "2026-04-30");
  BOOST_TEST(!recs::iso_date("30/04/2026").has_value());
  BOOST_TEST(recs::iso_year("2016-07-15") == 2016);
  BOOST_TEST(recs::iso_year("") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
