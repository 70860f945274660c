#define BOOST_TEST_MODULE recsys_stale_ratio
#include "recsys/stale_ratio.hpp"

#include <boost/test/unit_test.hpp>

#include "recsys/catalog_snapshot.hpp"

using namespace recs;

namespace {

constexpr std::int64_t kNow = 1764000000;
constexpr std::int64_t kDay = 86400;

show make(std::string id, std::int64_t checked, std::vector<offer> offers) {
  show s;
  s.id = std::move(id);
  s.title = s.id;
  s.year = 2020;
  s.offers_checked_ts = checked;
  s.offers = std::move(offers);
  return s;
}

offer verified(std::string provider, std::int64_t ts) {
  offer o;
  o.provider = std::move(provider);
  o.inferred = false;
  o.basis = "justwatch";
  o.last_checked_ts = ts;
  return o;
}

offer inferred(std::string provider) {
  offer o;
  o.provider = std::move(provider);
  o.basis = "network";
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_show_is_stale_unless_verified_within_the_window) {
  BOOST_TEST(offers_stale(make("a", 0, {inferred("stan")}), kNow, 14));  // only inferred
  BOOST_TEST(offers_stale(make("b", 0, {}), kNow, 14));                  // never checked
  BOOST_TEST(!offers_stale(make("c", kNow - 2 * kDay, {}), kNow, 14));   // checked: nowhere
  BOOST_TEST(!offers_stale(make("d", kNow - 14 * kDay, {verified("stan", kNow - 14 * kDay)}), kNow,
                           14));  // the boundary is still fresh
  BOOST_TEST(
      offers_stale(make("e", kNow - 15 * kDay, {verified("stan", kNow - 15 * kDay)}), kNow, 14));
  // A verified offer newer than the show's check time counts (e.g. copied from elsewhere).
  BOOST_TEST(!offers_stale(make("f", 0, {verified("stan", kNow - kDay)}), kNow, 14));
  // Inferred offers next to a recent check do not make it stale (JustWatch lacked the show).
  BOOST_TEST(!offers_stale(make("g", kNow - kDay, {inferred("abc_iview")}), kNow, 14));
}

BOOST_AUTO_TEST_CASE(the_ratio_is_the_share_of_stale_items) {
  auto catalog = catalog_snapshot::build(
      {make("a", 0, {inferred("stan")}), make("b", kNow - kDay, {verified("stan", kNow - kDay)}),
       make("c", kNow - 30 * kDay, {verified("netflix", kNow - 30 * kDay)}),
       make("d", kNow - kDay, {})},
      {}, 1);
  slate sl;
  sl.catalog = catalog;
  BOOST_TEST(stale_ratio(sl, kNow, 14) == 0.0);  // empty
  for (std::uint32_t i = 0; i < 4; ++i) {
    slate_item it;
    it.index = *catalog->find(std::string(1, static_cast<char>('a' + i)));
    sl.items.push_back(it);
  }
  BOOST_TEST(stale_ratio(sl, kNow, 14) == 0.5);  // a (inferred) and c (30 days) of 4
  BOOST_TEST(stale_ratio(sl, kNow, 60) == 0.25);
}
