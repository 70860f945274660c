#define BOOST_TEST_MODULE accounts_password
#include <boost/test/unit_test.hpp>

#include <string>

#include "accounts/password.hpp"

using namespace recs;
using namespace recs::accounts;

BOOST_AUTO_TEST_CASE(the_policy_refuses_short_long_and_blank_passwords) {
  BOOST_TEST(check_password("correct horse").ok());
  auto short_one = check_password("short");
  BOOST_REQUIRE(!short_one.ok());
  BOOST_TEST((short_one.err().code == errc::invalid_argument));
  BOOST_TEST(short_one.err().message == "password must be at least 10 characters");
  BOOST_TEST(!check_password(std::string(1025, 'x')).ok());
  BOOST_TEST(!check_password("            ").ok());
  BOOST_TEST(check_password("abcd", password_policy{4, 8}).ok());
}

BOOST_AUTO_TEST_CASE(the_default_cost_is_argon2id_at_the_interactive_limits) {
  const password_hasher hasher;  // 2 passes over 64 MiB
  auto h = hasher.hash("correct horse battery");
  BOOST_REQUIRE(h.ok());
  BOOST_TEST(h->rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0u, *h);
  BOOST_TEST(password_hasher::verify(*h, "correct horse battery"));
  BOOST_TEST(!password_hasher::verify(*h, "correct horse batterY"));
  BOOST_TEST(!hasher.needs_rehash(*h));
}

BOOST_AUTO_TEST_CASE(hashes_are_salted_and_verify_only_their_password) {
  const password_hasher hasher(hash_cost::minimal());
  auto a = hasher.hash("same password");
  auto b = hasher.hash("same password");
  BOOST_REQUIRE(a.ok());
  BOOST_REQUIRE(b.ok());
  BOOST_TEST(*a != *b);  // a fresh salt each time
  BOOST_TEST(password_hasher::verify(*a, "same password"));
  BOOST_TEST(password_hasher::verify(*b, "same password"));
  BOOST_TEST(!password_hasher::verify(*a, ""));
  BOOST_TEST(!password_hasher::verify("", "same password"));
  BOOST_TEST(!password_hasher::verify("$argon2id$garbage", "same password"));
  BOOST_TEST(!password_hasher::verify(std::string(500, '$'), "same password"));
}

BOOST_AUTO_TEST_CASE(a_raised_cost_asks_for_a_rehash_and_old_hashes_still_verify) {
  const password_hasher cheap(hash_cost::minimal());
  const password_hasher dearer(hash_cost{3, hash_cost::minimal().memory_bytes * 2});
  auto old = cheap.hash("an old password");
  BOOST_REQUIRE(old.ok());
  BOOST_TEST(!cheap.needs_rehash(*old));
  BOOST_TEST(dearer.needs_rehash(*old));
  BOOST_TEST(password_hasher::verify(*old, "an old password"));  // its parameters travel with it
  BOOST_TEST(dearer.needs_rehash("not a hash"));
}

BOOST_AUTO_TEST_CASE(an_unknown_account_is_refused_like_a_wrong_password) {
  const password_hasher hasher(hash_cost::minimal());
  auto h = hasher.hash("the real one");
  BOOST_REQUIRE(h.ok());
  BOOST_TEST(hasher.verify_or_dummy(*h, "the real one"));
  BOOST_TEST(!hasher.verify_or_dummy(*h, "a wrong one"));
  BOOST_TEST(!hasher.verify_or_dummy(std::nullopt, "the real one"));
  BOOST_TEST(!hasher.verify_or_dummy(std::nullopt, ""));
}
