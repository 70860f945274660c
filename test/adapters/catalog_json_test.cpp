#define BOOST_TEST_MODULE adapters_catalog_json
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "adapters/au_providers.hpp"
#include "adapters/catalog_json.hpp"
#include "test/adapters/printers.hpp"

namespace ad = recs::adapters;
using recs::maturity;
using recs::monetization;

namespace {

std::vector<recs::show> sample_shows() {
  recs::show a;
  a.id = "tt7678620";
  a.title = "Bluey";
  a.year = 2018;
  a.genres = {"animation", "family", "kids"};
  a.premise = "Bluey is an inexhaustible six year-old Blue Heeler dog \"who loves to play\".";
  a.seasons = 3;
  a.runtime = 8;
  a.countries = {"AU", "GB"};
  a.imdb_score = 9.6;
  a.imdb_votes = 14163;
  a.tmdb_score = 8.223;
  a.tmdb_popularity = 158.239;
  a.rating = maturity::g;
  recs::offer inferred;
  inferred.provider = "abc_iview";
  inferred.type = monetization::free;
  inferred.basis = "Australian production first shown on ABC Kids";
  recs::offer verified;
  verified.provider = "disney_plus";
  verified.inferred = false;
  verified.basis = "justwatch";
  verified.last_checked_ts = 1700000000;
  verified.url = "https://example.invalid/bluey";
  verified.available_to = "2030-01-01";
  a.offers = {inferred, verified};

  recs::show b;
  b.id = "x-ni\xC3\xB1o-2020";
  b.title = "Ni\xC3\xB1o \xE2\x80\x94 \xE5\xA4\xA9";  // UTF-8 survives
  b.year = 2020;
  b.network = "SBS";
  b.premise = "line\nbreak and tab\t";
  return {a, b};
}

void check_same(const recs::show& x, const recs::show& y) {
  BOOST_TEST(x.id == y.id);
  BOOST_TEST(x.title == y.title);
  BOOST_TEST(x.year == y.year);
  BOOST_TEST(x.genres == y.genres);
  BOOST_TEST(x.premise == y.premise);
  BOOST_TEST(x.seasons == y.seasons);
  BOOST_TEST(x.runtime == y.runtime);
  BOOST_TEST(x.countries == y.countries);
  BOOST_TEST(x.network == y.network);
  BOOST_TEST(x.imdb_score == y.imdb_score);
  BOOST_TEST(x.imdb_votes == y.imdb_votes);
  BOOST_TEST(x.tmdb_score == y.tmdb_score);
  BOOST_TEST(x.tmdb_popularity == y.tmdb_popularity);
  BOOST_TEST(x.rating == y.rating);
  BOOST_REQUIRE_EQUAL(x.offers.size(), y.offers.size());
  for (std::size_t i = 0; i < x.offers.size(); ++i) {
    const auto& p = x.offers[i];
    const auto& q = y.offers[i];
    BOOST_TEST(p.provider == q.provider);
    BOOST_TEST(p.type == q.type);
    BOOST_TEST(p.inferred == q.inferred);
    BOOST_TEST(p.basis == q.basis);
    BOOST_TEST(p.last_checked_ts == q.last_checked_ts);
    BOOST_TEST(p.url == q.url);
    BOOST_TEST(p.available_to == q.available_to);
  }
}

std::string error_of(const std::string& text) {
  const auto r = ad::parse_catalog_jsonl(text);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.err().code == recs::errc::invalid_argument);
  return r.err().message;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(catalog_json)

BOOST_AUTO_TEST_CASE(round_trip) {
  const auto shows = sample_shows();
  const std::string text = ad::to_jsonl(shows);
  BOOST_TEST(std::count(text.begin(), text.end(), '\n') == 2);
  const auto back = ad::parse_catalog_jsonl(text);
  BOOST_REQUIRE_MESSAGE(back.ok(), (back.ok() ? std::string() : back.err().message));
  BOOST_REQUIRE_EQUAL(back->size(), shows.size());
  for (std::size_t i = 0; i < shows.size(); ++i) check_same(shows[i], (*back)[i]);
  BOOST_TEST(ad::to_jsonl(*back) == text);  // byte-identical after a round trip
}

BOOST_AUTO_TEST_CASE(entries_keep_sources_and_status_fields) {
  ad::catalog_entry e{sample_shows()[0], {"justwatch-us-2023/disney", "tvmaze-top-shows"}};
  const std::string text = ad::to_jsonl(std::vector<ad::catalog_entry>{e});
  BOOST_TEST(text.find("\"status\":\"inferred\"") != std::string::npos);
  BOOST_TEST(text.find("\"status\":\"verified\"") != std::string::npos);
  BOOST_TEST(text.find("\"classification\":\"G\"") != std::string::npos);
  BOOST_TEST(text.find("\"imdb_votes\":14163,") != std::string::npos, text);
  // An inferred offer carries no last_checked_ts at all.
  const auto first_offer =
      text.substr(text.find("abc_iview"), text.find("disney_plus") - text.find("abc_iview"));
  BOOST_TEST(first_offer.find("last_checked_ts") == std::string::npos);
  const auto back = ad::parse_catalog_entries(text);
  BOOST_REQUIRE(back.ok());
  BOOST_TEST(back->at(0).sources == e.sources);
  check_same(back->at(0).item, e.item);
}

BOOST_AUTO_TEST_CASE(minimal_lines_blank_lines_and_crlf) {
  const auto r = ad::parse_catalog_jsonl(
      "{\"id\":\"tt1\",\"title\":\"A\"}\r\n\n   \n{\"id\":\"tt2\",\"title\":\"B\",\"x\":[1]}");
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().message));
  BOOST_REQUIRE_EQUAL(r->size(), 2u);
  BOOST_TEST((*r)[0].rating == maturity::unknown);
  BOOST_TEST((*r)[1].title == "B");
  BOOST_TEST(ad::parse_catalog_jsonl("").ok());
}

BOOST_AUTO_TEST_CASE(malformed_lines_are_rejected_with_their_number) {
  const std::string good = "{\"id\":\"tt1\",\"title\":\"A\"}\n";
  BOOST_TEST(error_of(good + "\n{\"id\":\"tt2\",\"title\":\"B\"\n").rfind("line 3:", 0) == 0);
  BOOST_TEST(error_of(good + "[1,2]\n").rfind("line 2: not a JSON object", 0) == 0);
  BOOST_TEST(error_of(good + "{\"id\":\"tt2\"}\n").rfind("line 2:", 0) == 0);
  BOOST_TEST(error_of("{\"id\":\"\",\"title\":\"A\"}").rfind("line 1:", 0) == 0);
  const std::string wrong_type =
      error_of(good + "{\"id\":\"tt2\",\"title\":\"B\",\"year\":\"2001\"}");
  BOOST_TEST(wrong_type.rfind("line 2:", 0) == 0);
  BOOST_TEST(wrong_type.find("year") != std::string::npos, wrong_type);
  BOOST_TEST(error_of("{\"id\":\"tt2\",\"title\":\"B\",\"classification\":\"X\"}")
                 .find("classification") != std::string::npos);
  BOOST_TEST(error_of("{\"id\":\"tt2\",\"title\":\"B\",\"offers\":[{\"basis\":\"x\"}]}")
                 .find("provider") != std::string::npos);
  BOOST_TEST(error_of("{\"id\":\"tt2\",\"title\":\"B\",\"offers\":[{\"provider\":\"stan\","
                      "\"status\":\"maybe\"}]}")
                 .find("status") != std::string::npos);
  BOOST_TEST(error_of(good + "{} {}\n").rfind("line 2:", 0) == 0);
  BOOST_TEST(error_of(good + good).find("duplicate id tt1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_file_is_not_found) {
  const auto r = ad::load_catalog_file("/nonexistent/catalog.jsonl");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.err().code == recs::errc::not_found);
}

BOOST_AUTO_TEST_CASE(file_errors_name_the_path) {
  const std::string path = "adapters_catalog_json_test.tmp.jsonl";
  {
    std::ofstream out(path);
    out << "{\"id\":\"tt1\",\"title\":\"A\"}\nnot json\n";
  }
  const auto r = ad::load_catalog_file(path);
  std::remove(path.c_str());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.err().message.find(path + ": line 2:") != std::string::npos, r.err().message);
}

BOOST_AUTO_TEST_CASE(providers_round_trip) {
  const std::string text = ad::providers_to_json(ad::au_providers());
  const auto back = ad::parse_providers_json(text);
  BOOST_REQUIRE(back.ok());
  BOOST_REQUIRE_EQUAL(back->size(), ad::au_providers().size());
  for (std::size_t i = 0; i < back->size(); ++i) {
    BOOST_TEST((*back)[i].id == ad::au_providers()[i].id);
    BOOST_TEST((*back)[i].name == ad::au_providers()[i].name);
    BOOST_TEST((*back)[i].free_to_air == ad::au_providers()[i].free_to_air);
  }
  BOOST_TEST(!ad::parse_providers_json("{}").ok());
  BOOST_TEST(!ad::parse_providers_json("[{\"id\":\"x\"}]").ok());
  BOOST_TEST(!ad::parse_providers_json("[{\"id\":\"x\",\"name\":\"X\",\"free_to_air\":1}]").ok());
  BOOST_TEST(!ad::load_providers_file("/nonexistent/providers.json").ok());
}

BOOST_AUTO_TEST_SUITE_END()
