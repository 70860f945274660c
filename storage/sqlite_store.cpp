// The SQLite backend of `store`: sql_store over sqlite_connection.
#include "storage/sqlite_store.hpp"

#include "storage/sql_store.hpp"
#include "storage/sql_store_accounts.hpp"
#include "storage/sql_store_catalog.hpp"
#include "storage/sql_store_family.hpp"
#include "storage/sql_store_households.hpp"
#include "storage/sql_store_lists.hpp"
#include "storage/sql_store_profiles.hpp"
#include "storage/sql_store_sync.hpp"
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
  static status write_shows(sqlite_connection& conn, const std::vector<show>& shows,
                            const std::vector<bool>& may_have_offers) {
    for (std::size_t i = 0; i < shows.size(); ++i) {
      if (auto st = internal::write_show(conn, shows[i], may_have_offers[i]); !st) {
        return internal::in("show '" + shows[i].id + "'", st.err());
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
