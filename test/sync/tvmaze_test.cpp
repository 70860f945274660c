// The TVmaze metadata sync against TVmaze-shaped answers from the replay server, over a real
// SQLite store: the source (index paging to 404, the lookup's redirect, updates, 500, timeout,
// 429, HTML, malformed JSON, the 20-per-10-s limit), the job (links, missing shows, refreshes,
// the last run's time, the index walk and its resumption, the spoiler rule for premises) and the
// actor (a run end to end: board, sync_runs, a published catalog; pause and resume; off).
#define BOOST_TEST_MODULE sync_tvmaze
#include <boost/test/unit_test.hpp>

#include <stdlib.h>  // mkdtemp

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "actors/sync_job.hpp"
#include "actors/tvmaze_strategy.hpp"
#include "adapters/upstream_body.hpp"
#include "storage/sqlite_store.hpp"
#include "sync/metadata_refresh.hpp"
#include "sync/offers_refresh.hpp"
#include "sync/tvmaze_source.hpp"
#include "test/support/replay_server.hpp"

using namespace recs;
using recs::test::answer;
using recs::test::canned_response;
using recs::test::replay_route;
using recs::test::replay_server;
using recs::test::route;
using std::chrono::milliseconds;
namespace fs = std::filesystem;

namespace {

/// After the fixture's updates (2024-11-18): 44983 and 39185 changed since kLastRun, 1 before.
constexpr std::int64_t kNow = 1731920000;
constexpr std::int64_t kLastRun = 1731905000;

constexpr const char* kBlockPage =
    "<!DOCTYPE html><html><head><title>Access denied</title></head><body>blocked</body></html>";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string fixture(const std::string& name) {
  const char* dir = std::getenv("RECS_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(dir, "RECS_SOURCE_DIR is not set (run through ctest)");
  return read_file(fs::path(dir) / "test/fixtures/upstream/tvmaze" / name);
}

canned_response redirect_to(std::int64_t tvmaze_id) {
  // Where the real API points; the source follows it on its own base URL.
  return answer(301, "",
                {{"Location", "https://api.tvmaze.com/shows/" + std::to_string(tvmaze_id)}});
}

/// TVmaze as the fixtures have it: the index (2 pages, then 404), two lookups and a 404 one.
std::vector<replay_route> tvmaze_routes() {
  return {
      route("GET", "/shows?page=0", {answer(200, fixture("shows_page_0.json"))}),
      route("GET", "/shows?page=1", {answer(200, fixture("shows_page_1.json"))}),
      route("GET", "/shows?page=2", {answer(404, fixture("shows_page_2_404.json"))}),
      route("GET", "/lookup/shows?imdb=tt5875444", {redirect_to(44983)}),
      route("GET", "/lookup/shows?imdb=tt7678620", {redirect_to(39185)}),
      route("GET", "/shows/44983", {answer(200, fixture("lookup_tt5875444.json"))}),
      route("GET", "/shows/39185", {answer(200, fixture("lookup_tt7678620.json"))}),
      route("GET", "/updates/shows?since=day", {answer(200, fixture("updates_day.json"))}),
      // Any other lookup: TVmaze lacks the show.
      route("GET", "/lookup/shows", {answer(404, fixture("lookup_tt0000001_404.json"))}),
  };
}

/// The answers of the failure scenarios (the first matching route wins).
std::vector<replay_route> failing_routes() {
  std::string truncated = fixture("lookup_tt5875444.json");
  truncated.resize(truncated.size() / 2);
  const std::vector<std::pair<std::string, std::string>> html{{"Content-Type", "text/html"}};
  return {
      // 500 once, then the show; 500 for ever.
      route("GET", "/shows/44983",
            {answer(500, "{}"), answer(200, fixture("lookup_tt5875444.json"))}),
      route("GET", "/shows/500", {answer(500, R"({"status":500})")}),
      // 429 with Retry-After, then the show.
      route("GET", "/shows/39185",
            {answer(429, fixture("rate_limited_429.json"), {{"Retry-After", "3"}}),
             answer(200, fixture("lookup_tt7678620.json"))}),
      route("GET", "/shows/1", {answer(200, kBlockPage, html)}),
      route("GET", "/shows/2", {answer(200, truncated)}),
      route("GET", "/shows?page=0", {answer(200, "[{\"id\": 1, \"name\": ")}),
      // The lookup's own hop: 500 then the redirect; 429 then the redirect; a block page.
      route("GET", "/lookup/shows?imdb=tt5875444", {answer(500, "{}"), redirect_to(44983)}),
      route("GET", "/lookup/shows?imdb=tt7678620",
            {answer(429, fixture("rate_limited_429.json"), {{"Retry-After", "2"}}),
             redirect_to(39185)}),
      route("GET", "/lookup/shows?imdb=tt0000001", {answer(200, kBlockPage, html)}),
      route("GET", "/lookup/shows?imdb=tt0000002", {answer(302, "", {{"Location", "/people/3"}})}),
  };
}

/// Records the waits asked for instead of sleeping.
struct recorded_waits {
  std::shared_ptr<std::vector<milliseconds>> waits = std::make_shared<std::vector<milliseconds>>();
  httpc::fetcher::sleeper sleeper() const {
    return [w = waits](milliseconds d) { w->push_back(d); };
  }
  milliseconds total() const {
    milliseconds t{0};
    for (auto d : *waits) t += d;
    return t;
  }
};

httpc::retry_policy quick_retries() {
  httpc::retry_policy rp;
  rp.max_attempts = 3;
  rp.base_delay = milliseconds(10);
  rp.max_delay = milliseconds(50);
  return rp;
}

show catalog_show(std::string id, std::string title, int year, double popularity) {
  show s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.year = year;
  s.tmdb_popularity = popularity;
  s.premise = "Our own first-season premise of " + s.title + ", which nothing replaces.";
  s.genres = {"drama"};
  offer o;
  o.provider = "stan";
  o.basis = "network";
  s.offers.push_back(o);
  return s;
}

struct tvmaze_fixture {
  fs::path dir;
  std::unique_ptr<storage::store> db;
  std::unique_ptr<replay_server> server;
  recorded_waits waits;
  std::unique_ptr<httpc::fetcher> fetch;
  std::unique_ptr<sync::tvmaze_source> tv;

  explicit tvmaze_fixture(httpc::client_options copts = {}) {
    char tmpl[] = "/tmp/recs-tvmaze-XXXXXX";
    dir = ::mkdtemp(tmpl);
    auto opened = storage::open_sqlite(db_path());
    BOOST_REQUIRE(opened.ok());
    db = std::move(*opened);
    BOOST_REQUIRE(db->migrate().ok());
    show slow = catalog_show("tt5875444", "Slow Horses", 2022, 90);
    slow.runtime = 0;
    slow.network = "";
    show bluey = catalog_show("tt7678620", "Bluey", 2018, 80);
    bluey.runtime = 7;
    bluey.network = "ABC";
    show dome = catalog_show("tt1553656", "Under the Dome", 0, 5);
    dome.premise.clear();
    BOOST_REQUIRE(db->upsert_shows({slow, bluey, dome, catalog_show("tt2802850", "Fargo", 2014, 50),
                                    catalog_show("tt0000001", "Nowhere Show", 2001, 10),
                                    catalog_show("x-twin-2020", "Twin", 2020, 100)})
                      .ok());
    server = std::make_unique<replay_server>(
        test::replay_scenarios{{"default", tvmaze_routes()}, {"failing", failing_routes()}});
    BOOST_REQUIRE(server->start().ok());
    fetch = std::make_unique<httpc::fetcher>("tvmaze", copts, quick_retries(), std::nullopt,
                                             waits.sleeper());
    tv = std::make_unique<sync::tvmaze_source>(options(), *fetch, waits.sleeper());
  }
  ~tvmaze_fixture() {
    tv.reset();
    fetch.reset();
    server.reset();
    db.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  std::string db_path() const { return (dir / "recs.sqlite").string(); }

  sync::tvmaze_options options() const {
    sync::tvmaze_options o;
    o.base_url = server->base_url();
    o.retry = quick_retries();
    return o;
  }

  std::vector<std::string> targets() const {
    std::vector<std::string> out;
    for (const auto& r : server->log()) out.push_back(r.target);
    return out;
  }

  show stored(const std::string& id) {
    auto all = db->shows();
    BOOST_REQUIRE(all.ok());
    for (auto& s : *all)
      if (s.id == id) return s;
    BOOST_FAIL("no show " + id);
    return {};
  }

  std::string link(const std::string& source, const std::string& show_id) {
    auto links = db->show_links(source);
    BOOST_REQUIRE(links.ok());
    for (const auto& l : *links)
      if (l.show_id == show_id) return l.external_id;
    return "";
  }

  std::string meta(const std::string& key) {
    auto v = db->get_meta(key);
    BOOST_REQUIRE(v.ok());
    return v->value_or("");
  }
};

/// An error's message for test output, "" for a success.
template <class T>
std::string why(const result<T>& r) {
  return r.ok() ? std::string() : r.err().message;
}

std::vector<std::string> task_ids(const sync::metadata_plan& plan) {
  std::vector<std::string> out;
  for (const auto& t : plan.tasks)
    out.push_back((t.what == sync::metadata_task::kind::refresh ? "refresh " : "link ") +
                  t.show_id);
  return out;
}

adapters::tvmaze_show slow_horses_upstream() {
  auto s = adapters::parse_tvmaze_show(fixture("lookup_tt5875444.json"));
  BOOST_REQUIRE(s.ok());
  return *s;
}

}  // namespace

// -- the source ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(source)

BOOST_AUTO_TEST_CASE(the_index_is_read_page_by_page_until_404) {
  tvmaze_fixture f;
  std::vector<std::int64_t> ids;
  std::int64_t page = 0;
  for (;; ++page) {
    auto p = f.tv->index_page(page);
    BOOST_REQUIRE_MESSAGE(p.ok(), why(p));
    if (p->end) break;
    BOOST_TEST(!p->shows.empty());
    for (const auto& s : p->shows) {
      BOOST_TEST(s.id / adapters::kTvmazeIndexPageSize == page);  // 250 ids a page
      ids.push_back(s.id);
    }
  }
  BOOST_TEST(page == 2);
  BOOST_TEST(ids.front() == 1);
  BOOST_TEST((std::find(ids.begin(), ids.end(), 263) != ids.end()));
  BOOST_TEST(
      (f.targets() == std::vector<std::string>{"/shows?page=0", "/shows?page=1", "/shows?page=2"}));
}

BOOST_AUTO_TEST_CASE(a_lookup_follows_the_redirect_on_its_own_base_url) {
  tvmaze_fixture f;
  auto s = f.tv->lookup_imdb("tt5875444");
  BOOST_REQUIRE_MESSAGE(s.ok(), why(s));
  BOOST_TEST(s->id == 44983);
  BOOST_TEST(s->name == "Slow Horses");
  BOOST_TEST(s->network == "Apple TV+");
  BOOST_TEST(s->web_channel);
  BOOST_TEST(s->average_runtime == 49);
  BOOST_REQUIRE(s->next_episode.has_value());  // the hop asks for the next episode
  BOOST_TEST(s->next_episode->season == 5);
  BOOST_TEST((f.targets() == std::vector<std::string>{"/lookup/shows?imdb=tt5875444",
                                                      "/shows/44983?embed=nextepisode"}));
  BOOST_TEST(f.tv->stats().calls == 2u);
}

BOOST_AUTO_TEST_CASE(a_show_is_asked_with_its_next_episode) {
  tvmaze_fixture f;
  auto s = f.tv->show(39185);
  BOOST_REQUIRE_MESSAGE(s.ok(), why(s));
  BOOST_TEST(s->name == "Bluey");
  BOOST_REQUIRE(s->next_episode.has_value());
  BOOST_TEST(s->next_episode->number == 48);
  BOOST_TEST((f.targets() == std::vector<std::string>{"/shows/39185?embed=nextepisode"}));
}

BOOST_AUTO_TEST_CASE(a_show_tvmaze_lacks_is_not_found_and_a_bad_id_is_not_sent) {
  tvmaze_fixture f;
  auto missing = f.tv->lookup_imdb("tt0000001");
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST((missing.err().code == errc::not_found));
  auto bad = f.tv->lookup_imdb("x-twin-2020");
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST((bad.err().code == errc::invalid_argument));
  BOOST_TEST(f.targets().size() == 1u);
}

BOOST_AUTO_TEST_CASE(updates_map_ids_to_times) {
  tvmaze_fixture f;
  auto u = f.tv->updates(adapters::tvmaze_since::day);
  BOOST_REQUIRE(u.ok());
  BOOST_TEST(u->size() == 4u);
  BOOST_TEST(u->at(44983) == 1731909999);
  BOOST_TEST(f.targets().front() == "/updates/shows?since=day");
}

BOOST_AUTO_TEST_CASE(a_500_is_retried_and_one_that_stays_fails) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.server->use_scenario("failing").ok());
  auto s = f.tv->show(44983);
  BOOST_REQUIRE_MESSAGE(s.ok(), why(s));
  BOOST_TEST(s->name == "Slow Horses");
  BOOST_TEST(f.tv->stats().calls == 2u);  // the fetcher's retry is counted (and booked)
  auto down = f.tv->show(500);
  BOOST_REQUIRE(!down.ok());
  BOOST_TEST((down.err().code == errc::unavailable));
  BOOST_TEST(down.err().message.find("after 3 attempts") != std::string::npos);
  BOOST_TEST(sync::run_should_stop(down.err()));
  // The lookup's own hop retries a 500 too.
  auto looked = f.tv->lookup_imdb("tt5875444");
  BOOST_REQUIRE_MESSAGE(looked.ok(), why(looked));
  BOOST_TEST(looked->id == 44983);
}

BOOST_AUTO_TEST_CASE(a_timeout_is_retried_then_reported) {
  httpc::client_options copts;
  copts.request_timeout = milliseconds(300);
  tvmaze_fixture f(copts);
  auto slow = answer(200, "[]");
  slow.delay_ms = 3000;
  test::replay_scenarios more{{"slow", {route("GET", "/shows?page=7", {slow})}}};
  replay_server server(more, {"127.0.0.1", 0, std::nullopt, "slow"});
  BOOST_REQUIRE(server.start().ok());
  auto o = f.options();
  o.base_url = server.base_url();
  sync::tvmaze_source tv(o, *f.fetch, f.waits.sleeper());
  const auto t0 = std::chrono::steady_clock::now();
  auto p = tv.index_page(7);
  const auto took = std::chrono::steady_clock::now() - t0;
  BOOST_REQUIRE(!p.ok());
  BOOST_TEST((p.err().code == errc::unavailable));
  BOOST_TEST(p.err().message.find("timeout") != std::string::npos, p.err().message);
  BOOST_TEST(tv.stats().calls == 3u);
  BOOST_TEST(std::chrono::duration_cast<milliseconds>(took).count() < 2500);
}

BOOST_AUTO_TEST_CASE(a_429_waits_for_retry_after) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.server->use_scenario("failing").ok());
  auto s = f.tv->show(39185);
  BOOST_REQUIRE_MESSAGE(s.ok(), why(s));
  BOOST_TEST(s->name == "Bluey");
  BOOST_TEST(f.fetch->stats().rate_limited == 1u);
  BOOST_TEST(f.waits.total().count() >= 3000);
  // The lookup hop honours Retry-After as well.
  const auto before = f.waits.total();
  auto looked = f.tv->lookup_imdb("tt7678620");
  BOOST_REQUIRE_MESSAGE(looked.ok(), why(looked));
  BOOST_TEST(looked->id == 39185);
  BOOST_TEST((f.waits.total() - before).count() >= 2000);
}

BOOST_AUTO_TEST_CASE(an_html_body_is_a_block_page) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.server->use_scenario("failing").ok());
  auto s = f.tv->show(1);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(adapters::is_blocked(s.err()), s.err().message);
  BOOST_TEST(sync::run_should_stop(s.err()));
  auto looked = f.tv->lookup_imdb("tt0000001");
  BOOST_REQUIRE(!looked.ok());
  BOOST_TEST(adapters::is_blocked(looked.err()), looked.err().message);
  // Each was retried once, after the block-page delay.
  BOOST_TEST(f.tv->stats().calls == 4u);
  BOOST_TEST(f.waits.total().count() >= 2 * 60000);
}

BOOST_AUTO_TEST_CASE(malformed_json_and_odd_redirects_are_errors) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.server->use_scenario("failing").ok());
  auto s = f.tv->show(2);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST((s.err().code == errc::internal));
  BOOST_TEST(s.err().message.find("malformed JSON") != std::string::npos, s.err().message);
  BOOST_TEST(!sync::run_should_stop(s.err()));
  auto p = f.tv->index_page(0);
  BOOST_REQUIRE(!p.ok());
  BOOST_TEST((p.err().code == errc::internal));
  auto odd = f.tv->lookup_imdb("tt0000002");
  BOOST_REQUIRE(!odd.ok());
  BOOST_TEST(odd.err().message.find("unexpected place") != std::string::npos, odd.err().message);
}

BOOST_AUTO_TEST_CASE(at_most_20_calls_go_out_in_10_seconds) {
  tvmaze_fixture f;
  for (int i = 0; i < 25; ++i) BOOST_REQUIRE(f.tv->updates(adapters::tvmaze_since::day).ok());
  BOOST_TEST(f.server->log().size() == 25u);
  BOOST_TEST(f.tv->stats().throttled == 5u);
  BOOST_REQUIRE(f.waits.waits->size() == 5u);
  for (auto d : *f.waits.waits) {
    BOOST_TEST(d.count() > 9000);
    BOOST_TEST(d.count() <= 10000);
  }
}

BOOST_AUTO_TEST_CASE(a_cancel_ends_a_rate_limit_wait) {
  tvmaze_fixture f;
  sync::tvmaze_options o = f.options();
  o.max_calls = 1;
  o.window = milliseconds(60000);
  sync::tvmaze_source tv(o, *f.fetch);  // real, cancellable waits
  BOOST_REQUIRE(tv.updates(adapters::tvmaze_since::day).ok());
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(200));
    f.fetch->cancel();
  });
  const auto t0 = std::chrono::steady_clock::now();
  auto second = tv.updates(adapters::tvmaze_since::day);
  canceller.join();
  BOOST_REQUIRE(!second.ok());
  BOOST_TEST(second.err().message.find("cancelled") != std::string::npos);
  BOOST_TEST((std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5)));
}

BOOST_AUTO_TEST_CASE(the_show_id_of_a_location) {
  BOOST_TEST(sync::tvmaze_show_id_of_location("https://api.tvmaze.com/shows/44983") == 44983);
  BOOST_TEST(sync::tvmaze_show_id_of_location("/shows/82?embed=cast") == 82);
  BOOST_TEST(sync::tvmaze_show_id_of_location("/shows/82/") == 82);
  BOOST_TEST(sync::tvmaze_show_id_of_location("/people/3") == 0);
  BOOST_TEST(sync::tvmaze_show_id_of_location("/shows/") == 0);
  BOOST_TEST(sync::tvmaze_show_id_of_location("/shows/12x") == 0);
  BOOST_TEST(sync::tvmaze_show_id_of_location("") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// -- the pure rules -----------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(rules)

BOOST_AUTO_TEST_CASE(runtime_network_and_an_unknown_year_come_from_tvmaze) {
  show ours = catalog_show("tt5875444", "Slow Horses", 0, 90);
  auto c = sync::plan_metadata(ours, slow_horses_upstream());
  BOOST_TEST(c.write.runtime == 49);  // averageRuntime; runtime is null
  BOOST_TEST(c.write.network == "Apple TV+");
  BOOST_TEST(c.write.year == 2022);
  BOOST_TEST(c.write.premise.empty());  // ours stays
  BOOST_TEST(c.fields.size() == 3u);
  sync::apply_metadata(ours, c.write);
  BOOST_TEST(sync::plan_metadata(ours, slow_horses_upstream()).empty());

  show known_year = catalog_show("tt5875444", "Slow Horses", 2021, 90);
  BOOST_TEST(sync::plan_metadata(known_year, slow_horses_upstream()).write.year == 0);
  auto odd = slow_horses_upstream();
  odd.average_runtime = 0;
  odd.runtime = 0;
  odd.network.clear();
  auto none = sync::plan_metadata(known_year, odd);
  BOOST_TEST(none.write.runtime == 0);  // unknown at TVmaze: ours stays
  BOOST_TEST(none.write.network.empty());
}

BOOST_AUTO_TEST_CASE(a_premise_is_only_filled_in_and_only_without_spoilers) {
  show ours = catalog_show("tt5875444", "Slow Horses", 2022, 90);
  auto theirs = slow_horses_upstream();
  BOOST_TEST(sync::plan_metadata(ours, theirs).write.premise.empty());  // never replaced

  ours.premise = "  ";
  auto filled = sync::plan_metadata(ours, theirs);
  BOOST_TEST(filled.write.premise.find("Slough House") != std::string::npos);
  BOOST_TEST(filled.write.premise.find('<') == std::string::npos);

  theirs.summary += " In season 3, River is revealed to be a double agent.";
  BOOST_TEST(sync::plan_metadata(ours, theirs).write.premise.empty());
  theirs.summary = "Spies.";  // too short to stand alone
  BOOST_TEST(sync::plan_metadata(ours, theirs).write.premise.empty());
}

BOOST_AUTO_TEST_CASE(season_news_is_a_next_episode_that_opens_a_season) {
  const show ours = catalog_show("tt5875444", "Slow Horses", 2022, 90);
  auto theirs = slow_horses_upstream();  // next: S5E1 on 2025-09-24
  auto news = sync::plan_season_news(ours, theirs);
  BOOST_REQUIRE(news.has_value());
  BOOST_TEST(news->show_id == "tt5875444");  // ours, not TVmaze's
  BOOST_TEST(news->season == 5);
  BOOST_TEST(news->airdate == "2025-09-24");

  theirs.next_episode->airdate.clear();  // announced, not dated yet
  news = sync::plan_season_news(ours, theirs);
  BOOST_REQUIRE(news.has_value());
  BOOST_TEST(news->airdate.empty());
  theirs.next_episode->season = 1;  // a new show's first season
  BOOST_TEST(sync::plan_season_news(ours, theirs).has_value());

  theirs.next_episode->number = 2;  // mid-season
  BOOST_TEST(!sync::plan_season_news(ours, theirs).has_value());
  theirs.next_episode->number = 0;  // a special (null number)
  BOOST_TEST(!sync::plan_season_news(ours, theirs).has_value());
  theirs.next_episode->number = 1;
  theirs.next_episode->season = 0;  // TVmaze's season 0 of specials
  BOOST_TEST(!sync::plan_season_news(ours, theirs).has_value());
  theirs.next_episode.reset();  // nothing announced
  BOOST_TEST(!sync::plan_season_news(ours, theirs).has_value());
}

BOOST_AUTO_TEST_CASE(the_updates_window_follows_the_last_run) {
  using adapters::tvmaze_since;
  BOOST_TEST((sync::updates_window(kNow, 0) == tvmaze_since::day));
  BOOST_TEST((sync::updates_window(kNow, kNow - 3600) == tvmaze_since::day));
  BOOST_TEST((sync::updates_window(kNow, kNow - 86400) == tvmaze_since::week));  // slack
  BOOST_TEST((sync::updates_window(kNow, kNow - 6 * 86400) == tvmaze_since::week));
  BOOST_TEST((sync::updates_window(kNow, kNow - 7 * 86400) == tvmaze_since::month));
}

BOOST_AUTO_TEST_SUITE_END()

// -- the job ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(job)

BOOST_AUTO_TEST_CASE(a_first_run_links_the_most_popular_shows_and_marks_the_missing) {
  tvmaze_fixture f;
  sync::metadata_refresher run(*f.db, *f.tv, kNow);
  auto plan = run.begin(4);
  BOOST_REQUIRE_MESSAGE(plan.ok(), why(plan));
  BOOST_TEST((plan->since == adapters::tvmaze_since::day));
  BOOST_TEST(plan->unlinked_total == 5);  // not the synthetic id
  BOOST_TEST((task_ids(*plan) == std::vector<std::string>{"link tt5875444", "link tt7678620",
                                                          "link tt2802850", "link tt0000001"}));
  std::vector<std::string> outcomes;
  std::vector<std::string> news;
  for (const auto& t : plan->tasks) {
    auto r = run.run(t);
    outcomes.push_back(std::string(sync::to_string(r.what)) + (r.linked ? " linked" : ""));
    if (r.news) news.push_back(r.news->show_id + " S" + std::to_string(r.news->season));
  }
  BOOST_TEST((outcomes ==
              std::vector<std::string>{"updated linked", "updated linked", "missing", "missing"}));
  // Slow Horses' next episode opens season 5; Bluey's is mid-season; the missing have none.
  BOOST_TEST((news == std::vector<std::string>{"tt5875444 S5"}));
  BOOST_TEST(f.link("tvmaze", "tt5875444") == "44983");
  BOOST_TEST(f.link("tvmaze", "tt7678620") == "39185");
  BOOST_TEST(f.link("tvmaze_missing", "tt2802850") == "tt2802850");
  const show slow = f.stored("tt5875444");
  BOOST_TEST(slow.runtime == 49);
  BOOST_TEST(slow.network == "Apple TV+");
  BOOST_TEST(slow.premise.find("Our own first-season premise") == 0u);  // never replaced
  BOOST_TEST(slow.offers.size() == 1u);                                 // offers untouched
  BOOST_TEST(f.stored("tt7678620").network == "ABC Kids");
  auto done = run.finish();
  BOOST_REQUIRE(done.ok());
  BOOST_TEST(*done);
  BOOST_TEST(f.meta("tvmaze_last_run") == std::to_string(kNow));

  // The next run asks about the shows not tried yet, never again about the missing ones.
  sync::metadata_refresher next(*f.db, *f.tv, kNow + 3600);
  auto later = next.begin(10);
  BOOST_REQUIRE(later.ok());
  BOOST_TEST((task_ids(*later) == std::vector<std::string>{"link tt1553656"}));
  BOOST_TEST(later->unlinked_total == 1);
}

BOOST_AUTO_TEST_CASE(a_later_run_refreshes_the_linked_shows_tvmaze_changed) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.db->set_show_link("tt5875444", "tvmaze", "44983").ok());
  BOOST_REQUIRE(f.db->set_show_link("tt1553656", "tvmaze", "1").ok());      // changed before
  BOOST_REQUIRE(f.db->set_show_link("tt7678620", "tvmaze", "39185").ok());  // gone at TVmaze
  BOOST_REQUIRE(f.db->set_meta("tvmaze_last_run", std::to_string(kLastRun)).ok());
  test::replay_scenarios gone{
      {"gone",
       {route("GET", "/shows/39185", {answer(404, "{}")}),
        route("GET", "/shows/44983", {answer(200, fixture("lookup_tt5875444.json"))}),
        route("GET", "/updates/shows?since=day", {answer(200, fixture("updates_day.json"))})}}};
  replay_server server(gone, {"127.0.0.1", 0, std::nullopt, "gone"});
  BOOST_REQUIRE(server.start().ok());
  auto o = f.options();
  o.base_url = server.base_url();
  sync::tvmaze_source tv(o, *f.fetch, f.waits.sleeper());
  sync::metadata_refresher run(*f.db, tv, kNow);
  auto plan = run.begin(0);
  BOOST_REQUIRE_MESSAGE(plan.ok(), why(plan));
  BOOST_TEST(plan->updated_upstream == 4);
  // 1 changed before the last run (less the slack); 263 is not ours.
  BOOST_TEST(
      (task_ids(*plan) == std::vector<std::string>{"refresh tt7678620", "refresh tt5875444"}));
  auto gone_r = run.run(plan->tasks[0]);
  BOOST_TEST(sync::to_string(gone_r.what) == "missing");
  BOOST_TEST(f.link("tvmaze", "tt7678620").empty());  // unlinked: looked up again later
  auto r = run.run(plan->tasks[1]);
  BOOST_TEST(sync::to_string(r.what) == "updated");
  BOOST_TEST(!r.linked);
  BOOST_TEST(f.stored("tt5875444").runtime == 49);
  BOOST_TEST(*run.finish());
  BOOST_TEST(f.meta("tvmaze_last_run") == std::to_string(kNow));
}

BOOST_AUTO_TEST_CASE(a_refresh_brings_the_news_of_a_season_whether_or_not_metadata_changed) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.db->set_show_link("tt5875444", "tvmaze", "44983").ok());
  BOOST_REQUIRE(f.db->set_show_link("tt7678620", "tvmaze", "39185").ok());
  BOOST_REQUIRE(f.db->set_meta("tvmaze_last_run", std::to_string(kLastRun)).ok());
  // Our Slow Horses knows what TVmaze knows already: nothing to write.
  storage::show_metadata known;
  known.runtime = 49;
  known.network = "Apple TV+";
  BOOST_REQUIRE(f.db->update_show_metadata("tt5875444", known).ok());
  sync::metadata_refresher run(*f.db, *f.tv, kNow);
  auto plan = run.begin(0);
  BOOST_REQUIRE_MESSAGE(plan.ok(), why(plan));
  BOOST_TEST(
      (task_ids(*plan) == std::vector<std::string>{"refresh tt7678620", "refresh tt5875444"}));
  auto bluey = run.run(plan->tasks[0]);
  BOOST_TEST(sync::to_string(bluey.what) == "updated");  // network ABC -> ABC Kids
  BOOST_TEST(!bluey.news.has_value());                   // its next episode is S3E48
  auto slow = run.run(plan->tasks[1]);
  BOOST_TEST(sync::to_string(slow.what) == "unchanged");
  BOOST_REQUIRE(slow.news.has_value());
  BOOST_TEST(slow.news->show_id == "tt5875444");
  BOOST_TEST(slow.news->season == 5);
  BOOST_TEST(slow.news->airdate == "2025-09-24");
  BOOST_TEST((f.targets() == std::vector<std::string>{"/updates/shows?since=day",
                                                      "/shows/39185?embed=nextepisode",
                                                      "/shows/44983?embed=nextepisode"}));
}

BOOST_AUTO_TEST_CASE(a_failed_refresh_keeps_the_last_run_time) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.db->set_show_link("tt5875444", "tvmaze", "44983").ok());
  BOOST_REQUIRE(f.db->set_meta("tvmaze_last_run", std::to_string(kNow - 3 * 86400)).ok());
  test::replay_scenarios down{
      {"down",
       {route("GET", "/updates/shows?since=week", {answer(200, fixture("updates_day.json"))}),
        route("GET", "/shows/44983", {answer(503, "{}")})}}};
  replay_server server(down, {"127.0.0.1", 0, std::nullopt, "down"});
  BOOST_REQUIRE(server.start().ok());
  auto o = f.options();
  o.base_url = server.base_url();
  sync::tvmaze_source tv(o, *f.fetch, f.waits.sleeper());
  sync::metadata_refresher run(*f.db, tv, kNow);
  auto plan = run.begin(0);
  BOOST_REQUIRE_MESSAGE(plan.ok(), why(plan));
  BOOST_TEST((plan->since == adapters::tvmaze_since::week));
  BOOST_REQUIRE(plan->tasks.size() == 1u);
  auto r = run.run(plan->tasks[0]);
  BOOST_TEST(sync::to_string(r.what) == "failed");
  BOOST_TEST(sync::run_should_stop(r.err));
  auto done = run.finish();
  BOOST_REQUIRE(done.ok());
  BOOST_TEST(!*done);
  BOOST_TEST(f.meta("tvmaze_last_run") == std::to_string(kNow - 3 * 86400));
  BOOST_TEST(f.stored("tt5875444").runtime == 0);
}

BOOST_AUTO_TEST_CASE(the_updates_list_failing_fails_the_plan) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.server->use_scenario("failing").ok());  // no updates route: 404
  sync::metadata_refresher run(*f.db, *f.tv, kNow);
  auto plan = run.begin(10);
  BOOST_REQUIRE(!plan.ok());
  BOOST_TEST(f.meta("tvmaze_last_run").empty());
}

BOOST_AUTO_TEST_CASE(an_index_walk_links_by_imdb_id_and_resumes_where_it_stopped) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.db->set_show_link("tt2802850", "tvmaze_missing", "tt2802850").ok());
  {
    sync::index_walker walk(*f.db, *f.tv);
    auto start = walk.begin();
    BOOST_REQUIRE(start.ok());
    BOOST_TEST(*start == 0);
    auto p0 = walk.walk(0);
    BOOST_REQUIRE(!p0.err);
    BOOST_TEST(!p0.end);
    BOOST_TEST(p0.shows >= 1u);
    BOOST_REQUIRE(p0.matched.size() == 1u);  // Under the Dome (tt1553656)
    BOOST_TEST(p0.matched[0].show_id == "tt1553656");
    BOOST_TEST(p0.matched[0].linked);
    BOOST_TEST(sync::to_string(p0.matched[0].what) == "updated");
    BOOST_TEST(!p0.matched[0].news.has_value());  // the index has no next episodes
    BOOST_TEST(f.meta("tvmaze_index_page") == "1");
  }  // stopped (a pause, a restart): the walk resumes at page 1
  const show dome = f.stored("tt1553656");
  BOOST_TEST(dome.year == 2013);  // ours was unknown
  BOOST_TEST(dome.runtime == 60);
  BOOST_TEST(dome.network == "CBS");
  BOOST_TEST(dome.premise.find("Under the Dome") != std::string::npos);  // ours was empty
  BOOST_TEST(f.link("tvmaze", "tt1553656") == "1");

  sync::index_walker walk(*f.db, *f.tv);
  auto start = walk.begin();
  BOOST_REQUIRE(start.ok());
  BOOST_TEST(*start == 1);
  auto p1 = walk.walk(1);
  BOOST_REQUIRE(!p1.err);
  BOOST_REQUIRE(p1.matched.size() == 1u);  // Fargo, found although the lookup had missed it
  BOOST_TEST(p1.matched[0].show_id == "tt2802850");
  BOOST_TEST(f.link("tvmaze", "tt2802850") == "263");
  BOOST_TEST(f.link("tvmaze_missing", "tt2802850").empty());
  auto p2 = walk.walk(2);
  BOOST_REQUIRE(!p2.err);
  BOOST_TEST(p2.end);
  BOOST_TEST(f.meta("tvmaze_index_page") == "0");
  BOOST_TEST(
      (f.targets() == std::vector<std::string>{"/shows?page=0", "/shows?page=1", "/shows?page=2"}));

  // A second walk matches the linked shows by their TVmaze ids and finds nothing new.
  sync::index_walker again(*f.db, *f.tv);
  BOOST_REQUIRE(again.begin().ok());
  auto q0 = again.walk(0);
  BOOST_REQUIRE(q0.matched.size() == 1u);
  BOOST_TEST(sync::to_string(q0.matched[0].what) == "unchanged");
  BOOST_TEST(!q0.matched[0].linked);
}

BOOST_AUTO_TEST_CASE(a_malformed_index_page_is_an_error_the_walk_can_pass_over) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.server->use_scenario("failing").ok());
  sync::index_walker walk(*f.db, *f.tv);
  BOOST_REQUIRE(walk.begin().ok());
  auto p0 = walk.walk(0);
  BOOST_REQUIRE(p0.err);
  BOOST_TEST(!sync::run_should_stop(*p0.err));
  BOOST_TEST(f.meta("tvmaze_index_page").empty());  // nothing recorded
  BOOST_REQUIRE(walk.skip(0).ok());
  BOOST_TEST(f.meta("tvmaze_index_page") == "1");
}

BOOST_AUTO_TEST_CASE(a_tvmaze_show_linked_to_another_of_ours_is_not_moved) {
  tvmaze_fixture f;
  // Our Bluey is linked to the show the Slow Horses lookup redirects to (a duplicate).
  BOOST_REQUIRE(f.db->set_show_link("tt7678620", "tvmaze", "44983").ok());
  BOOST_REQUIRE(f.db->set_meta("tvmaze_last_run", std::to_string(kNow)).ok());  // no refresh
  sync::metadata_refresher run(*f.db, *f.tv, kNow);
  auto plan = run.begin(1);
  BOOST_REQUIRE(plan.ok());
  BOOST_REQUIRE(plan->tasks.size() == 1u);
  BOOST_TEST(plan->tasks[0].show_id == "tt5875444");
  auto r = run.run(plan->tasks[0]);
  BOOST_TEST(sync::to_string(r.what) == "missing");
  BOOST_TEST(r.message.find("linked to tt7678620") != std::string::npos, r.message);
  BOOST_TEST(f.link("tvmaze", "tt7678620") == "44983");
  BOOST_TEST(f.link("tvmaze_missing", "tt5875444") == "tt5875444");
}

BOOST_AUTO_TEST_SUITE_END()

// -- the actor ----------------------------------------------------------------------------------

namespace {

/// The board's tvmaze job once `done(job)` holds, polling for up to 20 s.
net::job_info wait_for(actors::sync_board& board,
                       const std::function<bool(const net::job_info&)>& done) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    auto j = board.get("tvmaze");
    BOOST_REQUIRE(j.has_value());
    if (done(*j)) return *j;
    BOOST_REQUIRE_MESSAGE(
        std::chrono::steady_clock::now() < until,
        "the tvmaze job did not get there: state " + std::string(net::to_string(j->state)));
    std::this_thread::sleep_for(milliseconds(10));
  }
}

struct published {
  std::mutex mu;
  std::vector<snapshot_ptr> snaps;
  void add(snapshot_ptr s) {
    std::lock_guard<std::mutex> lock(mu);
    snaps.push_back(std::move(s));
  }
  std::size_t size() {
    std::lock_guard<std::mutex> lock(mu);
    return snaps.size();
  }
  snapshot_ptr last() {
    std::lock_guard<std::mutex> lock(mu);
    return snaps.empty() ? nullptr : snaps.back();
  }
};

/// What a link's `news` was handed, call by call ("<show> S<season> <airdate>"), from any thread.
struct news_seen {
  struct calls {
    std::mutex mu;
    std::vector<std::vector<std::string>> items;
  };
  std::shared_ptr<calls> seen = std::make_shared<calls>();

  std::function<void(std::vector<season_news>)> sink() const {
    return [seen = seen](std::vector<season_news> items) {
      std::vector<std::string> call;
      for (const auto& n : items)
        call.push_back(n.show_id + " S" + std::to_string(n.season) + " " + n.airdate);
      std::lock_guard<std::mutex> lock(seen->mu);
      seen->items.push_back(std::move(call));
    };
  }
  std::vector<std::vector<std::string>> all() const {
    std::lock_guard<std::mutex> lock(seen->mu);
    return seen->items;
  }
};

actors::tvmaze_sync_options actor_options(const tvmaze_fixture& f) {
  actors::tvmaze_sync_options o;
  o.enabled = true;
  o.schedule = false;
  o.link_limit = 10;
  o.tvmaze = f.options();
  o.retry = quick_retries();
  o.now = [] { return kNow; };
  o.sleep = [](milliseconds) {};
  return o;
}

/// The TVmaze sync job over `db`; season news go to `news` (none: the link takes none).
actors::sync_job_actor spawn_tvmaze(caf::actor_system& sys, const actors::tvmaze_sync_options& o,
                                    std::unique_ptr<storage::store> db,
                                    std::shared_ptr<actors::sync_board> board,
                                    std::function<snapshot_ptr()> current,
                                    std::function<void(snapshot_ptr)> publish,
                                    std::function<void(std::vector<season_news>)> news = {}) {
  actors::catalog_link link;
  link.current = std::move(current);
  link.publish = [publish = std::move(publish)](snapshot_ptr s, auto&&...) {
    publish(std::move(s));
  };
  link.news = std::move(news);
  return actors::spawn_sync_job(sys, o, actors::make_tvmaze_strategy(o, std::move(link)),
                                std::move(db), std::move(board));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(actor)

BOOST_AUTO_TEST_CASE(a_run_links_refreshes_records_and_publishes) {
  tvmaze_fixture f;
  auto second = storage::open_sqlite(f.db_path());
  BOOST_REQUIRE(second.ok());
  auto board = std::make_shared<actors::sync_board>();
  auto seen = std::make_shared<published>();
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto current = catalog_snapshot::build({}, {}, 7);
  news_seen news;
  auto a = spawn_tvmaze(
      sys, actor_options(f), std::move(*second), board, [current] { return current; },
      [seen](snapshot_ptr s) { seen->add(std::move(s)); }, news.sink());
  BOOST_TEST((board->get("tvmaze")->state == net::job_state::idle));
  BOOST_TEST(board->get("tvmaze")->job == "metadata_refresh");

  caf::anon_send(a, actors::run_atom::value, std::string("metadata_refresh"));
  auto j = wait_for(*board, [](const net::job_info& x) { return x.last_status.has_value(); });
  BOOST_TEST((j.state == net::job_state::idle));
  BOOST_TEST((j.last_status == net::run_outcome::ok), j.last_message);
  BOOST_TEST(j.total == 5);  // every unlinked show with an IMDb id (limit 10)
  BOOST_TEST(j.done == 5);
  BOOST_TEST(j.changed == 2);  // Slow Horses, Bluey; the other three: lookup 404 -> missing
  BOOST_TEST(j.last_message.find("2 linked") != std::string::npos, j.last_message);
  BOOST_REQUIRE(seen->size() == 1u);
  auto snap = seen->last();
  BOOST_TEST(snap->version() != current->version());
  auto at = snap->find("tt5875444");
  BOOST_REQUIRE(at.has_value());
  BOOST_TEST(snap->at(*at).runtime == 49);
  // Slow Horses' season 5, handed over once at the end of the run; Bluey's next episode is
  // mid-season.
  BOOST_TEST((news.all() == std::vector<std::vector<std::string>>{{"tt5875444 S5 2025-09-24"}}));

  auto runs = f.db->recent_sync_runs(5);
  BOOST_REQUIRE(runs.ok() && runs->size() == 1u);
  BOOST_TEST(runs->front().source == "tvmaze");
  BOOST_TEST(runs->front().kind == "metadata_refresh");
  BOOST_TEST(runs->front().status == "ok");
  BOOST_TEST(runs->front().checked == 5);
  BOOST_TEST(f.meta("tvmaze_last_run") == std::to_string(kNow));
  caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(season_news_goes_to_the_link_on_publish_once_even_without_changes) {
  tvmaze_fixture f;
  BOOST_REQUIRE(f.db->set_show_link("tt5875444", "tvmaze", "44983").ok());
  BOOST_REQUIRE(f.db->set_meta("tvmaze_last_run", std::to_string(kLastRun)).ok());
  storage::show_metadata known;  // TVmaze has nothing to change in our Slow Horses
  known.runtime = 49;
  known.network = "Apple TV+";
  BOOST_REQUIRE(f.db->update_show_metadata("tt5875444", known).ok());
  news_seen news;
  std::size_t publishes = 0;
  actors::catalog_link link;
  link.current = [] { return snapshot_ptr(); };
  link.publish = [&publishes](snapshot_ptr, auto&&...) { ++publishes; };
  link.news = news.sink();
  auto o = actor_options(f);
  o.link_limit = 0;
  auto strategy = actors::make_tvmaze_strategy(o, std::move(link));
  strategy->attach(*f.db, *f.fetch);
  actors::run_progress p;
  BOOST_REQUIRE(strategy->plan({"metadata_refresh", 0}, kNow, p).ok());
  actors::run_context run;
  run.job = "metadata_refresh";
  run.started = kNow;
  run.interrupted = [] { return false; };
  BOOST_REQUIRE(strategy->begin(run, p).ok());
  BOOST_TEST(p.total == 1);  // the refresh of Slow Horses
  const auto refreshed = strategy->step(run, p);
  BOOST_TEST((refreshed.what == actors::step_result::kind::more));
  BOOST_TEST(p.changed == 0);
  BOOST_TEST(news.all().empty());  // collected, not handed over before a publish
  BOOST_TEST(!strategy->publish_due());
  strategy->publish(run);       // as on a pause
  BOOST_TEST(publishes == 0u);  // no catalog: nothing changed
  BOOST_TEST((news.all() == std::vector<std::vector<std::string>>{{"tt5875444 S5 2025-09-24"}}));
  const auto ended = strategy->step(run, p);
  BOOST_TEST((ended.what == actors::step_result::kind::ended));
  strategy->finish(run, ended, kNow, p);
  strategy->publish(run);               // as the job does at the end
  BOOST_TEST(news.all().size() == 1u);  // once

  // A run with no publish before its end hands its news over at the end (finish, publish).
  BOOST_REQUIRE(f.db->set_meta("tvmaze_last_run", std::to_string(kLastRun)).ok());
  BOOST_REQUIRE(strategy->plan({"metadata_refresh", 0}, kNow, p).ok());
  BOOST_REQUIRE(strategy->begin(run, p).ok());
  BOOST_TEST((strategy->step(run, p).what == actors::step_result::kind::more));
  const auto last = strategy->step(run, p);
  BOOST_TEST((last.what == actors::step_result::kind::ended));
  strategy->finish(run, last, kNow, p);
  strategy->publish(run);
  BOOST_TEST((news.all() == std::vector<std::vector<std::string>>{{"tt5875444 S5 2025-09-24"},
                                                                  {"tt5875444 S5 2025-09-24"}}));
  BOOST_TEST(publishes == 0u);
}

BOOST_AUTO_TEST_CASE(an_index_walk_pauses_resumes_and_completes) {
  tvmaze_fixture f;
  auto second = storage::open_sqlite(f.db_path());
  BOOST_REQUIRE(second.ok());
  auto board = std::make_shared<actors::sync_board>();
  auto seen = std::make_shared<published>();
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto a = spawn_tvmaze(
      sys, actor_options(f), std::move(*second), board, [] { return snapshot_ptr(); },
      [seen](snapshot_ptr s) { seen->add(std::move(s)); });
  board->request_pause("tvmaze", true);
  caf::anon_send(a, actors::run_atom::value, std::string("index_walk"));
  wait_for(*board, [](const net::job_info& x) { return x.state == net::job_state::paused; });
  BOOST_TEST(f.server->log().empty());  // paused before it began: no run
  board->request_pause("tvmaze", false);
  caf::anon_send(a, actors::resume_atom::value);
  caf::anon_send(a, actors::run_atom::value, std::string("index_walk"));
  auto j = wait_for(*board, [](const net::job_info& x) { return x.last_status.has_value(); });
  BOOST_TEST((j.last_status == net::run_outcome::ok), j.last_message);
  BOOST_TEST(j.job == "index_walk");
  BOOST_TEST(j.done == 3);  // pages 0, 1 and the 404
  BOOST_TEST(j.last_message.find("index walk is complete") != std::string::npos);
  BOOST_TEST(f.link("tvmaze", "tt1553656") == "1");
  BOOST_TEST(f.link("tvmaze", "tt2802850") == "263");
  BOOST_TEST(seen->size() == 1u);
  BOOST_TEST(f.meta("tvmaze_index_page") == "0");
  caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(a_disabled_sync_is_off_and_never_runs) {
  tvmaze_fixture f;
  auto second = storage::open_sqlite(f.db_path());
  BOOST_REQUIRE(second.ok());
  auto board = std::make_shared<actors::sync_board>();
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto o = actor_options(f);
  o.enabled = false;
  auto a = spawn_tvmaze(
      sys, o, std::move(*second), board, [] { return snapshot_ptr(); }, [](snapshot_ptr) {});
  BOOST_TEST((board->get("tvmaze")->state == net::job_state::off));
  BOOST_TEST(!board->get("tvmaze")->enabled);
  caf::anon_send(a, actors::run_atom::value, std::string("metadata_refresh"));
  caf::anon_send(a, actors::tick_atom::value);
  std::this_thread::sleep_for(milliseconds(200));
  BOOST_TEST(f.server->log().empty());
  BOOST_TEST((board->get("tvmaze")->state == net::job_state::off));
  caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_SUITE_END()
