// The store pool's router (actors/store_pool.hpp) in front of fake workers that record what
// they are asked, and spawn_store_actor over SQLite, which does not pool.
#define BOOST_TEST_MODULE actors_store_pool
#include <boost/test/unit_test.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "actors/store_pool.hpp"
#include "storage/sqlite_store.hpp"

using namespace recs;
using namespace recs::actors;

namespace {

/// What the fake workers were asked, in the order they handled it: (worker, request).
struct request_log {
  std::mutex mutex;
  std::vector<std::pair<int, std::string>> entries;

  void add(int worker, std::string what) {
    std::lock_guard<std::mutex> lock(mutex);
    entries.emplace_back(worker, std::move(what));
  }
  std::vector<std::pair<int, std::string>> copy() {
    std::lock_guard<std::mutex> lock(mutex);
    return entries;
  }
};

/// A store worker that answers at once, echoing, and logs each request with its index.
store_actor::behavior_type fake_worker(store_actor::pointer self, int index,
                                       std::shared_ptr<request_log> log) {
  (void)self;
  const auto id = [](std::int64_t x) { return std::to_string(x); };
  return {
      [=](rate_atom, const rating& r) {
        log->add(index, "rate " + id(r.profile_id) + " " + r.show_id);
        return r;
      },
      [=](unrate_atom, std::int64_t p, const std::string& show) {
        log->add(index, "unrate " + id(p) + " " + show);
        return true;
      },
      [=](tag_atom, std::int64_t p, const tag_pref& t) {
        log->add(index, "tag " + id(p) + " " + t.tag);
        return t;
      },
      [=](untag_atom, std::int64_t p, const std::string& tag) {
        log->add(index, "untag " + id(p) + " " + tag);
        return true;
      },
      [=](note_atom, std::int64_t p, const note& n) {
        log->add(index, "note " + id(p) + " " + n.show_id);
        return n;
      },
      [=](services_atom, std::int64_t h, const std::vector<std::string>& services) {
        log->add(index, "services " + id(h));
        household out;
        out.id = h;
        out.services = services;
        return out;
      },
      [=](ratings_atom) {
        log->add(index, "ratings");
        return std::vector<rating>{rating{}};
      },
      [=](watched_atom, const family_watch& w) {
        log->add(index, "watched " + id(w.household_id));
        return w;
      },
      [=](watches_atom, std::int64_t h) {
        log->add(index, "watches " + id(h));
        return std::vector<family_watch>{};
      },
      [=](feedback_atom, std::int64_t p, const show_feedback& f) {
        log->add(index, "feedback " + id(p) + " " + f.show_id);
        return f;
      },
      [=](unfeedback_atom, std::int64_t p, const show_feedback& f) {
        log->add(index, "unfeedback " + id(p) + " " + f.show_id);
        return true;
      },
      [=](watch_atom, std::int64_t h, const watch_entry& w) {
        log->add(index, "watch " + id(h) + " " + w.show_id);
        return w;
      },
      [=](unwatch_atom, std::int64_t h, const watch_entry& w) {
        log->add(index, "unwatch " + id(h) + " " + w.show_id);
        return true;
      },
      [=](watchlist_atom, std::int64_t h) {
        log->add(index, "watchlist " + id(h));
        return std::vector<watch_entry>{};
      },
      [=](import_atom, std::int64_t p, const import_batch&) {
        log->add(index, "import " + id(p));
        return true;
      },
  };
}

struct pool_fixture {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  std::shared_ptr<request_log> log = std::make_shared<request_log>();
  std::vector<store_actor> workers;
  store_actor router;

  explicit pool_fixture(int n = 2) {
    for (int i = 0; i < n; ++i) workers.push_back(sys.spawn(fake_worker, i, log));
    router = internal::spawn_store_router(sys, workers);
  }
  ~pool_fixture() { caf::anon_send_exit(router, caf::exit_reason::user_shutdown); }

  /// The worker index that handled each request whose text starts with `prefix`, in order.
  std::vector<int> workers_of(const std::string& prefix) {
    std::vector<int> out;
    for (const auto& [w, what] : log->copy())
      if (what.rfind(prefix, 0) == 0) out.push_back(w);
    return out;
  }
};

rating rating_of(std::int64_t profile, std::string show) {
  rating r;
  r.profile_id = profile;
  r.show_id = std::move(show);
  return r;
}

/// Sends `xs...` to `dest` from `self` and waits for the reply; false on an error.
template <class Reply, class... Ts>
bool ask(caf::scoped_actor& self, const store_actor& dest, Ts... xs) {
  bool ok = false;
  self->request(dest, std::chrono::seconds(5), xs...)
      .receive([&](const Reply&) { ok = true; }, [&](caf::error&) { ok = false; });
  return ok;
}

}  // namespace

BOOST_AUTO_TEST_CASE(writer_index_is_stable_and_spreads_owners) {
  using internal::writer_index;
  BOOST_TEST(writer_index(7, 2) == writer_index(7, 2));
  BOOST_TEST(writer_index(1, 2) != writer_index(2, 2));
  BOOST_TEST(writer_index(5, 1) == 0u);
  BOOST_TEST(writer_index(-3, 4) < 4u);
  std::vector<int> used(3, 0);
  for (std::int64_t id = 1; id <= 30; ++id) ++used[writer_index(id, 3)];
  BOOST_TEST(used == std::vector<int>({10, 10, 10}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_request_is_answered_through_the_router) {
  pool_fixture f;
  caf::scoped_actor self{f.sys};
  family_watch w;
  w.household_id = 3;
  BOOST_TEST(ask<rating>(self, f.router, rate_atom::value, rating_of(1, "tt1")));
  BOOST_TEST(ask<bool>(self, f.router, unrate_atom::value, std::int64_t{1}, std::string("tt1")));
  BOOST_TEST(ask<tag_pref>(self, f.router, tag_atom::value, std::int64_t{1}, tag_pref{"x", true}));
  BOOST_TEST(ask<bool>(self, f.router, untag_atom::value, std::int64_t{1}, std::string("x")));
  BOOST_TEST(ask<note>(self, f.router, note_atom::value, std::int64_t{1}, note{"tt1", "hi", 0}));
  BOOST_TEST(ask<household>(self, f.router, services_atom::value, std::int64_t{3},
                            std::vector<std::string>{"stan"}));
  BOOST_TEST(ask<std::vector<rating>>(self, f.router, ratings_atom::value));
  BOOST_TEST(ask<family_watch>(self, f.router, watched_atom::value, w));
  BOOST_TEST(ask<std::vector<family_watch>>(self, f.router, watches_atom::value, std::int64_t{3}));
  BOOST_TEST(f.log->copy().size() == 9u);
  // Profile 1's writes all on its writer; household 3's on its own.
  const auto p1 = static_cast<int>(internal::writer_index(1, 2));
  const auto h3 = static_cast<int>(internal::writer_index(3, 2));
  for (const char* op : {"rate 1", "unrate 1", "tag 1", "untag 1", "note 1"})
    BOOST_TEST(f.workers_of(op) == std::vector<int>{p1}, boost::test_tools::per_element());
  for (const char* op : {"services 3", "watched 3"})
    BOOST_TEST(f.workers_of(op) == std::vector<int>{h3}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_profiles_writes_stay_on_one_worker_in_order) {
  pool_fixture f(3);
  caf::scoped_actor self{f.sys};
  constexpr int n = 200;
  for (int i = 0; i < n; ++i) {
    for (std::int64_t p : {4, 5, 6}) {
      self->send(f.router, rate_atom::value, rating_of(p, "tt" + std::to_string(i)));
    }
  }
  // The last write of each profile, awaited: everything before it was handled first.
  for (std::int64_t p : {4, 5, 6})
    BOOST_REQUIRE(ask<rating>(self, f.router, rate_atom::value, rating_of(p, "last")));
  for (std::int64_t p : {4, 5, 6}) {
    const std::string prefix = "rate " + std::to_string(p) + " ";
    std::vector<std::string> seen;
    for (const auto& [w, what] : f.log->copy()) {
      if (what.rfind(prefix, 0) != 0) continue;
      BOOST_TEST(w == static_cast<int>(internal::writer_index(p, 3)));
      seen.push_back(what.substr(prefix.size()));
    }
    BOOST_REQUIRE(seen.size() == static_cast<std::size_t>(n + 1));
    for (int i = 0; i < n; ++i) BOOST_TEST(seen[i] == "tt" + std::to_string(i));
    BOOST_TEST(seen.back() == "last");
  }
}

BOOST_AUTO_TEST_CASE(reads_take_the_workers_in_turn) {
  pool_fixture f;
  caf::scoped_actor self{f.sys};
  for (int i = 0; i < 4; ++i)
    BOOST_TEST(ask<std::vector<rating>>(self, f.router, ratings_atom::value));
  for (int i = 0; i < 2; ++i)
    BOOST_TEST(
        ask<std::vector<family_watch>>(self, f.router, watches_atom::value, std::int64_t{9}));
  const auto reads = f.workers_of("ratings");
  BOOST_REQUIRE(reads.size() == 4u);
  BOOST_TEST(reads[0] != reads[1]);
  BOOST_TEST(reads[0] == reads[2]);
  BOOST_TEST(reads[1] == reads[3]);
  const auto watches = f.workers_of("watches");
  BOOST_TEST(watches[0] != watches[1]);
}

BOOST_AUTO_TEST_CASE(stopping_the_router_stops_its_workers) {
  pool_fixture f;
  caf::scoped_actor self{f.sys};
  for (const auto& w : f.workers) self->monitor(w);
  caf::anon_send_exit(f.router, caf::exit_reason::user_shutdown);
  int down = 0;
  self->receive_for(down, 2)(
      [](const caf::down_msg& m) { BOOST_TEST((m.reason == caf::exit_reason::user_shutdown)); });
  BOOST_TEST(down == 2);
}

BOOST_AUTO_TEST_CASE(sqlite_is_served_by_one_actor_whatever_the_pool_size) {
  char tmpl[] = "/tmp/recs-pool-XXXXXX";
  const std::filesystem::path dir = ::mkdtemp(tmpl);
  {
    auto db = storage::open_sqlite((dir / "recs.sqlite").string());
    BOOST_REQUIRE(db.ok());
    BOOST_REQUIRE((*db)->migrate().ok());
    auto sibling = (*db)->open_sibling();
    BOOST_REQUIRE(sibling.ok());
    BOOST_TEST(sibling->get() == nullptr);  // nothing to pool
    auto h = (*db)->create_household("Pool", "pool@x.test", {"stan"});
    BOOST_REQUIRE(h.ok());
    auto p = (*db)->create_profile(h->id, "Ross", maturity::r18);
    BOOST_REQUIRE(p.ok());

    caf::actor_system_config cfg;
    caf::actor_system sys{cfg};
    auto store = spawn_store_actor(sys, std::move(*db), 4);
    {
      caf::scoped_actor self{sys};
      BOOST_TEST(ask<rating>(self, store, rate_atom::value, rating_of(p->id, "tt0903747")));
      std::vector<rating> all;
      self->request(store, std::chrono::seconds(5), ratings_atom::value)
          .receive([&](std::vector<rating>& rs) { all = std::move(rs); }, [](caf::error&) {});
      BOOST_REQUIRE(all.size() == 1u);
      BOOST_TEST(all[0].show_id == "tt0903747");
    }
    caf::anon_send_exit(store, caf::exit_reason::user_shutdown);
  }
  std::filesystem::remove_all(dir);
}
