// The pure pieces of scale-out: cluster events on the Redis channel, the stamp in front of a
// shared slate, state fingerprints, and the two-level cache's rules (with an in-memory tier).
#define BOOST_TEST_MODULE actors_cluster_pieces
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <mutex>

#include "actors/cluster_event.hpp"
#include "actors/slate_envelope.hpp"
#include "actors/state_fingerprint.hpp"
#include "actors/tiered_slate_cache.hpp"

using namespace recs;
using namespace recs::actors;
using kind = net::change_event::kind;

BOOST_AUTO_TEST_SUITE(events)

BOOST_AUTO_TEST_CASE(a_change_round_trips) {
  cluster_event e{"host-1-abc", false, {kind::rating, 7, {3, 4}, {}}};
  const std::string json = encode(e);
  BOOST_TEST(
      json ==
      R"({"v":1,"origin":"host-1-abc","kind":"rating","household_id":7,"profile_ids":[3,4]})");
  auto back = decode_cluster_event(json);
  BOOST_REQUIRE(back.ok());
  BOOST_TEST(back->origin == "host-1-abc");
  BOOST_TEST(!back->resync);
  BOOST_TEST((back->change.what == kind::rating));
  BOOST_TEST(back->change.household_id == 7);
  BOOST_TEST((back->change.profile_ids == std::vector<std::int64_t>{3, 4}));
}

BOOST_AUTO_TEST_CASE(every_shared_kind_round_trips_and_local_ones_are_not_shared) {
  for (auto k : {kind::rating, kind::tag, kind::note, kind::settings, kind::watched,
                 kind::household, kind::access, kind::feedback, kind::watchlist, kind::inbox}) {
    BOOST_TEST(is_shared_change(k));
    auto back = decode_cluster_event(encode({"x", false, {k, 1, {}, {}}}));
    BOOST_REQUIRE(back.ok());
    BOOST_TEST((back->change.what == k));
    BOOST_TEST(back->change.profile_ids.empty());
  }
  BOOST_TEST(!is_shared_change(kind::availability));
  BOOST_TEST(!is_shared_change(kind::model));
}

BOOST_AUTO_TEST_CASE(an_inbox_alert_carries_its_texts_to_the_other_instances) {
  net::change_event alert{kind::inbox, 7, {}, {{"tt2802850", "Fargo is now on Stan \"HD\""}}};
  auto back = decode_cluster_event(encode({"a", false, alert}));
  BOOST_REQUIRE(back.ok());
  BOOST_TEST((back->change.what == kind::inbox));
  BOOST_TEST(back->change.household_id == 7);
  BOOST_REQUIRE(back->change.notes.size() == 1u);
  BOOST_TEST(back->change.notes[0].first == "tt2802850");
  BOOST_TEST(back->change.notes[0].second == "Fargo is now on Stan \"HD\"");
  for (const char* bad :
       {R"({"v":1,"origin":"a","kind":"inbox","household_id":7,"notes":{}})",
        R"({"v":1,"origin":"a","kind":"inbox","household_id":7,"notes":[["tt1"]]})",
        R"({"v":1,"origin":"a","kind":"inbox","household_id":7,"notes":[["tt1",3]]})"})
    BOOST_TEST(!decode_cluster_event(bad).ok(), bad);
}

BOOST_AUTO_TEST_CASE(a_resync_round_trips) {
  auto json = encode({"me", true, {}});
  BOOST_TEST(json == R"({"v":1,"origin":"me","kind":"resync"})");
  auto back = decode_cluster_event(json);
  BOOST_REQUIRE(back.ok());
  BOOST_TEST(back->resync);
  BOOST_TEST(back->origin == "me");
}

BOOST_AUTO_TEST_CASE(anything_else_is_refused) {
  for (const char* bad : {
           "",
           "not json",
           "[]",
           R"({"origin":"a","kind":"rating","household_id":1})",
           R"({"v":2,"origin":"a","kind":"rating","household_id":1})",
           R"({"v":1,"kind":"rating","household_id":1})",
           R"({"v":1,"origin":"","kind":"rating","household_id":1})",
           R"({"v":1,"origin":"a","kind":"model","household_id":1})",
           R"({"v":1,"origin":"a","kind":"availability","household_id":1})",
           R"({"v":1,"origin":"a","kind":"rating"})",
           R"({"v":1,"origin":"a","kind":"rating","household_id":0})",
           R"({"v":1,"origin":"a","kind":"rating","household_id":"1"})",
           R"({"v":1,"origin":"a","kind":"rating","household_id":1,"profile_ids":3})",
           R"({"v":1,"origin":"a","kind":"rating","household_id":1,"profile_ids":[-3]})",
       }) {
    auto r = decode_cluster_event(bad);
    BOOST_TEST(!r.ok(), bad);
    if (!r.ok()) BOOST_TEST((r.err().code == errc::invalid_argument));
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(envelope)

BOOST_AUTO_TEST_CASE(wrap_and_unwrap) {
  slate_stamp st{12345678901234ULL, 1700000000123, {{3, 18446744073709551615ULL}, {4, 0}}};
  const std::string body = "[{\"id\":\"tt1\",\"title\":\"a\\nb\"}]\n";
  auto v = wrap_slate(st, body);
  BOOST_TEST(v.rfind("recs1 12345678901234 1700000000123 3:18446744073709551615,4:0\n", 0) == 0);
  auto back = unwrap_slate(v);
  BOOST_REQUIRE(back.has_value());
  BOOST_TEST(back->first.world == st.world);
  BOOST_TEST(back->first.written_ms == st.written_ms);
  BOOST_TEST((back->first.owners == st.owners));
  BOOST_TEST(back->second == body);
}

BOOST_AUTO_TEST_CASE(anything_else_is_no_entry) {
  for (const char* bad : {"", "[]", "recs1 1 2 3:4", "recs1 1 2 \n[]", "recs1 x 2 3:4\n[]",
                          "recs1 1 2 3;4\n[]", "recs2 1 2 3:4\n[]", "recs1 1 2 3:4,\n[]"})
    BOOST_TEST(!unwrap_slate(bad).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fingerprints)

profile_state sample() {
  profile_state st;
  st.who = {1, 1, "Ada", maturity::r18};
  st.services = {"stan", "netflix"};
  st.ratings = {{1, "tt1", verdict::loved, 9, "app", 100}, {1, "tt2", verdict::bad, {}, "app", 50}};
  st.tags = {{"dry humour", true}, {"gore", false}};
  st.notes = {{"tt1", "with mum", 5}};
  return st;
}

BOOST_AUTO_TEST_CASE(order_timestamps_and_sources_do_not_count) {
  auto a = sample();
  auto b = sample();
  std::reverse(b.services.begin(), b.services.end());
  std::reverse(b.ratings.begin(), b.ratings.end());
  std::reverse(b.tags.begin(), b.tags.end());
  b.ratings[0].ts = 999;
  b.ratings[1].source = "serializd";
  b.notes[0].ts = 6;
  BOOST_TEST(fingerprint(a) == fingerprint(b));
}

BOOST_AUTO_TEST_CASE(every_part_of_the_taste_counts) {
  const auto base = fingerprint(sample());
  auto changed = [&](auto edit) {
    auto st = sample();
    edit(st);
    return fingerprint(st) != base;
  };
  BOOST_TEST(changed([](profile_state& s) { s.who.id = 2; }));
  BOOST_TEST(changed([](profile_state& s) { s.who.maturity_cap = maturity::m; }));
  BOOST_TEST(changed([](profile_state& s) { s.services.pop_back(); }));
  BOOST_TEST(changed([](profile_state& s) { s.ratings[0].primary = verdict::good; }));
  BOOST_TEST(changed([](profile_state& s) { s.ratings[0].score = 8; }));
  BOOST_TEST(changed([](profile_state& s) { s.ratings.pop_back(); }));
  BOOST_TEST(changed([](profile_state& s) { s.tags[1].liked = true; }));
  BOOST_TEST(changed([](profile_state& s) { s.notes[0].text = "with dad"; }));
  // Free text cannot make two different lists serialise alike.
  BOOST_TEST(changed([](profile_state& s) { s.tags = {{"dry", true}, {"humour", true}}; }));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tiers)

/// An in-memory shared tier that two caches (two "instances") can share.
class memory_tier final : public slate_tier {
 public:
  std::optional<std::string> get(const std::string& key) override {
    std::lock_guard<std::mutex> lock(mu);
    ++gets;
    auto it = data.find(key);
    if (it == data.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& key, std::string value) override {
    std::lock_guard<std::mutex> lock(mu);
    data[key] = std::move(value);
  }
  bool active() const override { return on; }
  std::string name() const override { return "redis"; }

  std::mutex mu;
  std::map<std::string, std::string> data;
  int gets = 0;
  bool on = true;
};

struct instance {
  std::uint64_t world = 10;
  std::int64_t now = 1000;
  tiered_slate_cache cache{std::make_shared<slate_cache>(16, std::chrono::seconds(60)),
                           [this] { return world; }, [this] { return now; }};
  explicit instance(const std::shared_ptr<memory_tier>& tier) { cache.set_tier(tier); }

  /// Caches `body` for profile 1 as a slate computed now.
  void store(const std::string& key, std::string body) {
    cache.put(key, 1, cache.generation(1), std::move(body));
  }
};

/// Two instances on one tier, both holding profile 1 in the state with fingerprint 111.
struct two_instances {
  std::shared_ptr<memory_tier> tier = std::make_shared<memory_tier>();
  instance a{tier};
  instance b{tier};
  two_instances() {
    a.cache.invalidate(1, 111);
    b.cache.invalidate(1, 111);
  }
};

BOOST_AUTO_TEST_CASE(the_backend_names) {
  auto tier = std::make_shared<memory_tier>();
  tiered_slate_cache alone(std::make_shared<slate_cache>(4, std::chrono::seconds(60)),
                           [] { return std::uint64_t{0}; });
  BOOST_TEST(alone.backend() == "local");
  alone.set_tier(tier);
  BOOST_TEST(alone.backend() == "redis");
  tier->on = false;
  BOOST_TEST(alone.backend() == "local (redis unavailable)");
}

BOOST_FIXTURE_TEST_CASE(a_slate_is_shared_between_instances_with_the_same_state, two_instances) {
  a.store("rec|1", "slate-a");
  BOOST_TEST(tier->data.count("rec|1") == 1u);
  BOOST_TEST(b.cache.get("rec|1").value_or("") == "slate-a");
  BOOST_TEST(b.cache.shared_hits() == 1u);
  // Kept in b's own level: the next read does not go to the tier.
  const int gets = tier->gets;
  BOOST_TEST(b.cache.get("rec|1").value_or("") == "slate-a");
  BOOST_TEST(tier->gets == gets);
}

BOOST_FIXTURE_TEST_CASE(a_slate_of_another_state_is_never_served, two_instances) {
  // b computes from the old state while a changes it.
  const auto gen_b = b.cache.generation(1);
  a.cache.invalidate(1, 222);
  a.store("rec|1", "new");
  b.cache.put("rec|1", 1, gen_b, "old");  // b has not heard yet: stored, stamped 111
  BOOST_TEST(a.cache.get("rec|1").value_or("") == "new");  // from a's own level
  // a's own level loses it (e.g. evicted): the tier's "old" is not a's state.
  a.cache.local()->clear();
  BOOST_TEST(!a.cache.get("rec|1").has_value());
  // b hears of the change: its stale entry goes, and the tier's stale one does not count.
  b.cache.invalidate(1, 222);
  BOOST_TEST(!b.cache.get("rec|1").has_value());
}

BOOST_FIXTURE_TEST_CASE(a_put_with_an_old_generation_is_dropped_everywhere, two_instances) {
  const auto gen = a.cache.generation(1);
  a.cache.invalidate(1, 222);
  a.cache.put("rec|1", 1, gen, "computed before the change");
  BOOST_TEST(tier->data.empty());
  BOOST_TEST(!a.cache.get("rec|1").has_value());
}

BOOST_FIXTURE_TEST_CASE(another_catalog_or_a_clear_makes_shared_slates_stale, two_instances) {
  a.store("rec|1", "v10");
  b.world = 11;  // b moved to another catalog
  BOOST_TEST(!b.cache.get("rec|1").has_value());
  b.world = 10;
  b.now = 2000;
  b.cache.clear();  // e.g. b retrained its model: slates written before now are not taken
  BOOST_TEST(!b.cache.get("rec|1").has_value());
  a.now = 2001;
  a.store("rec|1", "later");
  BOOST_TEST(b.cache.get("rec|1").value_or("") == "later");
}

BOOST_FIXTURE_TEST_CASE(family_slates_and_unknown_profiles_stay_local, two_instances) {
  a.cache.invalidate(2, 222);
  a.cache.put("family|1,2,", {{1, a.cache.generation(1)}, {2, a.cache.generation(2)}}, "fam");
  a.cache.put("rec|9", 9, a.cache.generation(9), "no fingerprint");
  BOOST_TEST(tier->data.empty());
  BOOST_TEST(a.cache.get("family|1,2,").value_or("") == "fam");
  BOOST_TEST(a.cache.get("rec|9").value_or("") == "no fingerprint");
}

BOOST_FIXTURE_TEST_CASE(an_inactive_tier_is_not_asked, two_instances) {
  tier->on = false;
  a.store("rec|1", "local only");
  BOOST_TEST(tier->data.empty());
  a.cache.local()->clear();
  BOOST_TEST(!a.cache.get("rec|1").has_value());
  BOOST_TEST(tier->gets == 0);
}

BOOST_AUTO_TEST_SUITE_END()
