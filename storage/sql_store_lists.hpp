#pragma once
// sql_store<Conn>: feedback and watchlists (list_store). Included only by the backend .cpp
// files that instantiate sql_store (see sql_store.hpp).
#include <algorithm>
#include <string>

#include "storage/schema_sql_lists.hpp"
#include "storage/sql_store.hpp"

namespace recs::storage {

namespace internal {

template <class Query>
show_feedback read_feedback(const Query& q) {
  show_feedback f;
  f.show_id = q.text(0);
  // The CHECK constraint keeps kind to the three names.
  f.kind = parse_feedback_kind(q.text(1)).value_or(feedback_kind::seen);
  f.ts = q.int64(2);
  f.until_ts = q.int64(3);
  f.source = q.text(4);
  return f;
}

/// Rows of (show_id, profile_id or added_by, ts, source); `household` says which list.
template <class Query>
result<std::vector<watch_entry>> read_watches(Query& q, bool household) {
  return read_rows(q, [household](const Query& r) {
    watch_entry w;
    w.show_id = r.text(0);
    (household ? w.added_by : w.profile_id) = r.int64(1);
    w.ts = r.int64(2);
    w.source = r.text(3);
    return w;
  });
}

}  // namespace internal

template <class Conn>
status sql_store<Conn>::put_feedback(std::int64_t profile_id, const show_feedback& f) {
  const std::int64_t until = f.kind == feedback_kind::not_tonight ? f.until_ts : 0;
  if (auto st = conn_.run(sql::upsert_feedback, profile_id, f.show_id, to_string(f.kind), f.ts,
                          until, f.source);
      !st) {
    return internal::in("put_feedback " + std::to_string(profile_id) + "/" + f.show_id, st.err());
  }
  return ok_status();
}

template <class Conn>
status sql_store<Conn>::delete_feedback(std::int64_t profile_id, const std::string& show_id,
                                        feedback_kind kind) {
  return change_one(sql::delete_feedback, "delete_feedback",
                    "profile " + std::to_string(profile_id) + " has no '" +
                        std::string(to_string(kind)) + "' on " + show_id,
                    profile_id, show_id, to_string(kind));
}

template <class Conn>
result<std::vector<show_feedback>> sql_store<Conn>::feedback_of(std::int64_t profile_id) {
  auto q = conn_.bound(sql::select_feedback_of_profile, profile_id);
  if (!q) return internal::in("feedback_of", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) { return internal::read_feedback(r); });
  if (!out) return internal::in("feedback_of", out.err());
  return out;
}

template <class Conn>
status sql_store<Conn>::put_watch(std::int64_t household_id, const watch_entry& w) {
  const std::string what = "put_watch " + std::to_string(household_id) + "/" + w.show_id;
  if (w.profile_id == 0) {
    if (auto st = conn_.run(sql::insert_household_watch, household_id, w.show_id, w.added_by, w.ts,
                            w.source);
        !st) {
      return internal::in(what, st.err());
    }
    return ok_status();
  }
  {
    auto q = conn_.bound(sql::select_profile_of_household, w.profile_id, household_id);
    if (!q) return internal::in(what, q.err());
    auto row = q->step();
    if (!row) return internal::in(what, row.err());
    if (!*row) {
      return error{errc::not_found, "no profile " + std::to_string(w.profile_id) +
                                        " in household " + std::to_string(household_id)};
    }
  }
  if (auto st = conn_.run(sql::insert_profile_watch, w.profile_id, w.show_id, w.ts, w.source);
      !st) {
    return internal::in(what, st.err());
  }
  return ok_status();
}

template <class Conn>
status sql_store<Conn>::delete_watch(std::int64_t household_id, std::int64_t profile_id,
                                     const std::string& show_id) {
  const std::string missing = show_id + " is not on the watchlist";
  if (profile_id == 0)
    return change_one(sql::delete_household_watch, "delete_watch", missing, household_id, show_id);
  return change_one(sql::delete_profile_watch, "delete_watch", missing, profile_id, show_id,
                    household_id);
}

template <class Conn>
result<std::vector<watch_entry>> sql_store<Conn>::profile_watchlist(std::int64_t profile_id) {
  auto q = conn_.bound(sql::select_profile_watchlist, profile_id);
  if (!q) return internal::in("profile_watchlist", q.err());
  auto out = internal::read_watches(*q, false);
  if (!out) return internal::in("profile_watchlist", out.err());
  return out;
}

template <class Conn>
result<std::vector<watch_entry>> sql_store<Conn>::household_watchlists(std::int64_t household_id) {
  std::vector<watch_entry> all;
  {
    auto q = conn_.bound(sql::select_household_watchlist, household_id);
    if (!q) return internal::in("household_watchlists", q.err());
    auto own = internal::read_watches(*q, true);
    if (!own) return internal::in("household_watchlists", own.err());
    all = std::move(*own);
  }
  auto q = conn_.bound(sql::select_watchlists_of_household_profiles, household_id);
  if (!q) return internal::in("household_watchlists", q.err());
  auto theirs = internal::read_watches(*q, false);
  if (!theirs) return internal::in("household_watchlists", theirs.err());
  for (auto& w : *theirs) all.push_back(std::move(w));
  return all;
}

template <class Conn>
status sql_store<Conn>::apply_import(std::int64_t profile_id, const import_batch& batch) {
  using internal::in;
  const std::string what = "apply_import " + std::to_string(profile_id);
  auto tx = backend::begin(conn_);
  if (!tx) return in(what, tx.err());
  for (rating r : batch.ratings) {
    r.profile_id = profile_id;
    if (auto st = put_rating(r); !st) return in(what, st.err());
  }
  for (const show_feedback& f : batch.seen) {
    if (auto st = put_feedback(profile_id, f); !st) return in(what, st.err());
  }
  for (const watch_entry& w : batch.watchlist) {
    if (auto st = conn_.run(sql::insert_profile_watch, profile_id, w.show_id, w.ts, w.source); !st)
      return in(what + "/" + w.show_id, st.err());
  }
  if (auto st = tx->commit(); !st) return in(what, st.err());
  return ok_status();
}

template <class Conn>
result<bool> sql_store<Conn>::add_inbox(inbox_item& item) {
  const std::string what = "add_inbox " + item.show_id;
  // RETURNING gives the new row's id, and no row when the alert was there already.
  auto q = conn_.bound(sql::insert_inbox, item.household_id, item.show_id, item.event, item.detail,
                       item.text, item.ts);
  if (!q) return internal::in(what, q.err());
  auto row = q->step();
  if (!row) return internal::in(what, row.err());
  if (!*row) return false;
  item.id = q->int64(0);
  return true;
}

template <class Conn>
result<std::vector<inbox_item>> sql_store<Conn>::inbox(std::int64_t household_id,
                                                       std::size_t limit) {
  auto q = conn_.bound(sql::select_inbox, household_id, static_cast<std::int64_t>(limit));
  if (!q) return internal::in("inbox", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) {
    inbox_item i;
    i.id = r.int64(0);
    i.household_id = r.int64(1);
    i.show_id = r.text(2);
    i.event = r.text(3);
    i.detail = r.text(4);
    i.text = r.text(5);
    i.ts = r.int64(6);
    i.read = r.int64(7) != 0;
    return i;
  });
  if (!out) return internal::in("inbox", out.err());
  return out;
}

template <class Conn>
result<std::int64_t> sql_store<Conn>::unread_count(std::int64_t household_id) {
  auto q = conn_.bound(sql::count_unread_inbox, household_id);
  if (!q) return internal::in("unread_count", q.err());
  auto row = q->step();
  if (!row) return internal::in("unread_count", row.err());
  return *row ? q->int64(0) : 0;
}

template <class Conn>
result<std::int64_t> sql_store<Conn>::mark_read(std::int64_t household_id,
                                                const std::vector<std::int64_t>& ids) {
  if (ids.empty()) {
    if (auto st = conn_.run(sql::mark_all_inbox_read, household_id); !st)
      return internal::in("mark_read", st.err());
    return static_cast<std::int64_t>(conn_.changes());
  }
  auto tx = backend::begin(conn_);
  if (!tx) return internal::in("mark_read", tx.err());
  std::int64_t changed = 0;
  for (auto id : ids) {
    if (auto st = conn_.run(sql::mark_inbox_read, household_id, id); !st)
      return internal::in("mark_read", st.err());
    changed += static_cast<std::int64_t>(conn_.changes());
  }
  if (auto st = tx->commit(); !st) return internal::in("mark_read", st.err());
  return changed;
}

template <class Conn>
result<household_webhook> sql_store<Conn>::household_webhook_of(std::int64_t household_id) {
  auto q = conn_.bound(sql::select_household_webhook, household_id);
  if (!q) return internal::in("household_webhook_of", q.err());
  auto row = q->step();
  if (!row) return internal::in("household_webhook_of", row.err());
  if (!*row) return error{errc::not_found, "the household has no webhook"};
  household_webhook w;
  w.household_id = q->int64(0);
  w.kind = q->text(1);
  w.url = q->text(2);
  w.updated_at = q->int64(3);
  return w;
}

template <class Conn>
status sql_store<Conn>::put_household_webhook(const household_webhook& w) {
  // The URL stays out of the message: it is a secret.
  if (auto st =
          conn_.run(sql::upsert_household_webhook, w.household_id, w.kind, w.url, w.updated_at);
      !st)
    return internal::in("put_household_webhook " + w.kind, st.err());
  return ok_status();
}

template <class Conn>
status sql_store<Conn>::delete_household_webhook(std::int64_t household_id) {
  if (auto st = conn_.run(sql::delete_household_webhook, household_id); !st)
    return internal::in("delete_household_webhook", st.err());
  if (conn_.changes() == 0) return error{errc::not_found, "the household has no webhook"};
  return ok_status();
}

template <class Conn>
result<std::vector<std::int64_t>> sql_store<Conn>::watchers(const std::string& show_id) {
  auto q = conn_.bound(sql::select_watchers_of_show, show_id, show_id);
  if (!q) return internal::in("watchers", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) { return r.int64(0); });
  if (!out) return internal::in("watchers", out.err());
  std::sort(out->begin(), out->end());
  return out;
}

}  // namespace recs::storage
