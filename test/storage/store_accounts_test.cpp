// Behavioural cases for any store backend: accounts, sessions and API tokens (account_store),
// setting up a household and the first run. Invites, profile settings, deleting a household and
// the migration from version 6 are in store_invites_test.cpp.
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "test/storage/account_rows.hpp"

namespace recs::storage::testing {

BOOST_AUTO_TEST_SUITE(account_names)

BOOST_AUTO_TEST_CASE(roles_and_scopes_round_trip_and_unknown_names_are_refused) {
  for (account_role r : {account_role::owner, account_role::member}) {
    BOOST_TEST((parse_account_role(to_string(r)).value() == r));
  }
  for (token_scope s : {token_scope::read, token_scope::write, token_scope::admin}) {
    BOOST_TEST((parse_token_scope(to_string(s)).value() == s));
  }
  BOOST_TEST(failed_with(parse_account_role("admin"), errc::invalid_argument));
  BOOST_TEST(failed_with(parse_account_role("Owner"), errc::invalid_argument));
  BOOST_TEST(failed_with(parse_token_scope(""), errc::invalid_argument));
  BOOST_TEST(failed_with(parse_token_scope("owner"), errc::invalid_argument));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(store_accounts, store_fixture)

// -- setting up a household ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_household_is_created_with_its_owner_services_and_profiles) {
  BOOST_TEST(*accounts().account_count() == 0);
  auto h = accounts().create_household_with_owner(home("  Ross@Example.com "), true);
  BOOST_REQUIRE_MESSAGE(h.ok(), describe(h));
  BOOST_TEST(h->name == "Home");
  BOOST_TEST(h->owner_email == "Ross@Example.com");
  BOOST_TEST(h->services == (std::vector<std::string>{"abc_iview", "stan"}),
             boost::test_tools::per_element());
  BOOST_TEST(*accounts().account_count() == 1);

  auto owner = accounts().account_by_email("ross@example.COM");
  BOOST_REQUIRE_MESSAGE(owner.ok(), describe(owner));
  BOOST_TEST(owner->household_id == h->id);
  BOOST_TEST(owner->email == "Ross@Example.com");
  BOOST_TEST(owner->password_hash == "$argon2id$owner");
  BOOST_TEST((owner->role == account_role::owner));
  BOOST_TEST(owner->created_at > 0);

  auto members = homes().profiles(h->id);
  BOOST_REQUIRE(members.ok());
  BOOST_REQUIRE(members->size() == 2u);
  BOOST_TEST(members->at(0).name == "Ross");
  BOOST_TEST(!members->at(0).kid);
  BOOST_TEST(members->at(1).name == "Son");
  BOOST_TEST((members->at(1).maturity_cap == maturity::pg));
  BOOST_TEST(members->at(1).kid);
  BOOST_TEST(!members->at(1).has_pin);
}

BOOST_AUTO_TEST_CASE(a_household_without_a_password_has_no_account_yet) {
  auto h = accounts().create_household_with_owner(home("admin-made@example.com", ""), false);
  BOOST_REQUIRE_MESSAGE(h.ok(), describe(h));
  BOOST_TEST(*accounts().account_count() == 0);
  BOOST_TEST(accounts().accounts_of(h->id)->empty());
  BOOST_TEST(failed_with(accounts().account_by_email("admin-made@example.com"), errc::not_found));
  BOOST_TEST(homes().profiles(h->id)->size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_bad_household_is_refused_whole) {
  auto first = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(first.ok());
  BOOST_REQUIRE(homes().create_household("Other", "owner@example.com", {}).ok());
  const auto refused = [&](const new_household& h) {
    auto r = accounts().create_household_with_owner(h, false);
    BOOST_TEST(failed_with(r, errc::invalid_argument), describe(r));
  };
  refused(home("ROSS@example.com"));       // has an account
  refused(home("Owner@Example.com"));      // owns a household (with no account)
  refused(home("Owner@Example.com", ""));  // likewise without a password
  refused(home("ross@example.com", ""));   // has an account, even with no password given
  refused(home("   "));                    // no email
  new_household nameless = home("new@example.com");
  nameless.name = " ";
  refused(nameless);
  new_household bad_profile = home("new@example.com");
  bad_profile.profiles.push_back({"", maturity::g, true});
  refused(bad_profile);
  new_household bad_service = home("new@example.com");
  bad_service.services.push_back("");  // the schema refuses it after the household's insert
  refused(bad_service);

  // Nothing of the refused ones is left behind.
  BOOST_TEST(homes().households()->size() == 2u);
  BOOST_TEST(*accounts().account_count() == 1);
  BOOST_TEST(failed_with(accounts().account_by_email("new@example.com"), errc::not_found));
  BOOST_TEST(accounts().create_household_with_owner(home("new@example.com"), false).ok());
}

BOOST_AUTO_TEST_CASE(the_first_run_happens_once) {
  auto first = accounts().create_household_with_owner(home("ross@example.com"), true);
  BOOST_REQUIRE_MESSAGE(first.ok(), describe(first));
  auto again = accounts().create_household_with_owner(home("someone@example.com"), true);
  BOOST_TEST(failed_with(again, errc::invalid_argument), describe(again));
  BOOST_TEST(has_text(again, "already set up"), describe(again));
  // Without first_run, more households come as usual.
  auto second = accounts().create_household_with_owner(home("someone@example.com"), false);
  BOOST_REQUIRE(second.ok());
  // Once every household is gone the database is as new: a first run may happen again.
  BOOST_REQUIRE(homes().delete_household(first->id).ok());
  again = accounts().create_household_with_owner(home("third@example.com"), true);
  BOOST_TEST(has_text(again, "already set up"), describe(again));
  BOOST_REQUIRE(homes().delete_household(second->id).ok());
  BOOST_TEST(homes().households()->empty());
  again = accounts().create_household_with_owner(home("third@example.com"), true);
  BOOST_TEST(again.ok(), describe(again));
}

BOOST_AUTO_TEST_CASE(the_first_run_is_refused_when_a_household_or_account_exists) {
  BOOST_REQUIRE(homes().create_household("Old", "old@example.com", {}).ok());
  auto r = accounts().create_household_with_owner(home("ross@example.com"), true);
  BOOST_TEST(failed_with(r, errc::invalid_argument), describe(r));
  BOOST_TEST(has_text(r, "already set up"), describe(r));
  BOOST_TEST(homes().households()->size() == 1u);
}

BOOST_AUTO_TEST_CASE(concurrent_first_runs_set_up_one_household) {
  constexpr int n = 4;
  std::vector<std::string> outcomes(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([this, &outcomes, i] {
      auto s = backend->open();
      if (!s) {
        outcomes[i] = describe(s);
        return;
      }
      auto h = (*s)->create_household_with_owner(home("owner" + std::to_string(i) + "@example.com"),
                                                 true);
      outcomes[i] = h ? "ok" : h.err().message;
    });
  }
  for (auto& t : threads) t.join();
  int set_up = 0;
  for (const std::string& o : outcomes) {
    if (o == "ok") {
      ++set_up;
    } else {
      BOOST_TEST(o.find("already set up") != std::string::npos, o);
    }
  }
  BOOST_TEST(set_up == 1);
  BOOST_TEST(homes().households()->size() == 1u);
  BOOST_TEST(*accounts().account_count() == 1);
}

// -- accounts -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(accounts_are_unique_by_email_in_any_case) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(h.ok());
  auto wife =
      accounts().create_account(h->id, " Wife@Example.com ", "$argon2id$w", account_role::member);
  BOOST_REQUIRE_MESSAGE(wife.ok(), describe(wife));
  BOOST_TEST(wife->id > 0);
  BOOST_TEST(wife->email == "Wife@Example.com");
  BOOST_TEST((wife->role == account_role::member));
  BOOST_TEST(wife->created_at > 0);

  auto dup = accounts().create_account(h->id, "WIFE@example.com", "x", account_role::member);
  BOOST_TEST(failed_with(dup, errc::invalid_argument), describe(dup));
  dup = accounts().create_account(h->id, "Ross@Example.Com", "x", account_role::owner);
  BOOST_TEST(failed_with(dup, errc::invalid_argument), describe(dup));
  auto orphan =
      accounts().create_account(h->id + 100, "nobody@example.com", "x", account_role::member);
  BOOST_TEST(failed_with(orphan, errc::invalid_argument), describe(orphan));
  BOOST_TEST(failed_with(accounts().create_account(h->id, " ", "x", account_role::member),
                         errc::invalid_argument));
  BOOST_TEST(*accounts().account_count() == 2);

  auto found = accounts().account_by_email("  wife@EXAMPLE.com");
  BOOST_REQUIRE_MESSAGE(found.ok(), describe(found));
  BOOST_TEST(found->id == wife->id);
  BOOST_TEST(found->password_hash == "$argon2id$w");
  auto by_id = accounts().account_by_id(wife->id);
  BOOST_REQUIRE(by_id.ok());
  BOOST_TEST(by_id->email == "Wife@Example.com");
  BOOST_TEST(by_id->household_id == h->id);
  BOOST_TEST(failed_with(accounts().account_by_id(wife->id + 100), errc::not_found));
  BOOST_TEST(failed_with(accounts().account_by_email("nobody@example.com"), errc::not_found));
}

BOOST_AUTO_TEST_CASE(accounts_of_a_household_come_owner_first_then_by_id) {
  auto h = accounts().create_household_with_owner(home("ross@example.com", ""), false);
  BOOST_REQUIRE(h.ok());
  auto m1 = accounts().create_account(h->id, "m1@example.com", "h", account_role::member);
  auto owner = accounts().create_account(h->id, "ross@example.com", "h", account_role::owner);
  auto m2 = accounts().create_account(h->id, "m2@example.com", "h", account_role::member);
  BOOST_REQUIRE(m1.ok() && owner.ok() && m2.ok());
  auto other = accounts().create_household_with_owner(home("other@example.com"), false);
  BOOST_REQUIRE(other.ok());

  auto list = accounts().accounts_of(h->id);
  BOOST_REQUIRE_MESSAGE(list.ok(), describe(list));
  BOOST_REQUIRE(list->size() == 3u);
  BOOST_TEST(list->at(0).id == owner->id);
  BOOST_TEST(list->at(1).id == m1->id);
  BOOST_TEST(list->at(2).id == m2->id);
  BOOST_TEST(accounts().accounts_of(other->id)->size() == 1u);
  BOOST_TEST(accounts().accounts_of(other->id + 100)->empty());
}

BOOST_AUTO_TEST_CASE(passwords_are_set_and_accounts_deleted_with_their_sessions_and_tokens) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(h.ok());
  auto wife = accounts().create_account(h->id, "wife@example.com", "", account_role::member);
  BOOST_REQUIRE(wife.ok());
  BOOST_REQUIRE(accounts().set_password_hash(wife->id, "$argon2id$new").ok());
  BOOST_TEST(accounts().account_by_id(wife->id)->password_hash == "$argon2id$new");
  BOOST_TEST(failed_with(accounts().set_password_hash(wife->id + 100, "x"), errc::not_found));

  BOOST_REQUIRE(accounts().create_session(session("s-wife", wife->id, 1000)).ok());
  BOOST_REQUIRE(accounts().create_token(token("t-wife", wife->id, token_scope::read)).ok());
  BOOST_REQUIRE(accounts().delete_account(wife->id).ok());
  BOOST_TEST(failed_with(accounts().account_by_id(wife->id), errc::not_found));
  BOOST_TEST(failed_with(accounts().session_by_digest("s-wife"), errc::not_found));
  BOOST_TEST(failed_with(accounts().token_by_digest("t-wife"), errc::not_found));
  BOOST_TEST(accounts().tokens_of(wife->id)->empty());
  BOOST_TEST(failed_with(accounts().delete_account(wife->id), errc::not_found));
  BOOST_TEST(*accounts().account_count() == 1);
  // The email is free again.
  BOOST_TEST(accounts().create_account(h->id, "wife@example.com", "", account_role::member).ok());
}

// -- sessions -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(sessions_are_created_found_touched_and_deleted) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(h.ok());
  const account ross = *accounts().account_by_email("ross@example.com");

  const session_record s{"d1", ross.id, "csrf1", 1000, 1000, 5000, 0};
  BOOST_REQUIRE_MESSAGE(accounts().create_session(s).ok(), "create_session");
  auto dup = accounts().create_session(session("d1", ross.id, 2000));
  BOOST_TEST(failed_with(dup, errc::invalid_argument), describe(dup));
  auto orphan = accounts().create_session(session("d2", ross.id + 100, 2000));
  BOOST_TEST(failed_with(orphan, errc::invalid_argument), describe(orphan));

  auto found = accounts().session_by_digest("d1");
  BOOST_REQUIRE_MESSAGE(found.ok(), describe(found));
  BOOST_TEST(found->session.digest == "d1");
  BOOST_TEST(found->session.account_id == ross.id);
  BOOST_TEST(found->session.csrf == "csrf1");
  BOOST_TEST(found->session.created_at == 1000);
  BOOST_TEST(found->session.last_seen_at == 1000);
  BOOST_TEST(found->session.expires_at == 5000);
  BOOST_TEST(found->who.id == ross.id);
  BOOST_TEST(found->who.email == "ross@example.com");
  BOOST_TEST(found->who.household_id == h->id);
  BOOST_TEST((found->who.role == account_role::owner));
  BOOST_TEST(found->who.password_hash == "$argon2id$owner");
  BOOST_TEST(failed_with(accounts().session_by_digest("D1"), errc::not_found));  // bytewise

  BOOST_REQUIRE(accounts().touch_session("d1", 1500).ok());
  BOOST_TEST(accounts().session_by_digest("d1")->session.last_seen_at == 1500);
  BOOST_TEST(failed_with(accounts().touch_session("nope", 1500), errc::not_found));

  BOOST_TEST(accounts().session_by_digest("d1")->session.profile_id == 0);
  BOOST_REQUIRE(accounts().set_session_profile("d1", 42).ok());
  BOOST_TEST(accounts().session_by_digest("d1")->session.profile_id == 42);
  BOOST_TEST(failed_with(accounts().set_session_profile("nope", 1), errc::not_found));

  BOOST_REQUIRE(accounts().delete_session("d1").ok());
  BOOST_TEST(failed_with(accounts().session_by_digest("d1"), errc::not_found));
  BOOST_TEST(failed_with(accounts().delete_session("d1"), errc::not_found));
}

BOOST_AUTO_TEST_CASE(an_expired_session_is_still_found) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(h.ok());
  const account ross = *accounts().account_by_email("ross@example.com");
  BOOST_REQUIRE(accounts().create_session({"old", ross.id, "c", 10, 10, 20, 0}).ok());
  BOOST_TEST(accounts().session_by_digest("old").ok());
}

BOOST_AUTO_TEST_CASE(sessions_of_an_account_are_deleted_together) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(h.ok());
  const account ross = *accounts().account_by_email("ross@example.com");
  auto wife = accounts().create_account(h->id, "wife@example.com", "w", account_role::member);
  BOOST_REQUIRE(wife.ok());
  for (const char* d : {"r1", "r2", "r3"}) {
    BOOST_REQUIRE(accounts().create_session(session(d, ross.id, 1000)).ok());
  }
  BOOST_REQUIRE(accounts().create_session(session("w1", wife->id, 1000)).ok());
  auto gone = accounts().delete_sessions_of(ross.id);
  BOOST_REQUIRE_MESSAGE(gone.ok(), describe(gone));
  BOOST_TEST(*gone == 3);
  BOOST_TEST(*accounts().delete_sessions_of(ross.id) == 0);
  BOOST_TEST(failed_with(accounts().session_by_digest("r2"), errc::not_found));
  BOOST_TEST(accounts().session_by_digest("w1").ok());
}

BOOST_AUTO_TEST_CASE(purge_removes_expired_and_idle_sessions_and_expired_invites) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(h.ok());
  const account ross = *accounts().account_by_email("ross@example.com");
  const std::int64_t now = 10000;
  const std::int64_t idle_before = 9000;
  // digest, last seen, absolute expiry
  BOOST_REQUIRE(accounts().create_session({"expired", ross.id, "c", 1, 9500, now}).ok());
  BOOST_REQUIRE(accounts().create_session({"idle", ross.id, "c", 1, idle_before, now + 1}).ok());
  BOOST_REQUIRE(accounts().create_session({"live", ross.id, "c", 1, 9001, now + 1}).ok());
  BOOST_REQUIRE(
      accounts().create_invite(invitation("i-old", h->id, "", account_role::member, now)).ok());
  BOOST_REQUIRE(
      accounts().create_invite(invitation("i-new", h->id, "", account_role::member, now + 1)).ok());

  auto purged = accounts().purge_expired(now, idle_before);
  BOOST_REQUIRE_MESSAGE(purged.ok(), describe(purged));
  BOOST_TEST(*purged == 3);
  BOOST_TEST(failed_with(accounts().session_by_digest("expired"), errc::not_found));
  BOOST_TEST(failed_with(accounts().session_by_digest("idle"), errc::not_found));
  BOOST_TEST(accounts().session_by_digest("live").ok());
  BOOST_TEST(failed_with(accounts().invite_by_digest("i-old"), errc::not_found));
  BOOST_TEST(accounts().invite_by_digest("i-new").ok());
  BOOST_TEST(*accounts().purge_expired(now, idle_before) == 0);
}

// -- API tokens ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(tokens_are_created_found_listed_touched_and_deleted) {
  auto h = accounts().create_household_with_owner(home("ross@example.com"), false);
  BOOST_REQUIRE(h.ok());
  const account ross = *accounts().account_by_email("ross@example.com");
  auto wife = accounts().create_account(h->id, "wife@example.com", "w", account_role::member);
  BOOST_REQUIRE(wife.ok());

  auto t1 = accounts().create_token(token("t1", ross.id, token_scope::write));
  auto t2 = accounts().create_token(token("t2", ross.id, token_scope::admin));
  auto tw = accounts().create_token(token("tw", wife->id, token_scope::read));
  BOOST_REQUIRE_MESSAGE(t1.ok() && t2.ok() && tw.ok(), describe(t1) + describe(t2) + describe(tw));
  BOOST_TEST(t1->id > 0);
  BOOST_TEST(t2->id > t1->id);
  BOOST_TEST(t1->name == "script t1");
  BOOST_TEST(t1->last_used_at == 0);

  auto dup = accounts().create_token(token("t1", wife->id, token_scope::read));
  BOOST_TEST(failed_with(dup, errc::invalid_argument), describe(dup));
  api_token nameless = token("t3", ross.id, token_scope::read);
  nameless.name = "";
  BOOST_TEST(failed_with(accounts().create_token(nameless), errc::invalid_argument));
  auto orphan = accounts().create_token(token("t4", ross.id + wife->id + 100, token_scope::read));
  BOOST_TEST(failed_with(orphan, errc::invalid_argument), describe(orphan));

  auto found = accounts().token_by_digest("t2");
  BOOST_REQUIRE_MESSAGE(found.ok(), describe(found));
  BOOST_TEST(found->token.id == t2->id);
  BOOST_TEST(found->token.account_id == ross.id);
  BOOST_TEST(found->token.name == "script t2");
  BOOST_TEST(found->token.digest == "t2");
  BOOST_TEST((found->token.scope == token_scope::admin));
  BOOST_TEST(found->token.created_at == 1000);
  BOOST_TEST(found->who.id == ross.id);
  BOOST_TEST(found->who.email == "ross@example.com");
  BOOST_TEST((found->who.role == account_role::owner));
  BOOST_TEST(failed_with(accounts().token_by_digest("nope"), errc::not_found));

  auto mine = accounts().tokens_of(ross.id);
  BOOST_REQUIRE(mine.ok());
  BOOST_REQUIRE(mine->size() == 2u);
  BOOST_TEST(mine->at(0).id == t1->id);
  BOOST_TEST((mine->at(0).scope == token_scope::write));
  BOOST_TEST(mine->at(1).id == t2->id);

  BOOST_REQUIRE(accounts().touch_token(t1->id, 4242).ok());
  BOOST_TEST(accounts().token_by_digest("t1")->token.last_used_at == 4242);
  BOOST_TEST(failed_with(accounts().touch_token(tw->id + 100, 1), errc::not_found));

  // Another account's token is not yours to delete.
  BOOST_TEST(failed_with(accounts().delete_token(ross.id, tw->id), errc::not_found));
  BOOST_TEST(accounts().token_by_digest("tw").ok());
  BOOST_REQUIRE(accounts().delete_token(ross.id, t1->id).ok());
  BOOST_TEST(failed_with(accounts().token_by_digest("t1"), errc::not_found));
  BOOST_TEST(failed_with(accounts().delete_token(ross.id, t1->id), errc::not_found));
  BOOST_TEST(accounts().tokens_of(ross.id)->size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
