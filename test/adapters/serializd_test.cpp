#define BOOST_TEST_MODULE adapters_serializd
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include "adapters/catalog_match.hpp"
#include "adapters/serializd_import.hpp"
#include "adapters/serializd_request.hpp"
#include "adapters/serializd_response.hpp"
#include "adapters/upstream_body.hpp"
#include "test/adapters/printers.hpp"
#include "test/adapters/upstream_fixture.hpp"
#include "test/adapters/upstream_printers.hpp"

namespace ad = recs::adapters;
using ad::testing::upstream;
using recs::errc;
using recs::verdict;

namespace {

std::vector<ad::serializd_diary_entry> whole_diary() {
  std::vector<ad::serializd_diary_entry> all;
  for (const char* file : {"serializd/diary_page1.json", "serializd/diary_page2.json"}) {
    auto page = ad::parse_serializd_diary(upstream(file));
    BOOST_REQUIRE_MESSAGE(page.ok(), (page.ok() ? std::string() : page.err().message));
    for (auto& e : page->reviews) all.push_back(std::move(e));
  }
  return all;
}

const ad::serializd_show_rollup& rolled(const std::vector<ad::serializd_show_rollup>& r,
                                        std::int64_t show_id) {
  for (const auto& s : r) {
    if (s.show_id == show_id) return s;
  }
  BOOST_FAIL("no roll-up for show " << show_id);
  return r.front();
}

ad::serializd_diary_entry entry(std::int64_t id, std::optional<std::int64_t> season,
                                std::optional<int> rating, std::int64_t ts) {
  ad::serializd_diary_entry e;
  e.id = id;
  e.show_id = 1;
  e.season_id = season;
  e.rating = rating;
  e.date_added = ts;
  return e;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parse)

BOOST_AUTO_TEST_CASE(login_and_token_check) {
  const auto login = ad::parse_serializd_login(upstream("serializd/login.json"));
  BOOST_REQUIRE(login.ok());
  BOOST_TEST(login->username == "rossw");
  BOOST_TEST(login->token.rfind("eyJ", 0) == 0);
  BOOST_TEST(ad::parse_serializd_login("{\"username\":\"x\"}").err().code == errc::forbidden);
  const auto check = ad::parse_serializd_token_check(upstream("serializd/validate_token.json"));
  BOOST_REQUIRE(check.ok());
  BOOST_TEST(check->valid);
  BOOST_TEST(check->username == "rossw");
}

BOOST_AUTO_TEST_CASE(diary_page_fields) {
  const auto page = ad::parse_serializd_diary(upstream("serializd/diary_page1.json"));
  BOOST_REQUIRE(page.ok());
  BOOST_TEST(page->total_pages == 2);
  BOOST_TEST(page->total_reviews == 16);
  BOOST_REQUIRE_EQUAL(page->reviews.size(), 9u);
  const ad::serializd_diary_entry& e = page->reviews[0];
  BOOST_TEST(e.id == 9004107);
  BOOST_TEST(e.show_id == 95480);
  BOOST_TEST(e.season_id.value() == 130112);
  BOOST_TEST(e.season_name == "Season 1");
  BOOST_TEST(e.season_number == 1);
  BOOST_TEST(e.rating.value() == 8);
  BOOST_TEST(e.review_text == "Even better the second time.");
  BOOST_TEST(e.is_rewatch);
  BOOST_TEST(e.is_log);
  BOOST_TEST(!e.contains_spoilers);
  BOOST_TEST(e.backdate == 1735329600);  // 2024-12-27T20:00:00Z
  BOOST_TEST(e.watched_at() == e.backdate);
  BOOST_TEST(e.show_name == "Slow Horses");
  BOOST_TEST(e.show_year == 2022);
  BOOST_TEST(!e.episode_number.has_value());
  BOOST_TEST(page->reviews[1].tags == std::vector<std::string>{"dry humour"});
  BOOST_TEST(page->reviews[1].season_number == 3);
  BOOST_TEST(!page->reviews[6].rating.has_value());     // rating 0: logged without stars
  BOOST_TEST(!page->reviews[7].season_id.has_value());  // whole show
  BOOST_TEST(page->reviews[7].season_number == 0);
}

BOOST_AUTO_TEST_CASE(diary_page_two_and_spellings) {
  const auto page = ad::parse_serializd_diary(upstream("serializd/diary_page2.json"));
  BOOST_REQUIRE(page.ok());
  BOOST_TEST(page->reviews[0].episode_number.value() == 9);
  BOOST_TEST(page->reviews[0].contains_spoilers);
  BOOST_TEST(page->reviews[4].date_added == 1622592000);  // 2021-06-02T10:00:00+10:00
  BOOST_TEST(!ad::serializd_next_page(2, page->total_pages).has_value());
  // Some clients spell the flags isRewatched / isLogged.
  const auto alt = ad::parse_serializd_diary(
      "{\"reviews\":[{\"showId\":5,\"isRewatched\":true,\"isLogged\":false}],\"totalPages\":1}");
  BOOST_REQUIRE(alt.ok());
  BOOST_TEST(alt->reviews[0].is_rewatch);
  BOOST_TEST(!alt->reviews[0].is_log);
}

BOOST_AUTO_TEST_CASE(diary_shape_errors) {
  BOOST_TEST(
      ad::parse_serializd_diary("{\"reviews\":[{\"showId\":5,\"rating\":11}]}").err().message ==
      "serializd: unexpected response shape: reviews[0].rating must be 0-10");
  BOOST_TEST(ad::parse_serializd_diary("{\"reviews\":[{\"showId\":5,\"dateAdded\":\"today\"}]}")
                 .err()
                 .message ==
             "serializd: unexpected response shape: reviews[0].dateAdded must be an ISO 8601 "
             "date-time");
  BOOST_TEST(ad::parse_serializd_diary("{\"reviews\":[{}]}").err().message ==
             "serializd: unexpected response shape: reviews[0].showId is required");
  BOOST_TEST(ad::parse_serializd_diary("{\"totalPages\":1}").err().code == errc::internal);
  BOOST_TEST(ad::is_blocked(ad::parse_serializd_diary("<html>").err()));
}

BOOST_AUTO_TEST_CASE(watched_pages) {
  const auto page = ad::parse_serializd_watched(upstream("serializd/watched_page1.json"));
  BOOST_REQUIRE(page.ok());
  BOOST_TEST(page->total_pages == 2);
  BOOST_TEST(page->number_of_shows == 7);
  BOOST_TEST(page->number_of_seasons == 13);
  BOOST_REQUIRE_EQUAL(page->items.size(), 4u);
  const auto& sh = page->items[0];
  BOOST_TEST(sh.show_id == 95480);
  BOOST_TEST(sh.show_name == "Slow Horses");
  BOOST_TEST(sh.season_ids == (std::vector<std::int64_t>{130112, 289540, 366843}));
  BOOST_TEST(sh.num_seasons == 3);
  BOOST_TEST(sh.num_episodes == 24);
  BOOST_TEST(sh.date_added > 0);
  BOOST_TEST(ad::serializd_next_page(1, page->total_pages).value() == 2);
  const auto two = ad::parse_serializd_watched(upstream("serializd/watched_page2.json"));
  BOOST_REQUIRE(two.ok());
  BOOST_TEST(!ad::serializd_next_page(2, two->total_pages).has_value());
  BOOST_TEST(!ad::serializd_next_page(0, 0).has_value());
  BOOST_TEST(
      !ad::parse_serializd_watched("{\"items\":[{\"showId\":1,\"seasonIds\":[\"a\"]}]}").ok());
}

BOOST_AUTO_TEST_CASE(unauthorized_answer) {
  const auto e =
      ad::http_status_error("serializd", 401, upstream("serializd/unauthorized_401.json"));
  BOOST_TEST(e.code == errc::forbidden);
}

BOOST_AUTO_TEST_CASE(requests) {
  BOOST_TEST(ad::serializd_login_body("ross@example.com", "p\"w") ==
             "{\"email\":\"ross@example.com\",\"password\":\"p\\\"w\"}");
  BOOST_TEST(ad::serializd_validate_body("abc") == "{\"token\":\"abc\"}");
  BOOST_TEST(ad::serializd_diary_path("rossw", 2).value() == "/user/rossw/diary?page=2");
  BOOST_TEST(ad::serializd_watched_path("rossw", 1).value() ==
             "/user/rossw/watchedpage_v2/1?sort_by=date_added_desc");
  BOOST_TEST(ad::serializd_diary_path("ross/../x", 1).err().code == errc::invalid_argument);
  BOOST_TEST(!ad::serializd_diary_path("..", 1).ok());
  BOOST_TEST(!ad::serializd_diary_path("rossw", 0).ok());
  BOOST_TEST(ad::kSerializdHeaders[2].second == "serializd_vercel");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mapping)

BOOST_AUTO_TEST_CASE(verdict_thresholds) {
  for (int s : {1, 2, 3, 4}) BOOST_TEST(ad::serializd_verdict(s) == verdict::bad);
  for (int s : {5, 6, 7}) BOOST_TEST(ad::serializd_verdict(s) == verdict::good);
  for (int s : {8, 9, 10}) BOOST_TEST(ad::serializd_verdict(s) == verdict::loved);
}

BOOST_AUTO_TEST_CASE(roll_up_of_the_fixture_diary) {
  const auto r = ad::rollup_diary(whole_diary());
  BOOST_REQUIRE_EQUAL(r.size(), 8u);
  BOOST_TEST(r.front().show_id == 87);  // sorted by show id

  // Slow Horses: S1 7 then a rewatch at 8 (the latest counts), S2 8, S3 9 -> 25/3 -> 8.
  const auto& sh = rolled(r, 95480);
  BOOST_TEST(sh.score.value() == 8);
  BOOST_TEST(!sh.whole_show);
  BOOST_TEST(sh.rated_seasons == 3);
  BOOST_TEST(sh.entries == 4);
  BOOST_TEST(sh.last_watched == 1735329600);  // the rewatch's backdate
  BOOST_TEST(sh.show_name == "Slow Horses");
  BOOST_TEST(sh.show_year == 2022);
  // Fargo: S1 9, S2 6, S3 logged without stars -> 7.5 rounds half up to 8.
  const auto& fargo = rolled(r, 60622);
  BOOST_TEST(fargo.score.value() == 8);
  BOOST_TEST(fargo.rated_seasons == 2);
  // Bluey: a whole-show 10 beats the S3 6.
  const auto& bluey = rolled(r, 82728);
  BOOST_TEST(bluey.score.value() == 10);
  BOOST_TEST(bluey.whole_show);
  BOOST_TEST(bluey.rated_seasons == 0);
  // Severance: the season-level entry (4) is preferred to the episode entry (10).
  BOOST_TEST(rolled(r, 95396).score.value() == 4);
  BOOST_TEST(rolled(r, 115004).score.value() == 7);
  BOOST_TEST(!rolled(r, 76331).score.has_value());  // Succession: logs only
}

BOOST_AUTO_TEST_CASE(roll_up_rules) {
  // A newer whole-show rating replaces an older one.
  auto r = ad::rollup_diary({entry(1, std::nullopt, 3, 100), entry(2, std::nullopt, 9, 200)});
  BOOST_TEST(r[0].score.value() == 9);
  // Episode entries count for their season only when the season has no season-level rating.
  auto ep = entry(3, 11, 2, 300);
  ep.episode_number = 4;
  r = ad::rollup_diary({ep, entry(4, 12, 10, 100)});
  BOOST_TEST(r[0].score.value() == 6);  // (2 + 10) / 2
  r = ad::rollup_diary({ep, entry(5, 11, 8, 100)});
  BOOST_TEST(r[0].score.value() == 8);
  // 4.5 rounds half up to 5 (good, not bad).
  r = ad::rollup_diary({entry(6, 11, 4, 1), entry(7, 12, 5, 2)});
  BOOST_TEST(r[0].score.value() == 5);
  BOOST_TEST(ad::rollup_diary({}).empty());
}

BOOST_AUTO_TEST_CASE(import_joins_the_bundled_catalog) {
  // Slow Horses's TMDB id is known from JustWatch's externalIds; the rest join by title + year.
  const ad::catalog_matcher catalog(ad::testing::bundled_shows(), {{95480, "tt5875444"}});
  const auto report = ad::import_serializd(ad::rollup_diary(whole_diary()), catalog, 42);
  BOOST_TEST(report.shows == 8u);
  BOOST_TEST(report.matched == 6u);
  BOOST_TEST(report.unmatched == 1u);
  BOOST_TEST(report.ambiguous == 1u);
  BOOST_TEST(report.unrated == 1u);
  BOOST_TEST(report.duplicates == 0u);
  BOOST_REQUIRE_EQUAL(report.unmatched_examples.size(), 1u);
  BOOST_TEST(report.unmatched_examples[0].show_name == "The Bear");
  BOOST_TEST(report.unmatched_examples[0].show_id == 136315);
  BOOST_REQUIRE_EQUAL(report.ambiguous_examples.size(), 1u);
  BOOST_TEST(report.ambiguous_examples[0].show_name == "The Amazing Race");
  BOOST_TEST(report.ambiguous_examples[0].candidates ==
             (std::vector<std::string>{"tt0285335", "tt0784852"}));
  BOOST_TEST(report.tmdb_links.size() == 6u);

  std::vector<std::string> got;
  for (const auto& x : report.ratings) {
    BOOST_TEST(x.profile_id == 42);
    BOOST_TEST(x.source == "serializd");
    got.push_back(x.show_id + ":" + std::to_string(static_cast<int>(x.primary)) + ":" +
                  std::to_string(x.score.value()));
  }
  // In roll-up order (TMDB id): Fargo, Bluey, Severance, Slow Horses, Mare of Easttown.
  BOOST_TEST(got == (std::vector<std::string>{"tt2802850:2:8", "tt7678620:2:10", "tt11280740:0:4",
                                              "tt5875444:2:8", "tt10155688:1:7"}),
             boost::test_tools::per_element());
  BOOST_TEST(report.ratings[1].ts == 1692429300);  // Bluey's latest entry, 2023-08-19T07:15Z
}

BOOST_AUTO_TEST_CASE(two_serializd_shows_on_one_catalog_show_keep_the_later) {
  const ad::catalog_matcher catalog(ad::testing::bundled_shows());
  ad::serializd_show_rollup a;
  a.show_id = 1;
  a.show_name = "Bluey";
  a.show_year = 2018;
  a.score = 4;
  a.last_watched = 100;
  ad::serializd_show_rollup b = a;
  b.show_id = 2;
  b.score = 9;
  b.last_watched = 200;
  const auto report = ad::import_serializd({a, b}, catalog, 1, 0);
  BOOST_REQUIRE_EQUAL(report.ratings.size(), 1u);
  BOOST_TEST(report.ratings[0].score.value() == 9);
  BOOST_TEST(report.duplicates == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
