#define BOOST_TEST_MODULE adapters_source_rows
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "adapters/csv_reader.hpp"
#include "adapters/source_rows.hpp"
#include "test/adapters/fixtures.hpp"
#include "test/adapters/printers.hpp"

namespace ad = recs::adapters;
namespace fx = recs::adapters::testing;
using recs::maturity;

namespace {

ad::csv_table table_of(const std::string& text) {
  auto t = ad::parse_csv(text);
  BOOST_REQUIRE_MESSAGE(t.ok(), (t.ok() ? std::string() : t.err().message));
  return std::move(t).value();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(source_rows)

BOOST_AUTO_TEST_CASE(justwatch_keeps_shows_and_maps_fields) {
  const auto r = ad::justwatch_records(table_of(fx::kJwNetflix), "justwatch-us-2023/netflix",
                                       ad::us_service::netflix);
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->size(), 3u);  // Rocky is a MOVIE
  const ad::source_record& bb = r->front();
  BOOST_TEST(bb.title == "Breaking Bad");
  BOOST_TEST(bb.imdb_id == "tt0903747");
  BOOST_TEST(bb.year == 2008);
  BOOST_TEST(bb.seasons == 5);
  BOOST_TEST(bb.runtime == 48);
  BOOST_TEST(bb.rating == maturity::ma15);
  BOOST_TEST(bb.genres == (std::vector<std::string>{"comedy", "crime", "drama", "thriller"}));
  BOOST_TEST(bb.countries == std::vector<std::string>{"US"});
  BOOST_TEST(bb.imdb_score == 9.5);
  BOOST_TEST(bb.imdb_votes == 1950943.0);
  BOOST_TEST(bb.tmdb_popularity == 442.868);
  BOOST_TEST(bb.tmdb_score == 8.875);
  BOOST_TEST(bb.premise.rfind("When Walter White, a New Mexico", 0) == 0);
  BOOST_TEST(bb.source == "justwatch-us-2023/netflix");
  BOOST_TEST((bb.services == std::vector<ad::us_service>{ad::us_service::netflix}));
  BOOST_TEST((*r)[1].genres ==
             (std::vector<std::string>{"drama", "horror", "science-fiction", "thriller"}));
}

BOOST_AUTO_TEST_CASE(justwatch_missing_column_is_an_error) {
  const auto r =
      ad::justwatch_records(table_of("id,title,type\nts1,X,SHOW\n"), "jw/x", ad::us_service::hulu);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.err().message.find("jw/x") != std::string::npos);
  BOOST_TEST(r.err().message.find("description") != std::string::npos, r.err().message);
}

BOOST_AUTO_TEST_CASE(kaggle_rows_with_bom_crlf_and_country_names) {
  const auto r =
      ad::kaggle_records(table_of(fx::kKaggleNetflix), "streaming-catalogs-kaggle-2021/netflix",
                         ad::us_service::netflix);
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->size(), 3u);  // the movie is dropped
  const ad::source_record& glitch = r->front();
  BOOST_TEST(glitch.title == "Glitch");
  BOOST_TEST(glitch.year == 2019);
  BOOST_TEST(glitch.seasons == 3);
  BOOST_TEST(glitch.countries == std::vector<std::string>{"AU"});
  BOOST_TEST(glitch.rating == maturity::ma15);
  BOOST_TEST(glitch.genres == (std::vector<std::string>{"drama", "horror"}));
  BOOST_TEST(glitch.imdb_id.empty());
  BOOST_TEST(glitch.added_year == 2019);   // "September 25, 2019"
  BOOST_TEST((*r)[1].added_year == 2013);  // Breaking Bad, "August 2, 2013"
  BOOST_TEST((*r)[2].countries == std::vector<std::string>{"ZA"});
  BOOST_TEST((*r)[2].premise.back() == '.');  // no stray CR
}

BOOST_AUTO_TEST_CASE(tvmaze_reads_the_swapped_premiere_and_strips_html) {
  const auto r = ad::tvmaze_records(table_of(fx::kTvmaze), "tvmaze-top-shows");
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->size(), 2u);
  const ad::source_record& glitch = r->front();
  BOOST_TEST(glitch.year == 2015);  // from "End Date", which holds the premiere
  BOOST_TEST(glitch.network == "ABC");
  BOOST_TEST(glitch.runtime == 60);
  BOOST_TEST(glitch.seasons == 3);
  BOOST_TEST(glitch.genres == (std::vector<std::string>{"drama", "fantasy", "mystery"}));
  const ad::source_record& got = (*r)[1];
  BOOST_TEST(got.year == 2011);
  BOOST_TEST(got.premise.find("<i>") == std::string::npos);
  BOOST_TEST(got.premise.find("series A Song of Ice and Fire by") != std::string::npos);
  BOOST_TEST(got.services.empty());
  BOOST_TEST(got.added_year == 0);
}

BOOST_AUTO_TEST_CASE(platform_flags) {
  const auto r = ad::platform_flag_records(table_of(fx::kPlatformFlags), "tv-shows");
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->size(), 2u);
  BOOST_TEST((*r)[0].imdb_score == 9.4);
  BOOST_TEST(((*r)[0].services == std::vector<ad::us_service>{ad::us_service::netflix}));
  BOOST_TEST(((*r)[1].services ==
              std::vector<ad::us_service>{ad::us_service::netflix, ad::us_service::prime_video}));
  BOOST_TEST((*r)[1].rating == maturity::pg);
}

BOOST_AUTO_TEST_CASE(small_parsers) {
  BOOST_TEST(ad::parse_season_count("2 Seasons") == 2);
  BOOST_TEST(ad::parse_season_count("1 Season") == 1);
  BOOST_TEST(ad::parse_season_count("90 min") == 0);
  BOOST_TEST(ad::parse_season_count("") == 0);
  BOOST_TEST(ad::year_of_long_date("September 24, 2021") == 2021);
  BOOST_TEST(ad::year_of_long_date(" August 4, 2017") == 2017);  // as some Netflix rows have it
  BOOST_TEST(ad::year_of_long_date("") == 0);
  BOOST_TEST(ad::year_of_long_date("2021") == 0);
  BOOST_TEST(ad::year_of_long_date("May 1, 21") == 0);
  BOOST_TEST(ad::year_of_long_date("May 1, 2021x") == 0);
  BOOST_TEST(ad::year_of_us_date("1/20/2008") == 2008);
  BOOST_TEST(ad::year_of_us_date("") == 0);
  BOOST_TEST(ad::year_of_us_date("2008-01-20") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
