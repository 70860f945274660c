#define BOOST_TEST_MODULE httpc_url
#include "httpc/url.hpp"

#include <boost/test/unit_test.hpp>

using recs::errc;
using recs::httpc::join_url;
using recs::httpc::parse_url;

BOOST_AUTO_TEST_CASE(https_with_path_and_query_takes_the_default_port) {
  auto u = parse_url("https://api.tvmaze.com/shows?page=1");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->scheme == "https");
  BOOST_TEST(u->host == "api.tvmaze.com");
  BOOST_TEST(u->port == 443);
  BOOST_TEST(u->target == "/shows?page=1");
  BOOST_TEST(recs::httpc::default_port(*u));
  BOOST_TEST(recs::httpc::host_field(*u) == "api.tvmaze.com");
  BOOST_TEST(recs::httpc::origin(*u) == "https://api.tvmaze.com:443");
}

BOOST_AUTO_TEST_CASE(http_defaults_to_80_and_an_empty_path_is_slash) {
  auto u = parse_url("http://example.test");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->port == 80);
  BOOST_TEST(u->target == "/");
  auto q = parse_url("http://example.test?x=1");
  BOOST_REQUIRE(q.ok());
  BOOST_TEST(q->target == "/?x=1");
}

BOOST_AUTO_TEST_CASE(explicit_port_goes_into_the_host_field) {
  auto u = parse_url("http://127.0.0.1:8081/graphql");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->host == "127.0.0.1");
  BOOST_TEST(u->port == 8081);
  BOOST_TEST(recs::httpc::host_field(*u) == "127.0.0.1:8081");
  auto d = parse_url("https://h.test:443/");
  BOOST_REQUIRE(d.ok());
  BOOST_TEST(recs::httpc::host_field(*d) == "h.test");
}

BOOST_AUTO_TEST_CASE(scheme_and_host_are_case_insensitive_the_target_is_not) {
  auto u = parse_url("HTTPS://API.TVmaze.COM/Shows/ABC");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->scheme == "https");
  BOOST_TEST(u->host == "api.tvmaze.com");
  BOOST_TEST(u->target == "/Shows/ABC");
}

BOOST_AUTO_TEST_CASE(ipv6_hosts_go_in_brackets) {
  auto u = parse_url("http://[::1]:8080/x");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->host == "::1");
  BOOST_TEST(u->port == 8080);
  BOOST_TEST(recs::httpc::host_field(*u) == "[::1]:8080");
  BOOST_TEST(recs::httpc::origin(*u) == "http://[::1]:8080");
  auto d = parse_url("https://[2001:db8::1]/");
  BOOST_REQUIRE(d.ok());
  BOOST_TEST(d->port == 443);
  BOOST_TEST(recs::httpc::host_field(*d) == "[2001:db8::1]");
}

BOOST_AUTO_TEST_CASE(the_fragment_is_dropped) {
  auto u = parse_url("https://www.serializd.com/api/diary?page=2#top");
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->target == "/api/diary?page=2");
}

BOOST_AUTO_TEST_CASE(bad_urls_are_invalid_argument) {
  for (const char* text :
       {"", "api.tvmaze.com/shows", "ftp://host/", "redis://host", "https://", "https:///x",
        "http://host:/", "http://host:0/", "http://host:65536/", "http://host:80a/",
        "http://user:pw@host/", "http://[::1/", "http://[::1]x/", "http://[zz]/", "http://ho st/",
        "http://host/a b", "http://host/\n", "http://ho%41st/"}) {
    auto u = parse_url(text);
    BOOST_TEST(!u.ok(), text);
    if (!u.ok()) BOOST_TEST((u.err().code == errc::invalid_argument), text);
  }
}

BOOST_AUTO_TEST_CASE(join_puts_exactly_one_slash_between) {
  BOOST_TEST(join_url("https://api.tvmaze.com", "/shows?page=1") ==
             "https://api.tvmaze.com/shows?page=1");
  BOOST_TEST(join_url("https://api.tvmaze.com/", "/shows") == "https://api.tvmaze.com/shows");
  BOOST_TEST(join_url("https://api.tvmaze.com/", "shows") == "https://api.tvmaze.com/shows");
  BOOST_TEST(join_url("https://api.tvmaze.com", "shows") == "https://api.tvmaze.com/shows");
  BOOST_TEST(join_url("https://www.serializd.com/api", "/user/x/diary") ==
             "https://www.serializd.com/api/user/x/diary");
  BOOST_TEST(join_url("https://www.serializd.com/api//", "//diary") ==
             "https://www.serializd.com/api/diary");
}

BOOST_AUTO_TEST_CASE(join_with_nothing_or_a_query) {
  BOOST_TEST(join_url("https://apis.justwatch.com/graphql", "") ==
             "https://apis.justwatch.com/graphql");
  BOOST_TEST(join_url("https://api.tvmaze.com/shows", "?page=3") ==
             "https://api.tvmaze.com/shows?page=3");
}
