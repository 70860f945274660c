#define BOOST_TEST_MODULE recsys_catalog_snapshot
#include <boost/test/unit_test.hpp>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/text.hpp"
#include "test/recsys/fixtures.hpp"

using namespace recs;

BOOST_AUTO_TEST_CASE(features_are_normalised_and_similar_shows_score_higher) {
  auto cat = test::small_snapshot();
  for (std::uint32_t i = 0; i < cat->size(); ++i) {
    double n = dot(cat->features(i), cat->features(i));
    BOOST_TEST(n == 1.0, boost::test_tools::tolerance(1e-5));
  }
  const auto fargo = *cat->find("tt2802850");
  const auto bb = *cat->find("tt0903747");
  const auto bluey = *cat->find("tt7678620");
  BOOST_TEST(dot(cat->features(fargo), cat->features(bb)) >
             dot(cat->features(fargo), cat->features(bluey)));
}

BOOST_AUTO_TEST_CASE(find_and_providers) {
  auto cat = test::small_snapshot();
  BOOST_TEST(cat->find("tt7678620").has_value());
  BOOST_TEST(!cat->find("tt0000000").has_value());
  BOOST_REQUIRE(cat->find_provider("stan") != nullptr);
  BOOST_TEST(cat->find_provider("stan")->name == "Stan");
  BOOST_TEST(cat->find_provider("nope") == nullptr);
}

BOOST_AUTO_TEST_CASE(quality_prior_shrinks_few_votes) {
  auto cat = test::small_snapshot();
  const double bb = cat->quality(*cat->find("tt0903747"));            // 9.5 with 1.9M votes
  const double bluey = cat->quality(*cat->find("tt7678620"));         // 9.3 with 20k votes
  const double mystery = cat->quality(*cat->find("x-unknown-2020"));  // 5.0 with 100 votes
  BOOST_TEST(bb > bluey);
  BOOST_TEST(bluey > mystery);
  BOOST_TEST(mystery > 0.0);  // pulled towards the mean, not to the floor
}

BOOST_AUTO_TEST_CASE(search_finds_titles_by_their_words) {
  auto cat = test::small_snapshot();
  std::size_t total = 0;
  auto hits = cat->search("the office", 10, total);
  BOOST_TEST(total == 1u);
  BOOST_TEST(cat->at(hits[0]).id == "tt0386676");
  hits = cat->search("S", 10, total);  // titles with a word that starts with s
  BOOST_TEST(total >= 3u);
  for (auto i : hits) {
    title_match how{};
    BOOST_TEST(cat->titles().match("S", i, how), cat->at(i).title);
  }
  hits = cat->search("", 3, total);
  BOOST_TEST(total == cat->size());
  BOOST_TEST(hits.size() == 3u);
  hits = cat->search("zzzz", 10, total);
  BOOST_TEST(total == 0u);
}

BOOST_AUTO_TEST_CASE(text_helpers) {
  BOOST_TEST(normalise_tag("  Dry Humour ") == "dry humour");
  BOOST_TEST(contains_phrase("a dry humour show", "dry humour"));
  BOOST_TEST(!contains_phrase("a dryhumour show", "dry humour"));
  BOOST_TEST(!contains_phrase("spyware", "spy"));
  auto toks = content_tokens("The Spy's team, and MI5 agents!");
  BOOST_TEST((toks == std::vector<std::string>{"spys", "team", "mi5", "agents"}));
  // The stop-word list is binary-searched: its first, last and middle words must all be found.
  BOOST_TEST(content_tokens("about yet the world whose spies").size() == 1u);
}

BOOST_AUTO_TEST_CASE(word_runs_split_at_non_word_characters) {
  const auto w = word_runs("sci-fi, dry  humour's 24/7");
  const std::vector<std::string_view> expected = {"sci", "fi", "dry", "humour", "s", "24", "7"};
  BOOST_TEST(w == expected, boost::test_tools::per_element());
  BOOST_TEST(word_runs("").empty());
  BOOST_TEST(word_runs(" - ").empty());
}

BOOST_AUTO_TEST_CASE(phrase_index_finds_exactly_what_a_full_scan_finds) {
  auto cat = test::small_snapshot();
  for (const char* phrase :
       {"crime", "drama", "comedy", "dry humour", "spy", "the office", "sci", "scifi", "family",
        "agents", "", " ", "-", "zzzz unknown", "rick and morty", "a"}) {
    std::vector<std::uint32_t> scan;
    for (std::uint32_t i = 0; i < cat->size(); ++i)
      if (contains_phrase(cat->tag_text(i), phrase)) scan.push_back(i);
    BOOST_TEST_CONTEXT("phrase '" << phrase << "'") {
      BOOST_TEST(cat->shows_with_phrase(phrase) == scan, boost::test_tools::per_element());
    }
  }
  BOOST_TEST(!cat->shows_with_phrase("crime").empty());
}
