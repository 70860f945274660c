#pragma once

// The backend-neutral half of the storage suites. The behavioural test cases
// (store_*_test.cpp) see only the store's interfaces: each reaches it through the role it tests
// (taste(), offers(), ...) and the ones its set-up needs; db() is the whole store (migrate,
// reopen). Each test executable links exactly one definition of make_test_backend()
// (sqlite_backend_test.cpp, pg_backend_test.cpp), so the same cases run against every backend.

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/schema_sql.hpp"
#include "storage/store.hpp"

namespace recs::storage::testing {

/// What happened, for BOOST_TEST output: "succeeded" or "failed: <message>".
template <class T>
std::string describe(const result<T>& r) {
  return r.ok() ? std::string("succeeded") : "failed: " + r.err().message;
}

/// True when `r` failed with category `c`.
template <class T>
bool failed_with(const result<T>& r, errc c) {
  return !r.ok() && r.err().code == c;
}

/// The first row of `sql`, read with a backend's own connection type (sqlite_connection,
/// pg_connection) in its backend-only checks: first_row(conn, sql).int64(0), .text(0), ...
template <class Conn>
auto first_row(Conn& conn, std::string_view sql) {
  auto q = conn.query(sql);
  BOOST_REQUIRE_MESSAGE(q.ok(), describe(q));
  auto row = q->step();
  BOOST_REQUIRE_MESSAGE(row.ok() && *row, describe(row));
  return std::move(q).value();
}

/// A fresh, empty database of one backend, private to one test case and removed when the
/// backend object is destroyed.
class test_backend {
 public:
  virtual ~test_backend() = default;
  virtual std::string name() const = 0;
  /// A new store object (a new connection) on this test's database, not yet migrated. Also
  /// callable from a forked child process.
  virtual result<std::unique_ptr<store>> open() = 0;
  /// The dialect the schema is rendered in on this backend.
  virtual sql_dialect dialect() const = 0;
  /// Runs statements without parameters on this test's database with a connection of its own
  /// (building an old schema version to migrate from, say).
  virtual status exec(const std::string& sql) = 0;
  /// Every table of this test's database (the schema's own included) with its row count, by
  /// name: for checks that must cover tables added later without being edited.
  virtual result<std::vector<std::pair<std::string, std::int64_t>>> table_row_counts() = 0;
};

/// Defined once per test executable; picks the backend under test.
std::unique_ptr<test_backend> make_test_backend();

/// `s` as an SQL string literal.
inline std::string sql_quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

/// Creates the schema as it was at `version` (migrations 1..version, recorded), on `backend`:
/// a database an older build made, to migrate from.
inline void build_schema_up_to(test_backend& backend, int version) {
  std::string ddl = render_sql(sql::create_schema_migrations, backend.dialect()) + ";\n";
  for (const migration& m : migrations()) {
    if (m.version > version) break;
    ddl += render_sql(m.sql, backend.dialect()) + ";\n";
    ddl += "INSERT INTO schema_migrations (version, description, applied_at) VALUES (" +
           std::to_string(m.version) + ", " + sql_quoted(m.description) + ", 1700000000);\n";
  }
  auto st = backend.exec(ddl);
  BOOST_REQUIRE_MESSAGE(st.ok(), "schema v" << version << ": " << describe(st));
}

/// A database an older build made and filled: the schema up to `version`, then `data` (SQL),
/// opened and migrated to the latest version (required to succeed).
inline std::unique_ptr<store> migrated_from(test_backend& backend, int version,
                                            const std::string& data) {
  build_schema_up_to(backend, version);
  auto filled = backend.exec(data);
  BOOST_REQUIRE_MESSAGE(filled.ok(), describe(filled));
  auto opened = backend.open();
  BOOST_REQUIRE_MESSAGE(opened.ok(), describe(opened));
  auto migrated = (*opened)->migrate();
  BOOST_REQUIRE_MESSAGE(migrated.ok(), describe(migrated));
  BOOST_TEST(*migrated == latest_schema_version());
  return std::move(*opened);
}

/// Boost.Test fixture: a fresh database, opened and migrated.
struct store_fixture {
  store_fixture() : backend(make_test_backend()) { reopen(); }

  store& db() { return *store_; }

  // The roles of db(): a case of one role calls that role, so each role interface is seen to
  // be enough for its cases.
  household_store& homes() { return *store_; }
  taste_store& taste() { return *store_; }
  list_store& lists() { return *store_; }
  family_store& family() { return *store_; }
  catalog_store& catalog() { return *store_; }
  offers_store& offers() { return *store_; }
  link_store& links() { return *store_; }
  sync_run_store& runs() { return *store_; }
  meta_store& meta() { return *store_; }
  account_store& accounts() { return *store_; }

  /// Destroys the store object, with no explicit close, and opens a new one on the same
  /// database (a restart of the service).
  store& reopen() {
    store_.reset();
    auto opened = backend->open();
    BOOST_REQUIRE_MESSAGE(opened.ok(), backend->name() + " open " + describe(opened));
    store_ = std::move(*opened);
    auto version = store_->migrate();
    BOOST_REQUIRE_MESSAGE(version.ok(), "migrate " + describe(version));
    return *store_;
  }

  /// Releases the store object without opening another (before fork(), say).
  void close() { store_.reset(); }

  std::unique_ptr<test_backend> backend;
  std::unique_ptr<store> store_;
};

}  // namespace recs::storage::testing
