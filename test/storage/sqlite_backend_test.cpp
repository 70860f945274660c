// The SQLite backend for the behavioural store suites, and the checks that only make sense on
// SQLite (pragmas, the file on disk, the portable-placeholder guard).
#define BOOST_TEST_MODULE storage_sqlite
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/sqlite_connection.hpp"
#include "storage/sqlite_store.hpp"
#include "test/storage/store_fixture.hpp"

namespace fs = std::filesystem;

namespace recs::storage::testing {

namespace {

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "recs-storage-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    BOOST_REQUIRE_MESSAGE(!path_.empty(), "mkdtemp failed");
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

class sqlite_test_backend final : public test_backend {
 public:
  std::string name() const override { return "sqlite " + db_path(); }
  result<std::unique_ptr<store>> open() override { return open_sqlite(db_path()); }
  sql_dialect dialect() const override { return sql_dialect::sqlite; }
  status exec(const std::string& sql) override {
    auto conn = sqlite_connection::open(db_path());
    if (!conn) return conn.err();
    return conn->exec(sql);
  }
  result<std::vector<std::pair<std::string, std::int64_t>>> table_row_counts() override {
    std::string counts;  // outlives conn: the statement cache is keyed by the text
    auto conn = sqlite_connection::open(db_path());
    if (!conn) return conn.err();
    auto names = conn->query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "ORDER BY name");
    if (!names) return names.err();
    for (;;) {
      auto row = names->step();
      if (!row) return row.err();
      if (!*row) break;
      if (!counts.empty()) counts += " UNION ALL ";
      const std::string name = names->text(0);
      counts += "SELECT '" + name + "', COUNT(*) FROM \"" + name + "\"";
    }
    std::vector<std::pair<std::string, std::int64_t>> out;
    if (counts.empty()) return out;
    auto q = conn->query(counts);
    if (!q) return q.err();
    for (;;) {
      auto row = q->step();
      if (!row) return row.err();
      if (!*row) break;
      out.emplace_back(q->text(0), q->int64(1));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  // A nested path, so that every test also covers creating the parent directories.
  std::string db_path() const { return (dir_.path() / "data" / "recs.db").string(); }

 private:
  temp_dir dir_;
};

}  // namespace

std::unique_ptr<test_backend> make_test_backend() {
  return std::make_unique<sqlite_test_backend>();
}

BOOST_AUTO_TEST_SUITE(sqlite_only)

BOOST_AUTO_TEST_CASE(open_creates_parent_directories_and_a_wal_database) {
  sqlite_test_backend backend;
  BOOST_TEST(!fs::exists(fs::path(backend.db_path()).parent_path()));
  auto s = backend.open();
  BOOST_REQUIRE_MESSAGE(s.ok(), describe(s));
  BOOST_TEST(fs::exists(backend.db_path()));

  auto conn = sqlite_connection::open(backend.db_path());
  BOOST_REQUIRE_MESSAGE(conn.ok(), describe(conn));
  BOOST_TEST(first_row(*conn, "PRAGMA journal_mode").text(0) == "wal");
  BOOST_TEST(first_row(*conn, "PRAGMA synchronous").int64(0) == 2);  // FULL
  BOOST_TEST(first_row(*conn, "PRAGMA foreign_keys").int64(0) == 1);
  BOOST_TEST(first_row(*conn, "PRAGMA busy_timeout").int64(0) > 0);
}

BOOST_AUTO_TEST_CASE(memory_database_works) {
  auto s = open_sqlite(":memory:");
  BOOST_REQUIRE_MESSAGE(s.ok(), describe(s));
  auto v = (*s)->migrate();
  BOOST_REQUIRE_MESSAGE(v.ok(), describe(v));
  BOOST_TEST(*v == latest_schema_version());
  BOOST_TEST((*s)->set_meta("k", "v").ok());
  auto got = (*s)->get_meta("k");
  BOOST_REQUIRE(got.ok());
  BOOST_TEST(got->value_or("") == "v");
}

BOOST_AUTO_TEST_CASE(empty_path_is_rejected) {
  auto s = open_sqlite("");
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(static_cast<int>(s.err().code) == static_cast<int>(errc::invalid_argument));
}

BOOST_AUTO_TEST_CASE(each_migration_is_recorded_once) {
  sqlite_test_backend backend;
  for (int i = 0; i < 3; ++i) {
    auto s = backend.open();
    BOOST_REQUIRE_MESSAGE(s.ok(), describe(s));
    auto v = (*s)->migrate();
    BOOST_REQUIRE_MESSAGE(v.ok(), describe(v));
    BOOST_TEST(*v == latest_schema_version());
  }
  auto conn = sqlite_connection::open(backend.db_path());
  BOOST_REQUIRE(conn.ok());
  BOOST_TEST(first_row(*conn, "SELECT COUNT(*) FROM schema_migrations").int64(0) ==
             static_cast<std::int64_t>(migrations().size()));
  BOOST_TEST(first_row(*conn, "SELECT COUNT(DISTINCT version) FROM schema_migrations").int64(0) ==
             static_cast<std::int64_t>(migrations().size()));
  BOOST_TEST(first_row(*conn, "SELECT MIN(applied_at) FROM schema_migrations").int64(0) > 0);
}

BOOST_AUTO_TEST_CASE(a_newer_schema_than_the_build_is_refused) {
  sqlite_test_backend backend;
  {
    auto s = backend.open();
    BOOST_REQUIRE(s.ok());
    BOOST_REQUIRE((*s)->migrate().ok());
  }
  {
    auto conn = sqlite_connection::open(backend.db_path());
    BOOST_REQUIRE(conn.ok());
    BOOST_REQUIRE(conn->exec("INSERT INTO schema_migrations VALUES (999, 'future', 1)").ok());
  }
  auto s = backend.open();
  BOOST_REQUIRE(s.ok());
  auto v = (*s)->migrate();
  BOOST_REQUIRE(!v.ok());
  BOOST_TEST(v.err().message.find("newer") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(non_portable_placeholders_are_rejected) {
  auto conn = sqlite_connection::open(":memory:");
  BOOST_REQUIRE(conn.ok());
  BOOST_TEST(!conn->query("SELECT ?").ok());
  BOOST_TEST(!conn->query("SELECT :name").ok());
  BOOST_TEST(!conn->query("SELECT $2, $1").ok());
  BOOST_TEST(!conn->query("SELECT 1; SELECT 2").ok());
  auto q = conn->bound("SELECT $1 + $2, $1", std::int64_t{40}, std::int64_t{2});
  BOOST_REQUIRE_MESSAGE(q.ok(), describe(q));
  auto row = q->step();
  BOOST_REQUIRE(row.ok() && *row);
  BOOST_TEST(q->int64(0) == 42);
  BOOST_TEST(q->int64(1) == 40);
}

BOOST_AUTO_TEST_CASE(a_statement_in_use_can_be_used_again_nested) {
  auto conn = sqlite_connection::open(":memory:");
  BOOST_REQUIRE(conn.ok());
  BOOST_REQUIRE(conn->exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);").ok());
  constexpr std::string_view select = "SELECT x FROM t WHERE x >= $1 ORDER BY x";
  auto outer = conn->bound(select, 1);
  BOOST_REQUIRE(outer.ok());
  int pairs = 0;
  for (auto row = outer->step(); row.ok() && *row; row = outer->step()) {
    auto inner = conn->bound(select, outer->int64(0));
    BOOST_REQUIRE(inner.ok());
    for (auto r = inner->step(); r.ok() && *r; r = inner->step()) ++pairs;
  }
  BOOST_TEST(pairs == 3);  // (1,1) (1,2) (2,2)
}

BOOST_AUTO_TEST_CASE(a_failed_transaction_rolls_back) {
  auto conn = sqlite_connection::open(":memory:");
  BOOST_REQUIRE(conn.ok());
  BOOST_REQUIRE(conn->exec("CREATE TABLE t (x INTEGER CHECK (x < 10))").ok());
  {
    auto tx = sqlite_transaction::begin(*conn);
    BOOST_REQUIRE(tx.ok());
    BOOST_TEST(conn->run("INSERT INTO t VALUES ($1)", 1).ok());
    auto bad = conn->run("INSERT INTO t VALUES ($1)", 11);
    BOOST_REQUIRE(!bad.ok());
    BOOST_TEST(static_cast<int>(bad.err().code) == static_cast<int>(errc::invalid_argument));
  }  // no commit
  BOOST_TEST(!conn->in_transaction());
  BOOST_TEST(first_row(*conn, "SELECT COUNT(*) FROM t").int64(0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
