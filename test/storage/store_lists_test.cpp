// Behavioural cases for any store backend: feedback and watchlists.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

namespace {

/// A store with two households: Home (Ross, Son) and Other (Solo).
struct lists_fixture : store_fixture {
  lists_fixture() {
    auto h = homes().create_household("Home", "ross@example.com", {"stan"});
    auto o = homes().create_household("Other", "solo@example.com", {});
    BOOST_REQUIRE(h.ok() && o.ok());
    home = h->id;
    other = o->id;
    ross = homes().create_profile(home, "Ross", maturity::r18)->id;
    son = homes().create_profile(home, "Son", maturity::m)->id;
    solo = homes().create_profile(other, "Solo", maturity::r18)->id;
  }

  std::int64_t home = 0, other = 0, ross = 0, son = 0, solo = 0;
};

show_feedback mark(std::string show, feedback_kind k, std::int64_t ts, std::int64_t until = 0) {
  show_feedback f;
  f.show_id = std::move(show);
  f.kind = k;
  f.ts = ts;
  f.until_ts = until;
  return f;
}

watch_entry listed(std::string show, std::int64_t profile, std::int64_t ts) {
  watch_entry w;
  w.show_id = std::move(show);
  w.profile_id = profile;
  w.ts = ts;
  return w;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_lists, lists_fixture)

BOOST_AUTO_TEST_CASE(feedback_kinds_are_kept_apart_and_replaced_per_kind) {
  BOOST_REQUIRE(lists().put_feedback(ross, mark("tt1", feedback_kind::seen, 10)).ok());
  BOOST_REQUIRE(lists().put_feedback(ross, mark("tt1", feedback_kind::not_interested, 11)).ok());
  // A second not_tonight replaces the first; until is kept only for not_tonight.
  BOOST_REQUIRE(lists().put_feedback(ross, mark("tt2", feedback_kind::not_tonight, 12, 99)).ok());
  BOOST_REQUIRE(lists().put_feedback(ross, mark("tt2", feedback_kind::not_tonight, 13, 120)).ok());
  BOOST_REQUIRE(lists().put_feedback(ross, mark("tt3", feedback_kind::seen, 14, 555)).ok());
  auto fs = lists().feedback_of(ross);
  BOOST_REQUIRE_MESSAGE(fs.ok(), describe(fs));
  BOOST_REQUIRE(fs->size() == 4u);
  BOOST_TEST(((*fs)[0].show_id == "tt1" && (*fs)[0].kind == feedback_kind::not_interested));
  BOOST_TEST(((*fs)[1].show_id == "tt1" && (*fs)[1].kind == feedback_kind::seen));
  BOOST_TEST((*fs)[2].ts == 13);
  BOOST_TEST((*fs)[2].until_ts == 120);
  BOOST_TEST((*fs)[3].until_ts == 0);
  BOOST_TEST((*fs)[3].source == "app");
  BOOST_TEST(lists().feedback_of(son)->empty());

  BOOST_REQUIRE(lists().delete_feedback(ross, "tt1", feedback_kind::seen).ok());
  auto gone = lists().delete_feedback(ross, "tt1", feedback_kind::seen);
  BOOST_TEST((gone.err().code == errc::not_found));
  BOOST_TEST(lists().feedback_of(ross)->size() == 3u);
}

BOOST_AUTO_TEST_CASE(watchlists_of_a_profile_and_of_its_household) {
  BOOST_REQUIRE(lists().put_watch(home, listed("tt1", ross, 10)).ok());
  // Listed again: the first entry (and its date) stays.
  BOOST_REQUIRE(lists().put_watch(home, listed("tt1", ross, 20)).ok());
  watch_entry shared = listed("tt2", 0, 30);
  shared.added_by = son;
  BOOST_REQUIRE(lists().put_watch(home, shared).ok());
  BOOST_REQUIRE(lists().put_watch(home, listed("tt3", son, 40)).ok());

  auto mine = lists().profile_watchlist(ross);
  BOOST_REQUIRE(mine.ok());
  BOOST_REQUIRE(mine->size() == 1u);
  BOOST_TEST(mine->front().ts == 10);
  BOOST_TEST(mine->front().profile_id == ross);

  auto all = lists().household_watchlists(home);
  BOOST_REQUIRE(all.ok());
  BOOST_REQUIRE(all->size() == 3u);
  BOOST_TEST((*all)[0].show_id == "tt2");  // the household's own list first
  BOOST_TEST((*all)[0].profile_id == 0);
  BOOST_TEST((*all)[0].added_by == son);
  BOOST_TEST((*all)[1].profile_id == ross);
  BOOST_TEST((*all)[2].profile_id == son);
  BOOST_TEST(lists().household_watchlists(other)->empty());

  BOOST_REQUIRE(lists().delete_watch(home, 0, "tt2").ok());
  BOOST_TEST((lists().delete_watch(home, 0, "tt2").err().code == errc::not_found));
  BOOST_TEST(lists().household_watchlists(home)->size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_household_cannot_touch_another_households_profile_lists) {
  auto put = lists().put_watch(other, listed("tt1", ross, 10));
  BOOST_TEST((put.err().code == errc::not_found));
  BOOST_REQUIRE(lists().put_watch(home, listed("tt1", ross, 10)).ok());
  auto del = lists().delete_watch(other, ross, "tt1");
  BOOST_TEST((del.err().code == errc::not_found));
  BOOST_TEST(lists().profile_watchlist(ross)->size() == 1u);
}

BOOST_AUTO_TEST_CASE(deleting_a_profile_takes_its_feedback_and_list) {
  BOOST_REQUIRE(lists().put_feedback(son, mark("tt1", feedback_kind::seen, 10)).ok());
  BOOST_REQUIRE(lists().put_watch(home, listed("tt1", son, 10)).ok());
  BOOST_REQUIRE(homes().delete_profile(son).ok());
  BOOST_TEST(lists().feedback_of(son)->empty());
  BOOST_TEST(lists().household_watchlists(home)->empty());
}

BOOST_AUTO_TEST_CASE(an_import_is_written_whole_or_not_at_all) {
  import_batch ok;
  rating r;
  r.show_id = "tt1";
  r.primary = verdict::loved;
  r.score = 9;
  r.source = "imdb";
  r.ts = 50;
  ok.ratings.push_back(r);
  show_feedback seen = mark("tt2", feedback_kind::seen, 60);
  seen.source = "netflix";
  ok.seen.push_back(seen);
  ok.watchlist.push_back(listed("tt3", ross, 70));
  BOOST_REQUIRE(lists().apply_import(ross, ok).ok());
  BOOST_TEST(taste().ratings(ross)->size() == 1u);
  BOOST_TEST(taste().ratings(ross)->front().profile_id == ross);
  BOOST_TEST(lists().feedback_of(ross)->front().source == "netflix");
  BOOST_TEST(lists().profile_watchlist(ross)->size() == 1u);

  // A row the database refuses (a score of 11) rolls every row of the batch back.
  import_batch bad;
  rating good = r;
  good.show_id = "tt4";
  bad.ratings.push_back(good);
  bad.watchlist.push_back(listed("tt5", ross, 80));
  rating broken = r;
  broken.show_id = "tt6";
  broken.score = 11;
  bad.ratings.push_back(broken);
  BOOST_TEST(!lists().apply_import(ross, bad).ok());
  BOOST_TEST(taste().ratings(ross)->size() == 1u);
  BOOST_TEST(lists().profile_watchlist(ross)->size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_alert_is_kept_once_and_read_per_household) {
  auto alert = [](std::int64_t h, std::string detail, std::int64_t ts) {
    inbox_item i;
    i.household_id = h;
    i.show_id = "tt1";
    i.event = "arrived";
    i.detail = std::move(detail);
    i.text = "Fargo is now on Stan";
    i.ts = ts;
    return i;
  };
  inbox_item first = alert(home, "stan", 10);
  auto added = lists().add_inbox(first);
  BOOST_REQUIRE_MESSAGE(added.ok(), describe(added));
  BOOST_TEST(*added);
  BOOST_TEST(first.id > 0);
  inbox_item again = alert(home, "stan", 20);
  BOOST_TEST(!*lists().add_inbox(again));  // the same show, event and detail: once
  inbox_item other = alert(home, "netflix", 30);
  BOOST_TEST(*lists().add_inbox(other));
  inbox_item theirs = alert(this->other, "stan", 40);
  BOOST_TEST(*lists().add_inbox(theirs));

  auto box = lists().inbox(home, 10);
  BOOST_REQUIRE(box.ok());
  BOOST_REQUIRE(box->size() == 2u);
  BOOST_TEST(box->front().detail == "netflix");  // newest first
  BOOST_TEST(*lists().unread_count(home) == 2);
  // Another household's id changes nothing here.
  BOOST_TEST(*lists().mark_read(home, {theirs.id}) == 0);
  BOOST_TEST(*lists().mark_read(home, {first.id}) == 1);
  BOOST_TEST(*lists().unread_count(home) == 1);
  BOOST_TEST(*lists().mark_read(home, {}) == 1);
  BOOST_TEST(*lists().unread_count(home) == 0);
  BOOST_TEST(*lists().unread_count(this->other) == 1);
}

BOOST_AUTO_TEST_CASE(watchers_are_the_households_with_the_show_on_a_list) {
  BOOST_REQUIRE(lists().put_watch(home, listed("tt1", son, 10)).ok());
  BOOST_REQUIRE(lists().put_watch(home, listed("tt1", 0, 10)).ok());
  BOOST_REQUIRE(lists().put_watch(other, listed("tt1", 0, 10)).ok());
  BOOST_REQUIRE(lists().put_watch(other, listed("tt2", solo, 10)).ok());
  auto w = lists().watchers("tt1");
  BOOST_REQUIRE(w.ok());
  BOOST_TEST((*w == std::vector<std::int64_t>{std::min(home, other), std::max(home, other)}));
  BOOST_TEST((*lists().watchers("tt2") == std::vector<std::int64_t>{other}));
  BOOST_TEST(lists().watchers("tt3")->empty());
}

BOOST_AUTO_TEST_CASE(a_households_webhook_is_set_replaced_and_removed_on_its_own) {
  auto none = lists().household_webhook_of(home);
  BOOST_TEST((!none && none.err().code == errc::not_found));
  household_webhook w{home, "discord", "https://discord.com/api/webhooks/1/a", 10};
  BOOST_REQUIRE(lists().put_household_webhook(w).ok());
  BOOST_REQUIRE(lists().put_household_webhook({other, "ntfy", "https://ntfy.sh/t", 11}).ok());
  w.kind = "slack";
  w.url = "https://hooks.slack.com/services/T/B/x";
  w.updated_at = 20;
  BOOST_REQUIRE(lists().put_household_webhook(w).ok());  // replaced
  auto got = lists().household_webhook_of(home);
  BOOST_REQUIRE(got.ok());
  BOOST_TEST(got->kind == "slack");
  BOOST_TEST(got->url == w.url);
  BOOST_TEST(got->updated_at == 20);
  // A kind the service does not know is refused by the store too.
  BOOST_TEST(!lists().put_household_webhook({home, "email", "https://x.org/a", 1}).ok());
  BOOST_REQUIRE(lists().delete_household_webhook(home).ok());
  auto again = lists().delete_household_webhook(home);
  BOOST_TEST((!again && again.err().code == errc::not_found));
  BOOST_TEST(lists().household_webhook_of(other)->kind == "ntfy");  // the other's stays
  // Deleting a household takes its webhook.
  BOOST_REQUIRE(homes().delete_household(other).ok());
  BOOST_TEST(!lists().household_webhook_of(other).ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
