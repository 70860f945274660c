// Behavioural cases for any store backend: what the sync jobs need (offers checks, show links,
// sync runs) and how a catalog import treats checked shows.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

namespace {

using strings = std::vector<std::string>;

constexpr std::int64_t day = 86400;
constexpr std::int64_t now = 1750000000;
constexpr std::int64_t stale = 14 * day;

offer inferred_offer(std::string provider, monetization type = monetization::flatrate) {
  offer o;
  o.provider = std::move(provider);
  o.type = type;
  o.inferred = true;
  o.basis = "network ABC";
  return o;
}

offer verified_offer(std::string provider, monetization type = monetization::flatrate,
                     std::int64_t checked = now) {
  offer o;
  o.provider = std::move(provider);
  o.type = type;
  o.inferred = false;  // replace_offers stores every offer as verified anyway
  o.basis = "justwatch";
  o.last_checked_ts = checked;
  o.url = "https://example.invalid/" + o.provider;
  o.available_to = "2031-01-31";
  return o;
}

show catalog_show(const std::string& id, double popularity, double votes = 100,
                  std::vector<offer> offers = {inferred_offer("abc_iview", monetization::free)}) {
  show s;
  s.id = id;
  s.title = "Title of " + id;
  s.year = 2020;
  s.network = "ABC";
  s.imdb_votes = votes;
  s.tmdb_popularity = popularity;
  s.offers = std::move(offers);
  return s;
}

/// The stored show `id` (shows() has every show).
show stored(catalog_store& catalog, const std::string& id) {
  auto all = catalog.shows();
  BOOST_REQUIRE_MESSAGE(all.ok(), describe(all));
  for (show& s : *all) {
    if (s.id == id) return s;
  }
  BOOST_FAIL("no show " + id);
  return {};
}

/// "provider/type/v" (verified) or ".../i" (inferred), in the order given.
strings keys(const std::vector<offer>& offers) {
  strings out;
  for (const offer& o : offers) {
    out.push_back(o.provider + "/" + std::string(to_string(o.type)) + (o.inferred ? "/i" : "/v"));
  }
  return out;
}

strings due_ids(offers_store& offers, std::int64_t at, std::size_t limit = 100) {
  auto due = offers.offers_due(at, stale, limit);
  BOOST_REQUIRE_MESSAGE(due.ok(), describe(due));
  strings out;
  for (const refresh_item& r : *due) out.push_back(r.show_id);
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_offers_checks, store_fixture)

BOOST_AUTO_TEST_CASE(never_checked_shows_are_due_most_popular_first) {
  BOOST_REQUIRE(catalog()
                    .upsert_shows({catalog_show("tt3", 5.0), catalog_show("tt1", 9.5),
                                   catalog_show("tt2", 5.0, 900), catalog_show("tt0", 5.0, 900),
                                   catalog_show("tt4", 0)})
                    .ok());
  // Popularity desc; equal popularity: IMDb votes desc; then id.
  BOOST_TEST(due_ids(offers(), now) == (strings{"tt1", "tt0", "tt2", "tt3", "tt4"}),
             boost::test_tools::per_element());
  BOOST_TEST(due_ids(offers(), now, 2) == (strings{"tt1", "tt0"}),
             boost::test_tools::per_element());
  BOOST_TEST(due_ids(offers(), now, 0).empty());
  BOOST_TEST(*offers().offers_due_count(now, stale) == 5);

  auto items = offers().offers_due(now, stale, 1);
  BOOST_REQUIRE(items.ok() && items->size() == 1u);
  const refresh_item& top = items->front();
  BOOST_TEST(top.title == "Title of tt1");
  BOOST_TEST(top.year == 2020);
  BOOST_TEST(top.popularity == 9.5);
  BOOST_TEST(top.offers_checked_ts == 0);
  BOOST_TEST(top.justwatch_id.empty());
  BOOST_TEST(top.tmdb_id.empty());
}

BOOST_AUTO_TEST_CASE(stale_shows_follow_never_checked_oldest_check_first) {
  BOOST_REQUIRE(
      catalog()
          .upsert_shows({catalog_show("tt1", 1), catalog_show("tt2", 2), catalog_show("tt3", 3),
                         catalog_show("tt4", 4), catalog_show("tt5", 5), catalog_show("tt6", 6)})
          .ok());
  // tt6 (the most popular) and tt4 checked long ago, tt5 and tt3 at the same (older) time,
  // tt2 recently; tt1 never.
  BOOST_REQUIRE(offers().mark_offers_checked("tt6", now - 20 * day).ok());
  BOOST_REQUIRE(offers().mark_offers_checked("tt4", now - 30 * day).ok());
  BOOST_REQUIRE(offers().replace_offers("tt5", {}, now - 40 * day).ok());
  BOOST_REQUIRE(offers().mark_offers_checked("tt3", now - 40 * day).ok());
  BOOST_REQUIRE(offers().replace_offers("tt2", {verified_offer("stan")}, now - 3 * day).ok());

  BOOST_TEST(due_ids(offers(), now) == (strings{"tt1", "tt3", "tt5", "tt4", "tt6"}),
             boost::test_tools::per_element());
  BOOST_TEST(*offers().offers_due_count(now, stale) == 5);
  auto items = offers().offers_due(now, stale, 10);
  BOOST_REQUIRE(items.ok() && items->size() == 5u);
  BOOST_TEST(items->at(1).offers_checked_ts == now - 40 * day);

  // Exactly stale_after_s old is not yet due; one second more is.
  BOOST_TEST(due_ids(offers(), now - 6 * day) == (strings{"tt1", "tt3", "tt5", "tt4"}),
             boost::test_tools::per_element());
  BOOST_TEST(due_ids(offers(), now - 6 * day + 1) == (strings{"tt1", "tt3", "tt5", "tt4", "tt6"}),
             boost::test_tools::per_element());
  BOOST_TEST(*offers().offers_due_count(now - 6 * day, stale) == 4);
  BOOST_TEST(*offers().offers_due_count(now, 365 * day) == 1);  // only the never-checked one
  BOOST_TEST(*offers().offers_last_checked() == now - 3 * day);
}

BOOST_AUTO_TEST_CASE(due_items_carry_their_justwatch_and_tmdb_links) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 2), catalog_show("tt2", 1)}).ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "justwatch", "ts20233").ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "tmdb", "1399").ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "tvmaze", "82").ok());
  BOOST_REQUIRE(links().set_show_link("tt2", "tmdb", "42").ok());
  auto items = offers().offers_due(now, stale, 10);
  BOOST_REQUIRE_MESSAGE(items.ok(), describe(items));
  BOOST_REQUIRE(items->size() == 2u);  // one row per show, whatever its links
  BOOST_TEST(items->at(0).justwatch_id == "ts20233");
  BOOST_TEST(items->at(0).tmdb_id == "1399");
  BOOST_TEST(items->at(1).justwatch_id.empty());
  BOOST_TEST(items->at(1).tmdb_id == "42");
}

BOOST_AUTO_TEST_CASE(nothing_checked_means_last_checked_zero) {
  BOOST_TEST(*offers().offers_last_checked() == 0);
  BOOST_TEST(*offers().offers_due_count(now, stale) == 0);
  BOOST_TEST(due_ids(offers(), now).empty());
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1)}).ok());
  BOOST_TEST(*offers().offers_last_checked() == 0);
  BOOST_TEST(stored(catalog(), "tt1").offers_checked_ts == 0);
}

BOOST_AUTO_TEST_CASE(replace_offers_returns_the_old_ones_and_stores_the_verified) {
  BOOST_REQUIRE(catalog()
                    .upsert_shows({catalog_show("tt1", 1, 100,
                                                {inferred_offer("stan"),
                                                 inferred_offer("abc_iview", monetization::free),
                                                 inferred_offer("abc_iview", monetization::ads)}),
                                   catalog_show("tt2", 1)})
                    .ok());
  offer own_time = verified_offer("netflix", monetization::flatrate, now - 60);
  offer no_time = verified_offer("binge", monetization::ads, 0);
  offer claims_inferred = verified_offer("apple_tv", monetization::buy);
  claims_inferred.inferred = true;
  auto before = offers().replace_offers("tt1", {own_time, no_time, claims_inferred}, now);
  BOOST_REQUIRE_MESSAGE(before.ok(), describe(before));
  // Ordered by provider id, then monetization name.
  BOOST_TEST(keys(*before) == (strings{"abc_iview/ads/i", "abc_iview/free/i", "stan/flatrate/i"}),
             boost::test_tools::per_element());

  reopen();
  const show s = stored(catalog(), "tt1");
  BOOST_TEST(s.offers_checked_ts == now);
  BOOST_TEST(keys(s.offers) == (strings{"apple_tv/buy/v", "binge/ads/v", "netflix/flatrate/v"}),
             boost::test_tools::per_element());
  for (const offer& o : s.offers) {
    BOOST_TEST_CONTEXT(o.provider) {
      BOOST_TEST(o.basis == "justwatch");
      BOOST_TEST(o.url == "https://example.invalid/" + o.provider);
      BOOST_TEST(o.available_to == "2031-01-31");
      BOOST_TEST(o.last_checked_ts == (o.provider == "netflix" ? now - 60 : now));
    }
  }
  BOOST_TEST(keys(stored(catalog(), "tt2").offers) == strings{"abc_iview/free/i"},
             boost::test_tools::per_element());
  BOOST_TEST(due_ids(offers(), now) == strings{"tt2"}, boost::test_tools::per_element());

  // The next check returns what the last one stored.
  auto again = offers().replace_offers("tt1", {verified_offer("netflix")}, now + 100);
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(keys(*again) == (strings{"apple_tv/buy/v", "binge/ads/v", "netflix/flatrate/v"}),
             boost::test_tools::per_element());
  BOOST_TEST(*offers().offers_last_checked() == now + 100);
}

BOOST_AUTO_TEST_CASE(a_show_on_no_service_is_checked_with_zero_offers) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1)}).ok());
  auto before = offers().replace_offers("tt1", {}, now);
  BOOST_REQUIRE(before.ok());
  BOOST_TEST(before->size() == 1u);
  const show s = stored(catalog(), "tt1");
  BOOST_TEST(s.offers.empty());
  BOOST_TEST(s.offers_checked_ts == now);
  BOOST_TEST(due_ids(offers(), now).empty());
  BOOST_TEST(due_ids(offers(), now + stale + 1) == strings{"tt1"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(replace_offers_refuses_unknown_shows_and_bad_times) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1)}).ok());
  auto unknown = offers().replace_offers("tt404", {verified_offer("stan")}, now);
  BOOST_TEST(failed_with(unknown, errc::not_found), describe(unknown));
  BOOST_TEST(failed_with(offers().replace_offers("tt1", {}, 0), errc::invalid_argument));
  BOOST_TEST(failed_with(offers().replace_offers("tt1", {}, -5), errc::invalid_argument));
  BOOST_TEST(stored(catalog(), "tt1").offers.size() == 1u);
  BOOST_TEST(stored(catalog(), "tt1").offers_checked_ts == 0);
}

BOOST_AUTO_TEST_CASE(a_failing_offer_leaves_the_old_offers_and_check_time) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1), catalog_show("tt2", 1)}).ok());
  // Never checked: the inferred offer stays, and the show stays never checked.
  auto bad = offers().replace_offers("tt1", {verified_offer("stan"), verified_offer("")}, now);
  BOOST_TEST(failed_with(bad, errc::invalid_argument), describe(bad));
  show s = stored(catalog(), "tt1");
  BOOST_TEST(keys(s.offers) == strings{"abc_iview/free/i"}, boost::test_tools::per_element());
  BOOST_TEST(s.offers_checked_ts == 0);
  BOOST_TEST(*offers().offers_last_checked() == 0);

  // Checked before: the verified offers and the old check time stay.
  BOOST_REQUIRE(offers().replace_offers("tt2", {verified_offer("netflix")}, now - day).ok());
  bad = offers().replace_offers("tt2", {verified_offer(""), verified_offer("stan")}, now);
  BOOST_TEST(failed_with(bad, errc::invalid_argument), describe(bad));
  s = stored(catalog(), "tt2");
  BOOST_TEST(keys(s.offers) == strings{"netflix/flatrate/v"}, boost::test_tools::per_element());
  BOOST_TEST(s.offers_checked_ts == now - day);

  // The store works on after the rollback.
  BOOST_REQUIRE(offers().replace_offers("tt2", {verified_offer("stan")}, now).ok());
  BOOST_TEST(keys(stored(catalog(), "tt2").offers) == strings{"stan/flatrate/v"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(mark_offers_checked_keeps_the_offers) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1), catalog_show("tt2", 2)}).ok());
  BOOST_REQUIRE(offers().mark_offers_checked("tt1", now).ok());
  const show s = stored(catalog(), "tt1");
  BOOST_TEST(keys(s.offers) == strings{"abc_iview/free/i"}, boost::test_tools::per_element());
  BOOST_REQUIRE(s.offers.size() == 1u);
  BOOST_TEST(s.offers.front().last_checked_ts == 0);  // the offer itself was not verified
  BOOST_TEST(s.offers_checked_ts == now);
  BOOST_TEST(due_ids(offers(), now) == strings{"tt2"}, boost::test_tools::per_element());
  BOOST_TEST(*offers().offers_last_checked() == now);

  BOOST_TEST(failed_with(offers().mark_offers_checked("tt404", now), errc::not_found));
  BOOST_TEST(failed_with(offers().mark_offers_checked("tt2", 0), errc::invalid_argument));
  BOOST_TEST(stored(catalog(), "tt2").offers_checked_ts == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(store_catalog_import_keeps_checks, store_fixture)

BOOST_AUTO_TEST_CASE(a_catalog_import_keeps_verified_offers_and_check_times) {
  const std::vector<show> first = {
      catalog_show("tt1", 1), catalog_show("tt2", 2), catalog_show("tt3", 3),
      catalog_show("tt4", 4, 100, {inferred_offer("stan"), inferred_offer("netflix")})};
  BOOST_REQUIRE(catalog().upsert_shows(first).ok());
  BOOST_REQUIRE(offers().replace_offers("tt1", {verified_offer("netflix")}, now).ok());
  BOOST_REQUIRE(offers().replace_offers("tt2", {}, now - 1).ok());   // on no service
  BOOST_REQUIRE(offers().mark_offers_checked("tt3", now - 2).ok());  // not found upstream

  // A new catalog: every show's fields change, and its inferred offers too.
  std::vector<show> next = first;
  for (show& s : next) {
    s.title += " (renamed)";
    s.tmdb_popularity += 10;
    s.offers = {inferred_offer("binge"), inferred_offer("sbs_on_demand", monetization::free)};
  }
  auto st = catalog().upsert_shows(next);
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  reopen();

  show s1 = stored(catalog(), "tt1");
  BOOST_TEST(s1.title == "Title of tt1 (renamed)");
  BOOST_TEST(s1.tmdb_popularity == 11);
  BOOST_TEST(s1.offers_checked_ts == now);
  BOOST_TEST(keys(s1.offers) == strings{"netflix/flatrate/v"}, boost::test_tools::per_element());
  BOOST_REQUIRE(s1.offers.size() == 1u);
  BOOST_TEST(s1.offers.front().last_checked_ts == now);
  show s2 = stored(catalog(), "tt2");
  BOOST_TEST(s2.title == "Title of tt2 (renamed)");
  BOOST_TEST(s2.offers.empty());
  BOOST_TEST(s2.offers_checked_ts == now - 1);
  show s3 = stored(catalog(), "tt3");
  BOOST_TEST(keys(s3.offers) == strings{"abc_iview/free/i"}, boost::test_tools::per_element());
  BOOST_TEST(s3.offers_checked_ts == now - 2);
  // Never checked: replaced by the catalog's offers, as before.
  show s4 = stored(catalog(), "tt4");
  BOOST_TEST(s4.title == "Title of tt4 (renamed)");
  BOOST_TEST(keys(s4.offers) == (strings{"binge/flatrate/i", "sbs_on_demand/free/i"}),
             boost::test_tools::per_element());
  BOOST_TEST(s4.offers_checked_ts == 0);
  BOOST_TEST(due_ids(offers(), now) == strings{"tt4"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_show_twice_in_one_batch_keeps_the_last_offers) {
  BOOST_REQUIRE(catalog()
                    .upsert_shows({catalog_show("tt1", 1, 100, {inferred_offer("stan")}),
                                   catalog_show("tt1", 2, 100, {inferred_offer("binge")})})
                    .ok());
  const show s = stored(catalog(), "tt1");
  BOOST_TEST(s.tmdb_popularity == 2);
  BOOST_TEST(keys(s.offers) == strings{"binge/flatrate/i"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(links_survive_a_catalog_import) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1)}).ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "justwatch", "ts1").ok());
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 5)}).ok());
  BOOST_TEST(links().show_by_link("justwatch", "ts1")->value_or("") == "tt1");
}

BOOST_AUTO_TEST_CASE(a_show_copied_with_a_check_time_keeps_it_unless_checked_here) {
  // As recs-move copies shows from another store: offers and check time come along.
  show copied = catalog_show("tt1", 1, 100, {verified_offer("stan")});
  copied.offers_checked_ts = now - 5;
  show fresh_here = catalog_show("tt2", 1);
  BOOST_REQUIRE(catalog().upsert_shows({fresh_here}).ok());
  show copied_over_unchecked = catalog_show("tt2", 1, 100, {verified_offer("netflix")});
  copied_over_unchecked.offers_checked_ts = now - 7;
  BOOST_REQUIRE(catalog().upsert_shows({copied, copied_over_unchecked}).ok());
  show s1 = stored(catalog(), "tt1");
  BOOST_TEST(s1.offers_checked_ts == now - 5);
  BOOST_TEST(keys(s1.offers) == strings{"stan/flatrate/v"}, boost::test_tools::per_element());
  show s2 = stored(catalog(), "tt2");
  BOOST_TEST(s2.offers_checked_ts == now - 7);
  BOOST_TEST(keys(s2.offers) == strings{"netflix/flatrate/v"}, boost::test_tools::per_element());

  // Checked here since: a copy with another check time changes neither offers nor time.
  BOOST_REQUIRE(offers().replace_offers("tt1", {verified_offer("binge")}, now).ok());
  BOOST_REQUIRE(catalog().upsert_shows({copied}).ok());
  s1 = stored(catalog(), "tt1");
  BOOST_TEST(s1.offers_checked_ts == now);
  BOOST_TEST(keys(s1.offers) == strings{"binge/flatrate/v"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_large_import_keeps_the_checked_shows_among_many) {
  // Enough statements for several pipeline chunks on PostgreSQL.
  constexpr int n = 1500;
  std::vector<show> many;
  for (int i = 0; i < n; ++i) {
    many.push_back(
        catalog_show("tt" + std::to_string(100000 + i), i, 100,
                     {inferred_offer("abc_iview", monetization::free), inferred_offer("stan")}));
  }
  BOOST_REQUIRE(catalog().upsert_shows(many).ok());
  for (int i = 7; i < n; i += 97) {
    BOOST_REQUIRE(offers().replace_offers(many[i].id, {verified_offer("netflix")}, now).ok());
  }
  for (show& s : many) s.offers = {inferred_offer("binge")};
  auto st = catalog().upsert_shows(many);
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  auto all = catalog().shows();
  BOOST_REQUIRE(all.ok());
  BOOST_REQUIRE(all->size() == static_cast<std::size_t>(n));
  int checked = 0;
  for (int i = 0; i < n; ++i) {
    const show& s = (*all)[static_cast<std::size_t>(i)];
    const bool was_checked = i >= 7 && (i - 7) % 97 == 0;
    checked += was_checked ? 1 : 0;
    BOOST_TEST_CONTEXT(s.id) {
      BOOST_TEST(keys(s.offers) ==
                     (was_checked ? strings{"netflix/flatrate/v"} : strings{"binge/flatrate/i"}),
                 boost::test_tools::per_element());
      BOOST_TEST(s.offers_checked_ts == (was_checked ? now : 0));
    }
  }
  BOOST_TEST(*offers().offers_due_count(now, stale) == n - checked);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(store_show_links, store_fixture)

BOOST_AUTO_TEST_CASE(links_are_set_replaced_and_found) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt2", 1), catalog_show("tt1", 1)}).ok());
  BOOST_REQUIRE(links().set_show_link("tt2", "justwatch", "ts2").ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "justwatch", "ts1-old").ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "justwatch", "ts1").ok());  // replaces
  BOOST_REQUIRE(links().set_show_link("tt1", "justwatch", "ts1").ok());  // idempotent
  BOOST_REQUIRE(links().set_show_link("tt1", "tmdb", "1399").ok());

  auto jw = links().show_links("justwatch");
  BOOST_REQUIRE_MESSAGE(jw.ok(), describe(jw));
  BOOST_REQUIRE(jw->size() == 2u);
  BOOST_TEST(jw->at(0).show_id == "tt1");  // by show id
  BOOST_TEST(jw->at(0).source == "justwatch");
  BOOST_TEST(jw->at(0).external_id == "ts1");
  BOOST_TEST(jw->at(1).show_id == "tt2");
  BOOST_TEST(jw->at(1).external_id == "ts2");
  BOOST_TEST(links().show_links("tmdb")->size() == 1u);
  BOOST_TEST(links().show_links("serializd")->empty());

  BOOST_TEST(links().show_by_link("justwatch", "ts1")->value_or("") == "tt1");
  BOOST_TEST(!links().show_by_link("justwatch", "ts1-old")->has_value());
  BOOST_TEST(!links().show_by_link("tmdb", "ts1")->has_value());  // per source
  BOOST_TEST(links().show_by_link("tmdb", "1399")->value_or("") == "tt1");
}

BOOST_AUTO_TEST_CASE(an_external_id_taken_by_another_show_moves) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1), catalog_show("tt2", 1)}).ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "justwatch", "ts9").ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "tmdb", "9").ok());
  auto st = links().set_show_link("tt2", "justwatch", "ts9");
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  BOOST_TEST(links().show_by_link("justwatch", "ts9")->value_or("") == "tt2");
  auto jw = links().show_links("justwatch");
  BOOST_REQUIRE(jw.ok());
  BOOST_REQUIRE(jw->size() == 1u);
  BOOST_TEST(jw->front().show_id == "tt2");
  BOOST_TEST(links().show_by_link("tmdb", "9")->value_or("") == "tt1");  // other sources untouched
}

BOOST_AUTO_TEST_CASE(bad_links_are_refused) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1)}).ok());
  auto unknown = links().set_show_link("tt404", "justwatch", "ts1");
  BOOST_TEST(failed_with(unknown, errc::not_found), describe(unknown));
  BOOST_TEST(failed_with(links().set_show_link("tt1", "", "ts1"), errc::invalid_argument));
  BOOST_TEST(failed_with(links().set_show_link("tt1", "justwatch", ""), errc::invalid_argument));
  BOOST_TEST(links().show_links("justwatch")->empty());
}

BOOST_AUTO_TEST_CASE(a_link_is_deleted_once) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1)}).ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "tvmaze_missing", "tt1").ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "tmdb", "7").ok());
  auto st = links().delete_show_link("tt1", "tvmaze_missing");
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  BOOST_TEST(links().show_links("tvmaze_missing")->empty());
  BOOST_TEST(links().show_by_link("tmdb", "7")->value_or("") == "tt1");  // other sources stay
  BOOST_TEST(failed_with(links().delete_show_link("tt1", "tvmaze_missing"), errc::not_found));
  BOOST_TEST(failed_with(links().delete_show_link("tt404", "tmdb"), errc::not_found));
}

BOOST_AUTO_TEST_CASE(unlinked_shows_have_an_imdb_id_no_link_and_no_marker) {
  BOOST_REQUIRE(catalog()
                    .upsert_shows({catalog_show("tt5", 5.0), catalog_show("tt1", 9.5),
                                   catalog_show("tt2", 5.0, 900), catalog_show("tt0", 5.0, 900),
                                   catalog_show("x-slug-2020", 99), catalog_show("tt7", 7),
                                   catalog_show("tt8", 8)})
                    .ok());
  BOOST_REQUIRE(links().set_show_link("tt7", "tvmaze", "70").ok());
  BOOST_REQUIRE(links().set_show_link("tt8", "tvmaze_missing", "tt8").ok());
  BOOST_REQUIRE(links().set_show_link("tt5", "justwatch", "ts5").ok());  // another source's link

  auto ids = [&](std::size_t limit) {
    auto c = links().unlinked_shows("tvmaze", "tvmaze_missing", limit);
    BOOST_REQUIRE_MESSAGE(c.ok(), describe(c));
    strings out;
    for (const link_candidate& x : *c) out.push_back(x.show_id);
    return out;
  };
  // Popularity desc; equal popularity: IMDb votes desc; then id. No synthetic ids.
  BOOST_TEST(ids(100) == (strings{"tt1", "tt0", "tt2", "tt5"}), boost::test_tools::per_element());
  BOOST_TEST(ids(2) == (strings{"tt1", "tt0"}), boost::test_tools::per_element());
  BOOST_TEST(ids(0).empty());
  BOOST_TEST(*links().unlinked_show_count("tvmaze", "tvmaze_missing") == 4);
  BOOST_TEST(*links().unlinked_show_count("justwatch", "tmdb") == 5);  // tt5 is linked there

  auto top = links().unlinked_shows("tvmaze", "tvmaze_missing", 1);
  BOOST_REQUIRE(top.ok() && top->size() == 1u);
  BOOST_TEST(top->front().title == "Title of tt1");
  BOOST_TEST(top->front().year == 2020);
  BOOST_TEST(top->front().popularity == 9.5);

  BOOST_REQUIRE(links().set_show_link("tt1", "tvmaze", "10").ok());
  BOOST_REQUIRE(links().delete_show_link("tt8", "tvmaze_missing").ok());
  BOOST_TEST(ids(100) == (strings{"tt8", "tt0", "tt2", "tt5"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(store_show_metadata, store_fixture)

BOOST_AUTO_TEST_CASE(metadata_writes_only_the_given_fields) {
  show s = catalog_show("tt1", 3.5, 700);
  s.year = 0;
  s.runtime = 0;
  s.premise = "Our premise.";
  s.seasons = 4;
  s.genres = {"drama"};
  s.countries = {"AU"};
  s.rating = maturity::m;
  BOOST_REQUIRE(catalog().upsert_shows({s, catalog_show("tt2", 1)}).ok());
  BOOST_REQUIRE(offers().replace_offers("tt1", {verified_offer("stan")}, now).ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "tvmaze", "44983").ok());

  show_metadata m;
  m.runtime = 49;
  m.network = "Apple TV+";
  auto st = catalog().update_show_metadata("tt1", m);
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  show got = stored(catalog(), "tt1");
  BOOST_TEST(got.runtime == 49);
  BOOST_TEST(got.network == "Apple TV+");
  BOOST_TEST(got.year == 0);                  // not given: kept
  BOOST_TEST(got.premise == "Our premise.");  // not given: kept
  BOOST_TEST(got.title == s.title);
  BOOST_TEST(got.seasons == 4);
  BOOST_TEST(got.genres == (strings{"drama"}), boost::test_tools::per_element());
  BOOST_TEST(got.countries == (strings{"AU"}), boost::test_tools::per_element());
  BOOST_TEST(got.imdb_votes == 700);
  BOOST_TEST(got.tmdb_popularity == 3.5);
  BOOST_TEST((got.rating == maturity::m));
  BOOST_TEST(got.offers_checked_ts == now);
  BOOST_TEST(keys(got.offers) == (strings{"stan/flatrate/v"}), boost::test_tools::per_element());
  BOOST_TEST(links().show_by_link("tvmaze", "44983")->value_or("") == "tt1");

  show_metadata more;
  more.year = 2022;
  more.premise = "A first-season set-up.";
  BOOST_REQUIRE(catalog().update_show_metadata("tt1", more).ok());
  reopen();
  got = stored(catalog(), "tt1");
  BOOST_TEST(got.year == 2022);
  BOOST_TEST(got.premise == "A first-season set-up.");
  BOOST_TEST(got.runtime == 49);  // kept from the first write
  BOOST_TEST(got.network == "Apple TV+");
  BOOST_REQUIRE(catalog().update_show_metadata("tt1", show_metadata{}).ok());  // nothing: ok
  BOOST_TEST(stored(catalog(), "tt1").runtime == 49);
  BOOST_TEST(stored(catalog(), "tt2").network == "ABC");  // the other show untouched
}

BOOST_AUTO_TEST_CASE(metadata_of_unknown_shows_and_negative_numbers_is_refused) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1)}).ok());
  show_metadata m;
  m.runtime = 30;
  BOOST_TEST(failed_with(catalog().update_show_metadata("tt404", m), errc::not_found));
  m.runtime = -1;
  BOOST_TEST(failed_with(catalog().update_show_metadata("tt1", m), errc::invalid_argument));
  m.runtime = 0;
  m.year = -5;
  BOOST_TEST(failed_with(catalog().update_show_metadata("tt1", m), errc::invalid_argument));
  BOOST_TEST(stored(catalog(), "tt1").year == 2020);
}

BOOST_AUTO_TEST_CASE(a_catalog_import_writes_the_metadata_again) {
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1)}).ok());
  show_metadata m;
  m.runtime = 49;
  BOOST_REQUIRE(catalog().update_show_metadata("tt1", m).ok());
  BOOST_REQUIRE(catalog().upsert_shows({catalog_show("tt1", 1)}).ok());
  BOOST_TEST(stored(catalog(), "tt1").runtime == 0);  // documented: the import's fields win
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(store_sync_runs, store_fixture)

BOOST_AUTO_TEST_CASE(runs_start_finish_and_list_newest_first) {
  BOOST_TEST(runs().recent_sync_runs(10)->empty());
  auto a = runs().start_sync_run("justwatch", "daily_refresh", now - 200);
  auto b = runs().start_sync_run("tvmaze", "metadata", now - 100);
  auto c = runs().start_sync_run("serializd", "ratings_import", now - 100);
  BOOST_REQUIRE(a.ok() && b.ok() && c.ok());
  BOOST_TEST(*a > 0);
  BOOST_TEST(*b > *a);
  BOOST_TEST(*c > *b);

  auto st = runs().finish_sync_run(*a, "partial", now - 50, 200, 12, 3, "3 titles failed");
  BOOST_REQUIRE_MESSAGE(st.ok(), describe(st));
  reopen();
  auto recent = runs().recent_sync_runs(10);
  BOOST_REQUIRE_MESSAGE(recent.ok(), describe(recent));
  BOOST_REQUIRE(recent->size() == 3u);
  // Newest first; the same start time: the later id first.
  BOOST_TEST(recent->at(0).id == *c);
  BOOST_TEST(recent->at(1).id == *b);
  BOOST_TEST(recent->at(2).id == *a);
  const sync_run& running = recent->at(1);
  BOOST_TEST(running.source == "tvmaze");
  BOOST_TEST(running.kind == "metadata");
  BOOST_TEST(running.status == "running");
  BOOST_TEST(running.started_ts == now - 100);
  BOOST_TEST(running.finished_ts == 0);
  BOOST_TEST(running.checked == 0);
  BOOST_TEST(running.message.empty());
  const sync_run& done = recent->at(2);
  BOOST_TEST(done.source == "justwatch");
  BOOST_TEST(done.kind == "daily_refresh");
  BOOST_TEST(done.status == "partial");
  BOOST_TEST(done.started_ts == now - 200);
  BOOST_TEST(done.finished_ts == now - 50);
  BOOST_TEST(done.checked == 200);
  BOOST_TEST(done.changed == 12);
  BOOST_TEST(done.failed == 3);
  BOOST_TEST(done.message == "3 titles failed");

  auto two = runs().recent_sync_runs(2);
  BOOST_REQUIRE(two.ok());
  BOOST_TEST(two->size() == 2u);
  BOOST_TEST(runs().recent_sync_runs(0)->empty());
}

BOOST_AUTO_TEST_CASE(every_final_status_is_accepted_and_nothing_else) {
  for (const char* s : {"ok", "failed", "cancelled", "partial"}) {
    auto id = runs().start_sync_run("justwatch", "daily_refresh", now);
    BOOST_REQUIRE(id.ok());
    auto st = runs().finish_sync_run(*id, s, now + 1, 1, 0, 0, "");
    BOOST_TEST(st.ok(), s << ": " << describe(st));
  }
  auto id = runs().start_sync_run("justwatch", "daily_refresh", now);
  BOOST_REQUIRE(id.ok());
  BOOST_TEST(failed_with(runs().finish_sync_run(*id, "running", now, 0, 0, 0, ""),
                         errc::invalid_argument));
  BOOST_TEST(
      failed_with(runs().finish_sync_run(*id, "done", now, 0, 0, 0, ""), errc::invalid_argument));
  BOOST_TEST(
      failed_with(runs().finish_sync_run(*id + 100, "ok", now, 0, 0, 0, ""), errc::not_found));
  BOOST_TEST(failed_with(runs().start_sync_run("", "daily_refresh", now), errc::invalid_argument));
  BOOST_TEST(failed_with(runs().start_sync_run("justwatch", "", now), errc::invalid_argument));
  auto recent = runs().recent_sync_runs(1);
  BOOST_REQUIRE(recent.ok() && recent->size() == 1u);
  BOOST_TEST(recent->front().status == "running");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
