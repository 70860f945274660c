// The SQLite backend of `store`: sql_store over sqlite_connection.
#include "storage/sqlite_store.hpp"

#include "storage/sql_store.hpp"
#include "storage/sql_store_catalog.hpp"
#include "storage/sql_store_family.hpp"
#include "storage/sql_store_households.hpp"
#include "storage/sql_store_taste.hpp"
#include "storage/sqlite_connection.hpp"

namespace recs::storage {

template <>
struct sql_backend<sqlite_connection> {
  using transaction = sqlite_transaction;
  static constexpr sql_dialect dialect = sql_dialect::sqlite;

  static result<transaction> begin(sqlite_connection& conn) {
    return sqlite_transaction::begin(conn);
  }

  // BEGIN IMMEDIATE already holds the database's write lock.
  static status lock_schema(sqlite_connection&) { return ok_status(); }

  // Statement by statement: each is a local call, and the transaction makes one WAL sync.
  static status write_shows(sqlite_connection& conn, const std::vector<show>& shows) {
    for (const show& s : shows) {
      if (auto st = internal::write_show(conn, s); !st) {
        return internal::in("show '" + s.id + "'", st.err());
      }
    }
    return ok_status();
  }
};

template class sql_store<sqlite_connection>;

result<std::unique_ptr<store>> open_sqlite(const std::string& path) {
  auto conn = sqlite_connection::open(path);
  if (!conn) return conn.err();
  return std::unique_ptr<store>(std::make_unique<sql_store<sqlite_connection>>(std::move(*conn)));
}

}  // namespace recs::storage
