#define BOOST_TEST_MODULE adapters_export_files
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "adapters/csv_reader.hpp"
#include "adapters/export_files.hpp"
#include "test/adapters/printers.hpp"
#include "test/adapters/upstream_fixture.hpp"

namespace recs::adapters {
inline std::ostream& boost_test_print_type(std::ostream& os, import_format f) {
  return os << to_string(f);
}
}  // namespace recs::adapters

namespace ad = recs::adapters;
using recs::errc;

namespace {

/// test/fixtures/imports/<name> (see its README.md).
std::string import_file(const std::string& name) {
  auto text = ad::read_text_file(ad::testing::source_path("test/fixtures/imports/" + name));
  BOOST_REQUIRE_MESSAGE(text.ok(), (text.ok() ? std::string() : text.err().message));
  return std::move(text).value();
}

ad::parsed_export parsed(recs::result<ad::parsed_export> r) {
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().message));
  return std::move(r).value();
}

/// The message of a failed parse, which must be invalid_argument.
std::string failure(const recs::result<ad::parsed_export>& r) {
  BOOST_REQUIRE_MESSAGE(!r.ok(), "the parse should have failed");
  BOOST_TEST(r.err().code == errc::invalid_argument);
  return r.err().message;
}

const ad::imported_show& named(const ad::parsed_export& p, const std::string& title) {
  for (const auto& s : p.shows) {
    if (s.key.title == title) return s;
  }
  BOOST_FAIL("no show titled " << title);
  return p.shows.front();
}

int score(const ad::imported_show& s) {
  return s.score.value_or(-1);
}

std::vector<std::string> titles(const ad::parsed_export& p) {
  std::vector<std::string> out;
  for (const auto& s : p.shows) out.push_back(s.key.title);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(format_names) {
  BOOST_TEST(ad::parse_import_format("imdb").value() == ad::import_format::imdb);
  BOOST_TEST(ad::parse_import_format("Trakt").value() == ad::import_format::trakt);
  BOOST_TEST(ad::parse_import_format("NETFLIX").value() == ad::import_format::netflix);
  BOOST_TEST(ad::parse_import_format("serializd").value() == ad::import_format::serializd);
  BOOST_TEST(!ad::parse_import_format("letterboxd"));
  BOOST_TEST(!ad::parse_import_format(""));
  for (auto f : {ad::import_format::imdb, ad::import_format::trakt, ad::import_format::netflix,
                 ad::import_format::serializd}) {
    BOOST_TEST(ad::parse_import_format(ad::to_string(f)).value() == f);
  }
  BOOST_TEST(ad::to_string(ad::import_format::serializd) == "serializd");
}

BOOST_AUTO_TEST_SUITE(imdb)

BOOST_AUTO_TEST_CASE(current_header_with_bom_and_crlf) {
  const auto p = parsed(ad::parse_imdb_export(import_file("imdb_ratings.csv")));
  BOOST_TEST(p.records == 10u);
  BOOST_TEST(p.skipped == 2u);
  const std::vector<std::string> expected{"The Wire",
                                          "Law & Order: Special Victims Unit",
                                          "Love, Death & Robots",
                                          "Say \"I Love You.\"",
                                          "Chernobyl",
                                          "Severance",
                                          "Slow Horses",
                                          "The Allotment Diaries"};
  BOOST_TEST(titles(p) == expected, boost::test_tools::per_element());

  const auto& wire = p.shows[0];
  BOOST_TEST(wire.key.imdb_id == "tt0306414");
  BOOST_TEST(wire.key.year == 2002);
  BOOST_TEST(wire.key.tmdb_id == 0);
  BOOST_TEST(score(wire) == 10);
  BOOST_TEST(wire.ts == 1684022400);  // 2023-05-14 00:00 UTC
  BOOST_TEST(wire.line == 2u);
  BOOST_TEST(!wire.watchlist);
  BOOST_TEST(!wire.watched);
  BOOST_TEST(score(named(p, "Law & Order: Special Victims Unit")) == 7);
  BOOST_TEST(named(p, "Law & Order: Special Victims Unit").ts == 1667347200);
  BOOST_TEST(named(p, "Chernobyl").key.imdb_id == "tt7366338");  // a mini series is a show
  BOOST_TEST(named(p, "Severance").line == 9u);
  BOOST_TEST(score(named(p, "Severance")) == 3);
  BOOST_TEST(named(p, "Slow Horses").key.year == 0);  // empty Year

  BOOST_REQUIRE_EQUAL(p.notes.size(), 2u);
  BOOST_TEST(p.notes[0] ==
             "line 7: 'Ozymandias' is a TV Episode: an episode's rating names no show");
  BOOST_TEST(p.notes[1] == "line 8: 'The Shawshank Redemption' is a Movie, not a show");
}

BOOST_AUTO_TEST_CASE(old_header_with_camel_case_types) {
  const auto p = parsed(ad::parse_imdb_export(import_file("imdb_ratings_old.csv")));
  BOOST_TEST(p.records == 5u);
  BOOST_TEST(p.skipped == 2u);
  const std::vector<std::string> expected{"Breaking Bad", "The Crown", "The Queen's Gambit"};
  BOOST_TEST(titles(p) == expected, boost::test_tools::per_element());
  BOOST_TEST(score(p.shows[0]) == 9);
  BOOST_TEST(p.shows[0].key.imdb_id == "tt0903747");
  BOOST_TEST(p.shows[0].ts == 1456876800);  // 2016-03-02
  BOOST_TEST(p.shows[2].key.year == 2020);
  BOOST_TEST(contains(p.notes.at(0), "'Rocky' is a movie, not a show"));
  BOOST_TEST(contains(p.notes.at(1), "line 6: 'Ozymandias' is a tvEpisode"));
}

BOOST_AUTO_TEST_CASE(watchlist_rows_have_no_rating) {
  const auto p = parsed(ad::parse_imdb_export(import_file("imdb_watchlist.csv")));
  BOOST_TEST(p.records == 4u);
  BOOST_TEST(p.skipped == 1u);
  BOOST_REQUIRE_EQUAL(p.shows.size(), 3u);
  for (const auto& s : p.shows) {
    BOOST_TEST(s.watchlist);
    BOOST_TEST(!s.score);
    BOOST_TEST(s.ts == 0);
  }
  BOOST_TEST(p.shows[1].key.title == "Ted Lasso");
  BOOST_TEST(p.shows[1].key.imdb_id == "tt10986410");
}

BOOST_AUTO_TEST_CASE(the_same_title_twice_keeps_the_later_rating) {
  const std::string csv =
      "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,"
      "Num Votes,Release Date,Directors\n"
      "tt0903747,9,2020-01-01,Breaking Bad,,TV Series,9.5,49,2008,Drama,1,,\n"
      "tt0903747,6,2023-01-02,Breaking Bad,,TV Series,9.5,49,2008,Drama,1,,\n"
      "tt0903747,8,2021-01-01,Breaking Bad,,TV Series,9.5,49,2008,Drama,1,,\n";
  const auto p = parsed(ad::parse_imdb_export(csv));
  BOOST_REQUIRE_EQUAL(p.shows.size(), 1u);
  BOOST_TEST(score(p.shows[0]) == 6);
  BOOST_TEST(p.shows[0].ts == 1672617600);  // 2023-01-02
  BOOST_TEST(p.shows[0].line == 2u);
  BOOST_TEST(p.records == 3u);
}

BOOST_AUTO_TEST_CASE(header_only_is_an_empty_file) {
  const auto p = parsed(ad::parse_imdb_export(
      "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year\r\n"));
  BOOST_TEST(p.shows.empty());
  BOOST_TEST(p.records == 0u);
}

BOOST_AUTO_TEST_CASE(bad_files_name_the_line) {
  BOOST_TEST(contains(failure(ad::parse_imdb_export(import_file("bad_unterminated.csv"))),
                      "line 3: unterminated quoted field"));
  BOOST_TEST(failure(ad::parse_imdb_export(import_file("bad_rating.csv"))) ==
             "line 4: Your Rating '11' is not 1-10");
  const std::string missing = failure(ad::parse_imdb_export("Const,Title\ntt1,X\n"));
  BOOST_TEST(contains(missing, "line 1: missing the column(s) Your Rating, Title Type"));
  BOOST_TEST(contains(missing, "Const, Your Rating, Date Rated, Title, Title Type, Year"));
  BOOST_TEST(contains(failure(ad::parse_imdb_export("")), "line 1: the file is empty"));
  const std::string head = "Const,Your Rating,Date Rated,Title,Title Type,Year\n";
  BOOST_TEST(failure(ad::parse_imdb_export(head + "tt1,8,14/05/2023,X,TV Series,2001\n")) ==
             "line 2: date '14/05/2023' is not a YYYY-MM-DD date");
  BOOST_TEST(contains(failure(ad::parse_imdb_export(head + "tt1,8,2023-02-30,X,TV Series,2001\n")),
                      "line 2: date '2023-02-30'"));
  BOOST_TEST(contains(failure(ad::parse_imdb_export(head + "tt1,0,2023-02-03,X,TV Series,\n")),
                      "Your Rating '0' is not 1-10"));
  BOOST_TEST(contains(failure(ad::parse_imdb_export(head + "tt1,7.5,2023-02-03,X,tvSeries,\n")),
                      "Your Rating '7.5'"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(trakt)

BOOST_AUTO_TEST_CASE(watched_shows_count_distinct_episodes) {
  const auto p = parsed(ad::parse_trakt_export(import_file("trakt_watched-shows.json")));
  BOOST_TEST(p.records == 3u);
  BOOST_TEST(p.skipped == 0u);
  BOOST_REQUIRE_EQUAL(p.shows.size(), 3u);
  const auto& wire = p.shows[0];
  BOOST_TEST(wire.key.title == "The Wire");
  BOOST_TEST(wire.key.imdb_id == "tt0306414");
  BOOST_TEST(wire.key.tmdb_id == 1438);
  BOOST_TEST(wire.key.year == 2002);
  BOOST_TEST(wire.watched);
  BOOST_TEST(!wire.score);
  BOOST_TEST(wire.episodes == 4);
  BOOST_TEST(wire.ts == 1704226500);  // 2024-01-02T20:15:00Z
  BOOST_TEST(wire.line == 1u);
  const auto& bluey = p.shows[1];
  BOOST_TEST(bluey.key.imdb_id.empty());  // "imdb": null
  BOOST_TEST(bluey.key.tmdb_id == 82728);
  BOOST_TEST(bluey.episodes == 2);
  BOOST_TEST(bluey.ts == 1692430200);
  BOOST_TEST(p.shows[2].key.title == "The Paddock Hour");
  BOOST_TEST(p.shows[2].key.tmdb_id == 0);
  BOOST_TEST(p.shows[2].line == 3u);
}

BOOST_AUTO_TEST_CASE(ratings_shows) {
  const auto p = parsed(ad::parse_trakt_export(import_file("trakt_ratings-shows.json")));
  const std::vector<std::string> expected{"Breaking Bad", "The Wire", "Utopia", "Fargo"};
  BOOST_TEST(titles(p) == expected, boost::test_tools::per_element());
  BOOST_TEST(score(p.shows[0]) == 10);
  BOOST_TEST(p.shows[0].ts == 1704445200);  // 2024-01-05T09:00:00Z
  BOOST_TEST(!p.shows[0].watched);
  BOOST_TEST(score(p.shows[2]) == 6);
  BOOST_TEST(p.shows[2].key.year == 2013);
  BOOST_TEST(p.shows[2].key.imdb_id.empty());
  BOOST_TEST(score(p.shows[3]) == 3);
}

BOOST_AUTO_TEST_CASE(watchlist_shows) {
  const auto p = parsed(ad::parse_trakt_export(import_file("trakt_watchlist-shows.json")));
  BOOST_REQUIRE_EQUAL(p.shows.size(), 2u);
  BOOST_TEST(p.shows[0].key.title == "Dark");
  BOOST_TEST(p.shows[0].watchlist);
  BOOST_TEST(!p.shows[0].watched);
  BOOST_TEST(!p.shows[0].score);
  BOOST_TEST(p.shows[0].ts == 1707562800);  // 2024-02-10T11:00:00Z
  BOOST_TEST(p.shows[1].key.imdb_id == "tt5071412");
}

BOOST_AUTO_TEST_CASE(episode_ratings_are_skipped_with_a_note) {
  const auto p = parsed(ad::parse_trakt_export(import_file("trakt_ratings-episodes.json")));
  BOOST_TEST(p.shows.empty());
  BOOST_TEST(p.records == 2u);
  BOOST_TEST(p.skipped == 2u);
  BOOST_REQUIRE_EQUAL(p.notes.size(), 2u);
  BOOST_TEST(p.notes[0] ==
             "line 1: 'Breaking Bad' episode rating: an episode's rating is not the show's");
}

BOOST_AUTO_TEST_CASE(history_rolls_up_per_show) {
  const std::string show =
      R"("show":{"title":"Slow Horses","year":2022,"ids":{"trakt":1,"imdb":"tt5875444","tmdb":95480}})";
  const std::string json =
      "["
      R"({"id":1,"watched_at":"2024-03-01T20:00:00.000Z","action":"watch","type":"episode",)"
      R"("episode":{"season":1,"number":1,"title":"Failure's Contagious"},)" +
      show + "}," +
      R"({"id":2,"watched_at":"2024-03-02T20:00:00.000Z","action":"watch","type":"episode",)"
      R"("episode":{"season":1,"number":2,"title":"Work Drinks"},)" +
      show + "}," +
      R"({"id":3,"watched_at":"2024-03-12T00:00:00Z","action":"watch","type":"episode",)"
      R"("episode":{"season":1,"number":1,"title":"Failure's Contagious"},)" +
      show + "}," +
      R"({"id":4,"watched_at":"2024-03-03T20:00:00.000Z","action":"watch","type":"movie",)"
      R"("movie":{"title":"Heat","year":1995}},)"
      R"({"rated_at":"2024-03-03T20:00:00.000Z","rating":8,"type":"season","season":{"number":1},)" +
      show + "}]";
  const auto p = parsed(ad::parse_trakt_export(json));
  BOOST_TEST(p.records == 5u);
  BOOST_REQUIRE_EQUAL(p.shows.size(), 1u);
  BOOST_TEST(p.shows[0].watched);
  BOOST_TEST(p.shows[0].episodes == 2);
  BOOST_TEST(p.shows[0].ts == 1710201600);  // 2024-03-12
  BOOST_TEST(!p.shows[0].score);            // a season's rating is not the show's
  BOOST_TEST(p.skipped == 2u);
  BOOST_TEST(p.notes.at(0) == "line 4: 'Heat' is a film, not a show");
  BOOST_TEST(contains(p.notes.at(1), "line 5: 'Slow Horses' season rating"));
}

BOOST_AUTO_TEST_CASE(an_empty_array_is_an_empty_file) {
  const auto p = parsed(ad::parse_trakt_export(" [ ] \n"));
  BOOST_TEST(p.shows.empty());
  BOOST_TEST(p.records == 0u);
}

BOOST_AUTO_TEST_CASE(bad_files) {
  BOOST_TEST(failure(ad::parse_trakt_export(import_file("bad_trakt.json"))) ==
             "item 2 must be an object");
  BOOST_TEST(
      contains(failure(ad::parse_trakt_export("[{\"rating\": 9,")), "byte 14: not valid JSON"));
  BOOST_TEST(contains(failure(ad::parse_trakt_export("{\"shows\": []}")), "expected a JSON array"));
  BOOST_TEST(contains(failure(ad::parse_trakt_export("")), "the file is empty"));
  BOOST_TEST(
      failure(ad::parse_trakt_export(
          R"([{"rating":11,"rated_at":"2024-01-05T09:00:00.000Z","show":{"title":"X"}}])")) ==
      "item 1.rating 11 is not 1-10");
  BOOST_TEST(failure(ad::parse_trakt_export(
                 R"([{"rating":7,"rated_at":"yesterday","show":{"title":"X"}}])")) ==
             "item 1.rated_at 'yesterday' is not an ISO 8601 date-time");
  BOOST_TEST(failure(ad::parse_trakt_export(
                 R"([{"rating":7,"show":{"title":"X","ids":{"tmdb":"abc"}}}])")) ==
             "item 1.show.ids.tmdb must be an integer id");
  BOOST_TEST(
      contains(failure(ad::parse_trakt_export(R"([{"rating":7}])")), "item 1.show is required"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(netflix)

BOOST_AUTO_TEST_CASE(titles_split_at_season_markers) {
  const auto st =
      ad::split_netflix_title("Stranger Things: Stranger Things 4: Chapter One: The Hellfire Club");
  BOOST_TEST(st.show == "Stranger Things");
  BOOST_TEST(st.episode == "Stranger Things 4: Chapter One: The Hellfire Club");
  BOOST_TEST(st.season_marker);
  const auto svu = ad::split_netflix_title("Law & Order: Special Victims Unit: Season 20: Man Up");
  BOOST_TEST(svu.show == "Law & Order: Special Victims Unit");
  BOOST_TEST(svu.season_marker);
  BOOST_TEST(ad::split_netflix_title("Baby Reindeer: Limited Series: Episode 1").show ==
             "Baby Reindeer");
  BOOST_TEST(ad::split_netflix_title("Money Heist: Part 5: Episode 1").season_marker);
  BOOST_TEST(ad::split_netflix_title("Cobra Kai: Season VI: Prey").season_marker);
  BOOST_TEST(ad::split_netflix_title("Avatar: Book One: Water: The Boy in the Iceberg").show ==
             "Avatar");
  // A marker needs an episode after it; and an ordinary subtitle is no marker.
  const auto kill_bill = ad::split_netflix_title("Kill Bill: Vol. 1");
  BOOST_TEST(!kill_bill.season_marker);
  BOOST_TEST(kill_bill.show == "Kill Bill");
  BOOST_TEST(kill_bill.episode == "Vol. 1");
  const auto film = ad::split_netflix_title("Glass Onion: A Knives Out Mystery");
  BOOST_TEST(!film.season_marker);
  BOOST_TEST(film.show == "Glass Onion");
  const auto plain = ad::split_netflix_title("  The Irishman ");
  BOOST_TEST(plain.show == "The Irishman");
  BOOST_TEST(plain.episode.empty());
  BOOST_TEST(!ad::split_netflix_title("Apollo 13: The Mission: Launch").season_marker);
}

BOOST_AUTO_TEST_CASE(us_file_month_first_and_the_film_rule) {
  const auto p = parsed(ad::parse_netflix_export(import_file("netflix_viewing_us.csv")));
  BOOST_TEST(p.records == 14u);
  const std::vector<std::string> expected{"Stranger Things", "The Crown",
                                          "Law & Order: Special Victims Unit", "Our Planet",
                                          "Money Heist"};
  BOOST_TEST(titles(p) == expected, boost::test_tools::per_element());
  const auto& st = p.shows[0];
  BOOST_TEST(st.watched);
  BOOST_TEST(!st.score);
  BOOST_TEST(st.key.year == 0);
  BOOST_TEST(st.episodes == 2);     // Chapter One twice is one episode
  BOOST_TEST(st.ts == 1657929600);  // 7/16/22
  BOOST_TEST(st.line == 2u);
  BOOST_TEST(named(p, "Law & Order: Special Victims Unit").episodes == 2);     // rule (b)
  BOOST_TEST(named(p, "Law & Order: Special Victims Unit").ts == 1672963200);  // 1/6/23
  BOOST_TEST(named(p, "Our Planet").episodes == 2);                            // rule (c)
  BOOST_TEST(named(p, "Our Planet").ts == 1675555200);  // the bare title still counts: 2/5/23
  // Films: no ": ", a subtitle whose prefix appears once, a marker with nothing after it.
  BOOST_TEST(p.skipped == 3u);
  BOOST_REQUIRE_EQUAL(p.notes.size(), 3u);  // no remark: the dates decide month first
  BOOST_TEST(p.notes[0] == "line 9: 'The Irishman' has no season or episode part: read as a film");
  BOOST_TEST(p.notes[1] ==
             "line 10: 'Glass Onion: A Knives Out Mystery' has no season marker and 'Glass Onion' "
             "no other episode: read as a film");
  BOOST_TEST(contains(p.notes[2], "line 15: 'Kill Bill: Vol. 1'"));
}

BOOST_AUTO_TEST_CASE(a_film_watched_twice_is_still_a_film) {
  const auto p = parsed(ad::parse_netflix_export(
      "Title,Date\nGlass Onion: A Knives Out Mystery,1/1/24\n"
      "Glass Onion: A Knives Out Mystery,1/20/24\nThe Irishman,1/3/24\nThe Irishman,1/4/24\n"));
  BOOST_TEST(p.shows.empty());
  BOOST_TEST(p.skipped == 4u);
}

BOOST_AUTO_TEST_CASE(au_file_day_first) {
  const auto p = parsed(ad::parse_netflix_export(import_file("netflix_viewing_au.csv")));
  BOOST_TEST(p.records == 11u);
  BOOST_TEST(p.skipped == 1u);
  const std::vector<std::string> expected{"Baby Reindeer", "Glitch",          "The Office (U.S.)",
                                          "Squid Game",    "Heartbreak High", "Dark"};
  BOOST_TEST(titles(p) == expected, boost::test_tools::per_element());
  BOOST_TEST(p.shows[0].episodes == 2);
  BOOST_TEST(p.shows[0].ts == 1714348800);  // 29/04/2024
  BOOST_TEST(p.shows[2].episodes == 2);
  BOOST_TEST(named(p, "Dark").episodes == 3);
  BOOST_TEST(named(p, "Squid Game").episodes == 1);
  BOOST_TEST(p.notes.at(0) ==
             "line 12: 'Don't Look Up' has no season or episode part: read as a film");
}

BOOST_AUTO_TEST_CASE(undecidable_dates_read_day_first_with_a_note) {
  const auto p = parsed(ad::parse_netflix_export(
      "Title,Date\nDark: Season 1: Secrets,01/02/2024\nDark: Season 1: Lies,2/1/24\n"));
  BOOST_REQUIRE_EQUAL(p.shows.size(), 1u);
  BOOST_TEST(p.shows[0].ts == 1706745600);  // 1 February 2024, the later of the two
  BOOST_REQUIRE_EQUAL(p.notes.size(), 1u);
  BOOST_TEST(contains(p.notes[0], "read day first, as in Australia"));
}

BOOST_AUTO_TEST_CASE(two_digit_years_and_month_first) {
  const auto p = parsed(ad::parse_netflix_export(
      "Title,Date\nDark: Season 1: Secrets,1/2/23\nDark: Season 1: Lies,12/13/22\n"));
  BOOST_TEST(p.shows.at(0).ts == 1672617600);  // 2 January 2023
  BOOST_TEST(p.notes.empty());
}

BOOST_AUTO_TEST_CASE(bad_dates) {
  BOOST_TEST(failure(ad::parse_netflix_export("Title,Date\nDark: Season 1: Lies,yesterday\n")) ==
             "line 2: Date 'yesterday' is not a date like 12/31/23 or 31/12/2023");
  BOOST_TEST(failure(ad::parse_netflix_export(
                 "Title,Date\nA: Season 1: B,13/01/2024\nA: Season 1: C,01/13/2024\n")) ==
             "line 3: the dates are day first on line 2 but month first on line 3");
  BOOST_TEST(contains(failure(ad::parse_netflix_export("Title,Date\nA: Season 1: B,31/02/2024\n")),
                      "line 2: Date '31/02/2024' is not a valid date"));
  BOOST_TEST(contains(failure(ad::parse_netflix_export("Name,When\nA,1/1/24\n")),
                      "line 1: missing columns: expected a Netflix viewing activity file"));
  BOOST_TEST(contains(failure(ad::parse_netflix_export("")), "line 1: the file is empty"));
}

BOOST_AUTO_TEST_CASE(viewing_activity_needs_a_profile_when_it_holds_several) {
  const std::string file = import_file("netflix_ViewingActivity.csv");
  BOOST_TEST(failure(ad::parse_netflix_export(file)) ==
             "this file holds the viewing of several Netflix profiles (Sam, Kids): choose one");
  BOOST_TEST(failure(ad::parse_netflix_export(file, "Nobody")) ==
             "this file holds no viewing of the Netflix profile 'Nobody' (it holds Sam, Kids)");
}

BOOST_AUTO_TEST_CASE(viewing_activity_of_one_profile) {
  const std::string file = import_file("netflix_ViewingActivity.csv");
  const auto sam = parsed(ad::parse_netflix_export(file, "SAM"));
  BOOST_TEST(sam.records == 10u);
  const std::vector<std::string> expected{"Ozark", "Mindhunter"};
  BOOST_TEST(titles(sam) == expected, boost::test_tools::per_element());
  BOOST_TEST(sam.shows[0].episodes == 2);
  BOOST_TEST(sam.shows[0].ts == 1709587800);  // 2024-03-04 21:30:00
  BOOST_TEST(sam.shows[0].watched);
  BOOST_TEST(sam.shows[1].ts == 1709672400);  // the "sam" row is Sam's too
  // A trailer, a hook, a film and three rows of Kids.
  BOOST_TEST(sam.skipped == 6u);
  BOOST_REQUIRE_EQUAL(sam.notes.size(), 4u);
  BOOST_TEST(sam.notes[0] == "3 rows of other profiles left out");
  BOOST_TEST(sam.notes[1] == "line 4: 'Season 2 Trailer: Ozark' is a TRAILER, not viewing");
  BOOST_TEST(sam.notes[2] == "line 7: 'Mindhunter: Season 2' is a HOOK, not viewing");

  const auto kids = parsed(ad::parse_netflix_export(file, "Kids"));
  BOOST_REQUIRE_EQUAL(kids.shows.size(), 1u);
  BOOST_TEST(kids.shows[0].key.title == "Bluey");
  BOOST_TEST(kids.shows[0].episodes == 2);
  BOOST_TEST(kids.shows[0].ts == 1709368200);  // 2024-03-02 08:30:00
  BOOST_TEST(kids.skipped == 8u);
}

BOOST_AUTO_TEST_CASE(single_profile_file_needs_no_choice) {
  const auto p = parsed(ad::parse_netflix_export(
      "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type\n"
      "Jo,2024-03-02 10:15:30,00:52:10,,Ozark: Season 1: Sugarwood,,TV\n"));
  BOOST_REQUIRE_EQUAL(p.shows.size(), 1u);
  BOOST_TEST(p.notes.empty());
  BOOST_TEST(contains(
      failure(ad::parse_netflix_export("Profile Name,Start Time,Title,Supplemental Video Type\n"
                                       "Jo,02/03/2024,Ozark: Season 1: Sugarwood,\n")),
      "line 2: Start Time '02/03/2024' is not a YYYY-MM-DD HH:MM:SS time"));
}

BOOST_AUTO_TEST_CASE(a_ten_megabyte_file) {
  constexpr std::size_t kShows = 1000;
  constexpr std::size_t kRowsPerShow = 175;
  std::string text = "Title,Date\r\n";
  text.reserve(11'000'000);
  for (std::size_t j = 0; j < kRowsPerShow; ++j) {
    for (std::size_t k = 0; k < kShows; ++k) {
      text += "\"Show " + std::to_string(k) + ": Season " + std::to_string(j % 5 + 1) +
              ": Episode " + std::to_string(j / 5 + 1) +
              ", in which a long episode title pads the row\"," + std::to_string(j % 12 + 1) + "/" +
              std::to_string(13 + j % 15) + "/23\r\n";
    }
  }
  BOOST_REQUIRE_GE(text.size(), 10'000'000u);
  const auto p = parsed(ad::parse_netflix_export(text));
  BOOST_TEST(p.records == kShows * kRowsPerShow);
  BOOST_TEST(p.skipped == 0u);
  BOOST_REQUIRE_EQUAL(p.shows.size(), kShows);
  BOOST_TEST(p.shows[7].key.title == "Show 7");
  BOOST_TEST(p.shows[7].line == 9u);
  bool all = true;
  for (const auto& s : p.shows) all = all && s.episodes == static_cast<int>(kRowsPerShow);
  BOOST_TEST(all);
  BOOST_TEST(p.notes.empty());  // month first: 13-27 are days
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(serializd)

BOOST_AUTO_TEST_CASE(diary_rolls_up_in_first_seen_order) {
  const auto p = parsed(ad::parse_serializd_export(import_file("serializd_diary.json")));
  BOOST_TEST(p.records == 5u);
  BOOST_TEST(p.skipped == 0u);
  const std::vector<std::string> expected{"The Bear", "Slow Horses", "Severance",
                                          "Mare of Easttown"};
  BOOST_TEST(titles(p) == expected, boost::test_tools::per_element());
  const auto& bear = p.shows[0];
  BOOST_TEST(bear.key.tmdb_id == 136315);
  BOOST_TEST(bear.key.year == 2022);
  BOOST_TEST(bear.key.imdb_id.empty());
  BOOST_TEST(score(bear) == 10);
  BOOST_TEST(bear.watched);
  BOOST_TEST(bear.line == 1u);
  BOOST_TEST(bear.ts == 1720602000);
  const auto& horses = p.shows[1];
  BOOST_TEST(score(horses) == 9);  // seasons 8 and 9: the mean 8.5 rounds half up
  BOOST_TEST(horses.line == 2u);
  BOOST_TEST(horses.ts == 1709409600);
  BOOST_TEST(score(p.shows[2]) == 4);
  BOOST_TEST(p.shows[2].line == 4u);
  BOOST_TEST(!p.shows[3].score);  // a log without stars
  BOOST_TEST(p.shows[3].watched);
}

BOOST_AUTO_TEST_CASE(bad_diaries) {
  BOOST_TEST(contains(failure(ad::parse_serializd_export("{\"reviews\": [")),
                      "not a Serializd diary: serializd: malformed JSON at offset"));
  BOOST_TEST(contains(failure(ad::parse_serializd_export("[]")), "not a Serializd diary"));
  BOOST_TEST(contains(failure(ad::parse_serializd_export("")), "not a Serializd diary"));
  BOOST_TEST(contains(failure(ad::parse_serializd_export(std::string(100000, '['))),
                      "nested deeper than 32"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(robustness)

// Every parser answers every input with shows or invalid_argument: random bytes, deep nesting,
// and each fixture cut short at many places.
BOOST_AUTO_TEST_CASE(no_input_crashes_or_throws) {
  const auto check = [](std::string_view text) {
    for (const auto& r :
         {ad::parse_imdb_export(text), ad::parse_trakt_export(text), ad::parse_netflix_export(text),
          ad::parse_netflix_export(text, "Sam"), ad::parse_serializd_export(text)}) {
      if (!r.ok()) BOOST_TEST(r.err().code == errc::invalid_argument);
    }
  };
  std::mt19937 rng(20240601);
  for (int n = 0; n < 200; ++n) {
    std::string junk(rng() % 400, '\0');
    for (char& c : junk) c = static_cast<char>(rng() % 256);
    check(junk);
  }
  check(std::string(200000, '['));
  check(std::string(200000, '{'));
  check(std::string("[") + std::string(200000, '{'));
  check(std::string(100000, '"'));
  check("\xEF\xBB\xBF");
  // A title of 100,000 parts beside a marked show; 5,000 profiles.
  std::string parts = "Title,Date\nA: Season 1: B,1/1/24\nA";
  for (int i = 0; i < 100000; ++i) parts += ": x";
  check(parts + ",1/1/24\n");
  std::string profiles = "Profile Name,Start Time,Title,Supplemental Video Type\n";
  for (int i = 0; i < 5000; ++i) {
    profiles += "P" + std::to_string(i) + ",2024-01-01 10:00:00,A: Season 1: B,\n";
  }
  const auto many = ad::parse_netflix_export(profiles);
  BOOST_TEST(contains(failure(many), "P8, P9 and 4990 more): choose one"));
  for (const char* name :
       {"imdb_ratings.csv", "netflix_viewing_au.csv", "netflix_ViewingActivity.csv",
        "trakt_watched-shows.json", "serializd_diary.json"}) {
    const std::string full = import_file(name);
    for (std::size_t cut = 0; cut < full.size(); cut += 7) check(full.substr(0, cut));
  }
}

BOOST_AUTO_TEST_SUITE_END()
