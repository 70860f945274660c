#pragma once
// sql_store<Conn>: migrations, households (household_store; profiles are in
// sql_store_profiles.hpp) and meta (meta_store).
// Included only by the backend .cpp files that instantiate sql_store (see sql_store.hpp).
#include <unordered_map>
#include <utility>

#include "recsys/text.hpp"
#include "storage/sql_store.hpp"

namespace recs::storage {

namespace internal {

template <class Query>
household read_household(const Query& q) {
  household h;
  h.id = q.int64(0);
  h.name = q.text(1);
  h.owner_email = q.text(2);
  return h;
}

}  // namespace internal

// -- migrations -------------------------------------------------------------------------------

template <class Conn>
result<int> sql_store<Conn>::schema_version() {
  auto q = conn_.query(sql::current_version);
  if (!q) return q.err();
  auto row = q->step();
  if (!row) return row.err();
  return *row ? q->int32(0) : 0;
}

template <class Conn>
result<int> sql_store<Conn>::migrate() {
  using internal::in;
  {
    auto tx = backend::begin(conn_);
    if (!tx) return in("migrate", tx.err());
    if (auto st = backend::lock_schema(conn_); !st) return in("migrate", st.err());
    if (auto st = conn_.exec(render_sql(sql::create_schema_migrations, backend::dialect)); !st) {
      return in("migrate", st.err());
    }
    if (auto st = tx->commit(); !st) return in("migrate", st.err());
  }
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
    auto tx = backend::begin(conn_);
    if (!tx) return in(what, tx.err());
    if (auto st = backend::lock_schema(conn_); !st) return in(what, st.err());
    // Re-read under the lock: another process may have applied it meanwhile.
    auto now = schema_version();
    if (!now) return in(what, now.err());
    if (*now < m.version) {
      if (auto st = conn_.exec(render_sql(m.sql, backend::dialect)); !st) {
        return in(what, st.err());
      }
      auto st = conn_.run(sql::record_migration, m.version, m.description, unix_now());
      if (!st) return in(what, st.err());
      if (auto c = tx->commit(); !c) return in(what, c.err());
    }
    current = m.version;
  }
  return schema_version();
}

// -- households -------------------------------------------------------------------------------

template <class Conn>
template <class... Args>
status sql_store<Conn>::change_one(std::string_view sql, const char* what,
                                   const std::string& missing, const Args&... args) {
  if (auto st = conn_.run(sql, args...); !st) return internal::in(what, st.err());
  if (conn_.changes() == 0) return error{errc::not_found, missing};
  return ok_status();
}

template <class Conn>
result<std::vector<std::string>> sql_store<Conn>::services_of(std::int64_t household_id) {
  auto q = conn_.bound(sql::select_services_of_household, household_id);
  if (!q) return q.err();
  return internal::read_rows(*q, [](const auto& r) { return r.text(0); });
}

template <class Conn>
result<household> sql_store<Conn>::create_household(const std::string& name,
                                                    const std::string& owner_email,
                                                    const std::vector<std::string>& services) {
  using internal::in;
  const std::string email(trim(owner_email));
  if (email.empty()) return error{errc::invalid_argument, "create_household: empty owner email"};
  auto tx = backend::begin(conn_);
  if (!tx) return in("create_household", tx.err());
  std::int64_t id = 0;
  {
    auto q = conn_.bound(sql::insert_household, name, email, unix_now());
    if (!q) return in("create_household " + email, q.err());
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

template <class Conn>
template <class Query>
result<household> sql_store<Conn>::one_household(result<Query> q, const char* what,
                                                 const std::string& missing) {
  using internal::in;
  if (!q) return in(what, q.err());
  auto row = q->step();
  if (!row) return in(what, row.err());
  if (!*row) return error{errc::not_found, missing};
  household h = internal::read_household(*q);
  auto services = services_of(h.id);
  if (!services) return in(what, services.err());
  h.services = std::move(*services);
  return h;
}

template <class Conn>
result<household> sql_store<Conn>::household_by_email(std::string_view email) {
  return one_household(conn_.bound(sql::select_household_by_email, trim(email)),
                       "household_by_email", "no household belongs to " + std::string(trim(email)));
}

template <class Conn>
result<household> sql_store<Conn>::household_by_id(std::int64_t id) {
  return one_household(conn_.bound(sql::select_household_by_id, id), "household_by_id",
                       "no household " + std::to_string(id));
}

template <class Conn>
result<std::vector<household>> sql_store<Conn>::households() {
  using internal::in;
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
      out.push_back(internal::read_household(*q));
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

template <class Conn>
status sql_store<Conn>::set_household_services(std::int64_t household_id,
                                               const std::vector<std::string>& services) {
  using internal::in;
  auto tx = backend::begin(conn_);
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

// Every row of the household goes with it (ON DELETE CASCADE, see sql::delete_household). When
// it was the last one, the first-run marker goes too: the database is as new.
template <class Conn>
status sql_store<Conn>::delete_household(std::int64_t household_id) {
  auto tx = backend::begin(conn_);
  if (!tx) return internal::in("delete_household", tx.err());
  if (auto st = change_one(sql::delete_household, "delete_household",
                           "no household " + std::to_string(household_id), household_id);
      !st)
    return st;
  if (auto st = conn_.run(sql::delete_first_run_marker_when_empty); !st)
    return internal::in("delete_household", st.err());
  return tx->commit();
}

// -- meta -------------------------------------------------------------------------------------

template <class Conn>
result<std::optional<std::string>> sql_store<Conn>::get_meta(const std::string& key) {
  using internal::in;
  auto q = conn_.bound(sql::select_meta, key);
  if (!q) return in("get_meta", q.err());
  auto row = q->step();
  if (!row) return in("get_meta", row.err());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(q->text(0));
}

template <class Conn>
status sql_store<Conn>::set_meta(const std::string& key, const std::string& value) {
  if (auto st = conn_.run(sql::upsert_meta, key, value); !st) {
    return internal::in("set_meta", st.err());
  }
  return ok_status();
}

}  // namespace recs::storage
