#define BOOST_TEST_MODULE actors_service
#include <boost/test/unit_test.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <cstdlib>
#include <filesystem>
#include <future>

#include "actors/profile_actor.hpp"
#include "actors/service.hpp"
#include "storage/sqlite_store.hpp"
#include "test/recsys/fixtures.hpp"

using namespace recs;
namespace fs = std::filesystem;

namespace {

/// Waits for a backend callback (the test thread is not a CAF or Asio thread).
template <class T>
struct waiter {
  std::promise<result<T>> p;
  net::callback<T> cb() {
    return [this](result<T> r) { p.set_value(std::move(r)); };
  }
  result<T> get() {
    auto f = p.get_future();
    BOOST_REQUIRE(f.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
    return f.get();
  }
};

struct temp_dir {
  fs::path path;
  temp_dir() {
    char tmpl[] = "/tmp/recs-actors-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~temp_dir() { fs::remove_all(path); }
};

/// A household with two profiles in a fresh SQLite file.
struct fixture {
  temp_dir dir;
  std::string db_path = (dir.path / "recs.sqlite").string();
  std::int64_t adult = 0;
  std::int64_t kid = 0;
  household home;

  fixture() {
    auto db = storage::open_sqlite(db_path);
    BOOST_REQUIRE(db.ok());
    BOOST_REQUIRE((*db)->migrate().ok());
    auto h = (*db)->create_household("Test", "t@x.test", {"stan"});
    BOOST_REQUIRE(h.ok());
    home = *h;
    adult = (*db)->create_profile(h->id, "Ada", maturity::r18)->id;
    kid = (*db)->create_profile(h->id, "Kid", maturity::pg)->id;
  }

  std::unique_ptr<actors::service> start(caf::actor_system& sys) {
    auto db = storage::open_sqlite(db_path);
    BOOST_REQUIRE(db.ok());
    actors::service_options o;
    o.timeout = std::chrono::milliseconds(5000);
    auto svc = actors::service::start(sys, o, std::move(*db), test::small_snapshot());
    BOOST_REQUIRE(svc.ok());
    return std::move(*svc);
  }
};

std::vector<std::string> slate_ids(const slate& s) {
  std::vector<std::string> out;
  for (const auto& it : s.items) out.push_back(s.catalog->at(it.index).id);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(rating_persists_updates_the_slate_and_survives_a_restart) {
  fixture f;
  {
    caf::actor_system_config cfg;
    caf::actor_system sys{cfg};
    auto svc = f.start(sys);
    BOOST_TEST(svc->directory().household_by_email("T@X.test").has_value());
    BOOST_TEST(svc->directory().profiles(f.home.id).size() == 2u);

    waiter<slate_ptr> w1;
    svc->slates().recommend(f.adult, {}, w1.cb());
    auto before = w1.get();
    BOOST_REQUIRE(before.ok());
    const std::string top = slate_ids(**before).front();

    rating r;
    r.profile_id = f.adult;
    r.show_id = top;
    r.primary = verdict::bad;
    r.ts = 1700000000;
    waiter<rating> w2;
    svc->taste().put_rating(r, w2.cb());
    BOOST_REQUIRE(w2.get().ok());

    waiter<slate_ptr> w3;
    svc->slates().recommend(f.adult, {}, w3.cb());
    auto after = w3.get();
    BOOST_REQUIRE(after.ok());
    const auto ids = slate_ids(**after);
    BOOST_TEST((std::find(ids.begin(), ids.end(), top) == ids.end()));
    svc->shutdown();
  }
  // A new actor system on the same file sees the rating.
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto svc = f.start(sys);
  waiter<std::vector<rating>> w;
  svc->taste().ratings(f.adult, w.cb());
  auto rs = w.get();
  BOOST_REQUIRE(rs.ok());
  BOOST_TEST(rs->size() == 1u);
  BOOST_TEST((rs->front().primary == verdict::bad));
  svc->shutdown();
}

BOOST_AUTO_TEST_CASE(unknown_profile_is_not_found_and_maturity_cap_applies) {
  fixture f;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto svc = f.start(sys);
  waiter<slate_ptr> w;
  svc->slates().recommend(424242, {}, w.cb());
  auto r = w.get();
  BOOST_TEST(!r.ok());
  BOOST_TEST((r.err().code == errc::not_found));

  waiter<slate_ptr> k;
  svc->slates().recommend(f.kid, {}, k.cb());
  auto kid = k.get();
  BOOST_REQUIRE(kid.ok());
  for (const auto& it : (*kid)->items) {
    const auto m = (*kid)->catalog->at(it.index).rating;
    BOOST_TEST((m == maturity::g || m == maturity::pg));
  }
  svc->shutdown();
}

BOOST_AUTO_TEST_CASE(services_change_reaches_profiles_and_directory) {
  fixture f;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto svc = f.start(sys);
  waiter<household> w;
  svc->taste().set_services(f.home.id, {"apple_tv_plus"}, w.cb());
  auto h = w.get();
  BOOST_REQUIRE(h.ok());
  BOOST_TEST((h->services == std::vector<std::string>{"apple_tv_plus"}));
  BOOST_TEST((svc->directory().household_by_email("t@x.test")->services == h->services));
  slate_request only;
  only.only_my_services = true;
  waiter<slate_ptr> s;
  svc->slates().recommend(f.adult, only, s.cb());
  auto sl = s.get();
  BOOST_REQUIRE(sl.ok());
  BOOST_TEST((slate_ids(**sl) == std::vector<std::string>{"tt5875444"}));  // Slow Horses
  svc->shutdown();
}

BOOST_AUTO_TEST_CASE(tags_and_notes_round_trip_and_invalidate_the_cache) {
  fixture f;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto svc = f.start(sys);
  auto& cache = svc->slate_caches();
  cache.put("k", f.adult, cache.generation(f.adult), "body");
  BOOST_TEST(cache.get("k").has_value());
  waiter<tag_pref> t;
  svc->taste().put_tag(f.adult, {"dry humour", true}, t.cb());
  BOOST_REQUIRE(t.get().ok());
  BOOST_TEST(!cache.get("k").has_value());
  waiter<std::vector<tag_pref>> ts;
  svc->taste().tags(f.adult, ts.cb());
  BOOST_TEST(ts.get()->size() == 1u);
  waiter<note> n;
  svc->taste().put_note(f.adult, {"tt0386676", "watch with Kid", 1}, n.cb());
  BOOST_REQUIRE(n.get().ok());
  waiter<std::vector<note>> ns;
  svc->taste().notes(f.adult, ns.cb());
  BOOST_TEST(ns.get()->front().text == "watch with Kid");
  waiter<unit> d;
  svc->taste().delete_tag(f.adult, "no such tag", d.cb());
  auto missing = d.get();
  BOOST_TEST(!missing.ok());
  BOOST_TEST((missing.err().code == errc::not_found));
  svc->shutdown();
}

namespace {

/// A store that accepts requests and never answers them.
actors::store_actor::behavior_type silent_store(actors::store_actor::pointer self) {
  using namespace actors;
  return {
      [=](rate_atom, rating) { return self->make_response_promise<rating>(); },
      [=](unrate_atom, std::int64_t, std::string) { return self->make_response_promise<bool>(); },
      [=](tag_atom, std::int64_t, tag_pref) { return self->make_response_promise<tag_pref>(); },
      [=](untag_atom, std::int64_t, std::string) { return self->make_response_promise<bool>(); },
      [=](note_atom, std::int64_t, note) { return self->make_response_promise<note>(); },
      [=](services_atom, std::int64_t, std::vector<std::string>) {
        return self->make_response_promise<household>();
      },
      [=](ratings_atom) { return self->make_response_promise<std::vector<rating>>(); },
      [=](watched_atom, family_watch) { return self->make_response_promise<family_watch>(); },
      [=](watches_atom, std::int64_t) {
        return self->make_response_promise<std::vector<family_watch>>();
      },
      [=](feedback_atom, std::int64_t, show_feedback) {
        return self->make_response_promise<show_feedback>();
      },
      [=](unfeedback_atom, std::int64_t, show_feedback) {
        return self->make_response_promise<bool>();
      },
      [=](watch_atom, std::int64_t, watch_entry) {
        return self->make_response_promise<watch_entry>();
      },
      [=](unwatch_atom, std::int64_t, watch_entry) { return self->make_response_promise<bool>(); },
      [=](watchlist_atom, std::int64_t) {
        return self->make_response_promise<std::vector<watch_entry>>();
      },
      [=](import_atom, std::int64_t, import_batch) { return self->make_response_promise<bool>(); },
  };
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_silent_dependency_becomes_unavailable_not_a_hang) {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  {
    auto cache = std::make_shared<actors::slate_cache>(16, std::chrono::seconds(60));
    actors::profile_deps deps;
    deps.store = sys.spawn(silent_store);
    deps.cache = actors::spawn_cache_actor(sys, cache);
    actors::trainer_options training;
    training.timeout = std::chrono::milliseconds(100);
    deps.pool =
        actors::spawn_scoring_pool(sys, test::small_snapshot(), 2,
                                   actors::pool_deps{deps.store, deps.cache, training, {}, {}, {}});
    deps.timeout = std::chrono::milliseconds(100);
    auto p = actors::spawn_profile_actor(sys, test::adult(), deps);
    caf::scoped_actor self{sys};
    bool got_error = false;
    self->request(p, std::chrono::seconds(10), actors::rate_atom::value,
                  test::rate("tt0386676", verdict::good))
        .receive([&](const rating&) { BOOST_FAIL("the silent store cannot have answered"); },
                 [&](const caf::error& e) {
                   got_error = true;
                   BOOST_TEST((actors::from_caf(e).code == errc::unavailable));
                 });
    BOOST_TEST(got_error);
    for (auto a : {caf::actor_cast<caf::actor>(p), caf::actor_cast<caf::actor>(deps.store),
                   caf::actor_cast<caf::actor>(deps.cache), caf::actor_cast<caf::actor>(deps.pool)})
      self->send_exit(a, caf::exit_reason::user_shutdown);
  }
}

BOOST_AUTO_TEST_CASE(an_error_crosses_actors_whole) {
  const recs::error e{errc::rate_limited, "too many attempts; try again in 4 s", 4};
  const auto back = actors::from_caf(actors::to_caf(e));
  BOOST_TEST((back.code == errc::rate_limited));
  BOOST_TEST(back.message == e.message);
  BOOST_TEST(back.retry_after_s == 4);
}
