// The offers refresh (sync/offers_refresh) against JustWatch-shaped answers from the replay
// server, over a real SQLite store: planning, a title found by a search (IMDb id), by its linked
// node, not found, ambiguous, and a block page that stops a run.
#define BOOST_TEST_MODULE sync_offers_refresh
#include <boost/test/unit_test.hpp>

#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "adapters/upstream_body.hpp"
#include "storage/sqlite_store.hpp"
#include "sync/offers_refresh.hpp"
#include "sync/schedule.hpp"
#include "test/support/replay_server.hpp"

using namespace recs;
using recs::test::answer;
using recs::test::replay_route;
using recs::test::replay_server;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1764000000;  // 2025-11-24
constexpr std::int64_t kDay = 86400;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path source_dir() {
  const char* dir = std::getenv("RECS_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(dir, "RECS_SOURCE_DIR is not set (run through ctest)");
  return dir;
}

std::string fixture(const std::string& name) {
  return read_file(source_dir() / "test/fixtures/upstream/justwatch" / name);
}

show make_show(std::string id, std::string title, int year, double popularity,
               std::string provider) {
  show s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.year = year;
  s.tmdb_popularity = popularity;
  offer o;
  o.provider = std::move(provider);
  o.basis = "network";
  s.offers.push_back(o);
  return s;
}

/// A GraphQL route for one operation whose body also holds `contains` (e.g. the searched title).
replay_route graphql(const std::string& operation, std::vector<test::canned_response> responses,
                     const std::string& contains = "") {
  replay_route r = test::route("POST", "/graphql", std::move(responses));
  r.body_contains = "\"operationName\":\"" + operation + "\"";
  if (!contains.empty()) r.body_contains = contains;
  return r;
}

/// Two "Twin" (2020) shows JustWatch cannot tell apart from our catalog's.
std::string twin_search() {
  std::string node = R"({"node":{"id":"ts%ID%","objectId":%ID%,"objectType":"SHOW","content":{
    "title":"Twin","originalReleaseYear":2020,"runtime":30,"shortDescription":"","fullPath":"",
    "genres":[],"externalIds":{"imdbId":"tt%ID%","tmdbId":null},"ageCertification":null},
    "totalSeasonCount":1,"offers":[]}})";
  auto with = [&](const std::string& id) {
    std::string n = node;
    for (std::size_t at; (at = n.find("%ID%")) != std::string::npos;) n.replace(at, 4, id);
    return n;
  };
  return R"({"data":{"popularTitles":{"edges":[)" + with("1111111") + "," + with("2222222") +
         "]}}}";
}

struct fixture_db {
  fs::path dir;
  std::unique_ptr<storage::store> db;
  std::unique_ptr<replay_server> server;
  std::unique_ptr<httpc::fetcher> fetch;
  std::unique_ptr<sync::justwatch_source> jw;

  fixture_db() {
    char tmpl[] = "/tmp/recs-sync-XXXXXX";
    dir = ::mkdtemp(tmpl);
    auto opened = storage::open_sqlite((dir / "recs.sqlite").string());
    BOOST_REQUIRE(opened.ok());
    db = std::move(*opened);
    BOOST_REQUIRE(db->migrate().ok());
    auto providers =
        adapters::parse_providers_json(read_file(source_dir() / "data/providers.json"));
    BOOST_REQUIRE(providers.ok());
    BOOST_REQUIRE(db->upsert_providers(*providers).ok());
    BOOST_REQUIRE(db->upsert_shows({make_show("tt5875444", "Slow Horses", 2022, 90, "netflix"),
                                    make_show("tt7678620", "Bluey", 2018, 80, "abc_iview"),
                                    make_show("tt0000001", "Nowhere Show", 2001, 10, "stan"),
                                    make_show("x-twin-2020", "Twin", 2020, 5, "stan")})
                      .ok());

    std::string bluey = fixture("search_bluey.json");
    std::vector<replay_route> routes{
        graphql("GetProviders", {answer(200, fixture("providers_au.json"))}),
        graphql("GetTitleOffers", {answer(200, fixture("title_offers_slow_horses.json"))},
                "ts301826"),
        // A search for Slow Horses: Bluey first, then the show (found by its IMDb id).
        graphql("GetSearchTitles", {answer(200, search_with_slow_horses(bluey))}, "Slow Horses"),
        graphql("GetSearchTitles", {answer(200, twin_search())}, "Twin"),
        graphql("GetSearchTitles", {answer(200, bluey)}),
    };
    std::vector<replay_route> blocked{
        graphql("GetProviders", {answer(200, fixture("providers_au.json"))}),
        graphql("GetSearchTitles",
                {answer(403, fixture("blocked_403.html"), {{"Content-Type", "text/html"}})}),
    };
    server = std::make_unique<replay_server>(
        test::replay_scenarios{{"default", routes}, {"blocked", blocked}});
    BOOST_REQUIRE(server->start().ok());
    httpc::retry_policy rp;
    fetch = std::make_unique<httpc::fetcher>("justwatch", httpc::client_options{}, rp, std::nullopt,
                                             [](std::chrono::milliseconds) {});
    sync::justwatch_options jo;
    jo.graphql_url = server->base_url() + "/graphql";
    jw = std::make_unique<sync::justwatch_source>(jo, *fetch);
  }
  ~fixture_db() {
    server.reset();
    db.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  static std::string search_with_slow_horses(const std::string& bluey_page) {
    // {"data":{"popularTitles":{"edges":[<bluey edges>, {"node": <slow horses node>}]}}}
    const std::string node_doc = fixture("title_offers_slow_horses.json");
    const auto at = node_doc.find("\"node\":");
    const auto end = node_doc.rfind('}', node_doc.rfind('}') - 1);  // closes "data"
    const std::string node = node_doc.substr(at, end - at);         // "node": {...}
    const auto edges_end = bluey_page.rfind(']');
    return bluey_page.substr(0, edges_end) + ",{" + node + "}" + bluey_page.substr(edges_end);
  }

  storage::refresh_item item(const std::string& id) {
    auto due = db->offers_due(kNow, 14 * kDay, 100);
    BOOST_REQUIRE(due.ok());
    for (auto& i : *due)
      if (i.show_id == id) return i;
    BOOST_FAIL("not due: " + id);
    return {};
  }

  std::vector<std::string> operations() {
    std::vector<std::string> ops;
    for (const auto& r : server->log()) {
      const auto at = r.body.find("\"operationName\":\"");
      if (at == std::string::npos) continue;
      const auto from = at + 17;
      ops.push_back(r.body.substr(from, r.body.find('"', from) - from));
    }
    return ops;
  }
};

const show* find_show(const std::vector<show>& shows, const std::string& id) {
  for (const auto& s : shows)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_plan_takes_never_checked_by_popularity_then_the_stalest) {
  fixture_db f;
  auto plan = sync::plan_offers_refresh(*f.db, kNow, 14, 10);
  BOOST_REQUIRE(plan.ok());
  BOOST_TEST(plan->due_total == 4);
  BOOST_REQUIRE(plan->entries.size() == 4u);
  BOOST_TEST(plan->entries[0].item.show_id == "tt5875444");
  BOOST_TEST(plan->entries[1].item.show_id == "tt7678620");
  BOOST_TEST(plan->entries[0].reason == "never checked");

  BOOST_REQUIRE(f.db->mark_offers_checked("tt5875444", kNow - 20 * kDay).ok());
  BOOST_REQUIRE(f.db->mark_offers_checked("tt7678620", kNow - 2 * kDay).ok());
  plan = sync::plan_offers_refresh(*f.db, kNow, 14, 10);
  BOOST_REQUIRE(plan.ok());
  BOOST_TEST(plan->due_total == 3);  // Bluey was checked 2 days ago: not stale
  BOOST_REQUIRE(plan->entries.size() == 3u);
  BOOST_TEST(plan->entries.back().item.show_id == "tt5875444");  // never-checked come first
  BOOST_TEST(plan->entries.back().reason == "checked 20 days ago (stale after 14)");
  plan = sync::plan_offers_refresh(*f.db, kNow, 14, 1);
  BOOST_REQUIRE(plan.ok());
  BOOST_TEST(plan->due_total == 3);
  BOOST_TEST(plan->entries.size() == 1u);  // the limit
}

BOOST_AUTO_TEST_CASE(a_search_finds_the_show_and_its_verified_offers_replace_the_inferred) {
  fixture_db f;
  sync::offers_refresher run(*f.db, *f.jw, kNow);
  BOOST_REQUIRE(run.begin().ok());
  auto r = run.refresh(f.item("tt5875444"));
  BOOST_TEST(sync::to_string(r.what) == "updated");
  BOOST_TEST(r.justwatch_id == "ts301826");
  auto shows = f.db->shows();
  BOOST_REQUIRE(shows.ok());
  const show* s = find_show(*shows, "tt5875444");
  BOOST_REQUIRE(s);
  bool apple = false;
  for (const auto& o : s->offers) {
    BOOST_TEST(!o.inferred);
    BOOST_TEST(o.last_checked_ts == kNow);
    apple = apple || (o.provider == "apple_tv_plus" && o.type == monetization::flatrate);
  }
  BOOST_TEST(apple);
  // Netflix (inferred) left, Apple TV+ arrived.
  bool left = false, arrived = false;
  for (const auto& c : r.changes) {
    left = left || (c.what == availability_change::kind::left && c.provider == "netflix");
    arrived =
        arrived || (c.what == availability_change::kind::arrived && c.provider == "apple_tv_plus");
  }
  BOOST_TEST(left);
  BOOST_TEST(arrived);
  auto link = f.db->show_by_link("justwatch", "ts301826");
  BOOST_REQUIRE(link.ok());
  BOOST_TEST(link->value_or("") == "tt5875444");
  auto tmdb = f.db->show_by_link("tmdb", "95480");
  BOOST_REQUIRE(tmdb.ok());
  BOOST_TEST(tmdb->value_or("") == "tt5875444");
  BOOST_TEST((f.operations() == std::vector<std::string>{"GetProviders", "GetSearchTitles"}));

  // Stale again later: read through its node, no search; the same offers change nothing.
  BOOST_REQUIRE(f.db->mark_offers_checked("tt5875444", kNow - 30 * kDay).ok());
  auto again = f.item("tt5875444");
  BOOST_TEST(again.justwatch_id == "ts301826");
  auto r2 = run.refresh(again);
  BOOST_TEST(sync::to_string(r2.what) == "unchanged");
  BOOST_TEST(f.operations().back() == "GetTitleOffers");
}

BOOST_AUTO_TEST_CASE(a_show_justwatch_lacks_keeps_its_inferred_offers_and_waits) {
  fixture_db f;
  sync::offers_refresher run(*f.db, *f.jw, kNow);
  BOOST_REQUIRE(run.begin().ok());
  auto r = run.refresh(f.item("tt0000001"));
  BOOST_TEST(sync::to_string(r.what) == "not_found");
  BOOST_TEST(r.message.find("no show matches") != std::string::npos);
  auto shows = f.db->shows();
  BOOST_REQUIRE(shows.ok());
  const show* s = find_show(*shows, "tt0000001");
  BOOST_REQUIRE(s);
  BOOST_REQUIRE(s->offers.size() == 1u);
  BOOST_TEST(s->offers[0].inferred);
  auto due = f.db->offers_due(kNow, 14 * kDay, 100);
  BOOST_REQUIRE(due.ok());
  for (const auto& i : *due) BOOST_TEST(i.show_id != "tt0000001");  // checked: not due
}

BOOST_AUTO_TEST_CASE(two_equally_good_results_are_ambiguous_and_change_nothing) {
  fixture_db f;
  sync::offers_refresher run(*f.db, *f.jw, kNow);
  BOOST_REQUIRE(run.begin().ok());
  auto r = run.refresh(f.item("x-twin-2020"));
  BOOST_TEST(sync::to_string(r.what) == "ambiguous");
  BOOST_TEST(r.message.find("ts1111111") != std::string::npos);
  BOOST_TEST(r.message.find("ts2222222") != std::string::npos);
  BOOST_TEST(r.changes.empty());
}

BOOST_AUTO_TEST_CASE(a_block_page_fails_the_title_and_stops_the_run) {
  fixture_db f;
  BOOST_REQUIRE(f.server->use_scenario("blocked").ok());
  sync::offers_refresher run(*f.db, *f.jw, kNow);
  BOOST_REQUIRE(run.begin().ok());
  auto r = run.refresh(f.item("tt7678620"));
  BOOST_TEST(sync::to_string(r.what) == "failed");
  BOOST_TEST(adapters::is_blocked(r.err));
  BOOST_TEST(sync::run_should_stop(r.err));
  // Nothing was recorded: the title stays due.
  bool due = false;
  auto items = f.db->offers_due(kNow, 14 * kDay, 100);
  BOOST_REQUIRE(items.ok());
  for (const auto& i : *items) due = due || i.show_id == "tt7678620";
  BOOST_TEST(due);
}

BOOST_AUTO_TEST_CASE(popular_titles_follow_the_cursor_to_the_last_page) {
  fixture_db f;
  const std::string page1 = fixture("popular_au_page1.json");
  replay_route first = graphql("GetPopularTitles", {answer(200, page1)});
  replay_route second =
      graphql("GetPopularTitles", {answer(200, fixture("popular_au_page2.json"))},
              "eyJzIjozLCJvIjoiUE9QVUxBUiJ9");  // page 1's end cursor, sent as `after`
  replay_server server(test::replay_scenarios{{"default", {second, first}}});
  BOOST_REQUIRE(server.start().ok());
  sync::justwatch_options jo;
  jo.graphql_url = server.base_url() + "/graphql";
  sync::justwatch_source jw(jo, *f.fetch);
  auto all = jw.popular_all(100, 3);
  BOOST_REQUIRE_MESSAGE(all.ok(), (all.ok() ? "" : all.err().message));
  BOOST_TEST(all->size() == 6u);
  BOOST_TEST(server.log().size() == 2u);
  auto capped = jw.popular_all(2, 3);
  BOOST_REQUIRE(capped.ok());
  BOOST_TEST(capped->size() == 2u);
  // A failing page fails the walk (after the fetcher's retries).
  replay_server down(test::replay_scenarios{
      {"default", {graphql("GetPopularTitles", {answer(500, "{\"error\":\"x\"}")})}}});
  BOOST_REQUIRE(down.start().ok());
  jo.graphql_url = down.base_url() + "/graphql";
  sync::justwatch_source jw_down(jo, *f.fetch);
  auto failed = jw_down.popular_all(10, 3);
  BOOST_REQUIRE(!failed.ok());
  BOOST_TEST((failed.err().code == errc::unavailable));
}

BOOST_AUTO_TEST_CASE(the_daily_run_is_the_next_local_refresh_hour) {
  ::setenv("TZ", "Australia/Sydney", 1);
  ::tzset();
  for (std::int64_t now : std::vector<std::int64_t>{kNow, kNow + 3 * 3600, kNow + 17 * 3600 + 59,
                                                    1775318400 /* DST ends that week */}) {
    const auto next = sync::next_daily_run(now, 3);
    BOOST_TEST(next > now);
    BOOST_TEST(next - now <= 25 * 3600);
    const std::time_t t = static_cast<std::time_t>(next);
    std::tm local{};
    localtime_r(&t, &local);
    BOOST_TEST(local.tm_hour == 3);
    BOOST_TEST(local.tm_min == 0);
  }
  ::unsetenv("TZ");
  ::tzset();
}
