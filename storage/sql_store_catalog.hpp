#pragma once
// sql_store<Conn>: shows, their offers, providers and show metadata (catalog_store). Included
// only by the backend .cpp files that instantiate sql_store (see sql_store.hpp).
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "storage/sql_store.hpp"

namespace recs::storage {

namespace internal {

template <class Query>
result<show> read_show(const Query& q) {
  show s;
  s.id = q.text(0);
  s.title = q.text(1);
  s.year = q.int32(2);
  auto genres = decode_string_list(q.text(3));
  if (!genres) return error{errc::internal, "genres of " + s.id + ": " + genres.err().message};
  s.genres = std::move(*genres);
  s.premise = q.text(4);
  s.seasons = q.int32(5);
  s.runtime = q.int32(6);
  auto countries = decode_string_list(q.text(7));
  if (!countries) {
    return error{errc::internal, "countries of " + s.id + ": " + countries.err().message};
  }
  s.countries = std::move(*countries);
  s.network = q.text(8);
  s.imdb_score = q.real(9);
  s.imdb_votes = q.real(10);
  s.tmdb_score = q.real(11);
  s.tmdb_popularity = q.real(12);
  s.rating = parse_maturity(q.text(13)).value_or(maturity::unknown);
  s.offers_checked_ts = q.is_null(14) ? 0 : q.int64(14);
  return s;
}

template <class Query>
offer read_offer(const Query& q) {
  offer o;
  o.provider = q.text(1);
  o.type = parse_monetization(q.text(2)).value_or(monetization::flatrate);
  o.inferred = q.int64(3) != 0;
  o.basis = q.text(4);
  o.last_checked_ts = q.is_null(5) ? 0 : q.int64(5);
  o.url = q.text(6);
  o.available_to = q.text(7);
  return o;
}

}  // namespace internal

template <class Conn>
status sql_store<Conn>::upsert_shows(const std::vector<show>& shows) {
  using internal::in;
  // One transaction: one durable commit for the whole batch, and all-or-nothing on a bad show.
  auto tx = backend::begin(conn_);
  if (!tx) return in("upsert_shows", tx.err());
  // The never-checked shows that have offers: only theirs need deleting. (A show that gets
  // offers from another transaction after this read is one a sync just checked, whose offers
  // are kept anyway, or one a concurrent import wrote: the same catalog, normally.)
  std::unordered_set<std::string> with_offers;
  if (!shows.empty()) {
    auto q = conn_.query(sql::select_shows_with_unchecked_offers);
    if (!q) return in("upsert_shows", q.err());
    for (;;) {
      auto row = q->step();
      if (!row) return in("upsert_shows", row.err());
      if (!*row) break;
      with_offers.insert(q->text(0));
    }
  }
  if (auto st = backend::write_shows(conn_, shows, internal::may_have_offers(shows, with_offers));
      !st) {
    return in("upsert_shows", st.err());
  }
  if (auto st = tx->commit(); !st) return in("upsert_shows", st.err());
  return ok_status();
}

template <class Conn>
result<std::vector<show>> sql_store<Conn>::shows() {
  using internal::in;
  std::vector<show> out;
  std::unordered_map<std::string, std::size_t> index;
  {
    auto q = conn_.query(sql::select_shows);
    if (!q) return in("shows", q.err());
    for (;;) {
      auto row = q->step();
      if (!row) return in("shows", row.err());
      if (!*row) break;
      auto s = internal::read_show(*q);
      if (!s) return in("shows", s.err());
      index.emplace(s->id, out.size());
      out.push_back(std::move(*s));
    }
  }
  auto q = conn_.query(sql::select_offers);
  if (!q) return in("shows", q.err());
  for (;;) {
    auto row = q->step();
    if (!row) return in("shows", row.err());
    if (!*row) return out;
    const auto it = index.find(q->text(0));
    if (it != index.end()) out[it->second].offers.push_back(internal::read_offer(*q));
  }
}

template <class Conn>
result<std::int64_t> sql_store<Conn>::show_count() {
  auto q = conn_.query(sql::count_shows);
  if (!q) return internal::in("show_count", q.err());
  auto row = q->step();
  if (!row) return internal::in("show_count", row.err());
  return *row ? q->int64(0) : std::int64_t{0};
}

template <class Conn>
status sql_store<Conn>::upsert_providers(const std::vector<provider>& providers) {
  using internal::in;
  auto tx = backend::begin(conn_);
  if (!tx) return in("upsert_providers", tx.err());
  for (const provider& p : providers) {
    if (auto st = conn_.run(sql::upsert_provider, p.id, p.name, p.free_to_air); !st) {
      return in("upsert_providers: provider '" + p.id + "'", st.err());
    }
  }
  if (auto st = tx->commit(); !st) return in("upsert_providers", st.err());
  return ok_status();
}

template <class Conn>
result<std::vector<provider>> sql_store<Conn>::providers() {
  auto q = conn_.query(sql::select_providers);
  if (!q) return internal::in("providers", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) {
    return provider{r.text(0), r.text(1), r.int64(2) != 0};
  });
  if (!out) return internal::in("providers", out.err());
  return out;
}

// -- show metadata ----------------------------------------------------------------------------

template <class Conn>
status sql_store<Conn>::update_show_metadata(const std::string& show_id, const show_metadata& m) {
  const std::string what = "update_show_metadata " + show_id;
  if (m.year < 0 || m.runtime < 0) {
    return error{errc::invalid_argument, what + ": negative year or runtime"};
  }
  if (auto st =
          conn_.run(sql::update_show_metadata, m.year, m.runtime, m.network, m.premise, show_id);
      !st) {
    return internal::in(what, st.err());
  }
  // Both backends count the rows the WHERE matched, changed or not.
  if (conn_.changes() == 0) return error{errc::not_found, what + ": no show " + show_id};
  return ok_status();
}

}  // namespace recs::storage
