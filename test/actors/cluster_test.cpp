// Scale-out with real actors: two services ("instances") on one SQLite file and one throwaway
// redis-server (test/redis/redis_server_fixture), as two recs-server processes would share
// PostgreSQL and Redis. Also the profile actor's reload and the cost of a shared-cache read.
#define BOOST_TEST_MODULE actors_cluster
#include <boost/test/unit_test.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <iostream>
#include <mutex>
#include <thread>

#include "actors/profile_actor.hpp"
#include "actors/service.hpp"
#include "redis/redis_client.hpp"
#include "storage/sqlite_store.hpp"
#include "test/recsys/fixtures.hpp"
#include "test/redis/redis_server_fixture.hpp"

using namespace recs;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

/// Runs one asynchronous backend call and waits (up to 20 s) for its result.
template <class T, class Call>
result<T> wait_for(Call call) {
  auto done = std::make_shared<std::promise<result<T>>>();
  auto f = done->get_future();
  call([done](result<T> r) { done->set_value(std::move(r)); });
  BOOST_REQUIRE(f.wait_for(20s) == std::future_status::ready);
  return f.get();
}

/// Polls `pred` every 5 ms until it holds or `limit` passes; how long it took, or nullopt.
template <class Pred>
std::optional<std::chrono::milliseconds> within(std::chrono::milliseconds limit, Pred pred) {
  const auto t0 = clock_type::now();
  while (!pred()) {
    if (clock_type::now() - t0 > limit) return std::nullopt;
    std::this_thread::sleep_for(5ms);
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - t0);
}

template <class Pred>
bool eventually(std::chrono::milliseconds limit, Pred pred) {
  return within(limit, pred).has_value();
}

/// The change events an instance's feed delivered (what the live hub would get).
struct event_log {
  std::mutex mu;
  std::vector<std::pair<net::change_event, clock_type::time_point>> events;

  std::function<void(const net::change_event&)> listener() {
    return [this](const net::change_event& e) {
      std::lock_guard<std::mutex> lock(mu);
      events.emplace_back(e, clock_type::now());
    };
  }
  std::size_t count(net::change_event::kind k) {
    std::lock_guard<std::mutex> lock(mu);
    return static_cast<std::size_t>(std::count_if(
        events.begin(), events.end(), [k](const auto& x) { return x.first.what == k; }));
  }
  std::optional<clock_type::time_point> first(net::change_event::kind k, std::int64_t pid) {
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& [e, t] : events)
      if (e.what == k &&
          std::find(e.profile_ids.begin(), e.profile_ids.end(), pid) != e.profile_ids.end())
        return t;
    return std::nullopt;
  }
};

rating bad_rating(std::int64_t pid, const std::string& show) {
  rating r;
  r.profile_id = pid;
  r.show_id = show;
  r.primary = verdict::bad;
  r.ts = 1700000000;
  return r;
}

bool uses(actors::service& s, const std::string& backend) {
  return s.admin().cache_backend() == backend;
}

/// One SQLite file with a household of two (Ada, Kid), and an actor system.
struct db_fixture {
  std::filesystem::path dir;
  std::string db_path;
  household home;
  std::int64_t ada = 0;
  std::int64_t kid = 0;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};

  db_fixture() {
    char tmpl[] = "/tmp/recs-cluster-XXXXXX";
    BOOST_REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    db_path = (dir / "recs.sqlite").string();
    auto db = open();
    BOOST_REQUIRE((*db).migrate().ok());
    home = *(*db).create_household("Test", "t@x.test", {"stan"});
    ada = (*db).create_profile(home.id, "Ada", maturity::r18)->id;
    kid = (*db).create_profile(home.id, "Kid", maturity::pg)->id;
  }
  ~db_fixture() {
    sys.await_all_actors_done();  // the stores close their files before the dir goes
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }

  std::unique_ptr<storage::store> open() {
    auto db = storage::open_sqlite(db_path);
    BOOST_REQUIRE(db.ok());
    return std::move(*db);
  }
};

/// Two services ("instances") on the fixture's database and one throwaway Redis.
struct cluster_fixture : db_fixture {
  redis::testing::redis_server redis;
  std::unique_ptr<actors::service> a;  // start_both()
  std::unique_ptr<actors::service> b;

  ~cluster_fixture() {
    for (auto* s : {a.get(), b.get()})
      if (s) s->shutdown();
  }

  std::unique_ptr<actors::service> instance(const std::string& id) {
    actors::service_options o;
    o.timeout = 5000ms;
    auto svc = actors::service::start(sys, o, open(), test::small_snapshot());
    BOOST_REQUIRE(svc.ok());
    actors::cluster_options co;
    co.url = redis.url();
    co.instance_id = id;
    co.log = [id](const std::string& line) { BOOST_TEST_MESSAGE(id << ": " << line); };
    BOOST_REQUIRE((*svc)->join_cluster(co, open()).ok());
    return std::move(*svc);
  }

  /// Starts instances "a" and "b" and waits until both use Redis.
  void start_both() {
    a = instance("a");
    b = instance("b");
    BOOST_REQUIRE(eventually(5000ms, [&] { return uses(*a, "redis") && uses(*b, "redis"); }));
  }

  /// Caches a Family Mix slate of Ada and Kid on `s`.
  void cache_family(actors::service& s) const {
    s.slate_caches().put(
        "family|ada,kid",
        {{ada, s.slate_caches().generation(ada)}, {kid, s.slate_caches().generation(kid)}},
        "family");
  }
};

bool in_slate(const slate& s, const std::string& show_id) {
  return std::any_of(s.items.begin(), s.items.end(),
                     [&](const auto& it) { return s.catalog->at(it.index).id == show_id; });
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_change_on_one_instance_reaches_the_other, cluster_fixture) {
  start_both();
  event_log seen_by_a, seen_by_b;
  a->changes().on_change(seen_by_a.listener());
  b->changes().on_change(seen_by_b.listener());

  auto before = wait_for<slate_ptr>([&](auto cb) { b->slates().recommend(ada, {}, cb); });
  BOOST_REQUIRE(before.ok());
  BOOST_REQUIRE(!(*before)->items.empty());
  const std::string top = (*before)->catalog->at((*before)->items.front().index).id;
  // B has Ada's slate cached.
  b->slate_caches().put("rec|ada", ada, b->slate_caches().generation(ada), "cached on b");
  BOOST_REQUIRE(b->slate_caches().get("rec|ada").has_value());

  const auto t0 = clock_type::now();
  BOOST_REQUIRE(
      (wait_for<rating>([&](auto cb) { a->taste().put_rating(bad_rating(ada, top), cb); }).ok()));
  auto waited = within(
      2000ms, [&] { return seen_by_b.first(net::change_event::kind::rating, ada).has_value(); });
  BOOST_REQUIRE_MESSAGE(waited.has_value(), "B heard of A's rating within 2 s");
  const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
      *seen_by_b.first(net::change_event::kind::rating, ada) - t0);
  std::cout << "cluster: a rating on A reached B's change feed " << latency.count() / 1000.0
            << " ms after A was asked (persist + publish + reload on B)" << std::endl;

  BOOST_TEST(!b->slate_caches().get("rec|ada").has_value());  // B's cached slate was invalidated
  auto rs = wait_for<std::vector<rating>>([&](auto cb) { b->taste().ratings(ada, cb); });
  BOOST_REQUIRE(rs.ok());
  BOOST_TEST(rs->size() == 1u);
  auto after = wait_for<slate_ptr>([&](auto cb) { b->slates().recommend(ada, {}, cb); });
  BOOST_REQUIRE(after.ok());
  BOOST_TEST(in_slate(**before, top));
  BOOST_TEST(!in_slate(**after, top));

  // A's own event does not come back to it from the channel.
  std::this_thread::sleep_for(200ms);
  BOOST_TEST(seen_by_a.count(net::change_event::kind::rating) == 1u);
  BOOST_TEST(seen_by_b.count(net::change_event::kind::rating) == 1u);
}

BOOST_FIXTURE_TEST_CASE(settings_and_watched_marks_cross_too, cluster_fixture) {
  start_both();
  cache_family(*b);
  auto changed = wait_for<household>([&](auto cb) {
    a->taste().set_services(home.id, {"netflix", "abc_iview"}, cb);
  });
  BOOST_REQUIRE(changed.ok());
  BOOST_REQUIRE(eventually(2000ms, [&] {
    auto h = b->directory().household_by_email("t@x.test");
    return h && h->services == changed->services;  // as the store keeps them (sorted)
  }));
  // The directory and the slates are updated by different actors: the drop follows shortly.
  BOOST_TEST(
      eventually(2000ms, [&] { return !b->slate_caches().get("family|ada,kid").has_value(); }));
  auto st = wait_for<slate_ptr>([&](auto cb) { b->slates().recommend(kid, {}, cb); });
  BOOST_REQUIRE(st.ok());

  cache_family(*b);
  BOOST_REQUIRE((wait_for<family_watch>([&](auto cb) {
                   a->family().family_watched(home.id, {ada, kid}, "tt2802850", cb);
                 }).ok()));
  BOOST_TEST(
      eventually(2000ms, [&] { return !b->slate_caches().get("family|ada,kid").has_value(); }));
}

BOOST_FIXTURE_TEST_CASE(slates_are_shared_and_a_read_costs_little, cluster_fixture) {
  start_both();
  // Shared slates hold between instances on the same models: wait for both content models (their
  // arrival drops what was cached before).
  BOOST_REQUIRE(eventually(20000ms, [&] {
    return a->catalog().content_for(*a->catalog().catalog()) &&
           b->catalog().content_for(*b->catalog().catalog());
  }));
  std::this_thread::sleep_for(5ms);
  // A slate-sized body (the REST body of 20 items is ~15 KB).
  const std::string body(15000, 'x');
  constexpr int n = 300;
  for (int i = 0; i < n; ++i)
    a->slate_caches().put("rec|" + std::to_string(i), ada, a->slate_caches().generation(ada), body);
  // The SETs go through A's Redis I/O actor: wait for the last one.
  BOOST_REQUIRE(eventually(5000ms, [&] {
    redis::redis_client c(redis.url());
    auto v = c.get("recs:slate:rec|" + std::to_string(n - 1));
    return v.ok() && v->has_value();
  }));
  std::vector<double> us;
  for (int i = 0; i < n; ++i) {
    const auto t0 = clock_type::now();
    auto got =
        b->slate_caches().get("rec|" + std::to_string(i));  // misses B's own level: a Redis GET
    us.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - t0).count());
    BOOST_REQUIRE(got.has_value());
    BOOST_TEST(got->size() == body.size());
  }
  std::sort(us.begin(), us.end());
  std::vector<double> local;
  for (int i = 0; i < n; ++i) {
    const auto t0 = clock_type::now();
    BOOST_REQUIRE(
        b->slate_caches().get("rec|" + std::to_string(i)).has_value());  // now in B's own level
    local.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - t0).count());
  }
  std::sort(local.begin(), local.end());
  std::cout << "cluster: a shared-cache read of a 15 KB slate (Redis GET + checks) p50 "
            << us[n / 2] << " us, p99 " << us[n * 99 / 100] << " us; once in the in-process "
            << "level p50 " << local[n / 2] << " us" << std::endl;
}

BOOST_FIXTURE_TEST_CASE(without_redis_each_falls_back_and_returns_in_step, cluster_fixture) {
  start_both();

  redis.stop();
  auto down = within(1000ms, [&] {
    return uses(*a, "local (redis unavailable)") && uses(*b, "local (redis unavailable)");
  });
  BOOST_REQUIRE_MESSAGE(down.has_value(), "both fell back to the in-process cache within 1 s");
  std::cout << "cluster: both instances fell back " << down->count() << " ms after Redis stopped"
            << std::endl;

  // Everything keeps working locally, caching included.
  BOOST_REQUIRE((wait_for<rating>([&](auto cb) {
                   a->taste().put_rating(bad_rating(kid, "tt2802850"), cb);
                 }).ok()));
  b->slate_caches().put("rec|kid", kid, b->slate_caches().generation(kid), "local slate");
  BOOST_TEST(b->slate_caches().get("rec|kid").value_or("") == "local slate");

  redis.restart();
  auto up = within(10000ms, [&] { return uses(*a, "redis") && uses(*b, "redis"); });
  BOOST_REQUIRE_MESSAGE(up.has_value(), "both use Redis again within 10 s");
  std::cout << "cluster: both instances use Redis again " << up->count() << " ms after it was back"
            << std::endl;
  // B missed A's rating while Redis was away: it reloaded (and A published a resync).
  auto rs = wait_for<std::vector<rating>>([&](auto cb) { b->taste().ratings(kid, cb); });
  BOOST_REQUIRE(rs.ok());
  BOOST_TEST(rs->size() == 1u);
  BOOST_TEST(!b->slate_caches().get("rec|kid").has_value());

  // A failed command (not only a dropped subscription) also switches to local at once.
  redis.freeze();
  a->slate_caches().put("rec|ada", ada, a->slate_caches().generation(ada), "x");
  a->slate_caches().local()->clear();
  const auto t0 = clock_type::now();
  BOOST_TEST(!a->slate_caches().get("rec|ada").has_value());  // a GET that times out
  const auto spent =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - t0).count();
  std::cout << "cluster: a GET on a hung Redis took " << spent << " ms" << std::endl;
  BOOST_TEST(spent < 500);
  BOOST_TEST(uses(*a, "local (redis unavailable)"));
  redis.thaw();
  BOOST_TEST(eventually(10000ms, [&] { return uses(*a, "redis"); }));
}

BOOST_FIXTURE_TEST_CASE(a_profile_actor_reloads_and_tells_whether_anything_changed, db_fixture) {
  auto local = std::make_shared<actors::slate_cache>(16, std::chrono::seconds(60));
  auto cache = std::make_shared<actors::tiered_slate_cache>(local, [] { return std::uint64_t{1}; });
  // Only the cache: a reload persists nothing, and the pool's only message is fire-and-forget
  // (no pool here, so no model arrives to flush the cache in between).
  actors::profile_deps deps;
  deps.cache = actors::spawn_cache_actor(sys, cache);
  auto loader = actors::spawn_state_loader(sys, open());
  auto other = open();  // "another instance" writes here
  profile_state initial;
  initial.who = *other->profile_by_id(ada);
  initial.services = home.services;
  auto p = actors::spawn_profile_actor(sys, initial, deps);
  caf::scoped_actor self{sys};
  auto reload = [&] {
    bool changed = false;
    self->request(p, 5s, actors::reload_atom::value, loader)
        .receive([&](bool c) { changed = c; },
                 [&](const caf::error& e) { BOOST_FAIL(caf::to_string(e)); });
    return changed;
  };
  const auto gen = cache->generation(ada);
  BOOST_TEST(!reload());
  BOOST_TEST(cache->generation(ada) == gen);  // nothing changed: the slates stay
  BOOST_REQUIRE(other->put_rating(bad_rating(ada, "tt2802850")).ok());
  BOOST_TEST(reload());
  BOOST_TEST(cache->generation(ada) != gen);
  profile_state st;
  self->request(p, 5s, actors::state_atom::value)
      .receive([&](const profile_state& s) { st = s; },
               [&](const caf::error& e) { BOOST_FAIL(caf::to_string(e)); });
  BOOST_TEST(st.ratings.size() == 1u);
  BOOST_TEST(st.who.name == "Ada");
  for (auto a : {caf::actor_cast<caf::actor>(p), caf::actor_cast<caf::actor>(deps.cache),
                 caf::actor_cast<caf::actor>(loader)})
    self->send_exit(a, caf::exit_reason::user_shutdown);
}
