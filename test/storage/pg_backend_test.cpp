// The PostgreSQL backend for the behavioural store suites, and the checks that only make sense
// on PostgreSQL (SQLSTATE mapping, prepared statements, lost connections, a server restart).
//
// The test executable starts its own throwaway server (test/support/pg_server.sh) in a temp
// dir for the whole run and stops it at the end; a watchdog stops it too should this process
// die first. Each test case gets a database of its own, created from template0 with a
// linguistic (ICU en-US) default collation like most real databases, and dropped afterwards.
// Missing server binaries fail every test with the way to install them: never a silent skip.
#define BOOST_TEST_MODULE storage_postgres
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>  // mkdtemp
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_conninfo.hpp"
#include "storage/pg_store.hpp"
#include "test/storage/store_fixture.hpp"

namespace fs = std::filesystem;

namespace recs::storage::testing {

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

/// The throwaway server of this test run, started by pg_server.sh.
class pg_test_server {
 public:
  /// The running server, or nullptr with why() saying what went wrong.
  static pg_test_server* instance() { return instance_; }
  static const std::string& why() { return why_; }

  pg_test_server() {
    std::string pattern = (fs::temp_directory_path() / "recs-pg-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      why_ = "mkdtemp failed";
      return;
    }
    root_ = pattern;
    // As root the server runs as `postgres`, which must be able to reach its directory in here.
    fs::permissions(root_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    if (!start()) return;
    instance_ = this;
  }
  pg_test_server(const pg_test_server&) = delete;
  pg_test_server& operator=(const pg_test_server&) = delete;
  ~pg_test_server() {
    instance_ = nullptr;
    if (root_.empty()) return;
    stop();
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  /// Starts (or restarts, on the same port and data) the server; false with why() on failure.
  bool start() {
    const fs::path out = root_ / "start.out";
    const fs::path err = root_ / "start.err";
    const std::string cmd = "bash " + quoted(RECS_PG_SERVER_SCRIPT) + " start " +
                            quoted((root_ / "server").string()) + " --owner " +
                            std::to_string(getpid()) + " >" + quoted(out.string()) + " 2>" +
                            quoted(err.string());
    const int rc = std::system(cmd.c_str());
    const int code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    if (code == 3) {
      why_ = read_text(err);  // says to run `make deps-test`
      if (why_.empty()) why_ = "PostgreSQL server binaries not found: run `make deps-test`";
      return false;
    }
    if (code != 0) {
      why_ = "pg_server.sh start failed (exit " + std::to_string(code) + "): " + read_text(err);
      return false;
    }
    conninfo_ = read_text(out);
    return !conninfo_.empty();
  }

  /// Stops the server by its PID.
  bool stop() {
    const std::string cmd = "bash " + quoted(RECS_PG_SERVER_SCRIPT) + " stop " +
                            quoted((root_ / "server").string()) + " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
  }

  /// The conninfo of database `db` on this server.
  std::string conninfo(const std::string& db) const {
    // The script ends its line with dbname=postgres; a later keyword wins in libpq.
    return conninfo_ + " dbname=" + db;
  }

 private:
  static inline pg_test_server* instance_ = nullptr;
  static inline std::string why_ = "the test server was not started";
  fs::path root_;
  std::string conninfo_;
};

BOOST_TEST_GLOBAL_FIXTURE(pg_test_server);

pg_test_server& server() {
  BOOST_REQUIRE_MESSAGE(pg_test_server::instance() != nullptr, pg_test_server::why());
  return *pg_test_server::instance();
}

/// Runs one statement on the server's maintenance database.
void admin_exec(const std::string& sql) {
  auto conn = pg_connection::open(server().conninfo("postgres"));
  BOOST_REQUIRE_MESSAGE(conn.ok(), "admin connection " + describe(conn));
  auto st = conn->exec(sql);
  BOOST_REQUIRE_MESSAGE(st.ok(), sql + ": " + describe(st));
}

class pg_test_backend final : public test_backend {
 public:
  pg_test_backend() : db_(next_name()) {
    pg_test_server& s = server();
    auto admin = pg_connection::open(s.conninfo("postgres"));
    BOOST_REQUIRE_MESSAGE(admin.ok(), "admin connection " + describe(admin));
    auto st = admin->exec("CREATE DATABASE " + db_ +
                          " TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu "
                          "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
    if (!st) {
      BOOST_TEST_MESSAGE("no ICU database (" << st.err().message << "); using the default");
      st = admin->exec("CREATE DATABASE " + db_);
    }
    BOOST_REQUIRE_MESSAGE(st.ok(), "create database " + describe(st));
    created_ = true;
  }
  pg_test_backend(const pg_test_backend&) = delete;
  pg_test_backend& operator=(const pg_test_backend&) = delete;
  ~pg_test_backend() override {
    if (!created_ || pg_test_server::instance() == nullptr) return;
    auto admin = pg_connection::open(pg_test_server::instance()->conninfo("postgres"));
    if (admin) (void)admin->exec("DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)");
  }

  std::string name() const override { return "postgres " + db_; }
  result<std::unique_ptr<store>> open() override { return open_postgres(conninfo()); }
  sql_dialect dialect() const override { return sql_dialect::postgres; }
  status exec(const std::string& sql) override {
    auto conn = pg_connection::open(conninfo());
    if (!conn) return conn.err();
    return conn->exec(sql);
  }
  result<std::vector<std::pair<std::string, std::int64_t>>> table_row_counts() override {
    auto conn = pg_connection::open(conninfo());
    if (!conn) return conn.err();
    std::vector<std::pair<std::string, std::int64_t>> out;
    {
      auto names = conn->query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = "
          "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
      if (!names) return names.err();
      for (;;) {
        auto row = names->step();
        if (!row) return row.err();
        if (!*row) break;
        out.emplace_back(names->text(0), 0);
      }
    }
    for (auto& [name, count] : out) {
      auto q = conn->query("SELECT COUNT(*) FROM \"" + name + "\"");
      if (!q) return q.err();
      auto row = q->step();
      if (!row) return row.err();
      count = q->int64(0);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string conninfo() const { return server().conninfo(db_); }
  const std::string& db() const { return db_; }

 private:
  static std::string next_name() {
    static std::atomic<int> n{0};
    return "recs_test_" + std::to_string(getpid()) + "_" + std::to_string(++n);
  }

  std::string db_;
  bool created_ = false;
};

/// Kills the server processes serving `db` from another connection (as an operator would).
void terminate_backends_of(const std::string& db) {
  auto admin = pg_connection::open(server().conninfo("postgres"));
  BOOST_REQUIRE(admin.ok());
  // Pids first, then the kills: in one WHERE clause the planner may call
  // pg_terminate_backend() before the other conditions and kill this very connection.
  auto q = admin->bound("SELECT pid FROM pg_stat_activity WHERE datname = $1", db);
  BOOST_REQUIRE_MESSAGE(q.ok(), describe(q));
  std::vector<std::int64_t> pids;
  while (q->step().value()) pids.push_back(q->int64(0));
  BOOST_REQUIRE(!pids.empty());
  for (std::int64_t pid : pids) {
    auto killed = admin->bound("SELECT pg_terminate_backend(CAST($1 AS INTEGER), 5000)", pid);
    BOOST_REQUIRE_MESSAGE(killed.ok(), describe(killed));
  }
}

bool is(const status& st, errc c) {
  return !st.ok() && st.err().code == c;
}

using std::chrono::milliseconds;
using clock_type = std::chrono::steady_clock;

/// One round trip on `conn`.
status ping(pg_connection& conn) {
  auto q = conn.query("SELECT 1");
  if (!q) return q.err();
  return ok_status();
}

/// N of "... retrying in N ms ..." in a failed call's message; -1 when it is not there.
long retry_ms(const status& st) {
  constexpr std::string_view marker = "database unavailable, retrying in ";
  if (st.ok()) return -1;
  const std::string& m = st.err().message;
  const auto at = m.find(marker);
  if (at == std::string::npos) return -1;
  return std::strtol(m.c_str() + at + marker.size(), nullptr, 10);
}

/// Sleeps until `conn` may try to reconnect again.
void wait_out_backoff(const pg_connection& conn) {
  std::this_thread::sleep_for(conn.reconnect_wait() + milliseconds(5));
}

/// Calls `op` until it succeeds or `limit` passes; the last outcome.
template <class Op>
auto eventually(Op op, milliseconds limit) {
  const auto deadline = clock_type::now() + limit;
  auto r = op();
  while (!r.ok() && clock_type::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(20));
    r = op();
  }
  return r;
}

/// A loopback TCP port that accepts connections (the kernel completes the handshake) and never
/// says a word: a server that hangs.
class mute_listener {
 public:
  mute_listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    BOOST_REQUIRE(fd_ >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    BOOST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    BOOST_REQUIRE(::listen(fd_, 8) == 0);
    socklen_t len = sizeof a;
    BOOST_REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port_ = ntohs(a.sin_port);
  }
  mute_listener(const mute_listener&) = delete;
  mute_listener& operator=(const mute_listener&) = delete;
  ~mute_listener() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace

std::unique_ptr<test_backend> make_test_backend() {
  return std::make_unique<pg_test_backend>();
}

BOOST_AUTO_TEST_SUITE(postgres_only)

BOOST_AUTO_TEST_CASE(sqlstates_map_to_error_categories) {
  using internal::pg_errc_of;
  BOOST_TEST((pg_errc_of("23505", true) == errc::invalid_argument));  // unique violation
  BOOST_TEST((pg_errc_of("23503", true) == errc::invalid_argument));  // foreign key
  BOOST_TEST((pg_errc_of("23514", true) == errc::invalid_argument));  // check
  BOOST_TEST((pg_errc_of("22P02", true) == errc::invalid_argument));  // bad text for a type
  BOOST_TEST((pg_errc_of("08006", false) == errc::unavailable));      // connection failure
  BOOST_TEST((pg_errc_of("57P01", false) == errc::unavailable));      // admin shutdown
  BOOST_TEST((pg_errc_of("53300", false) == errc::unavailable));      // too many connections
  BOOST_TEST((pg_errc_of("40P01", true) == errc::unavailable));       // deadlock
  BOOST_TEST((pg_errc_of("", false) == errc::unavailable));           // lost client-side
  BOOST_TEST((pg_errc_of("42601", true) == errc::internal));          // syntax error: a bug
  BOOST_TEST((pg_errc_of("", true) == errc::internal));
}

BOOST_AUTO_TEST_CASE(conninfo_from_settings_and_redacted) {
  postgres_target t;
  BOOST_TEST(postgres_conninfo(t).empty());  // nothing configured: SQLite
  t.user = "dev";
  t.password = "s3cr'et";
  BOOST_TEST(postgres_conninfo(t).empty());  // credentials alone name no server
  t.host = "localhost";
  t.db = "recs";
  const std::string built = postgres_conninfo(t);
  BOOST_TEST(built == "host='localhost' port='5432' dbname='recs' user='dev' password='s3cr\\'et'");
  BOOST_TEST(redacted_conninfo(built) == "host='localhost' port='5432' dbname='recs' user='dev'");
  t.database_url = "postgresql://app:hunter2@db.internal:6432/recs_prod";
  BOOST_TEST(postgres_conninfo(t) == t.database_url);
  const std::string shown = redacted_conninfo(t.database_url);
  BOOST_TEST(shown.find("hunter2") == std::string::npos);
  BOOST_TEST(shown == "host='db.internal' port='6432' dbname='recs_prod' user='app'");
  BOOST_TEST(redacted_conninfo("nonsense") == "(unparseable)");
}

BOOST_AUTO_TEST_CASE(a_malformed_conninfo_is_invalid_argument) {
  auto s = open_postgres("hostt=localhost");
  BOOST_TEST(failed_with(s, errc::invalid_argument), describe(s));
  BOOST_TEST(failed_with(open_postgres(""), errc::invalid_argument));
}

BOOST_AUTO_TEST_CASE(an_unreachable_server_is_unavailable) {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  auto s = open_postgres("host=127.0.0.1 port=1 dbname=recs user=recs connect_timeout=2");
  BOOST_TEST(failed_with(s, errc::unavailable), describe(s));
}

BOOST_AUTO_TEST_CASE(each_statement_is_prepared_once_per_connection) {
  pg_test_backend backend;
  auto conn = pg_connection::open(backend.conninfo());
  BOOST_REQUIRE_MESSAGE(conn.ok(), describe(conn));
  constexpr std::string_view count = "SELECT COUNT(*) FROM pg_prepared_statements";
  BOOST_TEST(first_row(*conn, count).int64(0) == 1);  // itself
  for (int i = 0; i < 3; ++i) {
    auto q = conn->bound("SELECT CAST($1 AS BIGINT) + $2", std::int64_t{40}, 2);
    BOOST_REQUIRE_MESSAGE(q.ok(), describe(q));
    BOOST_REQUIRE(*q->step());
    BOOST_TEST(q->int64(0) == 42);
  }
  BOOST_TEST(first_row(*conn, count).int64(0) == 2);
}

BOOST_AUTO_TEST_CASE(values_round_trip_as_text) {
  pg_test_backend backend;
  auto conn = pg_connection::open(backend.conninfo());
  BOOST_REQUIRE(conn.ok());
  const double tricky = 0.1 + 0.2;
  auto q = conn->bound(
      "SELECT CAST($1 AS DOUBLE PRECISION), CAST($2 AS BIGINT), CAST($3 AS TEXT), "
      "CAST($4 AS INTEGER), CAST($5 AS DOUBLE PRECISION)",
      tricky, std::int64_t{-9007199254740993}, std::string("ünïcode 'quoted' \\ back"),
      std::optional<int>(), 1e300);
  BOOST_REQUIRE_MESSAGE(q.ok(), describe(q));
  BOOST_REQUIRE(*q->step());
  BOOST_TEST(q->real(0) == tricky);  // exact: extra_float_digits
  BOOST_TEST(q->int64(1) == -9007199254740993);
  BOOST_TEST(q->text(2) == "ünïcode 'quoted' \\ back");
  BOOST_TEST(q->is_null(3));
  BOOST_TEST(q->real(4) == 1e300);
}

BOOST_AUTO_TEST_CASE(text_with_a_nul_byte_is_invalid_argument) {
  store_fixture f;
  auto h = f.db().create_household("Home", "nul@example.com", {});
  BOOST_REQUIRE(h.ok());
  auto p = f.db().create_profile(h->id, "Ross", maturity::r18);
  BOOST_REQUIRE(p.ok());
  auto st = f.db().put_note(p->id, note{"tt1", std::string("a\0b", 3), 1});
  BOOST_TEST(is(st, errc::invalid_argument), describe(st));
  BOOST_TEST(f.db().notes(p->id)->empty());
}

BOOST_AUTO_TEST_CASE(a_failed_transaction_rolls_back) {
  pg_test_backend backend;
  auto conn = pg_connection::open(backend.conninfo());
  BOOST_REQUIRE(conn.ok());
  BOOST_REQUIRE(conn->exec("CREATE TABLE t (x INTEGER CHECK (x < 10))").ok());
  {
    auto tx = pg_transaction::begin(*conn);
    BOOST_REQUIRE(tx.ok());
    BOOST_TEST(conn->in_transaction());
    BOOST_TEST(conn->run("INSERT INTO t VALUES ($1)", 1).ok());
    auto bad = conn->run("INSERT INTO t VALUES ($1)", 11);
    BOOST_TEST(is(bad, errc::invalid_argument), describe(bad));
  }  // no commit
  BOOST_TEST(!conn->in_transaction());
  BOOST_TEST(first_row(*conn, "SELECT COUNT(*) FROM t").int64(0) == 0);

  // COMMIT of a failed transaction reports the failure instead of "succeeding".
  auto tx = pg_transaction::begin(*conn);
  BOOST_REQUIRE(tx.ok());
  BOOST_TEST(!conn->run("INSERT INTO t VALUES ($1)", 12).ok());
  auto committed = tx->commit();
  BOOST_TEST(!committed.ok());
  BOOST_TEST(!conn->in_transaction());
}

BOOST_AUTO_TEST_CASE(a_pipeline_reports_the_failing_item) {
  pg_test_backend backend;
  auto conn = pg_connection::open(backend.conninfo());
  BOOST_REQUIRE(conn.ok());
  BOOST_REQUIRE(conn->exec("CREATE TABLE t (x INTEGER CHECK (x <> 1234))").ok());
  constexpr std::string_view insert = "INSERT INTO t VALUES ($1)";
  {
    auto tx = pg_transaction::begin(*conn);
    BOOST_REQUIRE(tx.ok());
    auto pipe = pg_pipeline::begin(*conn, {insert});
    BOOST_REQUIRE_MESSAGE(pipe.ok(), describe(pipe));
    status st = ok_status();
    for (int i = 0; i < 3000 && st.ok(); ++i) {
      pipe->tag(static_cast<std::size_t>(i));
      st = pipe->run(insert, i);
    }
    if (st.ok()) st = pipe->finish();
    BOOST_TEST(is(st, errc::invalid_argument), describe(st));
    BOOST_TEST(pipe->failed_tag().value_or(0) == 1234u);
  }
  BOOST_TEST(first_row(*conn, "SELECT COUNT(*) FROM t").int64(0) == 0);

  auto tx = pg_transaction::begin(*conn);
  BOOST_REQUIRE(tx.ok());
  auto pipe = pg_pipeline::begin(*conn, {insert});
  BOOST_REQUIRE(pipe.ok());
  for (int i = 0; i < 1200; ++i) BOOST_REQUIRE(pipe->run(insert, i).ok());
  BOOST_REQUIRE(pipe->finish().ok());
  BOOST_REQUIRE(tx->commit().ok());
  BOOST_TEST(first_row(*conn, "SELECT COUNT(*) FROM t").int64(0) == 1200);
}

BOOST_AUTO_TEST_CASE(a_killed_connection_is_unavailable_then_reconnects) {
  store_fixture f;
  auto h = f.db().create_household("Home", "ross@example.com", {"stan"});
  BOOST_REQUIRE(h.ok());
  auto& backend = dynamic_cast<pg_test_backend&>(*f.backend);

  terminate_backends_of(backend.db());
  auto lost = f.db().household_by_id(h->id);
  BOOST_TEST(failed_with(lost, errc::unavailable), describe(lost));
  auto again = f.db().household_by_id(h->id);  // reconnects first
  BOOST_REQUIRE_MESSAGE(again.ok(), describe(again));
  BOOST_TEST(again->owner_email == "ross@example.com");

  // Mid-transaction: the write fails as a whole, nothing half-written, and the next one works.
  terminate_backends_of(backend.db());
  auto st = f.db().set_household_services(h->id, {"binge", "netflix"});
  BOOST_TEST(is(st, errc::unavailable), describe(st));
  BOOST_REQUIRE(f.db().set_household_services(h->id, {"netflix"}).ok());
  BOOST_TEST(f.db().household_by_id(h->id)->services == std::vector<std::string>{"netflix"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_connection_killed_mid_pipeline_is_unavailable_then_reconnects) {
  pg_test_backend backend;
  auto conn = pg_connection::open(backend.conninfo());
  BOOST_REQUIRE(conn.ok());
  BOOST_REQUIRE(conn->exec("CREATE TABLE t (x INTEGER)").ok());
  constexpr std::string_view insert = "INSERT INTO t VALUES ($1)";
  {
    auto tx = pg_transaction::begin(*conn);
    BOOST_REQUIRE(tx.ok());
    auto pipe = pg_pipeline::begin(*conn, {insert});
    BOOST_REQUIRE(pipe.ok());
    for (int i = 0; i < 700; ++i) BOOST_REQUIRE(pipe->run(insert, i).ok());  // one chunk synced
    terminate_backends_of(backend.db());
    status st = ok_status();
    for (int i = 0; i < 700 && st.ok(); ++i) st = pipe->run(insert, i);
    if (st.ok()) st = pipe->finish();
    BOOST_TEST(is(st, errc::unavailable), describe(st));
    BOOST_TEST(conn->broken());
  }
  BOOST_TEST(first_row(*conn, "SELECT COUNT(*) FROM t").int64(0) == 0);  // reconnected
  BOOST_TEST(!conn->broken());
}

BOOST_AUTO_TEST_CASE(a_server_restart_is_an_outage_then_the_store_recovers) {
  store_fixture f;
  BOOST_REQUIRE(f.db().set_meta("before", "restart").ok());
  pg_test_server& s = server();

  BOOST_REQUIRE_MESSAGE(s.stop(), "pg_server.sh stop failed");
  auto lost = f.db().get_meta("before");
  BOOST_TEST(failed_with(lost, errc::unavailable), describe(lost));
  auto refused = f.db().set_meta("during", "outage");  // the reconnect is refused
  BOOST_TEST(is(refused, errc::unavailable), describe(refused));
  BOOST_TEST(retry_ms(refused) > 0, refused.err().message);
  BOOST_TEST(is(f.db().upsert_shows({show{}}), errc::unavailable));

  BOOST_REQUIRE_MESSAGE(s.start(), pg_test_server::why());
  // Within the longest backoff (2 s + 20% jitter) the store is back.
  auto kept = eventually([&] { return f.db().get_meta("before"); }, milliseconds(2500));
  BOOST_REQUIRE_MESSAGE(kept.ok(), describe(kept));
  BOOST_TEST(kept->value_or("") == "restart");
  BOOST_TEST(f.db().set_meta("after", "restart").ok());
  BOOST_TEST(!f.db().get_meta("during")->has_value());
}

BOOST_AUTO_TEST_CASE(reconnects_back_off_fail_fast_in_between_and_reset_on_success) {
  pg_test_backend backend;
  recs::backoff_policy quick;  // the default (100 ms doubling to 2 s), scaled down
  quick.initial = milliseconds(40);
  quick.max = milliseconds(160);
  quick.jitter = 0.25;
  recs::backoff_policy slow;  // a window that outlasts a server restart
  slow.initial = slow.max = milliseconds(4000);
  slow.jitter = 0;
  auto conn = pg_connection::open(backend.conninfo(), quick);
  auto patient = pg_connection::open(backend.conninfo(), slow);
  BOOST_REQUIRE_MESSAGE(conn.ok() && patient.ok(), describe(conn) + " / " + describe(patient));
  pg_test_server& s = server();

  BOOST_REQUIRE_MESSAGE(s.stop(), "pg_server.sh stop failed");
  // The call that finds the connection gone fails; the next one tries to reconnect at once.
  auto lost = ping(*conn);
  BOOST_TEST(is(lost, errc::unavailable), describe(lost));
  BOOST_TEST(retry_ms(lost) == -1, lost.err().message);
  BOOST_TEST(conn->reconnect_wait().count() == 0);
  BOOST_TEST(is(ping(*patient), errc::unavailable));

  // Each refused attempt doubles the wait (plus up to 25% jitter), up to the maximum.
  const std::pair<long, long> waits[] = {{40, 50}, {80, 100}, {160, 200}, {160, 200}};
  for (const auto& [lo, hi] : waits) {
    auto refused = ping(*conn);
    BOOST_TEST(is(refused, errc::unavailable), describe(refused));
    const long n = retry_ms(refused);
    BOOST_TEST((n >= lo && n <= hi), "waits " << n << " ms, expected " << lo << "-" << hi << ": "
                                              << refused.err().message);
    BOOST_TEST(conn->reconnect_wait().count() <= hi);
    // Calls in the window fail fast with the time left.
    auto fast = ping(*conn);
    BOOST_TEST((retry_ms(fast) >= 0 && retry_ms(fast) <= n), describe(fast));
    wait_out_backoff(*conn);
  }
  BOOST_TEST(is(ping(*patient), errc::unavailable));  // refused: a 4 s window opens
  const auto window_opened = clock_type::now();

  BOOST_REQUIRE_MESSAGE(s.start(), pg_test_server::why());
  if (clock_type::now() - window_opened < milliseconds(3500)) {
    // The server is back, but no attempt is made before the window ends.
    auto still = ping(*patient);
    BOOST_TEST(retry_ms(still) > 0, describe(still));
    BOOST_TEST(patient->broken());
  } else {
    BOOST_TEST_MESSAGE("the restart outlasted the window: fail-fast with the server up unchecked");
  }
  wait_out_backoff(*patient);
  auto back = ping(*patient);
  BOOST_TEST(back.ok(), describe(back));
  wait_out_backoff(*conn);
  BOOST_TEST(ping(*conn).ok());
  BOOST_TEST(conn->reconnect_wait().count() == 0);

  // The success reset the backoff: the next outage starts again from the initial wait.
  BOOST_REQUIRE_MESSAGE(s.stop(), "pg_server.sh stop failed");
  BOOST_TEST(is(ping(*conn), errc::unavailable));
  const long first = retry_ms(ping(*conn));
  BOOST_TEST((first >= 40 && first <= 50), "first wait after a success: " << first << " ms");
  BOOST_REQUIRE_MESSAGE(s.start(), pg_test_server::why());
  wait_out_backoff(*conn);
  BOOST_TEST(ping(*conn).ok());
}

BOOST_AUTO_TEST_CASE(the_default_backoff_starts_at_100_ms) {
  pg_test_backend backend;
  auto conn = pg_connection::open(backend.conninfo());
  BOOST_REQUIRE(conn.ok());
  terminate_backends_of(backend.db());
  BOOST_TEST(is(ping(*conn), errc::unavailable));  // lost
  BOOST_TEST(ping(*conn).ok());                    // reconnected at once: no backoff yet
  BOOST_TEST(conn->reconnect_wait().count() == 0);

  pg_test_server& s = server();
  BOOST_REQUIRE_MESSAGE(s.stop(), "pg_server.sh stop failed");
  BOOST_TEST(is(ping(*conn), errc::unavailable));  // lost
  auto refused = ping(*conn);
  const long n = retry_ms(refused);
  BOOST_TEST((n >= 100 && n <= 120), describe(refused));
  BOOST_TEST(refused.err().message.find("postgres: database unavailable, retrying in ") == 0u,
             refused.err().message);
  BOOST_REQUIRE_MESSAGE(s.start(), pg_test_server::why());
  wait_out_backoff(*conn);
  BOOST_TEST(ping(*conn).ok());
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_fails_after_the_connect_timeout) {
  mute_listener mute;
  const auto t0 = clock_type::now();
  auto conn = pg_connection::open("host=127.0.0.1 port=" + std::to_string(mute.port()) +
                                  " dbname=recs user=recs");
  const auto took = clock_type::now() - t0;
  BOOST_TEST(failed_with(conn, errc::unavailable), describe(conn));
  BOOST_TEST((took >= milliseconds(900) && took < milliseconds(4000)),
             "gave up after " << std::chrono::duration_cast<milliseconds>(took).count() << " ms");
}

BOOST_AUTO_TEST_CASE(a_sibling_store_has_a_connection_of_its_own_on_the_same_database) {
  store_fixture f;
  auto sibling = f.db().open_sibling();
  BOOST_REQUIRE_MESSAGE(sibling.ok(), describe(sibling));
  BOOST_REQUIRE(*sibling != nullptr);
  BOOST_REQUIRE((*sibling)->set_meta("written by", "the sibling").ok());
  BOOST_TEST(f.db().get_meta("written by")->value_or("") == "the sibling");
  auto& backend = dynamic_cast<pg_test_backend&>(*f.backend);
  auto conn = pg_connection::open(backend.conninfo());
  BOOST_REQUIRE(conn.ok());
  auto q = conn->bound("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = $1", backend.db());
  BOOST_REQUIRE(q.ok() && *q->step());
  BOOST_TEST(q->int64(0) == 3);  // the store, its sibling and this one
}

BOOST_AUTO_TEST_CASE(concurrent_offer_replacements_of_a_show_are_serialised) {
  // Two pool members check the same show at once, again and again. Each replace_offers must
  // read the offers it replaces under the show's row lock: then every call returns exactly the
  // set the previous call stored (one chain), and no two calls replace the same set.
  store_fixture f;
  show s;
  s.id = "tt1";
  s.title = "Contended";
  s.offers = {offer{"initial", monetization::flatrate, true, "network", 0, "", ""}};
  BOOST_REQUIRE(f.db().upsert_shows({s}).ok());
  constexpr int writers = 2;
  constexpr int rounds = 40;
  std::vector<std::vector<std::string>> replaced(writers);  // the provider each call saw
  std::vector<std::string> failures(writers);
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      auto db = f.backend->open();
      if (!db) {
        failures[w] = describe(db);
        return;
      }
      for (int i = 0; i < rounds; ++i) {
        offer mine{"p" + std::to_string(w) + "_" + std::to_string(i),
                   monetization::flatrate,
                   false,
                   "justwatch",
                   0,
                   "",
                   ""};
        auto before = (*db)->replace_offers("tt1", {mine}, 1750000000 + i);
        if (!before) {
          failures[w] = describe(before);
          return;
        }
        replaced[w].push_back(before->size() == 1u ? before->front().provider
                                                   : std::to_string(before->size()) + " offers");
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string& why : failures) BOOST_REQUIRE_MESSAGE(why.empty(), why);

  std::map<std::string, int> times_replaced;
  for (const auto& list : replaced) {
    for (const std::string& p : list) ++times_replaced[p];
  }
  auto now = f.db().shows();
  BOOST_REQUIRE(now.ok() && now->size() == 1u && now->front().offers.size() == 1u);
  const std::string last = now->front().offers.front().provider;
  // Replaced once each: the initial offer and every written one but the last.
  BOOST_TEST(times_replaced.size() == static_cast<std::size_t>(writers * rounds));
  BOOST_TEST(times_replaced.count(last) == 0u);
  BOOST_TEST(times_replaced["initial"] == 1);
  for (const auto& [provider, n] : times_replaced) BOOST_TEST(n == 1, provider);
}

BOOST_AUTO_TEST_CASE(concurrent_migrators_apply_each_version_once) {
  pg_test_backend backend;
  constexpr int n = 4;
  std::vector<std::string> outcomes(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&backend, &outcomes, i] {
      auto s = open_postgres(backend.conninfo());
      if (!s) {
        outcomes[i] = describe(s);
        return;
      }
      auto v = (*s)->migrate();
      outcomes[i] = v ? std::to_string(*v) : describe(v);
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string& o : outcomes) BOOST_TEST(o == std::to_string(latest_schema_version()));
  auto conn = pg_connection::open(backend.conninfo());
  BOOST_REQUIRE(conn.ok());
  BOOST_TEST(first_row(*conn, "SELECT COUNT(*) FROM schema_migrations").int64(0) ==
             static_cast<std::int64_t>(migrations().size()));
}

BOOST_AUTO_TEST_CASE(sessions_keep_commits_durable) {
  pg_test_backend backend;
  admin_exec("ALTER DATABASE " + backend.db() + " SET synchronous_commit = off");
  auto conn = pg_connection::open(backend.conninfo());
  BOOST_REQUIRE(conn.ok());
  BOOST_TEST(first_row(*conn, "SELECT current_setting('synchronous_commit')").text(0) == "on");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
