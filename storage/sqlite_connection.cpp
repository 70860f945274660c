#include "storage/sqlite_connection.hpp"

#include <sqlite3.h>

#include <cctype>
#include <filesystem>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "storage/sql_snippet.hpp"

namespace recs::storage {

using internal::sql_snippet;

struct sqlite_query::slot {
  sqlite3_stmt* stmt = nullptr;
  bool in_use = false;
  bool cached = true;
};

struct sqlite_connection::impl {
  sqlite3* db = nullptr;
  // Keys view the caller's static SQL text; slots are heap-allocated so that pointers handed
  // to live queries survive a rehash.
  std::unordered_map<std::string_view, std::unique_ptr<sqlite_query::slot>> cache;

  impl() = default;
  impl(const impl&) = delete;
  impl& operator=(const impl&) = delete;
  ~impl() {
    for (auto& [sql, s] : cache) sqlite3_finalize(s->stmt);
    // v2 defers the close until every statement is finalized instead of failing.
    sqlite3_close_v2(db);
  }
};

namespace {

constexpr int busy_timeout_ms = 5000;

errc category_of(int rc) noexcept {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return errc::invalid_argument;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return errc::unavailable;
    default:
      return errc::internal;
  }
}

error db_error(sqlite3* db, int rc, std::string_view what) {
  std::string msg = "sqlite: ";
  msg += what;
  msg += ": ";
  // The connection's message is more specific (names the constraint) when it matches rc.
  msg += (db != nullptr && sqlite3_extended_errcode(db) == rc) ? sqlite3_errmsg(db)
                                                               : sqlite3_errstr(rc);
  return error{category_of(rc), std::move(msg)};
}

bool only_space(const char* p) {
  for (; *p != '\0'; ++p) {
    if (std::isspace(static_cast<unsigned char>(*p)) == 0 && *p != ';') return false;
  }
  return true;
}

// Portable placeholders: the i-th parameter must be named "$i" (PostgreSQL's syntax).
status check_parameters(sqlite3_stmt* stmt, std::string_view sql) {
  const int n = sqlite3_bind_parameter_count(stmt);
  for (int i = 1; i <= n; ++i) {
    const char* name = sqlite3_bind_parameter_name(stmt, i);
    const std::string expected = "$" + std::to_string(i);
    if (name == nullptr || expected != name) {
      return error{errc::internal, "sqlite: parameter " + std::to_string(i) + " of '" +
                                       sql_snippet(sql) + "' must be written " + expected};
    }
  }
  return ok_status();
}

result<std::unique_ptr<sqlite_query::slot>> prepare(sqlite3* db, std::string_view sql,
                                                    bool cached) {
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const unsigned flags = cached ? SQLITE_PREPARE_PERSISTENT : 0;
  const int rc =
      sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), flags, &stmt, &tail);
  if (rc != SQLITE_OK) return db_error(db, rc, "prepare '" + sql_snippet(sql) + "'");
  if (stmt == nullptr) return error{errc::internal, "sqlite: empty statement"};
  auto s = std::make_unique<sqlite_query::slot>();
  s->stmt = stmt;
  s->cached = cached;
  // The prepared text ends at the first statement; anything but blanks after it is a bug.
  const std::size_t used = static_cast<std::size_t>(tail - sql.data());
  if (used < sql.size() && !only_space(std::string(sql.substr(used)).c_str())) {
    sqlite3_finalize(stmt);
    return error{errc::internal, "sqlite: more than one statement in '" + sql_snippet(sql) + "'"};
  }
  if (auto st = check_parameters(stmt, sql); !st) {
    sqlite3_finalize(stmt);
    return st.err();
  }
  return s;
}

status create_parent_directories(const std::string& path) {
  if (path == ":memory:" || path.rfind("file:", 0) == 0) return ok_status();
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return ok_status();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    return error{errc::internal,
                 "sqlite: cannot create directory " + parent.string() + ": " + ec.message()};
  }
  return ok_status();
}

}  // namespace

// -- sqlite_connection ------------------------------------------------------------------------

sqlite_connection::sqlite_connection(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
sqlite_connection::sqlite_connection(sqlite_connection&&) noexcept = default;
sqlite_connection& sqlite_connection::operator=(sqlite_connection&&) noexcept = default;
sqlite_connection::~sqlite_connection() = default;

result<sqlite_connection> sqlite_connection::open(const std::string& path) {
  if (path.empty()) return error{errc::invalid_argument, "sqlite: empty database path"};
  if (auto st = create_parent_directories(path); !st) return st.err();
  auto p = std::make_unique<impl>();
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &p->db, flags, nullptr);
  if (rc != SQLITE_OK) return db_error(p->db, rc, "open " + path);
  sqlite3_extended_result_codes(p->db, 1);
  sqlite3_busy_timeout(p->db, busy_timeout_ms);
  sqlite_connection conn(std::move(p));
  // synchronous=FULL syncs the WAL on every commit: a write that returned ok survives a crash.
  if (auto st = conn.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"); !st) {
    return st.err();
  }
  auto mode = conn.query("PRAGMA journal_mode = WAL");
  if (!mode) return mode.err();
  auto row = mode->step();
  if (!row) return row.err();
  const std::string got = *row ? mode->text(0) : std::string();
  if (got != "wal" && !(path == ":memory:" && got == "memory")) {
    return error{errc::internal,
                 "sqlite: " + path + " refused journal_mode=WAL (got '" + got + "')"};
  }
  return conn;
}

status sqlite_connection::exec(std::string_view sql) {
  char* msg = nullptr;
  const int rc = sqlite3_exec(impl_->db, std::string(sql).c_str(), nullptr, nullptr, &msg);
  if (rc == SQLITE_OK) return ok_status();
  std::string text = msg != nullptr ? msg : sqlite3_errstr(rc);
  sqlite3_free(msg);
  return error{category_of(rc), "sqlite: exec '" + sql_snippet(sql) + "': " + text};
}

result<sqlite_query> sqlite_connection::query(std::string_view sql) {
  auto it = impl_->cache.find(sql);
  if (it == impl_->cache.end()) {
    auto s = prepare(impl_->db, sql, true);
    if (!s) return s.err();
    it = impl_->cache.emplace(sql, std::move(*s)).first;
  }
  sqlite_query::slot* s = it->second.get();
  if (s->in_use) {
    // The same statement is already being stepped (nested use): give this caller its own.
    auto fresh = prepare(impl_->db, sql, false);
    if (!fresh) return fresh.err();
    s = fresh->release();
  }
  s->in_use = true;
  return sqlite_query(impl_.get(), s);
}

std::int64_t sqlite_connection::changes() const noexcept {
  return sqlite3_changes64(impl_->db);
}

bool sqlite_connection::in_transaction() const noexcept {
  return sqlite3_get_autocommit(impl_->db) == 0;
}

// -- sqlite_query -----------------------------------------------------------------------------

sqlite_query::sqlite_query(sqlite_query&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)),
      slot_(std::exchange(other.slot_, nullptr)),
      bind_error_(std::move(other.bind_error_)) {}

sqlite_query::~sqlite_query() {
  if (slot_ == nullptr) return;
  sqlite3_reset(slot_->stmt);
  sqlite3_clear_bindings(slot_->stmt);
  if (slot_->cached) {
    slot_->in_use = false;
  } else {
    sqlite3_finalize(slot_->stmt);
    delete slot_;
  }
}

void sqlite_query::fail_bind(int rc, int index) {
  if (rc == SQLITE_OK || bind_error_) return;
  bind_error_ = db_error(sqlite3_db_handle(slot_->stmt), rc, "bind $" + std::to_string(index));
}

sqlite_query& sqlite_query::bind(int index, std::int64_t v) {
  fail_bind(sqlite3_bind_int64(slot_->stmt, index, v), index);
  return *this;
}

sqlite_query& sqlite_query::bind(int index, double v) {
  fail_bind(sqlite3_bind_double(slot_->stmt, index, v), index);
  return *this;
}

sqlite_query& sqlite_query::bind(int index, std::string_view v) {
  fail_bind(
      sqlite3_bind_text64(slot_->stmt, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
  return *this;
}

sqlite_query& sqlite_query::bind_null(int index) {
  fail_bind(sqlite3_bind_null(slot_->stmt, index), index);
  return *this;
}

sqlite_query& sqlite_query::bind(int index, const std::optional<std::int64_t>& v) {
  return v ? bind(index, *v) : bind_null(index);
}

sqlite_query& sqlite_query::bind(int index, const std::optional<int>& v) {
  return v ? bind(index, *v) : bind_null(index);
}

result<bool> sqlite_query::step() {
  if (bind_error_) return *bind_error_;
  const int rc = sqlite3_step(slot_->stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_error(sqlite3_db_handle(slot_->stmt), rc,
                  "step '" + sql_snippet(sqlite3_sql(slot_->stmt)) + "'");
}

status sqlite_query::run() {
  for (;;) {
    auto r = step();
    if (!r) return r.err();
    if (!*r) return ok_status();
  }
}

std::int64_t sqlite_query::int64(int col) const noexcept {
  return sqlite3_column_int64(slot_->stmt, col);
}

double sqlite_query::real(int col) const noexcept {
  return sqlite3_column_double(slot_->stmt, col);
}

std::string sqlite_query::text(int col) const {
  const auto* p = sqlite3_column_text(slot_->stmt, col);
  if (p == nullptr) return {};
  const int n = sqlite3_column_bytes(slot_->stmt, col);
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

bool sqlite_query::is_null(int col) const noexcept {
  return sqlite3_column_type(slot_->stmt, col) == SQLITE_NULL;
}

// -- sqlite_transaction -----------------------------------------------------------------------

result<sqlite_transaction> sqlite_transaction::begin(sqlite_connection& conn) {
  // IMMEDIATE takes the write lock up front, so a busy database waits (busy_timeout) here
  // rather than failing half-way through the transaction.
  if (auto st = conn.exec("BEGIN IMMEDIATE"); !st) return st.err();
  return sqlite_transaction(conn);
}

sqlite_transaction::sqlite_transaction(sqlite_transaction&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)) {}

sqlite_transaction::~sqlite_transaction() {
  if (conn_ != nullptr && conn_->in_transaction()) (void)conn_->exec("ROLLBACK");
}

status sqlite_transaction::commit() {
  if (conn_ == nullptr) return error{errc::internal, "sqlite: commit of a finished transaction"};
  auto st = conn_->exec("COMMIT");
  if (st) conn_ = nullptr;
  return st;
}

}  // namespace recs::storage
