// The Serializd ratings import (sync/serializd_source, sync/serializd_import_job and the
// actors/serializd_sync actor) against Serializd-shaped answers from the replay server, over a
// real SQLite store: token check, diary and watched paging, season roll-up, the catalog joins,
// the report, the profile's own ratings kept, and the failures (refused token, 500, timeout,
// 429, block page, malformed JSON) that must leave every rating as it was.
#define BOOST_TEST_MODULE sync_serializd_import
#include <boost/test/unit_test.hpp>

#include <stdlib.h>  // mkdtemp
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "actors/serializd_strategy.hpp"
#include "actors/sync_job.hpp"
#include "adapters/upstream_body.hpp"
#include "storage/sqlite_store.hpp"
#include "sync/serializd_import_job.hpp"
#include "sync/serializd_source.hpp"
#include "test/support/replay_server.hpp"

using namespace recs;
using recs::test::answer;
using recs::test::canned_response;
using recs::test::replay_route;
using recs::test::replay_server;
using std::chrono::milliseconds;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1764000000;  // 2025-11-24
constexpr const char* kToken = "eyJ.test-token.sig";
constexpr const char* kDiary1 = "/api/user/rossw/diary?page=1";
constexpr const char* kDiary2 = "/api/user/rossw/diary?page=2";
constexpr const char* kWatched1 = "/api/user/rossw/watchedpage_v2/1?sort_by=date_added_desc";
constexpr const char* kWatched2 = "/api/user/rossw/watchedpage_v2/2?sort_by=date_added_desc";
constexpr const char* kValidate = "/api/validateauthtoken";
constexpr const char* kSummary =
    "rossw: 9 shows; 3 imported, 1 unchanged, 1 kept (Severance); 7 matched (2 without a "
    "rating), 1 unmatched (The Amazing Race 2001), 1 ambiguous (The Bear 2022: tt14452776 | "
    "x-the-bear-2022)";

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
  auto body = read_file(source_dir() / "test/fixtures/upstream/serializd" / name);
  BOOST_REQUIRE_MESSAGE(!body.empty(), "missing fixture " + name);
  return body;
}

/// The second watched page with one more show, watched but never logged in the diary.
std::string watched_page2_with_utopia() {
  std::string page = fixture("watched_page2.json");
  const std::string items = "\"items\": [";
  const auto at = page.find(items);
  BOOST_REQUIRE(at != std::string::npos);
  page.insert(at + items.size(),
              R"({"showId":46896,"seasonIds":[61208],"dateAdded":"2021-01-09T10:00:00.000Z",)"
              R"("showName":"Utopia","numSeasons":2,"numEpisodes":12},)");
  return page;
}

std::string path_of(const replay_route& r) {
  return r.query ? r.path + "?" + *r.query : r.path;
}

/// Serializd as the fixtures have it, with the answers of some paths (as in kDiary1) replaced.
std::vector<replay_route> serializd_routes(
    const std::map<std::string, std::vector<canned_response>>& replace = {}) {
  std::vector<replay_route> routes{
      test::route("POST", kValidate, {answer(200, fixture("validate_token.json"))}),
      test::route("GET", kDiary1, {answer(200, fixture("diary_page1.json"))}),
      test::route("GET", kDiary2, {answer(200, fixture("diary_page2.json"))}),
      test::route("GET", kWatched1, {answer(200, fixture("watched_page1.json"))}),
      test::route("GET", kWatched2, {answer(200, watched_page2_with_utopia())}),
  };
  for (auto& r : routes) {
    if (auto it = replace.find(path_of(r)); it != replace.end()) r.responses = it->second;
  }
  return routes;
}

show make_show(std::string id, std::string title, int year) {
  show s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.year = year;
  return s;
}

rating make_rating(std::int64_t profile, std::string show, verdict v, std::optional<int> score,
                   std::string source) {
  rating r;
  r.profile_id = profile;
  r.show_id = std::move(show);
  r.primary = v;
  r.score = score;
  r.source = std::move(source);
  r.ts = kNow - 1000;
  return r;
}

/// Records the waits a fetcher asks for instead of sleeping.
struct recorded_waits {
  std::shared_ptr<std::vector<milliseconds>> waits = std::make_shared<std::vector<milliseconds>>();
  httpc::fetcher::sleeper sleeper() const {
    auto w = waits;
    return [w](milliseconds d) { w->push_back(d); };
  }
};

struct import_fixture {
  fs::path dir;
  std::unique_ptr<storage::store> db;
  std::unique_ptr<replay_server> server;
  recorded_waits waits;
  std::unique_ptr<httpc::fetcher> fetch;
  std::unique_ptr<sync::serializd_source> source;
  std::int64_t ross = 0;
  std::vector<rating> before;  ///< Ross's ratings before the import

  explicit import_fixture(std::vector<replay_route> routes = serializd_routes(),
                          httpc::client_options copts = {}, httpc::retry_policy rp = {}) {
    char tmpl[] = "/tmp/recs-serializd-XXXXXX";
    dir = ::mkdtemp(tmpl);
    db = open();
    BOOST_REQUIRE(db->migrate().ok());
    BOOST_REQUIRE(db->upsert_shows({
                                       make_show("tt5875444", "Slow Horses", 2022),
                                       make_show("tt2802850", "Fargo", 2014),
                                       make_show("x-fargo-2014", "Fargo", 2014),
                                       make_show("tt7678620", "Bluey", 2018),
                                       make_show("tt11280740", "Severance", 2022),
                                       make_show("tt10155688", "Mare of Easttown", 2021),
                                       make_show("tt7660850", "Succession", 2018),
                                       make_show("tt14452776", "The Bear", 2022),
                                       make_show("x-the-bear-2022", "The Bear", 2022),
                                       make_show("tt2384811", "Utopia", 2013),
                                   })
                      .ok());
    // Linked by the JustWatch refresh: the TMDB rule finds these.
    BOOST_REQUIRE(db->set_show_link("tt5875444", "tmdb", "95480").ok());
    BOOST_REQUIRE(db->set_show_link("tt2802850", "tmdb", "60622").ok());
    auto home = db->create_household("Home", "demo@local.test", {});
    BOOST_REQUIRE(home.ok());
    auto p = db->create_profile(home->id, "Ross", maturity::r18);
    BOOST_REQUIRE(p.ok());
    ross = p->id;
    // Ross rated Severance in the app; Mare of Easttown came from an earlier import.
    BOOST_REQUIRE(
        db->put_rating(make_rating(ross, "tt11280740", verdict::loved, std::nullopt, "app")).ok());
    BOOST_REQUIRE(
        db->put_rating(make_rating(ross, "tt10155688", verdict::good, 7, "serializd")).ok());
    before = ratings();

    server =
        std::make_unique<replay_server>(test::replay_scenarios{{"default", std::move(routes)}});
    auto st = server->start();
    BOOST_REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.err().message));
    fetch = std::make_unique<httpc::fetcher>("serializd", copts, rp, std::nullopt, waits.sleeper());
    source = std::make_unique<sync::serializd_source>(options(), *fetch);
  }
  ~import_fixture() {
    server.reset();
    db.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  std::unique_ptr<storage::store> open() const {
    auto opened = storage::open_sqlite((dir / "recs.sqlite").string());
    BOOST_REQUIRE(opened.ok());
    return std::move(*opened);
  }

  sync::serializd_options options(std::string token = kToken) const {
    sync::serializd_options o;
    o.base_url = server->base_url() + "/api";
    o.user = "ross@example.com";
    o.token = std::move(token);
    return o;
  }

  result<sync::serializd_import_result> import() {
    sync::serializd_import_options o;
    o.profile_id = ross;
    o.now = kNow;
    sync::serializd_import_job job(*db, *source, o);
    return job.run();
  }

  std::vector<rating> ratings() {
    auto r = db->ratings(ross);
    BOOST_REQUIRE(r.ok());
    auto out = std::move(*r);
    std::sort(out.begin(), out.end(),
              [](const rating& a, const rating& b) { return a.show_id < b.show_id; });
    return out;
  }

  std::size_t tmdb_links() {
    auto links = db->show_links("tmdb");
    BOOST_REQUIRE(links.ok());
    return links->size();
  }

  std::vector<std::string> targets() const {
    std::vector<std::string> out;
    for (const auto& r : server->log()) out.push_back(r.target);
    return out;
  }

  std::size_t requests_to(const std::string& target) const {
    const auto t = targets();
    return static_cast<std::size_t>(std::count(t.begin(), t.end(), target));
  }

  /// Nothing the import may write was written: Ross's ratings and the links are as before.
  void nothing_written() {
    ratings_unchanged();
    BOOST_TEST(tmdb_links() == 2u);
  }

  void ratings_unchanged() {
    const auto now = ratings();
    BOOST_REQUIRE_EQUAL(now.size(), before.size());
    for (std::size_t i = 0; i < now.size(); ++i) {
      BOOST_TEST(now[i].show_id == before[i].show_id);
      BOOST_TEST(now[i].source == before[i].source);
      BOOST_TEST((now[i].primary == before[i].primary));
    }
  }
};

const rating* find_rating(const std::vector<rating>& rs, const std::string& show) {
  for (const auto& r : rs)
    if (r.show_id == show) return &r;
  return nullptr;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

std::string header(const test::logged_request& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(job)

BOOST_AUTO_TEST_CASE(reads_every_diary_and_watched_page_and_reports) {
  import_fixture f;
  auto r = f.import();
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(r->username == "rossw");  // the token's account, not SERIALIZD_USER (an e-mail)
  BOOST_TEST(r->diary_pages == 2);
  BOOST_TEST(r->watched_pages == 2);
  BOOST_TEST(r->diary_entries == 16u);
  BOOST_TEST(r->watched_shows == 8u);
  BOOST_TEST(r->watched_only == 1u);  // Utopia
  BOOST_TEST(
      (f.targets() == std::vector<std::string>{kValidate, kDiary1, kDiary2, kWatched1, kWatched2}));

  const auto& rep = r->report;
  BOOST_TEST(rep.shows == 9u);
  BOOST_TEST(rep.matched == 7u);
  BOOST_TEST(rep.unmatched == 1u);
  BOOST_TEST(rep.ambiguous == 1u);
  BOOST_TEST(rep.unrated == 2u);  // Succession (logged without stars), Utopia (watched only)
  BOOST_TEST(rep.duplicates == 0u);
  BOOST_REQUIRE(rep.unmatched_examples.size() == 1u);
  BOOST_TEST(rep.unmatched_examples[0].show_name == "The Amazing Race");
  BOOST_REQUIRE(rep.ambiguous_examples.size() == 1u);
  BOOST_TEST((rep.ambiguous_examples[0].candidates ==
              std::vector<std::string>{"tt14452776", "x-the-bear-2022"}));
  BOOST_TEST(rep.ratings.size() == 5u);

  // The in-app Severance rating is kept, the earlier Mare of Easttown import is unchanged.
  BOOST_TEST(r->kept == 1u);
  BOOST_TEST((r->kept_examples == std::vector<std::string>{"Severance"}));
  BOOST_TEST(r->unchanged == 1u);
  BOOST_REQUIRE(r->ratings.size() == 3u);
  for (const auto& x : r->ratings) {
    BOOST_TEST(x.profile_id == f.ross);
    BOOST_TEST(x.source == "serializd");
  }
  BOOST_TEST(sync::summarize(*r) == kSummary);

  // The job writes no rating: the caller applies them.
  f.ratings_unchanged();
}

BOOST_AUTO_TEST_CASE(every_request_carries_the_headers_and_the_token) {
  import_fixture f;
  BOOST_REQUIRE(f.import().ok());
  const auto log = f.server->log();
  BOOST_REQUIRE(log.size() == 5u);
  for (const auto& r : log) {
    BOOST_TEST(header(r, "origin") == "https://www.serializd.com");
    BOOST_TEST(header(r, "referer") == "https://www.serializd.com");
    BOOST_TEST(header(r, "x-requested-with") == "serializd_vercel");
    BOOST_TEST(header(r, "authorization") == std::string("Bearer ") + kToken);
  }
  BOOST_TEST(log[0].method == "POST");
  BOOST_TEST(log[0].body == std::string("{\"token\":\"") + kToken + "\"}");
}

BOOST_AUTO_TEST_CASE(season_entries_roll_up_per_show_onto_primary_and_score) {
  import_fixture f;
  auto r = f.import();
  BOOST_REQUIRE(r.ok());
  // Slow Horses: seasons 8 (the rewatch supersedes the first 7), 8 and 9 -> mean 8.33 -> 8.
  const rating* slow = find_rating(r->ratings, "tt5875444");
  BOOST_REQUIRE(slow);
  BOOST_TEST(slow->score.value() == 8);
  BOOST_TEST((slow->primary == verdict::loved));
  BOOST_TEST(slow->ts == 1735329600);  // the rewatch's backdate, 2024-12-27T20:00:00Z
  // Fargo: 6 and 9 (a log without stars does not count) -> 7.5 -> 8.
  const rating* fargo = find_rating(r->ratings, "tt2802850");
  BOOST_REQUIRE(fargo);
  BOOST_TEST(fargo->score.value() == 8);
  // Bluey: the whole-show 10 wins over a season's 6.
  const rating* bluey = find_rating(r->ratings, "tt7678620");
  BOOST_REQUIRE(bluey);
  BOOST_TEST(bluey->score.value() == 10);
  BOOST_TEST((bluey->primary == verdict::loved));
  // Severance: the season-level 4 beats an episode's 10 -> bad (then kept: Ross rated it).
  const rating* sev = find_rating(r->report.ratings, "tt11280740");
  BOOST_REQUIRE(sev);
  BOOST_TEST(sev->score.value() == 4);
  BOOST_TEST((sev->primary == verdict::bad));
  BOOST_TEST(!find_rating(r->ratings, "tt11280740"));
  // Mare of Easttown: 7 -> good, as imported before: not handed over again.
  const rating* mare = find_rating(r->report.ratings, "tt10155688");
  BOOST_REQUIRE(mare);
  BOOST_TEST((mare->primary == verdict::good));
  BOOST_TEST(!find_rating(r->ratings, "tt10155688"));
}

BOOST_AUTO_TEST_CASE(joins_by_tmdb_link_then_title_and_year_and_learns_links) {
  import_fixture f;
  auto r = f.import();
  BOOST_REQUIRE(r.ok());
  // Fargo has two 2014 catalog entries: the title alone is ambiguous, the TMDB link is not.
  BOOST_TEST(find_rating(r->ratings, "tt2802850"));
  BOOST_TEST(!find_rating(r->ratings, "x-fargo-2014"));
  // Matched by title and year, and remembered: Bluey, Severance, Mare of Easttown, Succession.
  // Utopia (watched only: no year) and the shows found by their links are not learned again.
  using link = std::pair<std::int64_t, std::string>;
  BOOST_TEST((r->links_learned == std::vector<link>{{76331, "tt7660850"},
                                                    {82728, "tt7678620"},
                                                    {95396, "tt11280740"},
                                                    {115004, "tt10155688"}}));
  BOOST_TEST(f.tmdb_links() == 6u);
  auto bluey = f.db->show_by_link("tmdb", "82728");
  BOOST_REQUIRE(bluey.ok());
  BOOST_TEST(bluey->value_or("") == "tt7678620");

  // The catalog renames Bluey: the title no longer fits, the learned link still does.
  BOOST_REQUIRE(f.db->upsert_shows({make_show("tt7678620", "Bluey (AU)", 2018)}).ok());
  f.server->reset();
  auto again = f.import();
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(find_rating(again->ratings, "tt7678620"));
  BOOST_TEST(again->links_learned.empty());
  BOOST_TEST(again->report.matched == 7u);
}

BOOST_AUTO_TEST_CASE(a_profile_rating_made_in_the_app_is_never_overwritten) {
  import_fixture f;
  // Ross also rated Bluey in the app ("bad"), and an earlier import gave Slow Horses "good".
  BOOST_REQUIRE(
      f.db->put_rating(make_rating(f.ross, "tt7678620", verdict::bad, std::nullopt, "app")).ok());
  BOOST_REQUIRE(
      f.db->put_rating(make_rating(f.ross, "tt5875444", verdict::good, 6, "serializd")).ok());
  auto r = f.import();
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->kept == 2u);
  BOOST_TEST((r->kept_examples == std::vector<std::string>{"Bluey", "Severance"}));
  BOOST_TEST(!find_rating(r->ratings, "tt7678620"));
  // A Serializd rating that changed upstream is handed over again.
  const rating* slow = find_rating(r->ratings, "tt5875444");
  BOOST_REQUIRE(slow);
  BOOST_TEST(slow->score.value() == 8);
}

BOOST_AUTO_TEST_CASE(an_unknown_profile_fails_before_any_request) {
  import_fixture f;
  sync::serializd_import_options o;
  o.profile_id = 9999;
  o.now = kNow;
  sync::serializd_import_job job(*f.db, *f.source, o);
  auto r = job.run();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::not_found));
  BOOST_TEST(contains(r.err().message, "profile 9999"));
  BOOST_TEST(f.targets().empty());
}

BOOST_AUTO_TEST_CASE(progress_and_a_failed_step_repeats_the_same_page) {
  httpc::retry_policy once;
  once.max_attempts = 1;
  import_fixture f(
      serializd_routes({{kDiary2, {answer(503), answer(200, fixture("diary_page2.json"))}}}), {},
      once);
  sync::serializd_import_options o;
  o.profile_id = f.ross;
  o.now = kNow;
  sync::serializd_import_job job(*f.db, *f.source, o);
  BOOST_TEST(job.current() == "checking the token");
  BOOST_REQUIRE(job.step().ok());
  BOOST_TEST(job.current() == "diary page 1");
  BOOST_REQUIRE(job.step().ok());
  BOOST_TEST(job.current() == "diary page 2 of 2");
  BOOST_TEST(job.pages_done() == 1);
  BOOST_TEST(job.pages_known() == 2);
  auto failed = job.step();  // the 503, not retried with max_attempts 1
  BOOST_REQUIRE(!failed.ok());
  BOOST_TEST((failed.err().code == errc::unavailable));
  BOOST_TEST(job.current() == "diary page 2 of 2");
  BOOST_TEST(job.pages_done() == 1);
  auto r = job.run();  // the same page again, then the rest
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(job.done());
  BOOST_TEST(r->diary_entries == 16u);
  BOOST_TEST(f.requests_to(kDiary2) == 2u);
  BOOST_TEST(f.requests_to(kDiary1) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(failures)

BOOST_AUTO_TEST_CASE(a_refused_token_is_a_clear_forbidden_error) {
  import_fixture f(
      serializd_routes({{kValidate, {answer(401, fixture("unauthorized_401.json"))}}}));
  auto r = f.import();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::forbidden));
  BOOST_TEST(contains(r.err().message, "SERIALIZD_TOKEN was refused"), r.err().message);
  BOOST_TEST(contains(r.err().message, "HTTP 401"), r.err().message);
  BOOST_TEST((f.targets() == std::vector<std::string>{kValidate}));  // 401 is not retried
  f.nothing_written();
}

BOOST_AUTO_TEST_CASE(a_token_serializd_says_is_invalid_is_forbidden) {
  import_fixture f(serializd_routes({{kValidate, {answer(200, R"({"isValid":false})")}}}));
  auto r = f.import();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::forbidden));
  BOOST_TEST(contains(r.err().message, "SERIALIZD_TOKEN is not valid"), r.err().message);
  f.nothing_written();
}

BOOST_AUTO_TEST_CASE(no_token_is_forbidden_without_a_request) {
  import_fixture f;
  sync::serializd_source unset(f.options(""), *f.fetch);
  sync::serializd_import_options o;
  o.profile_id = f.ross;
  sync::serializd_import_job job(*f.db, unset, o);
  auto r = job.run();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::forbidden));
  BOOST_TEST(contains(r.err().message, "SERIALIZD_TOKEN is not set"));
  BOOST_TEST(f.targets().empty());
}

BOOST_AUTO_TEST_CASE(a_read_refused_midway_is_forbidden_and_writes_nothing) {
  import_fixture f(
      serializd_routes({{kWatched1, {answer(401, fixture("unauthorized_401.json"))}}}));
  auto r = f.import();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::forbidden));
  BOOST_TEST(contains(r.err().message, "reading the watched shows of rossw was refused"),
             r.err().message);
  f.nothing_written();
}

BOOST_AUTO_TEST_CASE(a_500_is_retried_and_the_import_succeeds) {
  import_fixture f(
      serializd_routes({{kDiary2, {answer(500), answer(200, fixture("diary_page2.json"))}}}));
  auto r = f.import();
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(r->ratings.size() == 3u);
  BOOST_TEST(f.requests_to(kDiary2) == 2u);
  BOOST_TEST(f.fetch->stats().retries == 1u);
  BOOST_REQUIRE(f.waits.waits->size() == 1u);  // one backoff
}

BOOST_AUTO_TEST_CASE(a_500_that_persists_fails_after_the_retries) {
  import_fixture f(serializd_routes({{kWatched2, {answer(500)}}}));
  auto r = f.import();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(contains(r.err().message, "serializd answered HTTP 500 (after 4 attempts)"),
             r.err().message);
  BOOST_TEST(f.requests_to(kWatched2) == 4u);
  f.nothing_written();
}

BOOST_AUTO_TEST_CASE(a_timeout_fails_with_unavailable_and_writes_nothing) {
  canned_response slow = answer(200, fixture("diary_page1.json"));
  slow.delay_ms = 2000;
  httpc::client_options quick;
  quick.request_timeout = milliseconds(200);
  httpc::retry_policy twice;
  twice.max_attempts = 2;
  import_fixture f(serializd_routes({{kDiary1, {slow}}}), quick, twice);
  const auto start = std::chrono::steady_clock::now();
  auto r = f.import();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::unavailable));
  BOOST_TEST(contains(r.err().message, "timeout"), r.err().message);
  BOOST_TEST(contains(r.err().message, "(after 2 attempts)"), r.err().message);
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(3)));
  f.nothing_written();
}

BOOST_AUTO_TEST_CASE(a_429_waits_for_retry_after_then_succeeds) {
  import_fixture f(
      serializd_routes({{kDiary2,
                         {answer(429, R"({"error":"Too Many Requests"})", {{"Retry-After", "7"}}),
                          answer(200, fixture("diary_page2.json"))}}}));
  auto r = f.import();
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(r->ratings.size() == 3u);
  BOOST_TEST(f.fetch->stats().rate_limited == 1u);
  BOOST_REQUIRE(f.waits.waits->size() == 1u);
  BOOST_TEST(f.waits.waits->front().count() >= 7000);
}

BOOST_AUTO_TEST_CASE(a_429_asking_for_too_long_gives_up_rate_limited) {
  import_fixture f(serializd_routes(
      {{kDiary1, {answer(429, R"({"error":"Too Many Requests"})", {{"Retry-After", "3600"}})}}}));
  auto r = f.import();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(adapters::is_rate_limited(r.err()), r.err().message);
  BOOST_TEST(contains(r.err().message, "Retry-After asks for 3600 s"), r.err().message);
  BOOST_TEST(f.requests_to(kDiary1) == 1u);
  f.nothing_written();
}

BOOST_AUTO_TEST_CASE(an_html_body_is_a_block_page) {
  const std::string page =
      "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>";
  import_fixture f(
      serializd_routes({{kDiary1, {answer(200, page, {{"Content-Type", "text/html"}})}}}));
  auto r = f.import();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(adapters::is_blocked(r.err()), r.err().message);
  BOOST_TEST(contains(r.err().message, "Just a moment..."), r.err().message);
  BOOST_TEST(f.requests_to(kDiary1) == 2u);  // one retry after the long block delay
  BOOST_TEST(f.fetch->stats().blocked == 2u);
  f.nothing_written();
}

BOOST_AUTO_TEST_CASE(malformed_json_is_an_internal_error) {
  import_fixture f(serializd_routes(
      {{kWatched2, {answer(200, R"({"items": [{"showId": 1, "showName": "Cut)")}}}));
  auto r = f.import();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::internal));
  BOOST_TEST(contains(r.err().message, "serializd: malformed JSON"), r.err().message);
  BOOST_TEST(f.requests_to(kWatched2) == 1u);  // not retried: the same body would come back
  f.nothing_written();
}

BOOST_AUTO_TEST_CASE(an_answer_of_another_shape_is_an_internal_error) {
  import_fixture f(serializd_routes({{kDiary1, {answer(200, R"({"reviews": {}})")}}}));
  auto r = f.import();
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::internal));
  BOOST_TEST(contains(r.err().message, "unexpected response shape"), r.err().message);
  f.nothing_written();
}

BOOST_AUTO_TEST_SUITE_END()

// -- the actor ----------------------------------------------------------------------------------

namespace {

/// The actor over its own connection to the fixture's database, with the ratings it hands over.
struct actor_fixture {
  import_fixture f;
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::shared_ptr<actors::sync_board> board = std::make_shared<actors::sync_board>();
  std::shared_ptr<std::mutex> mu = std::make_shared<std::mutex>();
  std::shared_ptr<std::vector<std::vector<rating>>> handed =
      std::make_shared<std::vector<std::vector<rating>>>();
  actors::sync_job_actor actor;

  explicit actor_fixture(std::vector<replay_route> routes = serializd_routes(), bool enabled = true)
      : f(std::move(routes)), sys(std::make_unique<caf::actor_system>(cfg)) {
    actors::serializd_sync_options o;
    o.enabled = enabled;
    o.serializd = f.options();
    o.retry.base_delay = milliseconds(1);
    o.retry.max_attempts = 2;
    o.now = [] { return kNow; };
    auto m = mu;
    auto h = handed;
    auto sink = [m, h](std::vector<rating> rs) {
      std::lock_guard<std::mutex> lock(*m);
      h->push_back(std::move(rs));
    };
    actor =
        actors::spawn_sync_job(*sys, o, actors::make_serializd_strategy(o, sink), f.open(), board);
  }
  ~actor_fixture() {
    caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
    actor = nullptr;
    sys.reset();
  }

  net::job_info info() const { return board->get("serializd").value(); }

  /// Waits (up to 10 s) until the board shows `pred`.
  bool wait_for(const std::function<bool(const net::job_info&)>& pred) const {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < end) {
      if (pred(info())) return true;
      std::this_thread::sleep_for(milliseconds(5));
    }
    return false;
  }
  bool wait_finished() const {
    return wait_for([](const net::job_info& j) {
      return j.state == net::job_state::idle && j.last_status.has_value();
    });
  }

  /// Asks for an import into `profile_id`.
  void run(std::int64_t profile_id) const {
    caf::anon_send(actor, actors::run_atom::value, std::string(actors::kSerializdImportJob),
                   profile_id);
  }

  std::vector<std::vector<rating>> calls() const {
    std::lock_guard<std::mutex> lock(*mu);
    return *handed;
  }

  std::optional<storage::sync_run> last_run() {
    auto runs = f.db->recent_sync_runs(5);
    BOOST_REQUIRE(runs.ok());
    if (runs->empty()) return std::nullopt;
    return runs->front();
  }

  std::optional<std::string> last_seen() {
    auto v = f.db->get_meta("serializd_last_seen");
    BOOST_REQUIRE(v.ok());
    return *v;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(actor)

BOOST_AUTO_TEST_CASE(an_import_hands_the_ratings_over_and_records_the_run) {
  actor_fixture a;
  BOOST_TEST((a.info().state == net::job_state::idle));
  BOOST_TEST(a.info().job == "serializd_import");
  a.run(a.f.ross);
  BOOST_REQUIRE(a.wait_finished());
  const auto j = a.info();
  BOOST_TEST((j.last_status == net::run_outcome::ok));
  BOOST_TEST(j.last_message == kSummary);
  BOOST_TEST(j.changed == 3);
  BOOST_TEST(j.failed == 2);
  BOOST_TEST(j.done == 4);  // pages
  BOOST_TEST(j.last_finished_ts == kNow);

  const auto calls = a.calls();
  BOOST_REQUIRE(calls.size() == 1u);
  BOOST_REQUIRE(calls[0].size() == 3u);
  for (const auto& r : calls[0]) {
    BOOST_TEST(r.profile_id == a.f.ross);
    BOOST_TEST(r.source == "serializd");
  }
  BOOST_TEST(a.last_seen().value_or("") == std::to_string(kNow));
  const auto run = a.last_run();
  BOOST_REQUIRE(run);
  BOOST_TEST(run->source == "serializd");
  BOOST_TEST(run->kind == "ratings_import");
  BOOST_TEST(run->status == "ok");
  BOOST_TEST(run->checked == 9);
  BOOST_TEST(run->changed == 3);
  BOOST_TEST(run->failed == 2);
  BOOST_TEST(run->message == kSummary);
  BOOST_TEST(run->id == j.run_id);
  a.f.ratings_unchanged();             // the sink applies them, not the actor
  BOOST_TEST(a.f.tmdb_links() == 6u);  // 4 learned
}

BOOST_AUTO_TEST_CASE(a_failed_import_hands_nothing_over) {
  actor_fixture a(serializd_routes({{kDiary2, {answer(200, "{\"reviews\": [")}}}));
  a.run(a.f.ross);
  BOOST_REQUIRE(a.wait_finished());
  const auto j = a.info();
  BOOST_TEST((j.last_status == net::run_outcome::failed));
  BOOST_TEST(contains(j.last_message, "malformed JSON"), j.last_message);
  BOOST_TEST(a.calls().empty());
  BOOST_TEST(!a.last_seen().has_value());
  const auto run = a.last_run();
  BOOST_REQUIRE(run);
  BOOST_TEST(run->status == "failed");
  BOOST_TEST(run->message == j.last_message);
  a.f.nothing_written();

  // The next run is not blocked by the failed one.
  a.run(9999);
  BOOST_REQUIRE(a.wait_for([&](const net::job_info& x) {
    return x.run_id != j.run_id && x.state == net::job_state::idle && x.last_status.has_value();
  }));
  BOOST_TEST(contains(a.info().last_message, "profile 9999"));
}

BOOST_AUTO_TEST_CASE(a_pause_stops_between_pages_and_resume_continues) {
  canned_response slow = answer(200, fixture("diary_page2.json"));
  slow.delay_ms = 800;
  actor_fixture a(serializd_routes({{kDiary2, {slow}}}));
  a.run(a.f.ross);
  BOOST_REQUIRE(
      a.wait_for([](const net::job_info& j) { return contains(j.current, "diary page 2"); }));
  a.board->request_pause("serializd", true);
  BOOST_REQUIRE(
      a.wait_for([](const net::job_info& j) { return j.state == net::job_state::paused; }));
  std::this_thread::sleep_for(milliseconds(1000));  // the page on the wire has come back
  BOOST_TEST((a.info().state == net::job_state::paused));
  BOOST_TEST(!a.info().last_status.has_value());
  BOOST_TEST(a.calls().empty());
  BOOST_TEST(a.f.requests_to(kWatched1) == 0u);

  a.board->request_pause("serializd", false);
  caf::anon_send(a.actor, actors::resume_atom::value);
  BOOST_REQUIRE(a.wait_finished());
  BOOST_TEST((a.info().last_status == net::run_outcome::ok));
  BOOST_REQUIRE(a.calls().size() == 1u);
  BOOST_TEST(a.calls()[0].size() == 3u);
  BOOST_TEST(a.f.requests_to(kValidate) == 1u);
  BOOST_TEST(a.f.requests_to(kDiary1) == 1u);
}

BOOST_AUTO_TEST_CASE(a_pause_cuts_a_retry_after_wait_short_and_resume_asks_again) {
  actor_fixture a(
      serializd_routes({{kDiary2,
                         {answer(429, R"({"error":"Too Many Requests"})", {{"Retry-After", "30"}}),
                          answer(200, fixture("diary_page2.json"))}}}));
  a.run(a.f.ross);
  BOOST_REQUIRE(a.wait_for([&](const net::job_info&) { return a.f.requests_to(kDiary2) == 1u; }));
  const auto asked = std::chrono::steady_clock::now();
  a.board->request_pause("serializd", true);  // cancels the 30 s wait
  BOOST_REQUIRE(
      a.wait_for([](const net::job_info& j) { return j.state == net::job_state::paused; }));
  BOOST_TEST((std::chrono::steady_clock::now() - asked < std::chrono::seconds(5)));
  BOOST_TEST(!a.info().last_status.has_value());  // paused, not failed
  BOOST_TEST(a.calls().empty());

  a.board->request_pause("serializd", false);
  caf::anon_send(a.actor, actors::resume_atom::value);
  BOOST_REQUIRE(a.wait_finished());
  BOOST_TEST((a.info().last_status == net::run_outcome::ok), a.info().last_message);
  BOOST_TEST(a.f.requests_to(kDiary2) == 2u);  // the same page, asked again
  BOOST_REQUIRE(a.calls().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_run_asked_while_paused_or_off_does_not_start) {
  {
    actor_fixture a;
    a.board->request_pause("serializd", true);
    a.run(a.f.ross);
    BOOST_REQUIRE(
        a.wait_for([](const net::job_info& j) { return j.state == net::job_state::paused; }));
    BOOST_TEST(contains(a.info().last_message, "paused"));
    BOOST_TEST(!a.last_run().has_value());
  }
  {
    actor_fixture a(serializd_routes(), false);
    BOOST_TEST((a.info().state == net::job_state::off));
    BOOST_TEST(!a.info().enabled);
    a.run(a.f.ross);
    BOOST_REQUIRE(a.wait_for([](const net::job_info& j) { return !j.last_message.empty(); }));
    BOOST_TEST(contains(a.info().last_message, "USE_REAL_SERIALIZD"));
    BOOST_TEST((a.info().state == net::job_state::off));
    BOOST_TEST(!a.last_run().has_value());
    BOOST_TEST(a.f.targets().empty());
    BOOST_TEST(a.calls().empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()
