// Title search (recsys/title_search.hpp): folding, typos, ranking, and the index agreeing with
// the one-show matcher on every show for many queries.
#define BOOST_TEST_MODULE recsys_title_search
#include <boost/test/unit_test.hpp>

#include <random>
#include <set>

#include "recsys/title_search.hpp"

using namespace recs;

namespace {

using words = std::vector<std::string>;

struct catalog {
  std::vector<std::vector<std::string>> titles;
  std::vector<int> years;
  std::vector<double> popularity;
  title_index index;

  void add(std::vector<std::string> t, int year, double pop) {
    titles.push_back(std::move(t));
    years.push_back(year);
    popularity.push_back(pop);
  }
  void build() { index = title_index::build(titles, years, popularity); }

  /// The main titles of the first `limit` results of `q`.
  words find(const std::string& q, std::size_t limit = 5) const {
    std::size_t total = 0;
    words out;
    for (auto i : index.search(q, limit, total)) out.push_back(titles[i].front());
    return out;
  }
  title_match how(const std::string& q, const std::string& title) const {
    for (std::uint32_t i = 0; i < titles.size(); ++i) {
      if (titles[i].front() != title) continue;
      title_match m{};
      BOOST_REQUIRE_MESSAGE(index.match(q, i, m), q + " matches " + title);
      return m;
    }
    BOOST_FAIL("no show " + title);
    return title_match::whole;
  }
};

catalog shows() {
  catalog c;
  c.add({"The Office"}, 2005, 0.9);
  c.add({"Office Girls"}, 2011, 0.95);
  c.add({"Breaking Bad"}, 2008, 1.0);
  c.add({"Bad Sisters"}, 2022, 0.7);
  c.add({"Lost in Space"}, 2018, 0.8);
  c.add({"Lost"}, 2004, 0.6);
  c.add({"Spider-Man"}, 1994, 0.5);
  c.add({"Amélie's Café"}, 2001, 0.4);
  c.add({"Grey's Anatomy"}, 2005, 0.85);
  c.add({"Money Heist", "La casa de papel"}, 2017, 0.75);
  c.add({"S.W.A.T."}, 2017, 0.3);
  c.add({"Bluey"}, 2018, 0.65);
  c.add({"Blue Planet"}, 2001, 0.66);
  c.add({"The Crown"}, 2016, 0.7);
  c.add({"Downton Abbey"}, 2010, 0.6);
  c.build();
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(words_are_folded_as_people_type_them) {
  BOOST_TEST(search_words("Grey's Anatomy") == (words{"greys", "anatomy"}));
  BOOST_TEST(search_words("Grey\xE2\x80\x99s") == (words{"greys"}));  // a curly apostrophe
  BOOST_TEST(search_words("Amélie & Co.") == (words{"amelie", "and", "co"}));
  BOOST_TEST(search_words("S.W.A.T.") == (words{"swat"}));
  BOOST_TEST(search_words("STRASSE Straße Ærø Œuvre") ==
             (words{"strasse", "strasse", "aero", "oeuvre"}));
  BOOST_TEST(search_words("Spider-Man") == (words{"spider", "man"}));
  BOOST_TEST(search_words("Spider-Man", true) == (words{"spider", "man", "spiderman"}));
  BOOST_TEST(search_words("9-1-1: Lone Star", true) ==
             (words{"9", "1", "1", "911", "lone", "star"}));
  BOOST_TEST(search_words("  -- ! \xC2\xA0 ") == words{});  // nbsp, signs
  BOOST_TEST(search_words("\xE9\x80\xB2\xE6\x92\x83") ==
             (words{"\xE9\x80\xB2\xE6\x92\x83"}));        // 進撃
  BOOST_TEST(search_words("bad\xC3") == (words{"bad"}));  // a cut UTF-8 sequence is dropped
}

BOOST_AUTO_TEST_CASE(edit_distance_counts_transpositions_once_and_stops_at_the_limit) {
  BOOST_TEST(bounded_edit_distance("breaking", "breaking", 2) == 0u);
  BOOST_TEST(bounded_edit_distance("braeking", "breaking", 2) == 1u);
  BOOST_TEST(bounded_edit_distance("breking", "breaking", 2) == 1u);
  BOOST_TEST(bounded_edit_distance("kitten", "sitting", 3) == 3u);
  BOOST_TEST(bounded_edit_distance("kitten", "sitting", 2) == 3u);  // limit + 1
  BOOST_TEST(bounded_edit_distance("a", "abcdef", 2) == 3u);
}

BOOST_AUTO_TEST_CASE(words_in_any_order_prefixes_accents_and_case) {
  const auto c = shows();
  BOOST_TEST(c.find("bad breaking").front() == "Breaking Bad");
  BOOST_TEST(c.find("BREA").front() == "Breaking Bad");
  BOOST_TEST((c.how("BREA", "Breaking Bad") == title_match::prefix));
  BOOST_TEST(c.find("amelie cafe").front() == "Amélie's Café");
  BOOST_TEST(c.find("AMÉLIE").front() == "Amélie's Café");
  BOOST_TEST(c.find("greys").front() == "Grey's Anatomy");
  BOOST_TEST(c.find("swat").front() == "S.W.A.T.");
  BOOST_TEST(c.find("spiderman").front() == "Spider-Man");
  BOOST_TEST((c.how("spider man", "Spider-Man") == title_match::whole));
  BOOST_TEST(c.find("xyzzy").empty());
}

BOOST_AUTO_TEST_CASE(small_typos_are_forgiven_short_words_are_not) {
  const auto c = shows();
  BOOST_TEST(c.find("braeking bad").front() == "Breaking Bad");
  BOOST_TEST((c.how("braeking bad", "Breaking Bad") == title_match::typo1));
  BOOST_TEST(c.find("downtown abbey").front() == "Downton Abbey");
  BOOST_TEST((c.how("dowton abey", "Downton Abbey") == title_match::typo1));
  BOOST_TEST((c.how("braeknig bad", "Breaking Bad") == title_match::typo2));  // 8 letters: two
  BOOST_TEST(c.find("dwntown").empty());  // 7 letters, two typos: too far
  BOOST_TEST(c.find("bid").empty());      // three letters: no typo allowed
}

BOOST_AUTO_TEST_CASE(a_year_and_an_alternative_title_find_the_show) {
  const auto c = shows();
  BOOST_TEST(c.find("casa papel").front() == "Money Heist");
  BOOST_TEST((c.how("la casa de papel", "Money Heist") == title_match::whole));
  BOOST_TEST(c.find("office 2005") == (words{"The Office"}));
  BOOST_TEST(c.find("2001") == (words{"Blue Planet", "Amélie's Café"}));
}

BOOST_AUTO_TEST_CASE(ranked_by_match_then_popularity) {
  const auto c = shows();
  // The whole title first, however popular the others are.
  BOOST_TEST(c.find("lost") == (words{"Lost", "Lost in Space"}));
  BOOST_TEST(c.find("the office").front() == "The Office");
  BOOST_TEST(c.find("office").front() == "The Office");  // whole, a leading article aside
  // Equal matches by popularity: both "bad" exactly.
  BOOST_TEST(c.find("bad") == (words{"Breaking Bad", "Bad Sisters"}));
  // Exact words before a prefix: "blue" is Blue Planet's word, a prefix of Bluey.
  BOOST_TEST(c.find("blue") == (words{"Blue Planet", "Bluey"}));
  std::size_t total = 0;
  BOOST_TEST(c.index.search("", 3, total).size() == 3u);
  BOOST_TEST(total == c.titles.size());
  BOOST_TEST(c.index.search("o", 2, total).size() == 2u);
  BOOST_TEST(total == 2u);  // Office Girls, The Office: words that start with "o"
}

BOOST_AUTO_TEST_CASE(the_index_finds_exactly_what_the_matcher_accepts) {
  // Titles from a small vocabulary, so that queries (words, prefixes, typos, years) hit often.
  const words vocab = {"blue",    "bluey",  "planet", "planets", "house",      "houses", "dragon",
                       "dragons", "the",    "crown",  "crowd",   "of",         "and",    "night",
                       "knight",  "nights", "café",   "cafe",    "spider-man", "money",  "heist"};
  std::mt19937 rng(7);
  catalog c;
  for (int i = 0; i < 400; ++i) {
    std::string t;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < n; ++k) t += (k ? " " : "") + vocab[rng() % vocab.size()];
    c.add({t}, 1990 + static_cast<int>(rng() % 30), static_cast<double>(rng() % 1000) / 1000);
  }
  c.build();
  const words queries = {"blue",          "blu",       "bleu",      "planet",      "plnaet",
                         "house of",      "the crown", "crown the", "cafe",        "café",
                         "spiderman",     "spider",    "1999",      "night 2001",  "knigth",
                         "dragons house", "o",         "of the",    "heist money", "zzz"};
  for (const auto& q : queries) {
    std::size_t total = 0;
    const auto found = c.index.search(q, c.titles.size(), total);
    BOOST_TEST(found.size() == total);
    std::set<std::uint32_t> got(found.begin(), found.end()), want;
    int last = -1;
    for (auto i : found) {  // ranked by how they matched
      title_match m{};
      BOOST_REQUIRE(c.index.match(q, i, m));
      BOOST_TEST(static_cast<int>(m) >= last, q);
      last = static_cast<int>(m);
    }
    for (std::uint32_t i = 0; i < c.titles.size(); ++i) {
      title_match m{};
      if (c.index.match(q, i, m)) want.insert(i);
    }
    BOOST_TEST((got == want), q << ": index " << got.size() << ", matcher " << want.size());
  }
}
