#define BOOST_TEST_MODULE adapters_justwatch_request
#include <boost/test/unit_test.hpp>

#include <string>

#include <rapidjson/document.h>

#include "adapters/justwatch_request.hpp"
#include "test/adapters/printers.hpp"

namespace ad = recs::adapters;
using recs::errc;

namespace {

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// The query of a body, after checking the body is JSON with the three GraphQL members.
std::string query_of(const std::string& body, rapidjson::Document& doc) {
  doc.Parse(body.c_str());
  BOOST_REQUIRE(!doc.HasParseError());
  BOOST_REQUIRE(doc.IsObject());
  BOOST_REQUIRE(doc.HasMember("operationName"));
  BOOST_REQUIRE(doc["variables"].IsObject());
  return doc["query"].GetString();
}

// Braces of the GraphQL text balance and never go negative.
bool balanced(const std::string& q) {
  int depth = 0;
  for (char c : q) {
    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(providers_body_is_exact) {
  const auto body = ad::jw_providers_body();
  BOOST_REQUIRE(body.ok());
  BOOST_TEST(*body ==
             "{\"operationName\":\"GetProviders\",\"variables\":{\"country\":\"AU\",\"platform\":"
             "\"WEB\"},\"query\":\"query GetProviders($country: Country!, $platform: Platform!) { "
             "packages(country: $country, platform: $platform, includeAddons: true) { id "
             "packageId clearName technicalName shortName monetizationTypes } }\"}");
}

BOOST_AUTO_TEST_CASE(popular_first_page_and_next_page) {
  const auto first = ad::jw_popular_body(3);
  BOOST_REQUIRE(first.ok());
  BOOST_TEST(starts_with(
      *first,
      "{\"operationName\":\"GetPopularTitles\",\"variables\":{\"country\":\"AU\",\"language\":"
      "\"en\",\"first\":3,\"after\":null,\"popularTitlesFilter\":{\"objectTypes\":[\"SHOW\"],"
      "\"excludeIrrelevantTitles\":false},\"offerFilter\":{\"bestOnly\":true}},\"query\":\"query "
      "GetPopularTitles("));
  rapidjson::Document doc;
  const std::string q = query_of(*first, doc);
  BOOST_TEST(balanced(q));
  BOOST_TEST(contains(q,
                      "popularTitles(country: $country, filter: $popularTitlesFilter, first: "
                      "$first, after: $after, sortBy: POPULAR, sortRandomSeed: 0)"));
  BOOST_TEST(contains(q, "pageInfo { hasNextPage endCursor }"));
  BOOST_TEST(contains(q, "externalIds { imdbId tmdbId }"));
  BOOST_TEST(contains(q, "fragment TitleOffer on Offer"));
  BOOST_TEST(contains(q, "availableTo standardWebURL"));

  const auto next = ad::jw_popular_body(3, "eyJzIjozfQ==", {"nfx", "stn"});
  BOOST_REQUIRE(next.ok());
  rapidjson::Document d2;
  query_of(*next, d2);
  BOOST_TEST(std::string(d2["variables"]["after"].GetString()) == "eyJzIjozfQ==");
  BOOST_TEST(d2["variables"]["popularTitlesFilter"]["packages"].Size() == 2u);
  // Equal input, byte-identical body.
  BOOST_TEST(*ad::jw_popular_body(3) == *first);
}

BOOST_AUTO_TEST_CASE(search_body_escapes_the_text) {
  ad::jw_query_options opt;
  opt.shows_only = false;
  const auto body = ad::jw_search_body("  Kath & Kim \"Da Kath\"  ", 5, opt);
  BOOST_REQUIRE(body.ok());
  rapidjson::Document doc;
  const std::string q = query_of(*body, doc);
  BOOST_TEST(balanced(q));
  BOOST_TEST(std::string(doc["operationName"].GetString()) == "GetSearchTitles");
  const auto& filter = doc["variables"]["searchTitlesFilter"];
  BOOST_TEST(std::string(filter["searchQuery"].GetString()) == "Kath & Kim \"Da Kath\"");
  BOOST_TEST(!filter.HasMember("objectTypes"));
  BOOST_TEST(doc["variables"]["first"].GetInt() == 5);
}

BOOST_AUTO_TEST_CASE(title_offers_body_for_a_node) {
  ad::jw_query_options opt;
  opt.country = "NZ";
  const auto body = ad::jw_title_offers_body("ts301826", opt);
  BOOST_REQUIRE(body.ok());
  BOOST_TEST(starts_with(*body,
                         "{\"operationName\":\"GetTitleOffers\",\"variables\":{\"nodeId\":"
                         "\"ts301826\",\"country\":\"NZ\",\"language\":\"en\",\"offerFilter\":{"
                         "\"bestOnly\":false}},\"query\":\"query GetTitleOffers("));
  rapidjson::Document doc;
  const std::string q = query_of(*body, doc);
  BOOST_TEST(balanced(q));
  BOOST_TEST(contains(q, "node(id: $nodeId) { ... on MovieOrShow { ...TitleDetails } }"));
}

BOOST_AUTO_TEST_CASE(arguments_out_of_range_are_invalid) {
  ad::jw_query_options lower;
  lower.country = "au";
  BOOST_TEST(ad::jw_providers_body(lower).err().code == errc::invalid_argument);
  ad::jw_query_options three;
  three.country = "AUS";
  BOOST_TEST(!ad::jw_popular_body(10, {}, {}, three).ok());
  ad::jw_query_options lang;
  lang.language = "EN";
  BOOST_TEST(!ad::jw_search_body("Bluey", 5, lang).ok());
  BOOST_TEST(!ad::jw_popular_body(0).ok());
  BOOST_TEST(!ad::jw_popular_body(ad::kJwMaxPageSize + 1).ok());
  BOOST_TEST(ad::jw_popular_body(ad::kJwMaxPageSize).ok());
  BOOST_TEST(!ad::jw_popular_body(5, {}, {"Netflix"}).ok());
  BOOST_TEST(!ad::jw_search_body("   ", 5).ok());
  BOOST_TEST(!ad::jw_search_body(std::string(201, 'a'), 5).ok());
  BOOST_TEST(!ad::jw_title_offers_body("").ok());
  BOOST_TEST(!ad::jw_title_offers_body("ts1\"}").ok());
  BOOST_TEST(ad::jw_title_offers_body("cGF8OA==").ok());
}
