#pragma once
// sql_store<Conn>: what the sync jobs need: offers checks (offers_store), show links
// (link_store) and sync runs (sync_run_store). Included only by the backend .cpp files that
// instantiate sql_store (see sql_store.hpp).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "storage/sql_store.hpp"
#include "storage/sql_store_catalog.hpp"

namespace recs::storage {

namespace internal {

/// A size limit as a SQL LIMIT (BIGINT).
inline std::int64_t sql_limit(std::size_t limit) {
  constexpr auto most = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return static_cast<std::int64_t>(std::min(limit, most));
}

inline status check_checked_ts(std::string_view what, std::int64_t checked_ts) {
  if (checked_ts > 0) return ok_status();
  return error{
      errc::invalid_argument,
      std::string(what) + ": the check time must be positive, not " + std::to_string(checked_ts)};
}

inline bool is_final_run_status(std::string_view s) {
  return s == "ok" || s == "failed" || s == "cancelled" || s == "partial";
}

template <class Query>
refresh_item read_refresh_item(const Query& q) {
  refresh_item r;
  r.show_id = q.text(0);
  r.title = q.text(1);
  r.year = q.int32(2);
  r.popularity = q.real(3);
  r.offers_checked_ts = q.is_null(4) ? 0 : q.int64(4);
  if (!q.is_null(5)) r.justwatch_id = q.text(5);
  if (!q.is_null(6)) r.tmdb_id = q.text(6);
  return r;
}

template <class Query>
sync_run read_sync_run(const Query& q) {
  sync_run r;
  r.id = q.int64(0);
  r.source = q.text(1);
  r.kind = q.text(2);
  r.started_ts = q.int64(3);
  r.finished_ts = q.is_null(4) ? 0 : q.int64(4);
  r.status = q.text(5);
  r.checked = q.int32(6);
  r.changed = q.int32(7);
  r.failed = q.int32(8);
  r.message = q.text(9);
  return r;
}

}  // namespace internal

// -- offers checks ----------------------------------------------------------------------------

template <class Conn>
result<std::vector<refresh_item>> sql_store<Conn>::offers_due(std::int64_t now,
                                                              std::int64_t stale_after_s,
                                                              std::size_t limit) {
  using internal::in;
  auto q = conn_.bound(sql::select_offers_due, now - stale_after_s, internal::sql_limit(limit));
  if (!q) return in("offers_due", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) { return internal::read_refresh_item(r); });
  if (!out) return in("offers_due", out.err());
  return out;
}

template <class Conn>
result<std::int64_t> sql_store<Conn>::offers_due_count(std::int64_t now,
                                                       std::int64_t stale_after_s) {
  using internal::in;
  auto q = conn_.bound(sql::count_offers_due, now - stale_after_s);
  if (!q) return in("offers_due_count", q.err());
  auto row = q->step();
  if (!row) return in("offers_due_count", row.err());
  return *row ? q->int64(0) : std::int64_t{0};
}

template <class Conn>
status sql_store<Conn>::set_offers_checked(const std::string& show_id, std::int64_t checked_ts) {
  if (auto st = conn_.run(sql::set_offers_checked, checked_ts, show_id); !st) return st;
  if (conn_.changes() == 0) return error{errc::not_found, "no show " + show_id};
  return ok_status();
}

template <class Conn>
result<std::vector<offer>> sql_store<Conn>::replace_offers(const std::string& show_id,
                                                           const std::vector<offer>& verified,
                                                           std::int64_t checked_ts) {
  using internal::in;
  const std::string what = "replace_offers " + show_id;
  if (auto st = internal::check_checked_ts(what, checked_ts); !st) return st.err();
  auto tx = backend::begin(conn_);
  if (!tx) return in(what, tx.err());
  // First, so that it finds an unknown show and, on PostgreSQL, locks the show's row: a
  // concurrent replace (or upsert_shows) of the same show waits, and the offers read below are
  // the ones this transaction replaces.
  if (auto st = set_offers_checked(show_id, checked_ts); !st) return in(what, st.err());
  std::vector<offer> before;
  {
    auto q = conn_.bound(sql::select_offers_of_show, show_id);
    if (!q) return in(what, q.err());
    auto rows = internal::read_rows(*q, [](const auto& r) { return internal::read_offer(r); });
    if (!rows) return in(what, rows.err());
    before = std::move(*rows);
  }
  if (auto st = conn_.run(sql::delete_offers_of_show, show_id); !st) return in(what, st.err());
  // Every error below returns before commit(): the old offers and check time stay.
  for (const offer& o : verified) {
    const std::int64_t ts = o.last_checked_ts != 0 ? o.last_checked_ts : checked_ts;
    if (auto st = conn_.run(sql::upsert_offer, show_id, o.provider, to_string(o.type), false,
                            o.basis, ts, o.url, o.available_to);
        !st) {
      return in(what + ": offer '" + o.provider + "'/" + std::string(to_string(o.type)), st.err());
    }
  }
  if (auto st = tx->commit(); !st) return in(what, st.err());
  return before;
}

template <class Conn>
status sql_store<Conn>::mark_offers_checked(const std::string& show_id, std::int64_t checked_ts) {
  const std::string what = "mark_offers_checked " + show_id;
  if (auto st = internal::check_checked_ts(what, checked_ts); !st) return st;
  if (auto st = set_offers_checked(show_id, checked_ts); !st) return internal::in(what, st.err());
  return ok_status();
}

template <class Conn>
result<std::int64_t> sql_store<Conn>::offers_last_checked() {
  using internal::in;
  auto q = conn_.query(sql::select_offers_last_checked);
  if (!q) return in("offers_last_checked", q.err());
  auto row = q->step();
  if (!row) return in("offers_last_checked", row.err());
  return *row && !q->is_null(0) ? q->int64(0) : std::int64_t{0};
}

// -- show links -------------------------------------------------------------------------------

template <class Conn>
status sql_store<Conn>::set_show_link(const std::string& show_id, const std::string& source,
                                      const std::string& external_id) {
  using internal::in;
  const std::string what = "set_show_link " + show_id + " " + source;
  if (source.empty() || external_id.empty()) {
    return error{errc::invalid_argument, what + ": empty source or external id"};
  }
  auto tx = backend::begin(conn_);
  if (!tx) return in(what, tx.err());
  {
    auto q = conn_.bound(sql::select_show_exists, show_id);
    if (!q) return in(what, q.err());
    auto row = q->step();
    if (!row) return in(what, row.err());
    if (!*row) return error{errc::not_found, what + ": no show " + show_id};
  }
  if (auto st = conn_.run(sql::delete_show_link_elsewhere, source, external_id, show_id); !st) {
    return in(what, st.err());
  }
  if (auto st = conn_.run(sql::upsert_show_link, show_id, source, external_id); !st) {
    return in(what, st.err());
  }
  if (auto st = tx->commit(); !st) return in(what, st.err());
  return ok_status();
}

template <class Conn>
result<std::vector<show_link>> sql_store<Conn>::show_links(const std::string& source) {
  using internal::in;
  auto q = conn_.bound(sql::select_show_links_of_source, source);
  if (!q) return in("show_links", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) {
    return show_link{r.text(0), r.text(1), r.text(2)};
  });
  if (!out) return in("show_links", out.err());
  return out;
}

template <class Conn>
result<std::optional<std::string>> sql_store<Conn>::show_by_link(const std::string& source,
                                                                 const std::string& external_id) {
  using internal::in;
  auto q = conn_.bound(sql::select_show_by_link, source, external_id);
  if (!q) return in("show_by_link", q.err());
  auto row = q->step();
  if (!row) return in("show_by_link", row.err());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(q->text(0));
}

template <class Conn>
status sql_store<Conn>::delete_show_link(const std::string& show_id, const std::string& source) {
  const std::string what = "delete_show_link " + show_id + " " + source;
  if (auto st = conn_.run(sql::delete_show_link, show_id, source); !st) {
    return internal::in(what, st.err());
  }
  if (conn_.changes() == 0) return error{errc::not_found, what + ": no such link"};
  return ok_status();
}

template <class Conn>
result<std::vector<link_candidate>> sql_store<Conn>::unlinked_shows(
    const std::string& source, const std::string& marker_source, std::size_t limit) {
  using internal::in;
  auto q =
      conn_.bound(sql::select_unlinked_shows, source, marker_source, internal::sql_limit(limit));
  if (!q) return in("unlinked_shows", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) {
    return link_candidate{r.text(0), r.text(1), r.int32(2), r.real(3)};
  });
  if (!out) return in("unlinked_shows", out.err());
  return out;
}

template <class Conn>
result<std::int64_t> sql_store<Conn>::unlinked_show_count(const std::string& source,
                                                          const std::string& marker_source) {
  using internal::in;
  auto q = conn_.bound(sql::count_unlinked_shows, source, marker_source);
  if (!q) return in("unlinked_show_count", q.err());
  auto row = q->step();
  if (!row) return in("unlinked_show_count", row.err());
  return *row ? q->int64(0) : std::int64_t{0};
}

// -- sync runs --------------------------------------------------------------------------------

template <class Conn>
result<std::int64_t> sql_store<Conn>::start_sync_run(const std::string& source,
                                                     const std::string& kind,
                                                     std::int64_t started_ts) {
  using internal::in;
  if (source.empty() || kind.empty()) {
    return error{errc::invalid_argument, "start_sync_run: empty source or kind"};
  }
  auto q = conn_.bound(sql::insert_sync_run, source, kind, started_ts);
  if (!q) return in("start_sync_run", q.err());
  auto row = q->step();
  if (!row) return in("start_sync_run", row.err());
  if (!*row) return error{errc::internal, "start_sync_run: no id returned"};
  return q->int64(0);
}

template <class Conn>
status sql_store<Conn>::finish_sync_run(std::int64_t id, const std::string& run_status,
                                        std::int64_t finished_ts, int checked, int changed,
                                        int failed, const std::string& message) {
  const std::string what = "finish_sync_run " + std::to_string(id);
  if (!internal::is_final_run_status(run_status)) {
    return error{errc::invalid_argument,
                 what + ": status '" + run_status + "' is not ok, failed, cancelled or partial"};
  }
  if (auto st = conn_.run(sql::finish_sync_run, run_status, finished_ts, checked, changed, failed,
                          message, id);
      !st) {
    return internal::in(what, st.err());
  }
  if (conn_.changes() == 0) return error{errc::not_found, what + ": no such run"};
  return ok_status();
}

template <class Conn>
result<std::vector<sync_run>> sql_store<Conn>::recent_sync_runs(std::size_t limit) {
  using internal::in;
  auto q = conn_.bound(sql::select_recent_sync_runs, internal::sql_limit(limit));
  if (!q) return in("recent_sync_runs", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) { return internal::read_sync_run(r); });
  if (!out) return in("recent_sync_runs", out.err());
  return out;
}

}  // namespace recs::storage
