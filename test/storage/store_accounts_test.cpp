// Behavioural cases for any store backend: accounts, sessions, API tokens and invites
// (account_store), the profile settings of household_store (kid, PIN, name, delete), deleting a
// household, and the migration that gives an older database's households their owners.
#include <boost/test/unit_test.hpp>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

namespace {

template <class T>
bool has_text(const result<T>& r, std::string_view text) {
  return !r.ok() && r.err().message.find(text) != std::string::npos;
}

new_household home(std::string owner_email, std::string password_hash = "$argon2id$owner") {
  new_household h;
  h.name = "Home";
  h.owner_email = std::move(owner_email);
  h.password_hash = std::move(password_hash);
  h.services = {"stan", "abc_iview"};
  h.profiles = {{"Ross", maturity::r18, false}, {"Son", maturity::pg, true}};
  return h;
}

session_record session(std::string digest, std::int64_t account_id, std::int64_t now) {
  return session_record{std::move(digest), account_id, "csrf-" + std::to_string(now), now, now,
                        now + 3600,        0};
}

api_token token(std::string digest, std::int64_t account_id, token_scope scope) {
  api_token t;
  t.account_id = account_id;
  t.name = "script " + digest;
  t.digest = std::move(digest);
  t.scope = scope;
  t.created_at = 1000;
  return t;
}

invite invitation(std::string digest, std::int64_t household_id, std::string email,
                  account_role role, std::int64_t expires_at) {
  invite i;
  i.digest = std::move(digest);
  i.household_id = household_id;
  i.email = std::move(email);
  i.role = role;
  i.created_by = 0;
  i.created_at = 1000;
  i.expires_at = expires_at;
  i.used_at = 777;  // ignored by create_invite
  return i;
}

using row_counts = std::map<std::string, std::int64_t>;

row_counts table_rows(test_backend& backend) {
  auto counts = backend.table_row_counts();
  BOOST_REQUIRE_MESSAGE(counts.ok(), describe(counts));
  BOOST_REQUIRE(!counts->empty());
  return row_counts(counts->begin(), counts->end());
}

}  // namespace

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
  build_schema_up_to(*backend, 6);
  auto data = backend->exec(
      "INSERT INTO households (name, owner_email, created_at) VALUES "
      "('Home', 'Ross@Example.com', 1600000000), ('Flat', 'flat@example.com', 1600000100);"
      "INSERT INTO profiles (household_id, name, maturity_cap) VALUES (1, 'Ross', 'R18+');");
  BOOST_REQUIRE_MESSAGE(data.ok(), describe(data));

  auto opened = backend->open();
  BOOST_REQUIRE_MESSAGE(opened.ok(), describe(opened));
  store& db = **opened;
  auto version = db.migrate();
  BOOST_REQUIRE_MESSAGE(version.ok(), describe(version));
  BOOST_TEST(*version == latest_schema_version());
  BOOST_TEST(*version >= 7);

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
