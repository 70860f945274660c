#define BOOST_TEST_MODULE core_text
#include <boost/test/unit_test.hpp>

#include "core/ascii.hpp"
#include "core/hash.hpp"
#include "core/result.hpp"

using namespace recs;

BOOST_AUTO_TEST_CASE(folding_touches_ascii_letters_only) {
  BOOST_TEST(to_lower("Slow HORSES 2-Z") == "slow horses 2-z");
  BOOST_TEST(to_lower("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");  // ÉTÉ: UTF-8 bytes kept
  BOOST_TEST(ascii_lower('@') == '@');
  BOOST_TEST(ascii_lower('[') == '[');
  BOOST_TEST(iequals("Content-Length", "content-LENGTH"));
  BOOST_TEST(!iequals("abc", "abd"));
  BOOST_TEST(!iequals("abc", "abcd"));
  BOOST_TEST(iequals("", ""));
}

BOOST_AUTO_TEST_CASE(trim_removes_ascii_space_at_both_ends) {
  BOOST_TEST(trim("  dry humour \t\r\n") == "dry humour");
  BOOST_TEST(trim("   ").empty());
  BOOST_TEST(trim("a b") == "a b");
}

BOOST_AUTO_TEST_CASE(hashes_are_the_published_fnv1a_values) {
  // Reference values of FNV-1a (Fowler/Noll/Vo test vectors).
  BOOST_TEST(stable_hash("") == 0xcbf29ce484222325ULL);
  BOOST_TEST(stable_hash("a") == 0xaf63dc4c8601ec8cULL);
  BOOST_TEST(stable_hash32("") == 0x811c9dc5u);
  BOOST_TEST(stable_hash32("a") == 0xe40c292cu);
  static_assert(stable_hash("foobar") == 0x85944171f73967e8ULL);
}

BOOST_AUTO_TEST_CASE(result_holds_a_value_or_an_error) {
  result<int> good = 3;
  result<int> bad = error{errc::not_found, "no show"};
  BOOST_TEST(good.ok());
  BOOST_TEST(*good == 3);
  BOOST_TEST(!bad);
  BOOST_TEST((bad.err().code == errc::not_found));
  BOOST_TEST(ok_status().ok());
}
