#include "actors/sync_reader.hpp"
#include "actors/messages.hpp"
#include "actors/metered.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <chrono>
#include <utility>

#include "actors/sync_clock.hpp"
#include "sync/offers_refresh.hpp"

namespace recs::actors {

namespace {

struct reader_state {
  offers_sync_options opts;
  std::shared_ptr<storage::store> db;
  std::shared_ptr<sync_board> board;
  static inline const char* name = "sync_reader";
};

std::int64_t now_of(const reader_state& st) {
  return sync_now(st.opts.now);
}

result<net::freshness_view> freshness_of(reader_state& st) {
  net::freshness_view f;
  const auto now = now_of(st);
  f.stale_days = st.opts.stale_days;
  auto last = st.db->offers_last_checked();
  if (!last) return last.err();
  f.offers_last_checked = *last;
  auto seen = st.db->get_meta("serializd_last_seen");
  if (!seen) return seen.err();
  if (*seen) {
    try {
      f.serializd_last_seen = std::stoll(**seen);
    } catch (...) {
      f.serializd_last_seen = 0;
    }
  }
  auto shows = st.db->show_count();
  if (!shows) return shows.err();
  f.shows = *shows;
  auto never = st.db->offers_due_count(now, now + 1);  // only never-checked titles are that old
  if (!never) return never.err();
  auto due = st.db->offers_due_count(now, static_cast<std::int64_t>(st.opts.stale_days) * 86400);
  if (!due) return due.err();
  f.shows_never_checked = *never;
  f.shows_stale = *due - *never;
  f.shows_verified = f.shows - *due;
  if (auto j = st.board->get(kJustwatchSource)) f.next_daily_refresh = j->next_run_ts;
  return f;
}

sync_reader_actor::behavior_type reader_impl(metered_pointer<sync_reader_actor, reader_state> self,
                                             offers_sync_options opts,
                                             std::shared_ptr<storage::store> db,
                                             std::shared_ptr<sync_board> board) {
  self->state.opts = std::move(opts);
  self->state.db = std::move(db);
  self->state.board = std::move(board);
  return {
      [=](plan_atom) -> caf::result<net::refresh_plan_view> {
        auto& s = self->state;
        auto p = sync::plan_offers_refresh(*s.db, now_of(s), s.opts.stale_days, s.opts.limit);
        if (!p) return to_caf(p.err());
        return plan_view(*p, s.opts.enabled);
      },
      [=](fresh_atom) -> caf::result<net::freshness_view> {
        auto f = freshness_of(self->state);
        if (!f) return to_caf(f.err());
        return *f;
      },
  };
}

}  // namespace

net::refresh_plan_view plan_view(const sync::refresh_plan& p, bool enabled) {
  net::refresh_plan_view v;
  v.now = p.now;
  v.stale_days = p.stale_days;
  v.limit = static_cast<std::int64_t>(p.limit);
  v.due_total = p.due_total;
  v.upstream_enabled = enabled;
  for (const auto& e : p.entries) {
    v.entries.push_back({e.item.show_id, e.item.title, e.item.year, e.item.offers_checked_ts,
                         e.reason, e.item.justwatch_id});
  }
  return v;
}

sync_reader_actor spawn_sync_reader(caf::actor_system& sys, offers_sync_options opts,
                                    std::unique_ptr<storage::store> db,
                                    std::shared_ptr<sync_board> board) {
  return sys.spawn<caf::detached>(reader_impl, std::move(opts),
                                  std::shared_ptr<storage::store>(std::move(db)), std::move(board));
}

}  // namespace recs::actors
