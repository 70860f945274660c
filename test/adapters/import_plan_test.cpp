#define BOOST_TEST_MODULE adapters_import_plan
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/catalog_match.hpp"
#include "adapters/csv_reader.hpp"
#include "adapters/export_files.hpp"
#include "adapters/import_plan.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "test/adapters/printers.hpp"
#include "test/adapters/upstream_fixture.hpp"
#include "test/adapters/upstream_printers.hpp"

namespace ad = recs::adapters;
using recs::verdict;

namespace {

constexpr std::int64_t kProfile = 42;
constexpr std::int64_t kNow = 1'750'000'000;

recs::show make(const std::string& id, const std::string& title, int year) {
  recs::show s;
  s.id = id;
  s.title = title;
  s.year = year;
  return s;
}

/// A small catalog: one show per title, except Glitch, Utopia and The Office (several).
const recs::catalog_snapshot& small_catalog() {
  static const recs::snapshot_ptr snap = recs::catalog_snapshot::build(
      {
          make("tt0306414", "The Wire", 2002),
          make("tt0903747", "Breaking Bad", 2008),
          make("tt4192782", "Glitch", 2015),
          make("tt14735382", "Glitch", 2022),
          make("tt2384811", "Utopia", 2013),
          make("x-utopia-2014", "Utopia", 2014),
          make("tt8303474", "Utopia", 2020),
          make("tt5875444", "Slow Horses", 2022),
          make("tt11280740", "Severance", 2022),
          make("tt7678620", "Bluey", 2018),
          make("tt0290978", "The Office", 2001),
          make("x-the-office-2005", "The Office", 2005),
          make("tt5753856", "Dark", 2017),
          make("tt10155688", "Mare of Easttown", 2021),
      },
      {}, 1);
  return *snap;
}

const ad::catalog_matcher& small_matcher() {
  static const ad::catalog_matcher m(small_catalog().shows());
  return m;
}

ad::imported_show item(const std::string& imdb, std::int64_t tmdb, const std::string& title,
                       int year, std::optional<int> score = std::nullopt, std::int64_t ts = 0) {
  ad::imported_show s;
  s.key = {imdb, tmdb, title, year};
  s.score = score;
  s.ts = ts;
  return s;
}

ad::parsed_export file_of(std::vector<ad::imported_show> shows) {
  ad::parsed_export f;
  for (std::size_t i = 0; i < shows.size(); ++i) shows[i].line = i + 2;
  f.records = shows.size();
  f.shows = std::move(shows);
  return f;
}

ad::import_plan plan(const ad::parsed_export& f, const ad::import_existing& existing,
                     std::string_view source) {
  return ad::plan_import(f, small_catalog(), small_matcher(), existing, kProfile, source, kNow);
}

recs::rating rated(const std::string& show, verdict v, int score, const std::string& source) {
  recs::rating r;
  r.profile_id = kProfile;
  r.show_id = show;
  r.primary = v;
  r.score = score;
  r.source = source;
  r.ts = 1;
  return r;
}

const recs::rating& rating_of(const ad::import_plan& p, const std::string& show) {
  for (const auto& r : p.ratings) {
    if (r.show_id == show) return r;
  }
  BOOST_FAIL("no rating of " << show);
  return p.ratings.front();
}

std::vector<std::string> candidate_ids(const recs::import_problem& p) {
  std::vector<std::string> out;
  for (const auto& c : p.candidates) out.push_back(c.show_id);
  return out;
}

/// What the caller does with a plan: ratings replace the profile's rating of the show.
void apply(const ad::import_plan& p, ad::import_existing& e) {
  for (const auto& r : p.ratings) {
    auto same = std::find_if(e.ratings.begin(), e.ratings.end(),
                             [&](const recs::rating& x) { return x.show_id == r.show_id; });
    if (same == e.ratings.end()) {
      e.ratings.push_back(r);
    } else {
      *same = r;
    }
  }
  e.seen.insert(e.seen.end(), p.seen.begin(), p.seen.end());
  e.watchlist.insert(e.watchlist.end(), p.watchlist.begin(), p.watchlist.end());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(matching)

BOOST_AUTO_TEST_CASE(by_imdb_id_then_title_and_year) {
  const auto f = file_of({
      item("tt0306414", 0, "The Wire (Season Box)", 1999, 9, 1000),  // the id wins
      item("", 0, "Slow Horses", 2022, 8, 2000),
      item("", 0, "Utopia", 2013, 6, 3000),  // three Utopias: the exact year decides
      item("", 0, "severance", 2021, 2, 0),  // case and a year off by one forgiven
  });
  const auto p = plan(f, {}, "trakt");
  BOOST_TEST(p.shows == 4u);
  BOOST_TEST(p.matched == 4u);
  BOOST_TEST(p.added == 4u);
  BOOST_TEST(p.unmatched == 0u);
  BOOST_TEST(p.ambiguous == 0u);
  BOOST_REQUIRE_EQUAL(p.ratings.size(), 4u);
  const auto& wire = p.ratings[0];
  BOOST_TEST(wire.show_id == "tt0306414");
  BOOST_TEST(wire.profile_id == kProfile);
  BOOST_TEST(wire.primary == verdict::loved);
  BOOST_TEST(wire.score.value() == 9);
  BOOST_TEST(wire.source == "trakt");
  BOOST_TEST(wire.ts == 1000);
  BOOST_TEST(p.ratings[1].show_id == "tt5875444");
  BOOST_TEST(p.ratings[2].show_id == "tt2384811");
  BOOST_TEST(p.ratings[2].primary == verdict::good);
  BOOST_TEST(p.ratings[3].show_id == "tt11280740");
  BOOST_TEST(p.ratings[3].primary == verdict::bad);
  BOOST_TEST(p.ratings[3].ts == kNow);  // the file gave no date
}

BOOST_AUTO_TEST_CASE(serializd_tries_tmdb_first) {
  const ad::catalog_matcher linked(small_catalog().shows(), {{95480, "tt5875444"}});
  ad::parsed_export f = file_of({item("tt0306414", 95480, "Slow Horses", 2022, 10, 5)});
  const auto s = ad::plan_import(f, small_catalog(), linked, {}, kProfile, "serializd", kNow);
  BOOST_REQUIRE_EQUAL(s.ratings.size(), 1u);
  BOOST_TEST(s.ratings[0].show_id == "tt5875444");
  BOOST_TEST(s.ratings[0].source == "serializd");
  const auto i = ad::plan_import(f, small_catalog(), linked, {}, kProfile, "imdb", kNow);
  BOOST_TEST(i.ratings.at(0).show_id == "tt0306414");
}

BOOST_AUTO_TEST_CASE(ambiguous_titles_list_the_tied_shows) {
  ad::parsed_export f = file_of({
      item("", 0, "Glitch", 0),
      item("", 0, "The Office (U.S.)", 0),  // read again without "(U.S.)"
      item("", 0, "Dark", 0),
  });
  for (auto& s : f.shows) s.watched = true;
  const auto p = plan(f, {}, "netflix");
  BOOST_TEST(p.ambiguous == 2u);
  BOOST_TEST(p.matched == 1u);
  BOOST_REQUIRE_EQUAL(p.ambiguous_items.size(), 2u);
  const auto& glitch = p.ambiguous_items[0];
  BOOST_TEST(glitch.title == "Glitch");
  BOOST_TEST(glitch.line == 2u);
  BOOST_REQUIRE_EQUAL(glitch.candidates.size(), 2u);
  BOOST_TEST(glitch.candidates[0].show_id == "tt14735382");
  BOOST_TEST(glitch.candidates[0].title == "Glitch");
  BOOST_TEST(glitch.candidates[0].year == 2022);
  BOOST_TEST(glitch.candidates[1].year == 2015);
  const std::vector<std::string> office{"tt0290978", "x-the-office-2005"};
  BOOST_TEST(candidate_ids(p.ambiguous_items[1]) == office, boost::test_tools::per_element());
  BOOST_TEST(p.ambiguous_items[1].title == "The Office (U.S.)");
  const std::vector<std::string> seen{"tt5753856"};
  BOOST_TEST(p.seen == seen, boost::test_tools::per_element());
  BOOST_TEST(p.ratings.empty());  // watching is not rating
}

BOOST_AUTO_TEST_CASE(unmatched_items_get_the_closest_shows) {
  const auto f = file_of({
      item("", 0, "Slow Hroses", 2019, 7),                   // a typo, a wrong year
      item("", 0, "Breaking Bad Reunion Special", 2013, 9),  // only its first words match
      item("", 0, "The Quiet Allotment", 2023, 5),           // nothing like it
  });
  const auto p = plan(f, {}, "imdb");
  BOOST_TEST(p.unmatched == 3u);
  BOOST_TEST(p.matched == 0u);
  BOOST_TEST(p.ratings.empty());
  BOOST_REQUIRE_EQUAL(p.unmatched_items.size(), 3u);
  BOOST_TEST(p.unmatched_items[0].title == "Slow Hroses");
  BOOST_TEST(p.unmatched_items[0].year == 2019);
  BOOST_REQUIRE(!p.unmatched_items[0].candidates.empty());
  BOOST_TEST(p.unmatched_items[0].candidates[0].show_id == "tt5875444");
  BOOST_TEST(p.unmatched_items[0].candidates[0].title == "Slow Horses");
  BOOST_TEST(p.unmatched_items[0].candidates[0].year == 2022);
  const std::vector<std::string> bad{"tt0903747"};
  BOOST_TEST(candidate_ids(p.unmatched_items[1]) == bad, boost::test_tools::per_element());
  BOOST_TEST(p.unmatched_items[2].candidates.empty());  // "The" alone is not tried
  BOOST_TEST(p.unmatched_items[2].line == 4u);
}

BOOST_AUTO_TEST_CASE(problem_lists_are_capped) {
  std::vector<ad::imported_show> shows;
  for (int i = 0; i < 150; ++i) shows.push_back(item("", 0, "Nowhere " + std::to_string(i), 0, 5));
  const auto p = plan(file_of(std::move(shows)), {}, "imdb");
  BOOST_TEST(p.unmatched == 150u);
  BOOST_TEST(p.unmatched_items.size() == ad::import_plan::kMaxProblems);
  for (const auto& u : p.unmatched_items) BOOST_TEST(u.candidates.size() <= 3u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(writing)

BOOST_AUTO_TEST_CASE(updated_already_and_the_app_rating_kept) {
  ad::import_existing existing;
  existing.ratings = {
      rated("tt0306414", verdict::good, 7, "imdb"),   // re-rated on IMDb since
      rated("tt0903747", verdict::loved, 10, "app"),  // said in the app
      rated("tt5875444", verdict::loved, 8, "imdb"),  // unchanged
      rated("tt11280740", verdict::bad, 3, "trakt"),  // from another source
  };
  const auto f = file_of({
      item("tt0306414", 0, "The Wire", 2002, 9, 100),
      item("tt0903747", 0, "Breaking Bad", 2008, 2, 100),
      item("tt5875444", 0, "Slow Horses", 2022, 8, 100),
      item("tt11280740", 0, "Severance", 2022, 9, 100),
      item("tt5753856", 0, "Dark", 2017, 5, 100),
  });
  const auto p = plan(f, existing, "imdb");
  BOOST_TEST(p.matched == 5u);
  BOOST_TEST(p.updated == 1u);
  BOOST_TEST(p.added == 1u);
  BOOST_TEST(p.already == 3u);
  BOOST_REQUIRE_EQUAL(p.ratings.size(), 2u);
  BOOST_TEST(rating_of(p, "tt0306414").primary == verdict::loved);
  BOOST_TEST(rating_of(p, "tt0306414").score.value() == 9);
  BOOST_TEST(rating_of(p, "tt5753856").primary == verdict::good);
}

BOOST_AUTO_TEST_CASE(a_changed_score_with_the_same_verdict_is_an_update) {
  ad::import_existing existing;
  existing.ratings = {rated("tt0306414", verdict::loved, 8, "trakt")};
  const auto p = plan(file_of({item("tt0306414", 0, "The Wire", 2002, 10, 7)}), existing, "trakt");
  BOOST_TEST(p.updated == 1u);
  BOOST_TEST(p.ratings.at(0).score.value() == 10);
}

BOOST_AUTO_TEST_CASE(two_rows_on_one_show_keep_the_later) {
  const auto f = file_of({
      item("tt0306414", 0, "The Wire", 2002, 4, 200),
      item("", 0, "The Wire", 2002, 9, 100),
      item("", 0, "the wire", 2003, 6, 150),
  });
  const auto p = plan(f, {}, "imdb");
  BOOST_TEST(p.matched == 3u);
  BOOST_TEST(p.added == 1u);
  BOOST_REQUIRE_EQUAL(p.ratings.size(), 1u);
  BOOST_TEST(p.ratings[0].score.value() == 4);
  BOOST_TEST(p.ratings[0].primary == verdict::bad);
  BOOST_TEST(p.ratings[0].ts == 200);
}

BOOST_AUTO_TEST_CASE(seen_and_watchlist_only_when_new_and_unrated) {
  ad::import_existing existing;
  existing.ratings = {rated("tt11280740", verdict::good, 6, "app")};
  existing.seen = {"tt7678620"};
  existing.watchlist = {"tt0903747"};
  ad::parsed_export watched = file_of({
      item("", 0, "Dark", 0, std::nullopt, 1600000000),  // watched twice: the later date
      item("", 0, "Dark", 0, std::nullopt, 1700000000), item("", 0, "Bluey", 0),  // already seen
      item("", 0, "Severance", 0),  // rated: already known
  });
  for (auto& s : watched.shows) s.watched = true;
  const auto w = plan(watched, existing, "netflix");
  BOOST_TEST(w.added == 1u);
  BOOST_TEST(w.already == 2u);
  const std::vector<std::string> seen{"tt5753856"};
  BOOST_TEST(w.seen == seen, boost::test_tools::per_element());
  const std::vector<std::int64_t> seen_ts{1700000000};
  BOOST_TEST(w.seen_ts == seen_ts, boost::test_tools::per_element());
  BOOST_TEST(w.ratings.empty());
  BOOST_TEST(w.watchlist.empty());

  ad::parsed_export listed = file_of({
      item("tt10155688", 0, "Mare of Easttown", 2021),
      item("tt0903747", 0, "Breaking Bad", 2008),  // already listed
      item("tt11280740", 0, "Severance", 2022),    // rated
  });
  for (auto& s : listed.shows) s.watchlist = true;
  const auto l = plan(listed, existing, "trakt");
  const std::vector<std::string> list{"tt10155688"};
  BOOST_TEST(l.watchlist == list, boost::test_tools::per_element());
  BOOST_TEST(l.added == 1u);
  BOOST_TEST(l.already == 2u);
  BOOST_TEST(l.seen.empty());
}

BOOST_AUTO_TEST_CASE(a_rated_and_watched_show_is_rated_not_seen) {
  auto s = item("", 0, "Slow Horses", 2022, 9, 10);
  s.watched = true;
  const auto p = plan(file_of({s}), {}, "serializd");
  BOOST_TEST(p.ratings.size() == 1u);
  BOOST_TEST(p.seen.empty());
}

BOOST_AUTO_TEST_CASE(notes_and_skips_come_from_the_parse) {
  ad::parsed_export f = file_of({});
  f.skipped = 3;
  f.notes = {"line 7: 'X' is a TV Episode: an episode's rating names no show"};
  const auto p = plan(f, {}, "imdb");
  BOOST_TEST(p.skipped == 3u);
  BOOST_TEST(p.notes == f.notes, boost::test_tools::per_element());
  BOOST_TEST(p.shows == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fixtures_against_the_bundled_catalog)

const recs::catalog_snapshot& bundled() {
  static const recs::snapshot_ptr snap =
      recs::catalog_snapshot::build(ad::testing::bundled_shows(), {}, 1);
  return *snap;
}

std::string import_file(const std::string& name) {
  auto text = ad::read_text_file(ad::testing::source_path("test/fixtures/imports/" + name));
  BOOST_REQUIRE_MESSAGE(text.ok(), (text.ok() ? std::string() : text.err().message));
  return std::move(text).value();
}

ad::parsed_export parse(const std::string& name, ad::import_format f) {
  const std::string text = import_file(name);
  recs::result<ad::parsed_export> r = ad::parsed_export{};
  switch (f) {
    case ad::import_format::imdb:
      r = ad::parse_imdb_export(text);
      break;
    case ad::import_format::trakt:
      r = ad::parse_trakt_export(text);
      break;
    case ad::import_format::netflix:
      r = ad::parse_netflix_export(text, "Sam");
      break;
    case ad::import_format::serializd:
      r = ad::parse_serializd_export(text);
      break;
  }
  BOOST_REQUIRE_MESSAGE(r.ok(), name + ": " + (r.ok() ? std::string() : r.err().message));
  return std::move(r).value();
}

BOOST_AUTO_TEST_CASE(imdb_ratings) {
  const ad::catalog_matcher matcher(bundled().shows());
  const auto p = ad::plan_import(parse("imdb_ratings.csv", ad::import_format::imdb), bundled(),
                                 matcher, {}, kProfile, "imdb", kNow);
  BOOST_TEST(p.shows == 8u);
  BOOST_TEST(p.matched == 7u);
  BOOST_TEST(p.unmatched == 1u);
  BOOST_TEST(p.skipped == 2u);
  BOOST_TEST(p.ratings.size() == 7u);
  BOOST_TEST(rating_of(p, "tt0203259").primary == verdict::good);  // SVU, 7
  BOOST_TEST(rating_of(p, "tt5868578").score.value() == 6);        // Say "I Love You."
  BOOST_TEST(p.unmatched_items.at(0).title == "The Allotment Diaries");
}

BOOST_AUTO_TEST_CASE(netflix_au) {
  const ad::catalog_matcher matcher(bundled().shows());
  const auto p = ad::plan_import(parse("netflix_viewing_au.csv", ad::import_format::netflix),
                                 bundled(), matcher, {}, kProfile, "netflix", kNow);
  BOOST_TEST(p.shows == 6u);
  BOOST_TEST(p.matched == 3u);    // The Office (U.S.) (the catalog has it so), Squid Game, Dark
  BOOST_TEST(p.ambiguous == 2u);  // Glitch, Heartbreak High
  BOOST_TEST(p.unmatched == 1u);  // Baby Reindeer
  BOOST_TEST(p.skipped == 1u);    // Don't Look Up
  BOOST_TEST(p.ratings.empty());
  const std::vector<std::string> seen{"x-the-office-u-s-2012", "tt10919420", "tt5753856"};
  BOOST_TEST(p.seen == seen, boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(p.ambiguous_items.size(), 2u);
  const std::vector<std::string> glitch{"tt14735382", "tt4192782"};
  BOOST_TEST(candidate_ids(p.ambiguous_items[0]) == glitch, boost::test_tools::per_element());
  BOOST_TEST(p.ambiguous_items[1].title == "Heartbreak High");
  BOOST_TEST(p.ambiguous_items[1].line == 8u);
  BOOST_TEST(p.unmatched_items.at(0).title == "Baby Reindeer");
}

// Applying a plan, then planning the same file again, writes nothing.
BOOST_AUTO_TEST_CASE(the_same_file_twice_is_all_already) {
  const ad::catalog_matcher matcher(bundled().shows());
  const std::pair<const char*, ad::import_format> files[] = {
      {"imdb_ratings.csv", ad::import_format::imdb},
      {"imdb_ratings_old.csv", ad::import_format::imdb},
      {"imdb_watchlist.csv", ad::import_format::imdb},
      {"trakt_watched-shows.json", ad::import_format::trakt},
      {"trakt_ratings-shows.json", ad::import_format::trakt},
      {"trakt_watchlist-shows.json", ad::import_format::trakt},
      {"netflix_viewing_us.csv", ad::import_format::netflix},
      {"netflix_viewing_au.csv", ad::import_format::netflix},
      {"netflix_ViewingActivity.csv", ad::import_format::netflix},
      {"serializd_diary.json", ad::import_format::serializd},
  };
  ad::import_existing existing;
  for (const auto& [name, format] : files) {
    BOOST_TEST_CONTEXT(name) {
      const auto f = parse(name, format);
      const std::string source(ad::to_string(format));
      const auto first = ad::plan_import(f, bundled(), matcher, existing, kProfile, source, kNow);
      BOOST_TEST(first.added + first.updated > 0u);
      apply(first, existing);
      const auto again = ad::plan_import(f, bundled(), matcher, existing, kProfile, source, kNow);
      BOOST_TEST(again.ratings.empty());
      BOOST_TEST(again.seen.empty());
      BOOST_TEST(again.watchlist.empty());
      BOOST_TEST(again.added == 0u);
      BOOST_TEST(again.updated == 0u);
      BOOST_TEST(again.already == first.added + first.updated + first.already);
      BOOST_TEST(again.matched == first.matched);
    }
  }
  // The Wire: rated 10 from IMDb first; Trakt's 9 and watching it later do not override it.
  const auto wire = std::find_if(existing.ratings.begin(), existing.ratings.end(),
                                 [](const recs::rating& r) { return r.show_id == "tt0306414"; });
  BOOST_REQUIRE(wire != existing.ratings.end());
  BOOST_TEST(wire->source == "imdb");
  BOOST_TEST(wire->score.value() == 10);
}

BOOST_AUTO_TEST_SUITE_END()
