#define BOOST_TEST_MODULE adapters_tvmaze
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

#include "adapters/tvmaze_paging.hpp"
#include "adapters/tvmaze_response.hpp"
#include "adapters/upstream_body.hpp"
#include "test/adapters/printers.hpp"
#include "test/adapters/upstream_fixture.hpp"

namespace ad = recs::adapters;
using ad::testing::upstream;
using recs::errc;

BOOST_AUTO_TEST_CASE(index_page_zero) {
  const auto r = ad::parse_tvmaze_shows(upstream("tvmaze/shows_page_0.json"));
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->size(), 5u);
  const ad::tvmaze_show& dome = r->front();
  BOOST_TEST(dome.id == 1);
  BOOST_TEST(dome.url == "https://www.tvmaze.com/shows/1/under-the-dome");
  BOOST_TEST(dome.name == "Under the Dome");
  BOOST_TEST(dome.type == "Scripted");
  BOOST_TEST(dome.language == "English");
  BOOST_TEST(dome.genres == (std::vector<std::string>{"Drama", "Science-Fiction", "Thriller"}));
  BOOST_TEST(dome.status == "Ended");
  BOOST_TEST(dome.runtime == 60);
  BOOST_TEST(dome.average_runtime == 60);
  BOOST_TEST(dome.premiered == "2013-06-24");
  BOOST_TEST(dome.ended == "2015-09-10");
  BOOST_TEST(dome.year == 2013);
  BOOST_TEST(dome.rating == 6.5);
  BOOST_TEST(dome.network == "CBS");
  BOOST_TEST(dome.country == "US");
  BOOST_TEST(!dome.web_channel);
  BOOST_TEST(dome.imdb_id == "tt1553656");
  BOOST_TEST(dome.thetvdb_id == 264492);
  BOOST_TEST(dome.tvrage_id == 25988);
  BOOST_TEST(dome.updated == 1704794065);
  BOOST_TEST(dome.summary.rfind("Under the Dome is the story of a small town", 0) == 0);

  const ad::tvmaze_show& td = (*r)[3];
  BOOST_TEST(td.runtime == 0);  // null
  BOOST_TEST(td.average_runtime == 62);
  BOOST_TEST(td.ended.empty());
  BOOST_TEST(td.summary ==
             "Touch darkness and darkness touches you back. True Detective centers on police "
             "investigations & the personal lives of the detectives.");
  BOOST_TEST((*r)[4].rating == 0.0);  // rating.average null
}

BOOST_AUTO_TEST_CASE(web_channel_and_missing_imdb) {
  const auto r = ad::parse_tvmaze_shows(upstream("tvmaze/shows_page_1.json"));
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->size(), 4u);
  BOOST_TEST((*r)[0].name == "Fargo");
  BOOST_TEST((*r)[0].imdb_id == "tt2802850");
  BOOST_TEST((*r)[1].country == "AU");
  BOOST_TEST((*r)[1].tvrage_id == 0);  // null
  const ad::tvmaze_show& hh = (*r)[3];
  BOOST_TEST(hh.network == "Netflix");
  BOOST_TEST(hh.web_channel);
  BOOST_TEST(hh.country.empty());
  BOOST_TEST(hh.imdb_id.empty());
  // Page 1 of the index holds ids 250-499.
  for (const auto& s : *r)
    BOOST_TEST((s.id >= ad::kTvmazeIndexPageSize && s.id < 2 * ad::kTvmazeIndexPageSize));
}

BOOST_AUTO_TEST_CASE(paging_walks_to_the_404_end) {
  const std::vector<std::pair<int, std::string>> answers{
      {200, upstream("tvmaze/shows_page_0.json")},
      {200, upstream("tvmaze/shows_page_1.json")},
      {404, upstream("tvmaze/shows_page_2_404.json")},
  };
  std::size_t shows = 0;
  std::size_t pages = 0;
  bool ended = false;
  for (const auto& [status, body] : answers) {
    const auto step = ad::read_tvmaze_index_page(status, body);
    BOOST_REQUIRE(step.ok());
    if (step->end) {
      ended = true;
      break;
    }
    ++pages;
    shows += step->shows.size();
  }
  BOOST_TEST(ended);
  BOOST_TEST(pages == 2u);
  BOOST_TEST(shows == 9u);
  // An empty array is a page, not the end.
  const auto empty = ad::read_tvmaze_index_page(200, "[]");
  BOOST_REQUIRE(empty.ok());
  BOOST_TEST(!empty->end);
}

BOOST_AUTO_TEST_CASE(paging_errors) {
  const auto limited = ad::read_tvmaze_index_page(429, upstream("tvmaze/rate_limited_429.json"));
  BOOST_REQUIRE(!limited.ok());
  BOOST_TEST(ad::is_rate_limited(limited.err()));
  BOOST_TEST(ad::read_tvmaze_index_page(503, "").err().code == errc::unavailable);
  BOOST_TEST(ad::is_blocked(ad::read_tvmaze_index_page(200, "<html></html>").err()));
  BOOST_TEST(ad::read_tvmaze_index_page(200, "[{\"id\":1,").err().code == errc::internal);
  const auto shape = ad::read_tvmaze_index_page(200, "[{\"id\":\"1\",\"name\":\"x\"}]");
  BOOST_TEST(shape.err().message == "tvmaze: unexpected response shape: [0].id must be an integer");
  BOOST_TEST(!ad::read_tvmaze_index_page(200, "{}").ok());
}

BOOST_AUTO_TEST_CASE(lookup_by_imdb) {
  const auto sh = ad::read_tvmaze_lookup(200, upstream("tvmaze/lookup_tt5875444.json"));
  BOOST_REQUIRE(sh.ok());
  BOOST_TEST(sh->name == "Slow Horses");
  BOOST_TEST(sh->imdb_id == "tt5875444");
  BOOST_TEST(sh->network == "Apple TV+");
  BOOST_TEST(sh->web_channel);
  BOOST_TEST(sh->year == 2022);
  const auto bluey = ad::parse_tvmaze_show(upstream("tvmaze/lookup_tt7678620.json"));
  BOOST_REQUIRE(bluey.ok());
  BOOST_TEST(bluey->network == "ABC Kids");
  BOOST_TEST(bluey->country == "AU");
  BOOST_TEST(bluey->runtime == 7);
  BOOST_TEST(bluey->summary.find("&amp;") == std::string::npos);
  const auto missing = ad::read_tvmaze_lookup(404, upstream("tvmaze/lookup_tt0000001_404.json"));
  BOOST_TEST(missing.err().code == errc::not_found);
}

BOOST_AUTO_TEST_CASE(the_next_episode_comes_from_embed_nextepisode) {
  // Slow Horses, asked with ?embed=nextepisode: its next episode opens season 5.
  const auto slow = ad::parse_tvmaze_show(upstream("tvmaze/lookup_tt5875444.json"));
  BOOST_REQUIRE(slow.ok());
  BOOST_REQUIRE(slow->next_episode.has_value());
  BOOST_TEST(slow->next_episode->id == 3214567);
  BOOST_TEST(slow->next_episode->season == 5);
  BOOST_TEST(slow->next_episode->number == 1);
  BOOST_TEST(slow->next_episode->airdate == "2025-09-24");
  BOOST_TEST(slow->name == "Slow Horses");  // the show's fields are read as before
  BOOST_TEST(slow->summary.find("Slough House") != std::string::npos);
  // Bluey's is in the middle of season 3.
  const auto bluey = ad::parse_tvmaze_show(upstream("tvmaze/lookup_tt7678620.json"));
  BOOST_REQUIRE(bluey.ok());
  BOOST_REQUIRE(bluey->next_episode.has_value());
  BOOST_TEST(bluey->next_episode->season == 3);
  BOOST_TEST(bluey->next_episode->number == 48);
  BOOST_TEST(bluey->summary.find("Bingo") == std::string::npos);  // not the episode's

  // The index (no embed), a null _embedded, a null nextepisode: no next episode.
  const auto index = ad::parse_tvmaze_shows(upstream("tvmaze/shows_page_0.json"));
  BOOST_REQUIRE(index.ok());
  for (const auto& s : *index) BOOST_TEST(!s.next_episode.has_value());
  for (const char* body : {R"({"id":1,"name":"x"})", R"({"id":1,"name":"x","_embedded":null})",
                           R"({"id":1,"name":"x","_embedded":{}})",
                           R"({"id":1,"name":"x","_embedded":{"nextepisode":null}})"}) {
    const auto r = ad::parse_tvmaze_show(body);
    BOOST_REQUIRE_MESSAGE(r.ok(), body);
    BOOST_TEST(!r->next_episode.has_value(), body);
  }
}

BOOST_AUTO_TEST_CASE(a_special_has_no_episode_number_and_an_unset_date_is_empty) {
  const auto special = ad::parse_tvmaze_show(
      R"({"id":82,"name":"Game of Thrones","_embedded":{"nextepisode":{"id":4001,)"
      R"("name":"The Last Watch","season":8,"number":null,"type":"significant_special",)"
      R"("airdate":"","airtime":"","airstamp":null,"runtime":null,"rating":{"average":null},)"
      R"("image":null,"summary":null,"_links":{}}}})");
  BOOST_REQUIRE_MESSAGE(special.ok(), (special.ok() ? "" : special.err().message));
  BOOST_REQUIRE(special->next_episode.has_value());
  BOOST_TEST(special->next_episode->id == 4001);
  BOOST_TEST(special->next_episode->season == 8);
  BOOST_TEST(special->next_episode->number == 0);  // null: not an episode 1
  BOOST_TEST(special->next_episode->airdate.empty());
}

BOOST_AUTO_TEST_CASE(a_next_episode_of_the_wrong_shape_names_its_path) {
  const auto message = [](const char* body) {
    const auto r = ad::parse_tvmaze_show(body);
    return r.ok() ? std::string("ok") : r.err().message;
  };
  BOOST_TEST(message(R"({"id":1,"name":"x","_embedded":{"nextepisode":{"id":2,"season":"5",)"
                     R"("number":1}}})") ==
             "tvmaze: unexpected response shape: show._embedded.nextepisode.season must be an "
             "integer");
  BOOST_TEST(message(R"({"id":1,"name":"x","_embedded":{"nextepisode":{"id":2,"season":5,)"
                     R"("number":1,"airdate":"24 Sep"}}})") ==
             "tvmaze: unexpected response shape: show._embedded.nextepisode.airdate must be an "
             "ISO date");
  BOOST_TEST(message(R"({"id":1,"name":"x","_embedded":{"nextepisode":{"season":5}}})") ==
             "tvmaze: unexpected response shape: show._embedded.nextepisode.id is required");
  BOOST_TEST(message(R"({"id":1,"name":"x","_embedded":{"nextepisode":[]}})") ==
             "tvmaze: unexpected response shape: show._embedded.nextepisode must be an object");
  BOOST_TEST(message(R"({"id":1,"name":"x","_embedded":[]})") ==
             "tvmaze: unexpected response shape: show._embedded must be an object");
  const auto page = ad::parse_tvmaze_shows(
      R"([{"id":1,"name":"x"},{"id":2,"name":"y","_embedded":{"nextepisode":{"id":3,)"
      R"("season":1,"number":1.5}}}])");
  BOOST_REQUIRE(!page.ok());
  BOOST_TEST(page.err().message ==
             "tvmaze: unexpected response shape: [1]._embedded.nextepisode.number must be an "
             "integer");
}

BOOST_AUTO_TEST_CASE(updates_map_ids_to_times) {
  const auto r = ad::parse_tvmaze_updates(upstream("tvmaze/updates_day.json"));
  BOOST_REQUIRE(r.ok());
  const std::map<std::int64_t, std::int64_t> expected{
      {1, 1731901234}, {263, 1731905678}, {39185, 1731912345}, {44983, 1731909999}};
  BOOST_TEST((*r == expected));
  BOOST_TEST(!ad::parse_tvmaze_updates("{\"x1\":5}").ok());
  BOOST_TEST(!ad::parse_tvmaze_updates("{\"1\":\"5\"}").ok());
  BOOST_TEST(!ad::parse_tvmaze_updates("[]").ok());
}

BOOST_AUTO_TEST_CASE(paths) {
  BOOST_TEST(ad::tvmaze_index_path(0) == "/shows?page=0");
  BOOST_TEST(ad::tvmaze_index_path(7) == "/shows?page=7");
  BOOST_TEST(ad::tvmaze_lookup_imdb_path("tt5875444").value() == "/lookup/shows?imdb=tt5875444");
  BOOST_TEST(ad::tvmaze_lookup_imdb_path("5875444").err().code == errc::invalid_argument);
  BOOST_TEST(!ad::tvmaze_lookup_imdb_path("tt58&x=1").ok());
  BOOST_TEST(!ad::tvmaze_lookup_imdb_path("tt").ok());
  BOOST_TEST(ad::tvmaze_updates_path(ad::tvmaze_since::day) == "/updates/shows?since=day");
  BOOST_TEST(ad::tvmaze_updates_path(ad::tvmaze_since::week) == "/updates/shows?since=week");
}
