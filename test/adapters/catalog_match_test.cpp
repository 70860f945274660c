#define BOOST_TEST_MODULE adapters_catalog_match
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "adapters/catalog_match.hpp"
#include "adapters/justwatch_convert.hpp"
#include "adapters/justwatch_response.hpp"
#include "test/adapters/printers.hpp"
#include "test/adapters/upstream_fixture.hpp"
#include "test/adapters/upstream_printers.hpp"

namespace ad = recs::adapters;
using ad::id_order;
using ad::match_basis;
using ad::match_outcome;

namespace {

recs::show make(const std::string& id, const std::string& title, int year) {
  recs::show s;
  s.id = id;
  s.title = title;
  s.year = year;
  return s;
}

const std::vector<recs::show>& small_catalog() {
  static const std::vector<recs::show> shows{
      make("tt5875444", "Slow Horses", 2022),          make("tt2384811", "Utopia", 2013),
      make("x-utopia-2014", "Utopia", 2014),           make("tt8303474", "Utopia", 2020),
      make("tt0285335", "The Amazing Race", 2001),     make("tt0784852", "The Amazing Race", 2001),
      make("x-kath-and-kim-2002", "Kath & Kim", 2002),
  };
  return shows;
}

ad::title_key key(const std::string& imdb, std::int64_t tmdb, const std::string& title, int year) {
  return {imdb, tmdb, title, year};
}

}  // namespace

BOOST_AUTO_TEST_CASE(imdb_id_first) {
  const ad::catalog_matcher m(small_catalog());
  BOOST_TEST(m.size() == small_catalog().size());
  const auto r = m.match(key("tt5875444", 0, "Anything", 1999));
  BOOST_TEST(r.outcome == match_outcome::matched);
  BOOST_TEST(r.basis == match_basis::imdb);
  BOOST_TEST(r.show_id == "tt5875444");
}

BOOST_AUTO_TEST_CASE(a_different_imdb_id_is_a_different_show) {
  const ad::catalog_matcher m(small_catalog());
  const auto r = m.match(key("tt9999999", 0, "Slow Horses", 2022));
  BOOST_TEST(r.outcome == match_outcome::unmatched);
  // Synthetic catalog ids carry no IMDb id, so they stay candidates.
  BOOST_TEST(m.match(key("tt9999999", 0, "Kath and Kim", 2002)).show_id == "x-kath-and-kim-2002");
}

BOOST_AUTO_TEST_CASE(tmdb_links_and_order) {
  const ad::catalog_matcher m(small_catalog(),
                              {{95480, "tt5875444"}, {46896, "tt2384811"}, {1, "tt0000000"}});
  const auto r = m.match(key("", 95480, "", 0), id_order::tmdb_first);
  BOOST_TEST(r.outcome == match_outcome::matched);
  BOOST_TEST(r.basis == match_basis::tmdb);
  BOOST_TEST(r.show_id == "tt5875444");
  const auto both = key("tt2384811", 95480, "", 0);
  BOOST_TEST(m.match(both, id_order::imdb_first).show_id == "tt2384811");
  BOOST_TEST(m.match(both, id_order::tmdb_first).show_id == "tt5875444");
  // A link to an id the catalog lacks is ignored.
  BOOST_TEST(m.match(key("", 1, "", 0)).outcome == match_outcome::unmatched);
  // A show linked to another TMDB id is not a title candidate.
  BOOST_TEST(m.match(key("", 12345, "Slow Horses", 2022)).outcome == match_outcome::unmatched);
}

BOOST_AUTO_TEST_CASE(title_and_year_within_one) {
  const ad::catalog_matcher m(small_catalog());
  const auto r = m.match(key("", 0, "SLOW HORSES", 2023));
  BOOST_TEST(r.outcome == match_outcome::matched);
  BOOST_TEST(r.basis == match_basis::title_year);
  BOOST_TEST(r.show_id == "tt5875444");
  BOOST_TEST(m.match(key("", 0, "Slow Horses", 2024)).outcome == match_outcome::unmatched);
  BOOST_TEST(m.match(key("", 0, "Kath and Kim", 2001)).show_id == "x-kath-and-kim-2002");
  // 2013 and 2014 both fit 2013; the exact year decides.
  BOOST_TEST(m.match(key("", 0, "Utopia", 2013)).show_id == "tt2384811");
  BOOST_TEST(m.match(key("", 0, "Utopia", 2015)).show_id == "x-utopia-2014");
  BOOST_TEST(m.match(key("", 0, "", 2013)).outcome == match_outcome::unmatched);
  BOOST_TEST(m.match(key("", 0, "Utopia", 2017)).outcome == match_outcome::unmatched);
}

BOOST_AUTO_TEST_CASE(ambiguous_titles_list_the_candidates) {
  const ad::catalog_matcher m(small_catalog());
  const auto race = m.match(key("", 0, "The Amazing Race", 2001));
  BOOST_TEST(race.outcome == match_outcome::ambiguous);
  BOOST_TEST(race.show_id.empty());
  BOOST_TEST(race.candidates == (std::vector<std::string>{"tt0285335", "tt0784852"}));
  const auto no_year = m.match(key("", 0, "Utopia", 0));
  BOOST_TEST(no_year.outcome == match_outcome::ambiguous);
  BOOST_TEST(no_year.candidates.size() == 3u);
  // A wrong IMDb id rules both out.
  BOOST_TEST(m.match(key("tt0000001", 0, "The Amazing Race", 2001)).outcome ==
             match_outcome::unmatched);
}

BOOST_AUTO_TEST_CASE(justwatch_pages_against_the_bundled_catalog) {
  const ad::catalog_matcher m(ad::testing::bundled_shows());
  std::vector<ad::jw_title> titles;
  for (const char* file : {"justwatch/popular_au_page1.json", "justwatch/popular_au_page2.json"}) {
    auto p = ad::parse_jw_title_page(ad::testing::upstream(file));
    BOOST_REQUIRE(p.ok());
    for (auto& t : p->titles) titles.push_back(std::move(t));
  }
  BOOST_REQUIRE_EQUAL(titles.size(), 6u);
  std::vector<std::string> got;
  for (const auto& t : titles) {
    const auto r = m.match(ad::jw_title_key(t));
    switch (r.outcome) {
      case match_outcome::matched:
        got.push_back(r.show_id);
        break;
      case match_outcome::unmatched:
        got.push_back("unmatched");
        break;
      case match_outcome::ambiguous:
        got.push_back("ambiguous:" + std::to_string(r.candidates.size()));
        break;
    }
  }
  BOOST_TEST(got == (std::vector<std::string>{"tt5875444", "tt7678620", "tt2802850", "unmatched",
                                              "tt2384811", "ambiguous:2"}),
             boost::test_tools::per_element());
  BOOST_TEST(m.match(ad::jw_title_key(titles[4])).basis == match_basis::title_year);
}
