#include "storage/sqlite_store.hpp"

#include <chrono>
#include <unordered_map>
#include <utility>

#include "recsys/text.hpp"
#include "storage/migrations.hpp"
#include "storage/schema_sql.hpp"

namespace recs::storage {

namespace internal {

error in(std::string_view operation, error e) {
  e.message = std::string(operation) + ": " + e.message;
  return e;
}

std::int64_t unix_now() noexcept {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace internal

namespace {

using internal::in;

household read_household(const sqlite_query& q) {
  household h;
  h.id = q.int64(0);
  h.name = q.text(1);
  h.owner_email = q.text(2);
  return h;
}

profile read_profile(const sqlite_query& q) {
  profile p;
  p.id = q.int64(0);
  p.household_id = q.int64(1);
  p.name = q.text(2);
  p.maturity_cap = parse_maturity(q.text(3)).value_or(maturity::unknown);
  return p;
}

}  // namespace

result<std::unique_ptr<store>> open_sqlite(const std::string& path) {
  auto conn = sqlite_connection::open(path);
  if (!conn) return conn.err();
  return std::unique_ptr<store>(std::make_unique<sqlite_store>(std::move(*conn)));
}

// -- migrations -------------------------------------------------------------------------------

result<int> sqlite_store::schema_version() {
  auto q = conn_.query(sql::current_version);
  if (!q) return q.err();
  auto row = q->step();
  if (!row) return row.err();
  return *row ? q->int32(0) : 0;
}

result<int> sqlite_store::migrate() {
  if (auto st = conn_.exec(sql::create_schema_migrations); !st) return in("migrate", st.err());
  auto current = schema_version();
  if (!current) return in("migrate", current.err());
  if (*current > latest_schema_version()) {
    return error{errc::internal, "migrate: database schema version " + std::to_string(*current) +
                                     " is newer than this build knows (" +
                                     std::to_string(latest_schema_version()) + ")"};
  }
  for (const migration& m : migrations()) {
    if (m.version <= *current) continue;
    const std::string what = "migrate to version " + std::to_string(m.version);
    auto tx = sqlite_transaction::begin(conn_);
    if (!tx) return in(what, tx.err());
    // Re-read under the write lock: another process may have applied it meanwhile.
    auto now = schema_version();
    if (!now) return in(what, now.err());
    if (*now < m.version) {
      if (auto st = conn_.exec(render_sql(m.sql, sql_dialect::sqlite)); !st) {
        return in(what, st.err());
      }
      auto st = conn_.run(sql::record_migration, m.version, m.description, internal::unix_now());
      if (!st) return in(what, st.err());
      if (auto c = tx->commit(); !c) return in(what, c.err());
    }
    current = m.version;
  }
  return schema_version();
}

// -- households -------------------------------------------------------------------------------

result<std::vector<std::string>> sqlite_store::services_of(std::int64_t household_id) {
  auto q = conn_.bound(sql::select_services_of_household, household_id);
  if (!q) return q.err();
  std::vector<std::string> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.err();
    if (!*row) return out;
    out.push_back(q->text(0));
  }
}

result<household> sqlite_store::create_household(const std::string& name,
                                                 const std::string& owner_email,
                                                 const std::vector<std::string>& services) {
  const std::string email(trim(owner_email));
  if (email.empty()) return error{errc::invalid_argument, "create_household: empty owner email"};
  auto tx = sqlite_transaction::begin(conn_);
  if (!tx) return in("create_household", tx.err());
  std::int64_t id = 0;
  {
    auto q = conn_.bound(sql::insert_household, name, email, internal::unix_now());
    if (!q) return in("create_household", q.err());
    auto row = q->step();
    if (!row) return in("create_household " + email, row.err());
    if (!*row) return error{errc::internal, "create_household: no id returned"};
    id = q->int64(0);
  }
  for (const auto& s : services) {
    if (auto st = conn_.run(sql::insert_household_service, id, s); !st) {
      return in("create_household: service '" + s + "'", st.err());
    }
  }
  if (auto st = tx->commit(); !st) return in("create_household", st.err());
  return household_by_id(id);
}

result<household> sqlite_store::household_by_email(std::string_view email) {
  household h;
  {
    auto q = conn_.bound(sql::select_household_by_email, trim(email));
    if (!q) return in("household_by_email", q.err());
    auto row = q->step();
    if (!row) return in("household_by_email", row.err());
    if (!*row) {
      return error{errc::not_found, "no household belongs to " + std::string(trim(email))};
    }
    h = read_household(*q);
  }
  auto services = services_of(h.id);
  if (!services) return in("household_by_email", services.err());
  h.services = std::move(*services);
  return h;
}

result<household> sqlite_store::household_by_id(std::int64_t id) {
  household h;
  {
    auto q = conn_.bound(sql::select_household_by_id, id);
    if (!q) return in("household_by_id", q.err());
    auto row = q->step();
    if (!row) return in("household_by_id", row.err());
    if (!*row) return error{errc::not_found, "no household " + std::to_string(id)};
    h = read_household(*q);
  }
  auto services = services_of(h.id);
  if (!services) return in("household_by_id", services.err());
  h.services = std::move(*services);
  return h;
}

result<std::vector<household>> sqlite_store::households() {
  std::vector<household> out;
  std::unordered_map<std::int64_t, std::size_t> index;
  {
    auto q = conn_.query(sql::select_households);
    if (!q) return in("households", q.err());
    for (;;) {
      auto row = q->step();
      if (!row) return in("households", row.err());
      if (!*row) break;
      index.emplace(q->int64(0), out.size());
      out.push_back(read_household(*q));
    }
  }
  auto q = conn_.query(sql::select_all_services);
  if (!q) return in("households", q.err());
  for (;;) {
    auto row = q->step();
    if (!row) return in("households", row.err());
    if (!*row) return out;
    const auto it = index.find(q->int64(0));
    if (it != index.end()) out[it->second].services.push_back(q->text(1));
  }
}

status sqlite_store::set_household_services(std::int64_t household_id,
                                            const std::vector<std::string>& services) {
  auto tx = sqlite_transaction::begin(conn_);
  if (!tx) return in("set_household_services", tx.err());
  {
    auto q = conn_.bound(sql::select_household_by_id, household_id);
    if (!q) return in("set_household_services", q.err());
    auto row = q->step();
    if (!row) return in("set_household_services", row.err());
    if (!*row) return error{errc::not_found, "no household " + std::to_string(household_id)};
  }
  if (auto st = conn_.run(sql::delete_services_of_household, household_id); !st) {
    return in("set_household_services", st.err());
  }
  for (const auto& s : services) {
    if (auto st = conn_.run(sql::insert_household_service, household_id, s); !st) {
      return in("set_household_services: service '" + s + "'", st.err());
    }
  }
  if (auto st = tx->commit(); !st) return in("set_household_services", st.err());
  return ok_status();
}

// -- profiles ---------------------------------------------------------------------------------

result<profile> sqlite_store::create_profile(std::int64_t household_id, const std::string& name,
                                             maturity cap) {
  auto q = conn_.bound(sql::insert_profile, household_id, name, to_string(cap));
  if (!q) return in("create_profile", q.err());
  auto row = q->step();
  if (!row) {
    return in("create_profile '" + name + "' in household " + std::to_string(household_id),
              row.err());
  }
  if (!*row) return error{errc::internal, "create_profile: no id returned"};
  return profile{q->int64(0), household_id, name, cap};
}

result<std::vector<profile>> sqlite_store::profiles(std::int64_t household_id) {
  auto q = conn_.bound(sql::select_profiles_of_household, household_id);
  if (!q) return in("profiles", q.err());
  std::vector<profile> out;
  for (;;) {
    auto row = q->step();
    if (!row) return in("profiles", row.err());
    if (!*row) return out;
    out.push_back(read_profile(*q));
  }
}

result<profile> sqlite_store::profile_by_id(std::int64_t id) {
  auto q = conn_.bound(sql::select_profile_by_id, id);
  if (!q) return in("profile_by_id", q.err());
  auto row = q->step();
  if (!row) return in("profile_by_id", row.err());
  if (!*row) return error{errc::not_found, "no profile " + std::to_string(id)};
  return read_profile(*q);
}

status sqlite_store::set_maturity_cap(std::int64_t profile_id, maturity cap) {
  if (auto st = conn_.run(sql::update_maturity_cap, to_string(cap), profile_id); !st) {
    return in("set_maturity_cap", st.err());
  }
  if (conn_.changes() == 0) {
    return error{errc::not_found, "no profile " + std::to_string(profile_id)};
  }
  return ok_status();
}

// -- meta -------------------------------------------------------------------------------------

result<std::optional<std::string>> sqlite_store::get_meta(const std::string& key) {
  auto q = conn_.bound(sql::select_meta, key);
  if (!q) return in("get_meta", q.err());
  auto row = q->step();
  if (!row) return in("get_meta", row.err());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(q->text(0));
}

status sqlite_store::set_meta(const std::string& key, const std::string& value) {
  if (auto st = conn_.run(sql::upsert_meta, key, value); !st) return in("set_meta", st.err());
  return ok_status();
}

}  // namespace recs::storage
