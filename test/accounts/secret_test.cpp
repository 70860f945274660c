#define BOOST_TEST_MODULE accounts_secret
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "accounts/secret.hpp"

using namespace recs;
using namespace recs::accounts;

BOOST_AUTO_TEST_CASE(secrets_are_url_safe_and_unique) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto s = random_secret();
    BOOST_REQUIRE(s.ok());
    BOOST_TEST(s->size() == 43u);  // 32 bytes, base64 without padding
    BOOST_TEST(s->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                    "0123456789-_") == std::string::npos,
               *s);
    seen.insert(*s);
  }
  BOOST_TEST(seen.size() == 200u);
  BOOST_TEST(random_secret(16)->size() == 22u);
  BOOST_TEST(!random_secret(0).ok());
}

BOOST_AUTO_TEST_CASE(digests_are_sha256_hex) {
  // FIPS 180-2's "abc" vector.
  BOOST_TEST(secret_digest("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(secret_digest("").size() == 64u);
  BOOST_TEST(secret_digest("token-a") != secret_digest("token-b"));
}

BOOST_AUTO_TEST_CASE(secrets_compare_by_content) {
  BOOST_TEST(secrets_equal("abc", "abc"));
  BOOST_TEST(!secrets_equal("abc", "abd"));
  BOOST_TEST(!secrets_equal("abc", "abcd"));
  BOOST_TEST(secrets_equal("", ""));
}
