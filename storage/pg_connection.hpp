#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/backoff.hpp"
#include "core/result.hpp"

namespace recs::storage {

class pg_query;
class pg_pipeline;

/// The text-format parameters of one statement, in order ($1, $2, ...). Built by
/// pg_connection::bound/run and pg_pipeline::run from their arguments.
class pg_params {
 public:
  void add(std::int64_t v);
  void add(int v) { add(static_cast<std::int64_t>(v)); }
  void add(bool v) { add(static_cast<std::int64_t>(v)); }  // INTEGER 0/1, as on SQLite
  void add(double v);
  /// invalid_argument (reported when the statement runs) for text with a NUL byte, which
  /// PostgreSQL cannot store and SQLite would keep.
  void add(std::string_view v);
  void add(const std::string& v) { add(std::string_view(v)); }
  void add(const char* v) { add(std::string_view(v)); }
  void add_null();
  /// NULL when `v` is empty.
  void add(const std::optional<std::int64_t>& v);
  void add(const std::optional<int>& v);

  std::size_t size() const noexcept { return values_.size(); }
  /// NUL-terminated values, nullptr for NULL; valid while this object lives unchanged.
  std::vector<const char*> pointers() const;
  const std::optional<error>& bad() const noexcept { return error_; }

 private:
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::optional<error> error_;
};

/// One libpq connection (PostgreSQL) with the service's session settings and its prepared
/// statements. No libpq type appears in this header: the handle lives in the .cpp (pimpl).
/// Not thread-safe: one owner uses it at a time.
///
/// Errors: a constraint violation (SQLSTATE class 23) or bad data (class 22) is
/// invalid_argument; a lost or refused connection (class 08, admin shutdown 57P0x, too many
/// connections, a deadlock or serialization failure: things a retry may fix) is unavailable;
/// anything else is internal.
///
/// A lost connection is noticed by the statement that hits it (unavailable). The next statement
/// issued outside a transaction first reconnects (PQreset; no retry of the failed statement);
/// inside a transaction every statement fails until the guard rolls back. When a reconnect
/// fails, the next attempt waits for a backoff (`backoff_policy`: 100 ms doubling to 2 s, +20%
/// jitter by default): until then every call fails at once, without touching the network, with
/// unavailable "postgres: database unavailable, retrying in N ms (<last error>)". A successful
/// reconnect resets the backoff. Connection attempts give up after connect_timeout (2 s unless
/// the conninfo says otherwise), so a dead host never holds the owner for long.
class pg_connection {
 public:
  /// Connects with a libpq conninfo string or URL ("host=... dbname=..." or
  /// "postgresql://user:pass@host:port/db"), then sets client_encoding UTF8, extra_float_digits
  /// 3 (doubles round-trip exactly) and synchronous_commit on unless the server has a stricter
  /// setting. invalid_argument for a malformed conninfo, unavailable when the server cannot be
  /// reached.
  static result<pg_connection> open(const std::string& conninfo,
                                    backoff_policy reconnect_backoff = {});

  /// Another connection to the same database with the same conninfo and backoff policy (for a
  /// pool); unavailable when the server cannot be reached.
  result<pg_connection> open_another() const;

  pg_connection(pg_connection&&) noexcept;
  pg_connection& operator=(pg_connection&&) noexcept;
  ~pg_connection();

  /// Runs one or more statements that take no parameters (DDL, BEGIN, COMMIT, ...).
  status exec(std::string_view sql);

  /// Runs the statement `sql`, prepared on this connection on first use (keyed by its text),
  /// with no parameters, and returns its rows.
  result<pg_query> query(std::string_view sql);

  /// query(sql) with `args` bound to $1, $2, ... in order.
  template <class... Args>
  result<pg_query> bound(std::string_view sql, const Args&... args);

  /// Runs a statement with `args` bound to $1, $2, ..., ignoring rows.
  template <class... Args>
  status run(std::string_view sql, const Args&... args);

  /// Runs a prepared statement with already converted parameters.
  result<pg_query> execute(std::string_view sql, const pg_params& params);

  /// Rows changed by the most recent INSERT, UPDATE or DELETE.
  std::int64_t changes() const noexcept;

  /// True while a transaction is open on the server.
  bool in_transaction() const noexcept;

  /// True once the connection is known to be lost.
  bool broken() const noexcept;

  /// Drops the connection and connects again with the same conninfo (PQreset), then restores
  /// the session settings and forgets the prepared statements, which died with the old session.
  /// unavailable when the server still cannot be reached. Attempts at once, whatever the
  /// backoff says, and updates the backoff with the outcome.
  status reconnect();

  /// How long calls keep failing fast before the next reconnect attempt; zero when the next
  /// call may try (or the connection is fine).
  std::chrono::milliseconds reconnect_wait() const noexcept;

  struct impl;

 private:
  friend class pg_transaction;
  friend class pg_pipeline;
  explicit pg_connection(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

/// The rows of one executed statement and a cursor over them: step() to the first row, then
/// read columns (counting from 0) of the current row.
class pg_query {
 public:
  pg_query(pg_query&&) noexcept;
  pg_query& operator=(pg_query&&) noexcept;
  pg_query(const pg_query&) = delete;
  pg_query& operator=(const pg_query&) = delete;
  ~pg_query();

  /// Advances to the next row: true when a row is available, false when done.
  result<bool> step();
  /// Moves past every row.
  status run();

  std::int64_t int64(int col) const noexcept;
  int int32(int col) const noexcept { return static_cast<int>(int64(col)); }
  double real(int col) const noexcept;
  std::string text(int col) const;
  bool is_null(int col) const noexcept;

  struct rows;

 private:
  friend class pg_connection;
  explicit pg_query(std::unique_ptr<rows> r) noexcept;
  std::unique_ptr<rows> rows_;
  int row_ = -1;
};

/// A transaction that rolls back on destruction unless committed (BEGIN ... COMMIT/ROLLBACK).
class pg_transaction {
 public:
  static result<pg_transaction> begin(pg_connection& conn);

  pg_transaction(pg_transaction&& other) noexcept;
  pg_transaction& operator=(pg_transaction&&) = delete;
  ~pg_transaction();

  /// unavailable or internal when the server did not commit (the transaction had failed, or the
  /// connection was lost); nothing was written then.
  status commit();

 private:
  explicit pg_transaction(pg_connection& conn) noexcept : conn_(&conn) {}
  pg_connection* conn_ = nullptr;
};

/// Many statements sent without waiting for each answer (libpq pipeline mode): one round trip
/// per chunk of statements instead of one per statement. Use inside a pg_transaction for
/// all-or-nothing. Statements must be named up front so they are prepared before the
/// connection enters pipeline mode. Errors of queued statements surface from a later run() or
/// from finish(); failed_tag() then tells which item (see tag()) the failing statement was for.
class pg_pipeline {
 public:
  static result<pg_pipeline> begin(pg_connection& conn,
                                   std::initializer_list<std::string_view> statements);

  pg_pipeline(pg_pipeline&& other) noexcept;
  pg_pipeline& operator=(pg_pipeline&&) = delete;
  ~pg_pipeline();

  /// Marks the statements queued from now on as belonging to item `t` (an index of the caller's).
  void tag(std::size_t t) noexcept { tag_ = t; }

  /// Queues `sql` with `args`; may first collect the answers of earlier statements.
  template <class... Args>
  status run(std::string_view sql, const Args&... args);
  status queue(std::string_view sql, const pg_params& params);

  /// Collects every answer and leaves pipeline mode: the first error, if any.
  status finish();

  std::optional<std::size_t> failed_tag() const noexcept { return failed_tag_; }

 private:
  explicit pg_pipeline(pg_connection& conn) noexcept : conn_(&conn) {}
  status sync_and_drain();

  pg_connection* conn_ = nullptr;
  std::size_t tag_ = 0;
  std::vector<std::size_t> pending_tags_;  // one per statement queued since the last sync
  std::optional<error> error_;
  std::optional<std::size_t> failed_tag_;
};

namespace internal {

/// The error category of a PostgreSQL SQLSTATE (five characters; empty when the server sent
/// none, as for a connection that failed client-side). `connection_ok` is false once libpq
/// knows the connection is gone.
errc pg_errc_of(std::string_view sqlstate, bool connection_ok) noexcept;

}  // namespace internal

template <class... Args>
result<pg_query> pg_connection::bound(std::string_view sql, const Args&... args) {
  pg_params params;
  (params.add(args), ...);
  return execute(sql, params);
}

template <class... Args>
status pg_connection::run(std::string_view sql, const Args&... args) {
  auto q = bound(sql, args...);
  if (!q) return q.err();
  return ok_status();
}

template <class... Args>
status pg_pipeline::run(std::string_view sql, const Args&... args) {
  pg_params params;
  (params.add(args), ...);
  return queue(sql, params);
}

}  // namespace recs::storage
