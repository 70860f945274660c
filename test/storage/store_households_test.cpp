// Behavioural cases for any store backend: migrations, households and profiles.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "storage/migrations.hpp"
#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

using strings = std::vector<std::string>;

BOOST_FIXTURE_TEST_SUITE(store_migrations, store_fixture)

BOOST_AUTO_TEST_CASE(migrate_is_idempotent_across_reopen) {
  auto again = db().migrate();
  BOOST_REQUIRE_MESSAGE(again.ok(), describe(again));
  BOOST_TEST(*again == latest_schema_version());
  BOOST_TEST(latest_schema_version() >= 1);

  BOOST_REQUIRE(meta().set_meta("marker", "kept").ok());
  reopen();  // migrates once more inside
  auto after = db().migrate();
  BOOST_REQUIRE_MESSAGE(after.ok(), describe(after));
  BOOST_TEST(*after == latest_schema_version());
  auto marker = meta().get_meta("marker");
  BOOST_REQUIRE(marker.ok());
  BOOST_TEST(marker->value_or("") == "kept");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(store_households, store_fixture)

BOOST_AUTO_TEST_CASE(create_and_find_household_case_insensitively) {
  auto h = homes().create_household("Home", "Ross@Example.com", {"stan", "netflix", "stan"});
  BOOST_REQUIRE_MESSAGE(h.ok(), describe(h));
  BOOST_TEST(h->id > 0);
  BOOST_TEST(h->name == "Home");
  BOOST_TEST(h->owner_email == "Ross@Example.com");
  BOOST_TEST(h->services == (strings{"netflix", "stan"}), boost::test_tools::per_element());

  auto by_email = homes().household_by_email("  ross@EXAMPLE.com ");
  BOOST_REQUIRE_MESSAGE(by_email.ok(), describe(by_email));
  BOOST_TEST(by_email->id == h->id);
  BOOST_TEST(by_email->services == h->services, boost::test_tools::per_element());

  auto by_id = homes().household_by_id(h->id);
  BOOST_REQUIRE(by_id.ok());
  BOOST_TEST(by_id->owner_email == "Ross@Example.com");

  BOOST_TEST(failed_with(homes().household_by_email("nobody@example.com"), errc::not_found));
  BOOST_TEST(failed_with(homes().household_by_id(h->id + 100), errc::not_found));
}

BOOST_AUTO_TEST_CASE(owner_email_is_unique_ignoring_case) {
  BOOST_REQUIRE(homes().create_household("A", "same@example.com", {}).ok());
  auto dup = homes().create_household("B", "SAME@example.com", {"binge"});
  BOOST_TEST(failed_with(dup, errc::invalid_argument), describe(dup));
  BOOST_TEST(failed_with(homes().create_household("C", "   ", {}), errc::invalid_argument));
  auto all = homes().households();
  BOOST_REQUIRE(all.ok());
  BOOST_TEST(all->size() == 1u);  // the failed create left nothing behind
}

BOOST_AUTO_TEST_CASE(households_list_with_services_and_services_are_replaced) {
  auto a = homes().create_household("A", "a@example.com", {"abc_iview"});
  auto b = homes().create_household("B", "b@example.com", {"stan", "binge"});
  BOOST_REQUIRE(a.ok() && b.ok());

  BOOST_REQUIRE(homes().set_household_services(a->id, {"sbs_on_demand", "netflix"}).ok());
  BOOST_REQUIRE(homes().set_household_services(b->id, {}).ok());
  BOOST_TEST(failed_with(homes().set_household_services(b->id + 100, {"stan"}), errc::not_found));

  auto all = homes().households();
  BOOST_REQUIRE_MESSAGE(all.ok(), describe(all));
  BOOST_REQUIRE(all->size() == 2u);
  BOOST_TEST((*all)[0].id == a->id);
  BOOST_TEST((*all)[0].services == (strings{"netflix", "sbs_on_demand"}),
             boost::test_tools::per_element());
  BOOST_TEST((*all)[1].id == b->id);
  BOOST_TEST((*all)[1].services.empty());
}

BOOST_AUTO_TEST_CASE(profiles_crud) {
  auto h = homes().create_household("Home", "ross@example.com", {});
  BOOST_REQUIRE(h.ok());
  auto ross = homes().create_profile(h->id, "Ross", maturity::r18);
  auto son = homes().create_profile(h->id, "Son", maturity::m);
  BOOST_REQUIRE_MESSAGE(ross.ok() && son.ok(), describe(ross) + " / " + describe(son));
  BOOST_TEST(ross->id != son->id);
  BOOST_TEST(son->household_id == h->id);

  auto list = homes().profiles(h->id);
  BOOST_REQUIRE(list.ok());
  BOOST_REQUIRE(list->size() == 2u);
  BOOST_TEST((*list)[0].name == "Ross");
  BOOST_TEST((*list)[1].name == "Son");
  BOOST_TEST(((*list)[1].maturity_cap == maturity::m));

  BOOST_REQUIRE(homes().set_maturity_cap(son->id, maturity::pg).ok());
  auto got = homes().profile_by_id(son->id);
  BOOST_REQUIRE(got.ok());
  BOOST_TEST((got->maturity_cap == maturity::pg));
  BOOST_REQUIRE(homes().set_maturity_cap(son->id, maturity::unknown).ok());
  BOOST_TEST((homes().profile_by_id(son->id)->maturity_cap == maturity::unknown));

  BOOST_TEST(failed_with(homes().profile_by_id(son->id + 100), errc::not_found));
  BOOST_TEST(failed_with(homes().set_maturity_cap(son->id + 100, maturity::g), errc::not_found));
  BOOST_TEST(homes().profiles(h->id + 100)->empty());
}

BOOST_AUTO_TEST_CASE(profile_needs_an_existing_household_and_a_name) {
  auto orphan = homes().create_profile(4242, "Nobody", maturity::g);
  BOOST_TEST(failed_with(orphan, errc::invalid_argument), describe(orphan));
  auto h = homes().create_household("Home", "x@example.com", {});
  BOOST_REQUIRE(h.ok());
  BOOST_TEST(failed_with(homes().create_profile(h->id, "", maturity::g), errc::invalid_argument));
  BOOST_TEST(homes().profiles(h->id)->empty());
}

BOOST_AUTO_TEST_CASE(households_and_profiles_survive_reopen) {
  auto h = homes().create_household("Home", "ross@example.com", {"stan"});
  BOOST_REQUIRE(h.ok());
  auto p = homes().create_profile(h->id, "Wife", maturity::ma15);
  BOOST_REQUIRE(p.ok());
  reopen();
  auto again = homes().household_by_email("ROSS@example.com");
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(again->services == (strings{"stan"}), boost::test_tools::per_element());
  auto profile = homes().profile_by_id(p->id);
  BOOST_REQUIRE(profile.ok());
  BOOST_TEST(profile->name == "Wife");
  BOOST_TEST((profile->maturity_cap == maturity::ma15));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
