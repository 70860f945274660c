#include "storage/pg_connection.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "core/backoff.hpp"
#include "storage/sql_snippet.hpp"

namespace recs::storage {

using internal::sql_snippet;

namespace {

struct pq_finish {
  void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct pq_clear {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using conn_ptr = std::unique_ptr<PGconn, pq_finish>;
using result_ptr = std::unique_ptr<PGresult, pq_clear>;

// Statements queued in a pipeline before their answers are collected: the answers (~25 bytes
// each) must fit the socket buffers, or the server would block writing them while we block
// writing more statements.
constexpr std::size_t pipeline_chunk = 500;

// Unless the conninfo says otherwise: give up on a connection attempt after 2 s (libpq's
// minimum) rather than hanging on an unreachable host; fail a send the server has not
// acknowledged within 10 s; and probe an idle connection after 30 s, so a vanished host is
// noticed within a minute even while we wait for an answer. Applied in this order, before the
// caller's conninfo (see open).
constexpr std::pair<const char*, const char*> connect_defaults[] = {
    {"connect_timeout", "2"},  {"tcp_user_timeout", "10000"},
    {"keepalives_idle", "30"}, {"keepalives_interval", "10"},
    {"keepalives_count", "3"}, {"fallback_application_name", "recs"}};

// Doubles as the shortest exact text (PostgreSQL >= 12 with any value > 0; 17 digits before);
// no NOTICEs on stderr ("relation already exists, skipping"); commits wait for the WAL flush
// unless the server asks for more (remote_apply, ...).
constexpr std::string_view session_setup =
    "SET extra_float_digits = 3; SET client_min_messages = warning; "
    "SELECT set_config('synchronous_commit', 'on', false) "
    "WHERE current_setting('synchronous_commit') = 'off'";

std::string trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

/// The first line of a (libpq) message: the rest is hints like "Is the server running...".
std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

/// The error of a call made while the reconnect backoff still runs.
error waiting(std::chrono::milliseconds left, const std::string& last_failure) {
  return error{errc::unavailable, "postgres: database unavailable, retrying in " +
                                      std::to_string(left.count()) + " ms (" + last_failure + ")"};
}

bool connection_ok(const PGconn* c) noexcept {
  return c != nullptr && PQstatus(c) == CONNECTION_OK;
}

/// Builds the error of a failed call from the result's fields, or from the connection's last
/// message when there is no result (a connection that failed client-side).
error pg_error(const PGconn* c, const PGresult* r, std::string_view what) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state != nullptr ? state : "";
  const char* primary = r != nullptr ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* detail = r != nullptr ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : nullptr;
  std::string msg = "postgres: ";
  msg += what;
  msg += ": ";
  if (primary != nullptr) {
    msg += primary;
  } else if (r != nullptr && *PQresultErrorMessage(r) != '\0') {
    msg += first_line(trimmed(PQresultErrorMessage(r)));
  } else {
    // libpq's own text may go on with hints ("\tThis probably means..."): its first line says it.
    msg += c != nullptr ? first_line(trimmed(PQerrorMessage(c))) : "no connection";
  }
  if (detail != nullptr) {
    msg += " (";
    msg += detail;
    msg += ")";
  }
  if (!sqlstate.empty()) msg += " [" + sqlstate + "]";
  return error{internal::pg_errc_of(sqlstate, connection_ok(c)), std::move(msg)};
}

bool succeeded(const PGresult* r) noexcept {
  const ExecStatusType s = PQresultStatus(r);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
}

/// Parses the conninfo or URL without connecting, so that a typo is invalid_argument rather
/// than a connection failure.
status check_conninfo(const std::string& conninfo) {
  char* msg = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &msg);
  if (opts == nullptr) {
    std::string text = msg != nullptr ? trimmed(msg) : "out of memory";
    PQfreemem(msg);
    return error{errc::invalid_argument, "postgres: bad connection string: " + text};
  }
  PQconninfoFree(opts);
  return ok_status();
}

}  // namespace

namespace internal {

errc pg_errc_of(std::string_view sqlstate, bool connection_ok) noexcept {
  if (sqlstate.size() != 5) return connection_ok ? errc::internal : errc::unavailable;
  const std::string_view cls = sqlstate.substr(0, 2);
  if (cls == "23" || cls == "22") return errc::invalid_argument;  // constraint, bad data
  if (cls == "08") return errc::unavailable;                      // connection exception
  // admin/crash shutdown, cannot connect now, too many connections, deadlock, serialization
  if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" || sqlstate == "53300" ||
      sqlstate == "40001" || sqlstate == "40P01") {
    return errc::unavailable;
  }
  return connection_ok ? errc::internal : errc::unavailable;
}

}  // namespace internal

// -- pg_params --------------------------------------------------------------------------------

void pg_params::add(std::int64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  values_.emplace_back(buf, res.ptr);
  null_.push_back(false);
}

void pg_params::add(double v) {
  if (std::isnan(v)) {
    values_.emplace_back("NaN");
  } else if (std::isinf(v)) {
    values_.emplace_back(v > 0 ? "Infinity" : "-Infinity");
  } else {
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest exact text
    values_.emplace_back(buf, res.ptr);
  }
  null_.push_back(false);
}

void pg_params::add(std::string_view v) {
  if (v.find('\0') != std::string_view::npos && !error_) {
    error_ = error{errc::invalid_argument,
                   "postgres: parameter $" + std::to_string(values_.size() + 1) +
                       " contains a NUL byte, which PostgreSQL text cannot hold"};
  }
  values_.emplace_back(v);
  null_.push_back(false);
}

void pg_params::add_null() {
  values_.emplace_back();
  null_.push_back(true);
}

void pg_params::add(const std::optional<std::int64_t>& v) {
  if (v) {
    add(*v);
  } else {
    add_null();
  }
}

void pg_params::add(const std::optional<int>& v) {
  if (v) {
    add(*v);
  } else {
    add_null();
  }
}

std::vector<const char*> pg_params::pointers() const {
  std::vector<const char*> out(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) {
    out[i] = null_[i] ? nullptr : values_[i].c_str();
  }
  return out;
}

struct pg_query::rows {
  result_ptr res;
  int count = 0;
};

// -- pg_connection ----------------------------------------------------------------------------

struct pg_connection::impl {
  impl(std::string info, backoff_policy policy)
      : conninfo(std::move(info)), pacing(policy), backoff(policy, random_seed()) {}

  using clock = std::chrono::steady_clock;

  std::string conninfo;
  backoff_policy pacing;
  conn_ptr conn;
  // Statement text -> server-side name ("s1", "s2", ...); the names die with the session.
  std::unordered_map<std::string, std::string> prepared;
  std::size_t next_statement = 0;
  std::int64_t changes = 0;
  bool in_guarded_transaction = false;  // a pg_transaction is open
  bool in_pipeline = false;
  bool session_ready = false;  // setup_session succeeded on the current connection
  // Reconnect pacing: failed attempts so far, and no attempt before retry_at.
  recs::backoff backoff;
  clock::time_point retry_at{};
  std::string last_failure;

  status setup_session() {
    session_ready = false;
    if (PQsetClientEncoding(conn.get(), "UTF8") != 0) {
      return pg_error(conn.get(), nullptr, "set client_encoding UTF8");
    }
    result_ptr r(PQexec(conn.get(), std::string(session_setup).c_str()));
    if (!succeeded(r.get())) return pg_error(conn.get(), r.get(), "session setup");
    session_ready = true;
    return ok_status();
  }

  bool usable() const noexcept { return session_ready && connection_ok(conn.get()); }

  std::chrono::milliseconds wait_left() const noexcept {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(retry_at - clock::now());
    return std::max(left, std::chrono::milliseconds(0));
  }

  /// Reconnects a lost connection, unless a transaction was open on it (its work is gone, and
  /// the statements after it must fail until the guard rolls back) or the backoff after a
  /// failed reconnect has not run out yet.
  status ensure_usable(std::string_view what) {
    if (in_pipeline) {
      return error{errc::internal, "postgres: " + std::string(what) + " during a pipeline"};
    }
    if (usable()) return ok_status();
    if (in_guarded_transaction) {
      return error{errc::unavailable,
                   "postgres: " + std::string(what) + ": the connection was lost in a transaction"};
    }
    if (const auto left = wait_left(); left.count() > 0) return waiting(left, last_failure);
    return reconnect();
  }

  /// One attempt: on success the backoff starts again from the beginning; on failure the next
  /// attempt waits for the backoff's next delay.
  status reconnect() {
    prepared.clear();
    PQreset(conn.get());
    status st = connection_ok(conn.get()) ? setup_session()
                                          : status(pg_error(conn.get(), nullptr, "reconnect"));
    if (st) {
      backoff.reset();
      retry_at = {};
      last_failure.clear();
      return st;
    }
    const std::chrono::milliseconds delay = backoff.next();
    retry_at = clock::now() + delay;
    constexpr std::string_view prefix = "postgres: ";  // waiting() says it once
    last_failure = st.err().message;
    if (last_failure.rfind(prefix, 0) == 0) last_failure.erase(0, prefix.size());
    return waiting(delay, last_failure);
  }

  /// The server-side name of `sql`, preparing it on first use.
  result<std::string> prepare(std::string_view sql) {
    const std::string key(sql);
    if (auto it = prepared.find(key); it != prepared.end()) return it->second;
    std::string name = "s" + std::to_string(++next_statement);
    // No parameter types: the server infers them from the statement, as SQLite does not need.
    result_ptr r(PQprepare(conn.get(), name.c_str(), key.c_str(), 0, nullptr));
    if (!succeeded(r.get()))
      return pg_error(conn.get(), r.get(), "prepare '" + sql_snippet(sql) + "'");
    prepared.emplace(key, name);
    return name;
  }

  result_ptr exec_prepared(const std::string& name, const pg_params& params) {
    const std::vector<const char*> values = params.pointers();
    return result_ptr(PQexecPrepared(conn.get(), name.c_str(), static_cast<int>(values.size()),
                                     values.data(), nullptr, nullptr, 0));
  }
};

pg_connection::pg_connection(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
pg_connection::pg_connection(pg_connection&&) noexcept = default;
pg_connection& pg_connection::operator=(pg_connection&&) noexcept = default;
pg_connection::~pg_connection() = default;

result<pg_connection> pg_connection::open(const std::string& conninfo,
                                          backoff_policy reconnect_backoff) {
  if (conninfo.empty()) return error{errc::invalid_argument, "postgres: empty connection string"};
  if (auto st = check_conninfo(conninfo); !st) return st.err();
  // Keywords are applied in order and the expanded dbname (the caller's conninfo) comes last,
  // so what the caller says wins over these defaults.
  std::vector<const char*> keywords;
  std::vector<const char*> values;
  for (const auto& [key, value] : connect_defaults) {
    keywords.push_back(key);
    values.push_back(value);
  }
  keywords.insert(keywords.end(), {"dbname", nullptr});
  values.insert(values.end(), {conninfo.c_str(), nullptr});
  auto p = std::make_unique<impl>(conninfo, reconnect_backoff);
  p->conn.reset(PQconnectdbParams(keywords.data(), values.data(), 1));
  if (!p->conn) return error{errc::internal, "postgres: out of memory"};
  if (!connection_ok(p->conn.get())) return pg_error(p->conn.get(), nullptr, "connect");
  if (auto st = p->setup_session(); !st) return st.err();
  return pg_connection(std::move(p));
}

result<pg_connection> pg_connection::open_another() const {
  return open(impl_->conninfo, impl_->pacing);
}

status pg_connection::exec(std::string_view sql) {
  if (auto st = impl_->ensure_usable("exec"); !st) return st;
  result_ptr r(PQexec(impl_->conn.get(), std::string(sql).c_str()));
  if (!succeeded(r.get())) {
    return pg_error(impl_->conn.get(), r.get(), "exec '" + sql_snippet(sql) + "'");
  }
  return ok_status();
}

result<pg_query> pg_connection::query(std::string_view sql) {
  return execute(sql, pg_params{});
}

result<pg_query> pg_connection::execute(std::string_view sql, const pg_params& params) {
  if (params.bad()) return *params.bad();
  if (auto st = impl_->ensure_usable("'" + sql_snippet(sql) + "'"); !st) return st.err();
  auto name = impl_->prepare(sql);
  if (!name) return name.err();
  result_ptr r = impl_->exec_prepared(*name, params);
  const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
  if (!succeeded(r.get()) && state != nullptr && std::strcmp(state, "26000") == 0) {
    // The session lost the statement (DISCARD ALL by a pooler, say): prepare it again, once.
    impl_->prepared.erase(std::string(sql));
    name = impl_->prepare(sql);
    if (!name) return name.err();
    r = impl_->exec_prepared(*name, params);
  }
  if (!succeeded(r.get()))
    return pg_error(impl_->conn.get(), r.get(), "'" + sql_snippet(sql) + "'");
  std::int64_t changed = 0;
  const char* tuples = PQcmdTuples(r.get());
  std::from_chars(tuples, tuples + std::strlen(tuples), changed);
  impl_->changes = changed;
  auto rows = std::make_unique<pg_query::rows>();
  rows->count = PQntuples(r.get());
  rows->res = std::move(r);
  return pg_query(std::move(rows));
}

std::int64_t pg_connection::changes() const noexcept {
  return impl_->changes;
}

bool pg_connection::in_transaction() const noexcept {
  const PGTransactionStatusType s = PQtransactionStatus(impl_->conn.get());
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

bool pg_connection::broken() const noexcept {
  return !impl_->usable();
}

status pg_connection::reconnect() {
  if (impl_->in_pipeline) return error{errc::internal, "postgres: reconnect during a pipeline"};
  return impl_->reconnect();
}

std::chrono::milliseconds pg_connection::reconnect_wait() const noexcept {
  return impl_->usable() ? std::chrono::milliseconds(0) : impl_->wait_left();
}

// -- pg_query ---------------------------------------------------------------------------------

pg_query::pg_query(std::unique_ptr<rows> r) noexcept : rows_(std::move(r)) {}
pg_query::pg_query(pg_query&&) noexcept = default;
pg_query& pg_query::operator=(pg_query&&) noexcept = default;
pg_query::~pg_query() = default;

result<bool> pg_query::step() {
  if (row_ < rows_->count) ++row_;
  return row_ < rows_->count;
}

status pg_query::run() {
  row_ = rows_->count;
  return ok_status();
}

std::int64_t pg_query::int64(int col) const noexcept {
  const char* v = PQgetvalue(rows_->res.get(), row_, col);
  std::int64_t out = 0;
  std::from_chars(v, v + PQgetlength(rows_->res.get(), row_, col), out);
  return out;
}

double pg_query::real(int col) const noexcept {
  const char* v = PQgetvalue(rows_->res.get(), row_, col);
  double out = 0;
  std::from_chars(v, v + PQgetlength(rows_->res.get(), row_, col), out);
  return out;
}

std::string pg_query::text(int col) const {
  const char* v = PQgetvalue(rows_->res.get(), row_, col);
  return std::string(v, static_cast<std::size_t>(PQgetlength(rows_->res.get(), row_, col)));
}

bool pg_query::is_null(int col) const noexcept {
  return PQgetisnull(rows_->res.get(), row_, col) != 0;
}

// -- pg_transaction ---------------------------------------------------------------------------

result<pg_transaction> pg_transaction::begin(pg_connection& conn) {
  if (conn.impl_->in_guarded_transaction) {
    return error{errc::internal, "postgres: a transaction is already open"};
  }
  if (auto st = conn.exec("BEGIN"); !st) return st.err();
  conn.impl_->in_guarded_transaction = true;
  return pg_transaction(conn);
}

pg_transaction::pg_transaction(pg_transaction&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)) {}

pg_transaction::~pg_transaction() {
  if (conn_ == nullptr) return;
  pg_connection::impl& c = *conn_->impl_;
  c.in_guarded_transaction = false;
  // A lost connection took the transaction with it: nothing to roll back.
  if (connection_ok(c.conn.get()) && !c.in_pipeline) {
    result_ptr r(PQexec(c.conn.get(), "ROLLBACK"));
  }
}

status pg_transaction::commit() {
  if (conn_ == nullptr) return error{errc::internal, "postgres: commit of a finished transaction"};
  pg_connection::impl& c = *std::exchange(conn_, nullptr)->impl_;
  c.in_guarded_transaction = false;
  if (!connection_ok(c.conn.get())) {
    return error{errc::unavailable, "postgres: commit: the connection was lost in a transaction"};
  }
  result_ptr r(PQexec(c.conn.get(), "COMMIT"));
  if (!succeeded(r.get())) return pg_error(c.conn.get(), r.get(), "commit");
  // COMMIT of a transaction that had failed answers ROLLBACK, not an error.
  if (std::strcmp(PQcmdStatus(r.get()), "COMMIT") != 0) {
    return error{errc::internal, "postgres: commit: the transaction had failed and rolled back"};
  }
  return ok_status();
}

// -- pg_pipeline ------------------------------------------------------------------------------

result<pg_pipeline> pg_pipeline::begin(pg_connection& conn,
                                       std::initializer_list<std::string_view> statements) {
  pg_connection::impl& c = *conn.impl_;
  if (auto st = c.ensure_usable("pipeline"); !st) return st.err();
  for (std::string_view sql : statements) {
    if (auto name = c.prepare(sql); !name) return name.err();
  }
  if (PQenterPipelineMode(c.conn.get()) != 1) {
    return pg_error(c.conn.get(), nullptr, "enter pipeline mode");
  }
  c.in_pipeline = true;
  return pg_pipeline(conn);
}

pg_pipeline::pg_pipeline(pg_pipeline&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)),
      tag_(other.tag_),
      pending_tags_(std::move(other.pending_tags_)),
      error_(std::move(other.error_)),
      failed_tag_(other.failed_tag_) {}

pg_pipeline::~pg_pipeline() {
  if (conn_ != nullptr) (void)finish();
}

status pg_pipeline::queue(std::string_view sql, const pg_params& params) {
  if (conn_ == nullptr) return error{errc::internal, "postgres: pipeline already finished"};
  if (error_) return *error_;
  if (params.bad()) {
    error_ = *params.bad();
    failed_tag_ = tag_;
    return *error_;
  }
  pg_connection::impl& c = *conn_->impl_;
  const auto it = c.prepared.find(std::string(sql));
  if (it == c.prepared.end()) {
    return error{errc::internal,
                 "postgres: '" + sql_snippet(sql) + "' was not named at pipeline begin"};
  }
  const std::vector<const char*> values = params.pointers();
  if (PQsendQueryPrepared(c.conn.get(), it->second.c_str(), static_cast<int>(values.size()),
                          values.data(), nullptr, nullptr, 0) != 1) {
    error_ = pg_error(c.conn.get(), nullptr, "'" + sql_snippet(sql) + "'");
    failed_tag_ = tag_;
    return *error_;
  }
  pending_tags_.push_back(tag_);
  if (pending_tags_.size() >= pipeline_chunk) {
    if (auto st = sync_and_drain(); !st) return st;
  }
  return ok_status();
}

status pg_pipeline::sync_and_drain() {
  PGconn* c = conn_->impl_->conn.get();
  if (PQpipelineSync(c) != 1) {
    if (!error_) error_ = pg_error(c, nullptr, "pipeline sync");
    pending_tags_.clear();
    return *error_;
  }
  // One result per queued statement, each followed by a null, then the sync's own result.
  std::size_t answered = 0;
  int nulls = 0;
  for (;;) {
    result_ptr r(PQgetResult(c));
    if (!r) {
      if (++nulls > 1 || !connection_ok(c)) {
        if (!error_) error_ = pg_error(c, nullptr, "pipeline");
        break;
      }
      continue;
    }
    nulls = 0;
    const ExecStatusType s = PQresultStatus(r.get());
    if (s == PGRES_PIPELINE_SYNC) break;
    if (s == PGRES_FATAL_ERROR && !error_) {
      error_ = pg_error(c, r.get(), "pipelined statement");
      if (answered < pending_tags_.size()) failed_tag_ = pending_tags_[answered];
    }
    ++answered;
  }
  pending_tags_.clear();
  if (error_) return *error_;
  return ok_status();
}

status pg_pipeline::finish() {
  if (conn_ == nullptr) return error{errc::internal, "postgres: pipeline already finished"};
  if (!pending_tags_.empty()) (void)sync_and_drain();
  pg_connection::impl& c = *std::exchange(conn_, nullptr)->impl_;
  c.in_pipeline = false;
  if (PQexitPipelineMode(c.conn.get()) != 1 && !error_ && connection_ok(c.conn.get())) {
    error_ = pg_error(c.conn.get(), nullptr, "exit pipeline mode");
  }
  if (error_) return *error_;
  return ok_status();
}

}  // namespace recs::storage
