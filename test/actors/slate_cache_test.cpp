#define BOOST_TEST_MODULE actors_slate_cache
#include <boost/test/unit_test.hpp>

#include "actors/slate_cache.hpp"

using recs::actors::slate_cache;
using namespace std::chrono_literals;

namespace {

struct fake_clock {
  std::chrono::steady_clock::time_point t{};
  slate_cache::clock fn() {
    return [this] { return t; };
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(get_after_put_until_the_ttl_expires) {
  fake_clock c;
  slate_cache cache(10, 60s, c.fn());
  cache.put("k", 1, cache.generation(1), "body");
  BOOST_TEST(cache.get("k").value() == "body");
  c.t += 59s;
  BOOST_TEST(cache.get("k").has_value());
  c.t += 2s;
  BOOST_TEST(!cache.get("k").has_value());
  BOOST_TEST(cache.size() == 0u);
  BOOST_TEST(cache.hits() == 2u);
  BOOST_TEST(cache.misses() == 1u);
}

BOOST_AUTO_TEST_CASE(least_recently_used_is_evicted) {
  fake_clock c;
  slate_cache cache(2, 60s, c.fn());
  cache.put("a", 1, cache.generation(1), "A");
  cache.put("b", 2, cache.generation(2), "B");
  BOOST_TEST(cache.get("a").has_value());  // a is now most recent
  cache.put("c", 3, cache.generation(3), "C");
  BOOST_TEST(cache.get("a").has_value());
  BOOST_TEST(!cache.get("b").has_value());
  BOOST_TEST(cache.get("c").has_value());
}

BOOST_AUTO_TEST_CASE(invalidate_drops_only_that_profile_and_stale_puts) {
  fake_clock c;
  slate_cache cache(10, 60s, c.fn());
  cache.put("p1-a", 1, cache.generation(1), "x");
  cache.put("p1-b", 1, cache.generation(1), "y");
  cache.put("p2", 2, cache.generation(2), "z");
  const auto before = cache.generation(1);  // a slate computation starts here...
  cache.invalidate(1);                      // ...a rating lands meanwhile...
  cache.put("p1-a", 1, before, "stale");    // ...and the old result must not be cached.
  BOOST_TEST(!cache.get("p1-a").has_value());
  BOOST_TEST(!cache.get("p1-b").has_value());
  BOOST_TEST(cache.get("p2").has_value());
  cache.put("p1-a", 1, cache.generation(1), "fresh");
  BOOST_TEST(cache.get("p1-a").value() == "fresh");
}

BOOST_AUTO_TEST_CASE(clear_drops_everything_and_bumps_every_generation) {
  fake_clock c;
  slate_cache cache(10, 60s, c.fn());
  const auto g = cache.generation(5);
  cache.put("k", 5, g, "v");
  cache.clear();
  BOOST_TEST(cache.size() == 0u);
  cache.put("k", 5, g, "old");
  BOOST_TEST(!cache.get("k").has_value());
  BOOST_TEST(cache.generation(5) != g);
}

BOOST_AUTO_TEST_CASE(zero_capacity_or_ttl_disables_caching) {
  slate_cache none(0, 60s);
  none.put("k", 1, none.generation(1), "v");
  BOOST_TEST(!none.get("k").has_value());
  slate_cache no_ttl(10, 0s);
  no_ttl.put("k", 1, no_ttl.generation(1), "v");
  BOOST_TEST(!no_ttl.get("k").has_value());
}

BOOST_AUTO_TEST_CASE(a_shared_entry_is_dropped_with_any_of_its_profiles) {
  slate_cache c(8, std::chrono::seconds(60));
  // A Family Mix of profiles 1 and 2, and profile 1's own slate.
  c.put("family|1,2", {{1, c.generation(1)}, {2, c.generation(2)}}, "mix");
  c.put("rec|1", 1, c.generation(1), "ross");
  c.put("rec|3", 3, c.generation(3), "other");
  BOOST_TEST(c.get("family|1,2").value_or("") == "mix");
  c.invalidate(2);
  BOOST_TEST(!c.get("family|1,2").has_value());
  BOOST_TEST(c.get("rec|1").value_or("") == "ross");  // profile 1's own entry stays
  // A shared put with one stale generation is dropped.
  const auto g1 = c.generation(1), stale2 = c.generation(2);
  c.invalidate(2);
  c.put("family|1,2", {{1, g1}, {2, stale2}}, "late");
  BOOST_TEST(!c.get("family|1,2").has_value());
  // Invalidating the other member later finds nothing dangling.
  c.put("family|1,2", {{1, c.generation(1)}, {2, c.generation(2)}}, "mix2");
  c.invalidate(1);
  BOOST_TEST(!c.get("family|1,2").has_value());
  BOOST_TEST(!c.get("rec|1").has_value());
  c.invalidate(2);
  BOOST_TEST(c.get("rec|3").value_or("") == "other");
  BOOST_TEST(c.size() == 1u);
}
