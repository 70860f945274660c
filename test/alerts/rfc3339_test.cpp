#define BOOST_TEST_MODULE alerts_rfc3339
#include <boost/test/unit_test.hpp>

#include <optional>

#include "alerts/rfc3339.hpp"

using recs::alerts::go_zero_time_s;
using recs::alerts::parse_rfc3339;

BOOST_AUTO_TEST_CASE(utc_and_fractions) {
  BOOST_CHECK_EQUAL(parse_rfc3339("1970-01-01T00:00:00Z").value(), 0);
  BOOST_CHECK_EQUAL(parse_rfc3339("2024-05-01T10:15:30Z").value(), 1714558530);
  BOOST_CHECK_EQUAL(parse_rfc3339("2024-05-01T10:15:30.999999999Z").value(), 1714558530);
  BOOST_CHECK_EQUAL(parse_rfc3339("2024-05-01t10:15:30z").value(), 1714558530);
  BOOST_CHECK_EQUAL(parse_rfc3339("2024-02-29T00:00:00Z").value(), 1709164800);
}

BOOST_AUTO_TEST_CASE(offsets) {
  BOOST_CHECK_EQUAL(parse_rfc3339("2024-05-01T20:15:30+10:00").value(), 1714558530);
  BOOST_CHECK_EQUAL(parse_rfc3339("2024-05-01T05:45:30-04:30").value(), 1714558530);
  BOOST_CHECK_EQUAL(parse_rfc3339("2024-05-01T10:15:30.5+00:00").value(), 1714558530);
}

BOOST_AUTO_TEST_CASE(go_zero_time) {
  BOOST_CHECK_EQUAL(parse_rfc3339("0001-01-01T00:00:00Z").value(), go_zero_time_s);
}

BOOST_AUTO_TEST_CASE(refused) {
  for (const char* bad : {"", "2024-05-01", "2024-05-01T10:15:30", "2024-05-01 10:15:30Z",
                          "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
                          "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z", "2024-05-01T10:15:30.Z",
                          "2024-05-01T10:15:30+1000", "2024-05-01T10:15:30+10:00 ",
                          "2024-05-01T10:15:30ZZ", "yesterday", "2024-5-01T10:15:30Z"}) {
    BOOST_TEST_CONTEXT(bad) {
      BOOST_CHECK(!parse_rfc3339(bad).has_value());
    }
  }
}
