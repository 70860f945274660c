// Behavioural cases for any store backend: invites (account_store), the profile settings of
// household_store (kid, PIN, name, delete), deleting a household, and the migration that gives an
// older database's households their owners.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "test/storage/account_rows.hpp"

namespace recs::storage::testing {

BOOST_FIXTURE_TEST_SUITE(store_invites, store_fixture)

// -- invites ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(invites_are_created_listed_while_open_and_deleted) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  auto other = accounts().create_household_with_owner(home("other@example.com"), false);
  BOOST_REQUIRE(h.ok() && other.ok());
  const std::int64_t now = 5000;
  auto open = accounts().create_invite(
      invitation("i-open", h->id, " Wife@Example.com ", account_role::member, now + 100));
  BOOST_REQUIRE_MESSAGE(open.ok(), describe(open));
  BOOST_TEST(open->id > 0);
  BOOST_TEST(open->email == "Wife@Example.com");
  BOOST_TEST(open->used_at == 0);
  auto expired =
      accounts().create_invite(invitation("i-expired", h->id, "", account_role::member, now));
  auto used =
      accounts().create_invite(invitation("i-used", h->id, "", account_role::member, now + 100));
  auto theirs = accounts().create_invite(
      invitation("i-theirs", other->id, "", account_role::member, now + 100));
  BOOST_REQUIRE(expired.ok() && used.ok() && theirs.ok());
  BOOST_REQUIRE(accounts().accept_invite("i-used", now, "son@example.com", "s").ok());

  auto dup = accounts().create_invite(invitation("i-open", h->id, "", account_role::member, 1));
  BOOST_TEST(failed_with(dup, errc::invalid_argument), describe(dup));
  auto orphan = accounts().create_invite(
      invitation("i-orphan", other->id + 100, "", account_role::member, now + 100));
  BOOST_TEST(failed_with(orphan, errc::invalid_argument), describe(orphan));

  auto list = accounts().open_invites(h->id, now);
  BOOST_REQUIRE_MESSAGE(list.ok(), describe(list));
  BOOST_REQUIRE(list->size() == 1u);
  const invite& i = list->front();
  BOOST_TEST(i.id == open->id);
  BOOST_TEST(i.digest == "i-open");
  BOOST_TEST(i.household_id == h->id);
  BOOST_TEST(i.email == "Wife@Example.com");
  BOOST_TEST((i.role == account_role::member));
  BOOST_TEST(i.created_by == 0);
  BOOST_TEST(i.created_at == 1000);
  BOOST_TEST(i.expires_at == now + 100);
  BOOST_TEST(i.used_at == 0);
  BOOST_TEST(accounts().open_invites(h->id, now - 1)->size() == 2u);  // i-expired was open then

  auto got = accounts().invite_by_digest("i-used");
  BOOST_REQUIRE_MESSAGE(got.ok(), describe(got));
  BOOST_TEST(got->used_at == now);
  BOOST_TEST(accounts().invite_by_digest("i-expired").ok());
  BOOST_TEST(failed_with(accounts().invite_by_digest("nope"), errc::not_found));

  BOOST_TEST(failed_with(accounts().delete_invite(h->id, theirs->id), errc::not_found));
  BOOST_TEST(accounts().invite_by_digest("i-theirs").ok());
  BOOST_REQUIRE(accounts().delete_invite(h->id, open->id).ok());
  BOOST_TEST(failed_with(accounts().delete_invite(h->id, open->id), errc::not_found));
  BOOST_TEST(accounts().open_invites(h->id, now)->empty());
}

BOOST_AUTO_TEST_CASE(an_invite_is_accepted_once) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(h.ok());
  const std::int64_t now = 5000;
  BOOST_REQUIRE(
      accounts().create_invite(invitation("code", h->id, "", account_role::member, now + 60)).ok());
  auto wife = accounts().accept_invite("code", now, " Wife@Example.com ", "$argon2id$w");
  BOOST_REQUIRE_MESSAGE(wife.ok(), describe(wife));
  BOOST_TEST(wife->id > 0);
  BOOST_TEST(wife->household_id == h->id);
  BOOST_TEST(wife->email == "Wife@Example.com");
  BOOST_TEST(wife->password_hash == "$argon2id$w");
  BOOST_TEST((wife->role == account_role::member));
  auto stored = accounts().account_by_email("wife@example.com");
  BOOST_REQUIRE(stored.ok());
  BOOST_TEST(stored->id == wife->id);
  BOOST_TEST(accounts().invite_by_digest("code")->used_at == now);
  BOOST_TEST(homes().household_by_id(h->id)->owner_email == "ross@example.com");

  auto again = accounts().accept_invite("code", now + 1, "son@example.com", "s");
  BOOST_TEST(failed_with(again, errc::not_found), describe(again));
  BOOST_TEST(failed_with(accounts().account_by_email("son@example.com"), errc::not_found));
  BOOST_TEST(failed_with(accounts().accept_invite("unknown", now, "son@example.com", "s"),
                         errc::not_found));
}

BOOST_AUTO_TEST_CASE(an_expired_or_someone_elses_invite_is_not_found) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(h.ok());
  const std::int64_t now = 5000;
  BOOST_REQUIRE(
      accounts().create_invite(invitation("old", h->id, "", account_role::member, now)).ok());
  BOOST_REQUIRE(accounts()
                    .create_invite(invitation("named", h->id, "Son@Example.com",
                                              account_role::member, now + 60))
                    .ok());

  auto expired = accounts().accept_invite("old", now, "son@example.com", "s");
  BOOST_TEST(failed_with(expired, errc::not_found), describe(expired));
  auto wrong = accounts().accept_invite("named", now, "wife@example.com", "w");
  BOOST_TEST(failed_with(wrong, errc::not_found), describe(wrong));
  BOOST_TEST(accounts().invite_by_digest("named")->used_at == 0);
  BOOST_TEST(*accounts().account_count() == 1);

  // The named person, in any case, can.
  auto son = accounts().accept_invite("named", now, "SON@example.COM", "s");
  BOOST_REQUIRE_MESSAGE(son.ok(), describe(son));
  BOOST_TEST(son->email == "SON@example.COM");
}

BOOST_AUTO_TEST_CASE(an_invite_for_an_email_with_an_account_stays_open) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  auto other = accounts().create_household_with_owner(home("other@example.com"), false);
  BOOST_REQUIRE(h.ok() && other.ok());
  BOOST_REQUIRE(
      accounts().create_invite(invitation("code", h->id, "", account_role::member, 9000)).ok());
  auto taken = accounts().accept_invite("code", 5000, "OTHER@example.com", "x");
  BOOST_TEST(failed_with(taken, errc::invalid_argument), describe(taken));
  BOOST_TEST(accounts().invite_by_digest("code")->used_at == 0);
  BOOST_TEST(accounts().account_by_email("other@example.com")->household_id == other->id);
  BOOST_TEST(accounts().accept_invite("code", 5000, "wife@example.com", "w").ok());
}

BOOST_AUTO_TEST_CASE(an_owner_invite_makes_its_acceptor_the_owner) {
  // A deployment admin's new household: no account yet, then its owner accepts the invite.
  auto h = accounts().create_household_with_owner(home("Planned@Example.com", ""), false);
  BOOST_REQUIRE(h.ok());
  BOOST_REQUIRE(
      accounts()
          .create_invite(invitation("own", h->id, "planned@example.com", account_role::owner, 9000))
          .ok());
  auto owner = accounts().accept_invite("own", 5000, "planned@EXAMPLE.com", "$argon2id$o");
  BOOST_REQUIRE_MESSAGE(owner.ok(), describe(owner));
  BOOST_TEST((owner->role == account_role::owner));
  BOOST_TEST(homes().household_by_id(h->id)->owner_email == "planned@EXAMPLE.com");

  // An open owner invite hands the household to whoever accepts it.
  BOOST_REQUIRE(
      accounts().create_invite(invitation("own2", h->id, "", account_role::owner, 9000)).ok());
  auto next = accounts().accept_invite("own2", 5000, "next@example.com", "$argon2id$n");
  BOOST_REQUIRE_MESSAGE(next.ok(), describe(next));
  BOOST_TEST(homes().household_by_id(h->id)->owner_email == "next@example.com");
  BOOST_TEST(homes().household_by_email("NEXT@example.com")->id == h->id);
  auto owners = accounts().accounts_of(h->id);
  BOOST_REQUIRE(owners.ok() && owners->size() == 2u);
  BOOST_TEST(owners->at(0).id == owner->id);
}

BOOST_AUTO_TEST_CASE(an_owner_invite_for_another_households_owner_is_refused_whole) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  auto other = accounts().create_household_with_owner(home("boss@example.com", ""), false);
  BOOST_REQUIRE(h.ok() && other.ok());
  BOOST_REQUIRE(
      accounts().create_invite(invitation("own", h->id, "", account_role::owner, 9000)).ok());
  // boss owns the other household (with no account): the owner email cannot move here.
  auto r = accounts().accept_invite("own", 5000, "Boss@example.com", "b");
  BOOST_TEST(failed_with(r, errc::invalid_argument), describe(r));
  BOOST_TEST(failed_with(accounts().account_by_email("boss@example.com"), errc::not_found));
  BOOST_TEST(accounts().invite_by_digest("own")->used_at == 0);
  BOOST_TEST(homes().household_by_id(h->id)->owner_email == "ross@example.com");
}

// -- profiles -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(profiles_are_renamed_marked_kid_and_given_a_pin) {
  auto h = homes().create_household("Home", "ross@example.com", {});
  BOOST_REQUIRE(h.ok());
  auto son = homes().create_profile(h->id, "Son", maturity::pg);
  BOOST_REQUIRE(son.ok());
  BOOST_TEST(!son->kid);
  BOOST_TEST(!son->has_pin);
  BOOST_TEST(*homes().profile_pin_hash(son->id) == "");

  BOOST_REQUIRE(homes().set_profile_kid(son->id, true).ok());
  BOOST_REQUIRE(homes().set_profile_pin(son->id, "$argon2id$pin").ok());
  BOOST_REQUIRE(homes().rename_profile(son->id, "Junior").ok());
  auto got = homes().profile_by_id(son->id);
  BOOST_REQUIRE_MESSAGE(got.ok(), describe(got));
  BOOST_TEST(got->name == "Junior");
  BOOST_TEST(got->kid);
  BOOST_TEST(got->has_pin);
  BOOST_TEST((got->maturity_cap == maturity::pg));
  auto listed = homes().profiles(h->id);
  BOOST_REQUIRE(listed.ok() && listed->size() == 1u);
  BOOST_TEST(listed->front().kid);
  BOOST_TEST(listed->front().has_pin);
  BOOST_TEST(*homes().profile_pin_hash(son->id) == "$argon2id$pin");

  BOOST_REQUIRE(homes().set_profile_pin(son->id, "").ok());
  BOOST_REQUIRE(homes().set_profile_kid(son->id, false).ok());
  got = homes().profile_by_id(son->id);
  BOOST_REQUIRE(got.ok());
  BOOST_TEST(!got->has_pin);
  BOOST_TEST(!got->kid);
  BOOST_TEST(*homes().profile_pin_hash(son->id) == "");

  auto blank = homes().rename_profile(son->id, "");
  BOOST_TEST(failed_with(blank, errc::invalid_argument), describe(blank));
  BOOST_TEST(failed_with(homes().rename_profile(son->id, "  "), errc::invalid_argument));
  BOOST_TEST(homes().profile_by_id(son->id)->name == "Junior");
  const std::int64_t missing = son->id + 100;
  BOOST_TEST(failed_with(homes().rename_profile(missing, "X"), errc::not_found));
  BOOST_TEST(failed_with(homes().set_profile_kid(missing, true), errc::not_found));
  BOOST_TEST(failed_with(homes().set_profile_pin(missing, "p"), errc::not_found));
  BOOST_TEST(failed_with(homes().profile_pin_hash(missing), errc::not_found));
}

BOOST_AUTO_TEST_CASE(a_deleted_profile_takes_its_taste_and_family_fits_with_it) {
  auto h = homes().create_household("Home", "ross@example.com", {});
  BOOST_REQUIRE(h.ok());
  auto ross = homes().create_profile(h->id, "Ross", maturity::r18);
  auto son = homes().create_profile(h->id, "Son", maturity::pg);
  BOOST_REQUIRE(ross.ok() && son.ok());
  for (const auto& p : {*ross, *son}) {
    BOOST_REQUIRE(taste().put_rating(rating{p.id, "tt1", verdict::loved, 9, "app", 1}).ok());
    BOOST_REQUIRE(taste().put_tag(p.id, tag_pref{"dry humour", true}).ok());
    BOOST_REQUIRE(taste().put_note(p.id, note{"tt1", "great", 1}).ok());
  }
  BOOST_REQUIRE(
      family().add_family_watch({h->id, "tt1", 10, {{ross->id, 0.8}, {son->id, 0.4}}}).ok());
  BOOST_REQUIRE(family().add_family_watch({h->id, "tt2", 20, {{son->id, 0.5}}}).ok());

  BOOST_REQUIRE(homes().delete_profile(son->id).ok());
  BOOST_TEST(failed_with(homes().profile_by_id(son->id), errc::not_found));
  BOOST_TEST(taste().ratings(son->id)->empty());
  BOOST_TEST(taste().tags(son->id)->empty());
  BOOST_TEST(taste().notes(son->id)->empty());
  BOOST_TEST(taste().all_ratings()->size() == 1u);
  BOOST_TEST(taste().ratings(ross->id)->size() == 1u);
  BOOST_TEST(taste().tags(ross->id)->size() == 1u);
  BOOST_TEST(taste().notes(ross->id)->size() == 1u);

  auto watches = family().family_watches(h->id);
  BOOST_REQUIRE_MESSAGE(watches.ok(), describe(watches));
  BOOST_REQUIRE(watches->size() == 2u);  // the household did watch them
  BOOST_REQUIRE(watches->at(0).fits.size() == 1u);
  BOOST_TEST(watches->at(0).fits.front().first == ross->id);
  BOOST_TEST(watches->at(1).fits.empty());

  BOOST_TEST(failed_with(homes().delete_profile(son->id), errc::not_found));
  BOOST_TEST(homes().profiles(h->id)->size() == 1u);
}

// -- deleting a household -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_deleted_household_leaves_no_row_in_any_table) {
  // Fills every kind of row a household can have, through the store's roles.
  const auto fill = [&](const std::string& owner, const std::string& tag) {
    auto h = accounts().create_household_with_owner(home(owner), false);
    BOOST_REQUIRE_MESSAGE(h.ok(), describe(h));
    const account a = *accounts().account_by_email(owner);
    auto member = accounts().create_account(h->id, "member-" + owner, "m", account_role::member);
    BOOST_REQUIRE(member.ok());
    auto p = homes().profiles(h->id);
    BOOST_REQUIRE(p.ok() && p->size() == 2u);
    for (const profile& who : *p) {
      BOOST_REQUIRE(taste().put_rating(rating{who.id, "tt1", verdict::good, 7, "app", 1}).ok());
      BOOST_REQUIRE(taste().put_tag(who.id, tag_pref{"cosy", true}).ok());
      BOOST_REQUIRE(taste().put_note(who.id, note{"tt1", "n", 1}).ok());
    }
    BOOST_REQUIRE(homes().set_profile_pin(p->at(1).id, "$argon2id$pin").ok());
    BOOST_REQUIRE(family()
                      .add_family_watch({h->id, "tt1", 5, {{p->at(0).id, 0.9}, {p->at(1).id, 0.7}}})
                      .ok());
    BOOST_REQUIRE(accounts().create_session(session("s-" + tag, a.id, 1000)).ok());
    BOOST_REQUIRE(accounts().create_session(session("s2-" + tag, member->id, 1000)).ok());
    BOOST_REQUIRE(accounts().create_token(token("t-" + tag, a.id, token_scope::write)).ok());
    BOOST_REQUIRE(accounts()
                      .create_invite(invitation("i-" + tag, h->id, "", account_role::member, 9000))
                      .ok());
    BOOST_REQUIRE(accounts()
                      .create_invite(invitation("u-" + tag, h->id, "", account_role::member, 9000))
                      .ok());
    BOOST_REQUIRE(accounts().accept_invite("u-" + tag, 2000, "joined-" + owner, "j").ok());
    return h->id;
  };
  // Data that belongs to no household, so every table has rows to keep.
  show s;
  s.id = "tt1";
  s.title = "Shared";
  s.offers = {offer{"stan", monetization::flatrate, true, "network", 0, "", ""}};
  BOOST_REQUIRE(catalog().upsert_shows({s}).ok());
  BOOST_REQUIRE(catalog().upsert_providers({provider{"stan", "Stan", false}}).ok());
  BOOST_REQUIRE(links().set_show_link("tt1", "justwatch", "ts1").ok());
  BOOST_REQUIRE(runs().start_sync_run("justwatch", "daily_refresh", 1).ok());
  BOOST_REQUIRE(meta().set_meta("k", "v").ok());
  const std::int64_t a = fill("a@example.com", "a");

  const row_counts before = table_rows(*backend);
  const std::int64_t b = fill("b@example.com", "b");
  const row_counts with_b = table_rows(*backend);
  // The filler reaches every table that holds a household's rows.
  for (const char* table :
       {"households", "household_services", "profiles", "ratings", "tags", "notes",
        "family_watches", "family_watch_fits", "accounts", "sessions", "api_tokens", "invites"}) {
    BOOST_TEST(with_b.at(table) > before.at(table), table);
  }

  BOOST_REQUIRE(homes().delete_household(b).ok());
  const row_counts after = table_rows(*backend);
  BOOST_TEST(after.size() == before.size());
  for (const auto& [table, rows] : before) {
    const auto it = after.find(table);
    BOOST_REQUIRE_MESSAGE(it != after.end(), table);
    BOOST_TEST(it->second == rows, table << ": " << it->second << " rows, " << rows << " before");
  }
  BOOST_TEST(failed_with(homes().household_by_id(b), errc::not_found));
  BOOST_TEST(failed_with(accounts().account_by_email("b@example.com"), errc::not_found));
  BOOST_TEST(failed_with(accounts().token_by_digest("t-b"), errc::not_found));
  BOOST_TEST(failed_with(homes().delete_household(b), errc::not_found));

  // Household A is whole and working.
  BOOST_TEST(homes().profiles(a)->size() == 2u);
  BOOST_TEST(accounts().accounts_of(a)->size() == 3u);
  BOOST_TEST(accounts().session_by_digest("s-a").ok());
  BOOST_TEST(accounts().token_by_digest("t-a").ok());
  BOOST_TEST(accounts().open_invites(a, 1000)->size() == 1u);
  BOOST_TEST(family().family_watches(a)->size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

// -- migration ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(store_accounts_migration)

BOOST_AUTO_TEST_CASE(a_version_6_database_gives_each_household_its_owner_account) {
  auto backend = make_test_backend();
  auto opened = migrated_from(
      *backend, 6,
      "INSERT INTO households (name, owner_email, created_at) VALUES "
      "('Home', 'Ross@Example.com', 1600000000), ('Flat', 'flat@example.com', 1600000100);"
      "INSERT INTO profiles (household_id, name, maturity_cap) VALUES (1, 'Ross', 'R18+');");
  store& db = *opened;
  BOOST_TEST(latest_schema_version() >= 7);

  BOOST_TEST(*db.account_count() == 2);
  auto house = db.household_by_email("ross@example.com");
  BOOST_REQUIRE_MESSAGE(house.ok(), describe(house));
  auto owner = db.account_by_email("ross@example.com");
  BOOST_REQUIRE_MESSAGE(owner.ok(), describe(owner));
  BOOST_TEST(owner->household_id == house->id);
  BOOST_TEST(owner->email == "Ross@Example.com");
  BOOST_TEST(owner->password_hash.empty());
  BOOST_TEST((owner->role == account_role::owner));
  BOOST_TEST(owner->created_at == 1600000000);
  BOOST_TEST(db.accounts_of(db.household_by_email("flat@example.com")->id)->size() == 1u);

  auto profiles = db.profiles(house->id);
  BOOST_REQUIRE(profiles.ok() && profiles->size() == 1u);
  BOOST_TEST(!profiles->front().kid);
  BOOST_TEST(!profiles->front().has_pin);

  // Set up already: the first run is refused; the owner can get a password.
  auto first = db.create_household_with_owner(home("x@example.com"), true);
  BOOST_TEST(failed_with(first, errc::invalid_argument), describe(first));
  BOOST_TEST(db.set_password_hash(owner->id, "$argon2id$now").ok());
  auto again = db.migrate();
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(*db.account_count() == 2);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
