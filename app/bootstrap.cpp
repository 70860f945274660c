#include "app/bootstrap.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "accounts/password.hpp"
#include "adapters/catalog_json.hpp"
#include "recsys/jitter.hpp"

namespace recs::app {

namespace {

result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error{errc::not_found, "cannot read " + path};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

result<snapshot_ptr> load_catalog(storage::store& db, const config::settings& s) {
  const auto t0 = std::chrono::steady_clock::now();
  auto catalog_text = read_file(s.catalog_path);
  if (!catalog_text) return catalog_text.err();
  auto providers_text = read_file(s.providers_path);
  if (!providers_text) return providers_text.err();
  const std::string hash = std::to_string(stable_hash(*catalog_text)) + "-" +
                           std::to_string(stable_hash(*providers_text));
  auto seen = db.get_meta("bundled_catalog_hash");
  if (!seen) return seen.err();
  if (!seen->has_value() || **seen != hash) {
    auto shows = adapters::parse_catalog_jsonl(*catalog_text);
    if (!shows) return error{shows.err().code, s.catalog_path + ": " + shows.err().message};
    auto providers = adapters::parse_providers_json(*providers_text);
    if (!providers)
      return error{providers.err().code, s.providers_path + ": " + providers.err().message};
    if (auto st = db.upsert_providers(*providers); !st) return st.err();
    if (auto st = db.upsert_shows(*shows); !st) return st.err();
    if (auto st = db.set_meta("bundled_catalog_hash", hash); !st) return st.err();
    std::cout << "catalog: imported " << shows->size() << " shows from " << s.catalog_path << " in "
              << ms_since(t0) << " ms" << std::endl;
  }
  auto shows = db.shows();
  if (!shows) return shows.err();
  auto providers = db.providers();
  if (!providers) return providers.err();
  const std::size_t n = shows->size();
  auto snap = catalog_snapshot::build(std::move(*shows), std::move(*providers), stable_hash(hash));
  std::cout << "catalog: " << n << " shows loaded in " << ms_since(t0) << " ms" << std::endl;
  return snap;
}

status seed_demo_household(storage::store& db, const accounts::hash_cost& cost) {
  auto existing = db.household_by_email(demo_email);
  if (!existing) {
    if (existing.err().code != errc::not_found) return existing.err();
    storage::new_household h;
    h.name = "Demo household";
    h.owner_email = demo_email;
    h.services = {"netflix", "stan", "abc_iview", "sbs_on_demand"};
    h.profiles = {
        {"Ross", maturity::r18, false}, {"Wife", maturity::r18, false}, {"Son", maturity::m, true}};
    auto made = db.create_household_with_owner(h, false);
    if (!made) return made.err();
    std::cout << "dev: created the demo household (" << demo_email << ": Ross, Wife, Son)"
              << std::endl;
  }
  auto home = db.household_by_email(demo_email);
  if (!home) return home.err();
  // The owner signs in on the page with the demo password (dev mode only).
  auto who = db.account_by_email(demo_email);
  if (!who && who.err().code != errc::not_found) return who.err();
  if (!who) {
    who = db.create_account(home->id, demo_email, "", storage::account_role::owner);
    if (!who) return who.err();
  }
  if (who->password_hash.empty()) {
    auto hash = accounts::password_hasher(cost).hash(demo_password);
    if (!hash) return hash.err();
    if (auto st = db.set_password_hash(who->id, *hash); !st) return st.err();
  }
  std::cout << "dev: " << demo_email << " signs in with the password '" << demo_password << "'"
            << std::endl;
  return ok_status();
}

result<std::int64_t> set_password(storage::store& db, std::string_view email,
                                  std::string_view password, const accounts::hash_cost& cost) {
  auto who = db.account_by_email(email);
  if (!who && who.err().code == errc::not_found)
    return error{errc::not_found, "no account has the email " + std::string(email)};
  if (!who) return who.err();
  if (auto st = accounts::check_password(password); !st) return st.err();
  auto hash = accounts::password_hasher(cost).hash(password);
  if (!hash) return hash.err();
  if (auto st = db.set_password_hash(who->id, *hash); !st) return st.err();
  return db.delete_sessions_of(who->id);
}

}  // namespace recs::app
