#define BOOST_TEST_MODULE adapters_mapping
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "adapters/certification.hpp"
#include "adapters/country_map.hpp"
#include "adapters/genre_map.hpp"
#include "test/adapters/printers.hpp"

namespace ad = recs::adapters;
using recs::maturity;

BOOST_AUTO_TEST_SUITE(certification)

BOOST_AUTO_TEST_CASE(us_tv_ratings) {
  BOOST_TEST(ad::map_certification("TV-Y") == maturity::g);
  BOOST_TEST(ad::map_certification("TV-Y7") == maturity::g);
  BOOST_TEST(ad::map_certification("TV-Y7-FV") == maturity::g);
  BOOST_TEST(ad::map_certification("TV-G") == maturity::g);
  BOOST_TEST(ad::map_certification("TV-PG") == maturity::pg);
  BOOST_TEST(ad::map_certification("TV-14") == maturity::m);
  BOOST_TEST(ad::map_certification("TV-MA") == maturity::ma15);
  BOOST_TEST(ad::map_certification(" tv-ma ") == maturity::ma15);
}

BOOST_AUTO_TEST_CASE(us_film_ratings) {
  BOOST_TEST(ad::map_certification("G") == maturity::g);
  BOOST_TEST(ad::map_certification("PG") == maturity::pg);
  BOOST_TEST(ad::map_certification("PG-13") == maturity::m);
  BOOST_TEST(ad::map_certification("R") == maturity::ma15);
  BOOST_TEST(ad::map_certification("NC-17") == maturity::r18);
}

BOOST_AUTO_TEST_CASE(prime_video_bands) {
  BOOST_TEST(ad::map_certification("ALL") == maturity::g);
  BOOST_TEST(ad::map_certification("all") == maturity::g);
  BOOST_TEST(ad::map_certification("7+") == maturity::pg);
  BOOST_TEST(ad::map_certification("13+") == maturity::m);
  BOOST_TEST(ad::map_certification("16+") == maturity::ma15);
  // 18+ is Prime's bucket for TV-MA and R titles, not evidence of adults-only content.
  BOOST_TEST(ad::map_certification("18+") == maturity::ma15);
}

BOOST_AUTO_TEST_CASE(unknown_stays_unknown) {
  for (const char* s : {"", "NR", "TV-NR", "UNRATED", "X", "TV-MA-LV"}) {
    BOOST_TEST(ad::map_certification(s) == maturity::unknown, s);
  }
}

BOOST_AUTO_TEST_CASE(strictest_wins_and_unknown_never_wins) {
  BOOST_TEST(ad::strictest(maturity::g, maturity::ma15) == maturity::ma15);
  BOOST_TEST(ad::strictest(maturity::m, maturity::pg) == maturity::m);
  BOOST_TEST(ad::strictest(maturity::unknown, maturity::g) == maturity::g);
  BOOST_TEST(ad::strictest(maturity::pg, maturity::unknown) == maturity::pg);
  BOOST_TEST(ad::strictest(maturity::unknown, maturity::unknown) == maturity::unknown);
  BOOST_TEST(ad::strictest(maturity::r18, maturity::ma15) == maturity::r18);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(genres)

std::vector<std::string> mapped(const std::string& g) {
  std::vector<std::string> out;
  for (auto v : ad::normalise_genre(g)) out.emplace_back(v);
  return out;
}

BOOST_AUTO_TEST_CASE(justwatch_labels) {
  BOOST_TEST(mapped("documentation") == std::vector<std::string>{"documentary"});
  BOOST_TEST(mapped("scifi") == std::vector<std::string>{"science-fiction"});
  BOOST_TEST(mapped("drama") == std::vector<std::string>{"drama"});
  BOOST_TEST(mapped("european").empty());
}

BOOST_AUTO_TEST_CASE(kaggle_and_tvmaze_labels) {
  BOOST_TEST(mapped("TV Comedies") == std::vector<std::string>{"comedy"});
  BOOST_TEST(mapped("British TV Shows").empty());
  BOOST_TEST(mapped("International TV Shows").empty());
  BOOST_TEST(mapped("Docuseries") == std::vector<std::string>{"documentary"});
  BOOST_TEST(mapped("Kids' TV") == (std::vector<std::string>{"kids", "family"}));
  BOOST_TEST(mapped("Anime Series") == (std::vector<std::string>{"anime", "animation"}));
  BOOST_TEST(mapped("TV Sci-Fi & Fantasy") ==
             (std::vector<std::string>{"science-fiction", "fantasy"}));
  BOOST_TEST(mapped("Science-Fiction") == std::vector<std::string>{"science-fiction"});
  BOOST_TEST(mapped("Adventure") == std::vector<std::string>{"action"});
  BOOST_TEST(mapped("  Crime TV Shows ") == std::vector<std::string>{"crime"});
  BOOST_TEST(mapped("Something New").empty());
}

BOOST_AUTO_TEST_CASE(every_mapped_genre_is_in_the_vocabulary) {
  const auto& vocab = ad::genre_vocabulary();
  BOOST_TEST(std::is_sorted(vocab.begin(), vocab.end()));
  for (const char* label : {"action",
                            "animation",
                            "comedy",
                            "crime",
                            "documentation",
                            "drama",
                            "family",
                            "fantasy",
                            "history",
                            "horror",
                            "music",
                            "reality",
                            "romance",
                            "scifi",
                            "sport",
                            "thriller",
                            "war",
                            "western",
                            "TV Dramas",
                            "Kids' TV",
                            "Anime",
                            "Supernatural",
                            "Mystery",
                            "Children",
                            "Reality TV",
                            "Stand-Up Comedy & Talk Shows",
                            "Military and War",
                            "Food",
                            "Legal"}) {
    const auto out = ad::normalise_genre(label);
    BOOST_TEST(!out.empty(), label);
    for (auto g : out) {
      BOOST_TEST(std::binary_search(vocab.begin(), vocab.end(), g), label << " -> " << g);
    }
  }
}

BOOST_AUTO_TEST_CASE(add_genre_keeps_a_sorted_union) {
  std::vector<std::string> g;
  ad::add_genre(g, "TV Dramas");
  ad::add_genre(g, "crime");
  ad::add_genre(g, "drama");
  ad::add_genre(g, "International TV Shows");
  ad::add_genre(g, "Anime Series");
  BOOST_TEST(g == (std::vector<std::string>{"animation", "anime", "crime", "drama"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(countries)

BOOST_AUTO_TEST_CASE(kaggle_names_to_alpha2) {
  BOOST_TEST(ad::country_code("United States") == "US");
  BOOST_TEST(ad::country_code("United Kingdom") == "GB");
  BOOST_TEST(ad::country_code("Australia") == "AU");
  BOOST_TEST(ad::country_code(" South Korea ") == "KR");
  BOOST_TEST(ad::country_code("West Germany") == "DE");
  BOOST_TEST(ad::country_code("Soviet Union") == "");
  BOOST_TEST(ad::country_code("") == "");
  BOOST_TEST(ad::country_code("au") == "AU");
  BOOST_TEST(ad::country_code("NZ") == "NZ");
}

BOOST_AUTO_TEST_SUITE_END()
