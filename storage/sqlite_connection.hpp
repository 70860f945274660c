#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace recs::storage {

class sqlite_query;

/// One SQLite connection with the service's settings and a cache of prepared statements.
/// No SQLite type appears in this header: the handle lives in the .cpp (pimpl).
/// Not thread-safe: one owner uses it at a time.
class sqlite_connection {
 public:
  /// Opens (creating if missing, with its parent directories) the database at `path` and sets
  /// journal_mode=WAL, synchronous=FULL, foreign_keys=ON and a busy timeout. ":memory:" opens a
  /// private in-memory database.
  static result<sqlite_connection> open(const std::string& path);

  sqlite_connection(sqlite_connection&&) noexcept;
  sqlite_connection& operator=(sqlite_connection&&) noexcept;
  ~sqlite_connection();

  /// Runs one or more statements that take no parameters (DDL, BEGIN, COMMIT, ...).
  status exec(std::string_view sql);

  /// Returns a cursor over the cached prepared statement for `sql`, preparing it on first use.
  /// `sql` must have static storage duration (a constant from schema_sql.hpp): it keys the
  /// cache. Parameters must be written `$1`, `$2`, ... and first appear in that order, so the
  /// same text runs unchanged on PostgreSQL; anything else is rejected here.
  result<sqlite_query> query(std::string_view sql);

  /// query(sql) with `args` bound to $1, $2, ... in order.
  template <class... Args>
  result<sqlite_query> bound(std::string_view sql, const Args&... args);

  /// Runs a statement with `args` bound to $1, $2, ... to completion, ignoring rows.
  template <class... Args>
  status run(std::string_view sql, const Args&... args);

  /// Rows changed by the most recent INSERT, UPDATE or DELETE.
  std::int64_t changes() const noexcept;

  /// True while a transaction is open.
  bool in_transaction() const noexcept;

  struct impl;

 private:
  explicit sqlite_connection(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

/// A bound, steppable prepared statement. Resetting on destruction returns the statement to the
/// connection's cache; the query must not outlive its connection.
class sqlite_query {
 public:
  sqlite_query(sqlite_query&& other) noexcept;
  sqlite_query& operator=(sqlite_query&&) = delete;
  sqlite_query(const sqlite_query&) = delete;
  sqlite_query& operator=(const sqlite_query&) = delete;
  ~sqlite_query();

  /// Binders record the first failure; step() and run() report it.
  sqlite_query& bind(int index, std::int64_t v);
  sqlite_query& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  sqlite_query& bind(int index, bool v) { return bind(index, static_cast<std::int64_t>(v)); }
  sqlite_query& bind(int index, double v);
  sqlite_query& bind(int index, std::string_view v);
  sqlite_query& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  sqlite_query& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  sqlite_query& bind_null(int index);
  /// Bind NULL when `v` is empty.
  sqlite_query& bind(int index, const std::optional<std::int64_t>& v);
  sqlite_query& bind(int index, const std::optional<int>& v);

  /// Advances to the next row: true when a row is available, false when done.
  result<bool> step();
  /// Steps to completion, ignoring any rows.
  status run();

  /// Column readers for the current row; columns count from 0.
  std::int64_t int64(int col) const noexcept;
  int int32(int col) const noexcept { return static_cast<int>(int64(col)); }
  double real(int col) const noexcept;
  std::string text(int col) const;
  bool is_null(int col) const noexcept;

  struct slot;

 private:
  friend class sqlite_connection;
  sqlite_query(sqlite_connection::impl* owner, slot* s) noexcept : owner_(owner), slot_(s) {}
  void fail_bind(int rc, int index);

  sqlite_connection::impl* owner_ = nullptr;
  slot* slot_ = nullptr;
  std::optional<error> bind_error_;
};

template <class... Args>
result<sqlite_query> sqlite_connection::bound(std::string_view sql, const Args&... args) {
  auto q = query(sql);
  if (!q) return q;
  int index = 0;
  (q->bind(++index, args), ...);
  (void)index;  // unused when there are no arguments
  return q;
}

template <class... Args>
status sqlite_connection::run(std::string_view sql, const Args&... args) {
  auto q = bound(sql, args...);
  if (!q) return q.err();
  return q->run();
}

/// An IMMEDIATE transaction that rolls back on destruction unless committed.
class sqlite_transaction {
 public:
  static result<sqlite_transaction> begin(sqlite_connection& conn);

  sqlite_transaction(sqlite_transaction&& other) noexcept;
  sqlite_transaction& operator=(sqlite_transaction&&) = delete;
  ~sqlite_transaction();

  status commit();

 private:
  explicit sqlite_transaction(sqlite_connection& conn) noexcept : conn_(&conn) {}
  sqlite_connection* conn_ = nullptr;
};

}  // namespace recs::storage
