#pragma once
// sql_store<Conn>: Family Mix watches, the fairness ledger's data (family_store). Included only
// by the backend .cpp files that instantiate sql_store (see sql_store.hpp).
#include <unordered_map>
#include <utility>

#include "storage/sql_store.hpp"

namespace recs::storage {

template <class Conn>
status sql_store<Conn>::add_family_watch(const family_watch& w) {
  using internal::in;
  if (auto st = internal::validate(w); !st) return st;
  const std::string what = "add_family_watch " + w.show_id;
  auto tx = backend::begin(conn_);
  if (!tx) return in(what, tx.err());
  if (auto h = household_by_id(w.household_id); !h) return in(what, h.err());  // not_found
  std::int64_t watch_id = 0;
  {
    auto q = conn_.bound(sql::insert_family_watch, w.household_id, w.show_id, w.ts);
    if (!q) return in(what, q.err());
    auto row = q->step();
    if (!row) return in(what, row.err());
    if (!*row) return error{errc::internal, "add_family_watch: no id returned"};
    watch_id = q->int64(0);
  }
  // Every error below returns before commit(): the transaction rolls the event back too.
  for (std::size_t seq = 0; seq < w.fits.size(); ++seq) {
    const auto& [profile_id, fit] = w.fits[seq];
    const std::string member = "profile " + std::to_string(profile_id);
    // The schema knows the profile exists; only this check knows it is one of the household.
    auto p = profile_by_id(profile_id);
    if (!p && p.err().code != errc::not_found) return in(what, p.err());
    if (!p || p->household_id != w.household_id) {
      return error{errc::invalid_argument, what + ": " + member + " is not a member of household " +
                                               std::to_string(w.household_id)};
    }
    if (auto st = conn_.run(sql::insert_family_watch_fit, watch_id, static_cast<std::int64_t>(seq),
                            profile_id, fit);
        !st) {
      return in(what + ": " + member, st.err());
    }
  }
  if (auto st = tx->commit(); !st) return in(what, st.err());
  return ok_status();
}

template <class Conn>
result<std::vector<family_watch>> sql_store<Conn>::family_watches(std::int64_t household_id) {
  using internal::in;
  std::vector<family_watch> out;
  std::unordered_map<std::int64_t, std::size_t> index;
  {
    auto q = conn_.bound(sql::select_family_watches_of_household, household_id);
    if (!q) return in("family_watches", q.err());
    for (;;) {
      auto row = q->step();
      if (!row) return in("family_watches", row.err());
      if (!*row) break;
      index.emplace(q->int64(0), out.size());
      family_watch w;
      w.household_id = household_id;
      w.show_id = q->text(1);
      w.ts = q->int64(2);
      out.push_back(std::move(w));
    }
  }
  auto q = conn_.bound(sql::select_family_watch_fits_of_household, household_id);
  if (!q) return in("family_watches", q.err());
  for (;;) {
    auto row = q->step();
    if (!row) return in("family_watches", row.err());
    if (!*row) return out;
    const auto it = index.find(q->int64(0));
    if (it != index.end()) out[it->second].fits.emplace_back(q->int64(1), q->real(2));
  }
}

}  // namespace recs::storage
