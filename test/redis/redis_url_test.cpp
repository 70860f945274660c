#define BOOST_TEST_MODULE redis_url
#include "redis/redis_url.hpp"

#include <boost/test/unit_test.hpp>

using recs::errc;
using recs::redis::parse_redis_url;

BOOST_AUTO_TEST_CASE(host_alone_takes_the_defaults) {
  auto u = parse_redis_url("redis://cache.internal");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->host == "cache.internal");
  BOOST_TEST(u->port == 6379);
  BOOST_TEST(u->db == 0);
  BOOST_TEST(u->username.empty());
  BOOST_TEST(u->password.empty());
}

BOOST_AUTO_TEST_CASE(port_db_and_trailing_slash) {
  auto u = parse_redis_url("redis://localhost:6380/2");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->host == "localhost");
  BOOST_TEST(u->port == 6380);
  BOOST_TEST(u->db == 2);
  auto slash = parse_redis_url("redis://localhost:6379/");
  BOOST_REQUIRE(slash.ok());
  BOOST_TEST(slash->db == 0);
}

BOOST_AUTO_TEST_CASE(password_only_and_user_with_password) {
  auto p = parse_redis_url("redis://:s3cret@10.0.0.5:6379/0");
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p->username.empty());
  BOOST_TEST(p->password == "s3cret");
  BOOST_TEST(p->host == "10.0.0.5");

  auto up = parse_redis_url("redis://recs:pa:ss@cache/1");
  BOOST_REQUIRE(up.ok());
  BOOST_TEST(up->username == "recs");
  BOOST_TEST(up->password == "pa:ss");  // the first ':' splits user from password
  BOOST_TEST(up->db == 1);
}

BOOST_AUTO_TEST_CASE(passwords_may_hold_at_and_slash_raw_or_percent_encoded) {
  auto raw = parse_redis_url("redis://:p@ss/w0rd@cache:7000");
  BOOST_REQUIRE(raw.ok());
  BOOST_TEST(raw->password == "p@ss/w0rd");
  BOOST_TEST(raw->host == "cache");
  BOOST_TEST(raw->port == 7000);

  auto enc = parse_redis_url("redis://us%3Aer:p%40ss%25@cache");
  BOOST_REQUIRE(enc.ok());
  BOOST_TEST(enc->username == "us:er");
  BOOST_TEST(enc->password == "p@ss%");
}

BOOST_AUTO_TEST_CASE(ipv6_hosts_go_in_brackets) {
  auto u = parse_redis_url("redis://[::1]:6380/3");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->host == "::1");
  BOOST_TEST(u->port == 6380);
  BOOST_TEST(u->db == 3);
  BOOST_TEST(recs::redis::endpoint(*u) == "[::1]:6380");
  auto no_port = parse_redis_url("redis://[fe80::2]");
  BOOST_REQUIRE(no_port.ok());
  BOOST_TEST(no_port->port == 6379);
}

BOOST_AUTO_TEST_CASE(malformed_urls_are_invalid_argument) {
  for (const char* bad : {
           "",
           "localhost:6379",            // no scheme
           "http://localhost",          // another scheme
           "rediss://localhost",        // TLS
           "redis://",                  // no host
           "redis://:6379",             // no host
           "redis://host:",             // empty port
           "redis://host:0",            // port out of range
           "redis://host:65536",        // port out of range
           "redis://host:63x9",         // not a number
           "redis://host/db",           // db not a number
           "redis://host/-1",           // negative db
           "redis://host/99999999999",  // db out of range
           "redis://host?db=1",         // query string
           "redis://host#frag",         // fragment
           "redis://user@host",         // user without password
           "redis://:@host",            // empty password
           "redis://:p%4@host",         // truncated escape
           "redis://:p%zz@host",        // bad escape
           "redis://[::1",              // unclosed bracket
           "redis://[::1]x",            // junk after bracket
           "redis://[host]",            // brackets around a name
           "redis://ho st",             // space
           "redis://host:6379/1 ",      // trailing space
       }) {
    auto u = parse_redis_url(bad);
    BOOST_TEST_CONTEXT(bad) {
      BOOST_REQUIRE(!u.ok());
      BOOST_TEST((u.err().code == errc::invalid_argument));
    }
  }
}

BOOST_AUTO_TEST_CASE(errors_and_redacted_form_never_show_the_password) {
  auto bad = parse_redis_url("redis://:topsecret@host:notaport");
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST(bad.err().message.find("topsecret") == std::string::npos);

  auto u = parse_redis_url("redis://recs:topsecret@cache:6380/4");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(recs::redis::redacted(*u) == "redis://recs:***@cache:6380/4");
  auto plain = parse_redis_url("redis://cache");
  BOOST_REQUIRE(plain.ok());
  BOOST_TEST(recs::redis::redacted(*plain) == "redis://cache:6379/0");
}
