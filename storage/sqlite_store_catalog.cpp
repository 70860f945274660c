// sqlite_store: shows, their offers, and providers.
#include <optional>
#include <unordered_map>
#include <utility>

#include "storage/schema_sql.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/string_list_json.hpp"

namespace recs::storage {

namespace {

using internal::in;

status write_show(sqlite_connection& conn, const show& s) {
  if (s.id.empty()) return error{errc::invalid_argument, "a show without an id"};
  const std::string genres = encode_string_list(s.genres);
  const std::string countries = encode_string_list(s.countries);
  if (auto st = conn.run(sql::upsert_show, s.id, s.title, s.year, genres, s.premise, s.seasons,
                         s.runtime, countries, s.network, s.imdb_score, s.imdb_votes, s.tmdb_score,
                         s.tmdb_popularity, to_string(s.rating));
      !st) {
    return st;
  }
  if (auto st = conn.run(sql::delete_offers_of_show, s.id); !st) return st;
  for (const offer& o : s.offers) {
    // 0 means "never verified" and is stored as NULL, so that stalest-first ordering and
    // freshness reports can tell it apart from a real timestamp.
    const std::optional<std::int64_t> checked =
        o.last_checked_ts != 0 ? std::optional<std::int64_t>(o.last_checked_ts) : std::nullopt;
    if (auto st = conn.run(sql::upsert_offer, s.id, o.provider, to_string(o.type), o.inferred,
                           o.basis, checked, o.url, o.available_to);
        !st) {
      return in("offer " + o.provider + "/" + std::string(to_string(o.type)), st.err());
    }
  }
  return ok_status();
}

result<show> read_show(const sqlite_query& q) {
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
  return s;
}

offer read_offer(const sqlite_query& q) {
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

}  // namespace

status sqlite_store::upsert_shows(const std::vector<show>& shows) {
  // One transaction: one WAL sync for the whole batch, and all-or-nothing on a bad show.
  auto tx = sqlite_transaction::begin(conn_);
  if (!tx) return in("upsert_shows", tx.err());
  for (const show& s : shows) {
    if (auto st = write_show(conn_, s); !st)
      return in("upsert_shows: show '" + s.id + "'", st.err());
  }
  if (auto st = tx->commit(); !st) return in("upsert_shows", st.err());
  return ok_status();
}

result<std::vector<show>> sqlite_store::shows() {
  std::vector<show> out;
  std::unordered_map<std::string, std::size_t> index;
  {
    auto q = conn_.query(sql::select_shows);
    if (!q) return in("shows", q.err());
    for (;;) {
      auto row = q->step();
      if (!row) return in("shows", row.err());
      if (!*row) break;
      auto s = read_show(*q);
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
    if (it != index.end()) out[it->second].offers.push_back(read_offer(*q));
  }
}

result<std::int64_t> sqlite_store::show_count() {
  auto q = conn_.query(sql::count_shows);
  if (!q) return in("show_count", q.err());
  auto row = q->step();
  if (!row) return in("show_count", row.err());
  return *row ? q->int64(0) : std::int64_t{0};
}

status sqlite_store::upsert_providers(const std::vector<provider>& providers) {
  auto tx = sqlite_transaction::begin(conn_);
  if (!tx) return in("upsert_providers", tx.err());
  for (const provider& p : providers) {
    if (auto st = conn_.run(sql::upsert_provider, p.id, p.name, p.free_to_air); !st) {
      return in("upsert_providers: provider '" + p.id + "'", st.err());
    }
  }
  if (auto st = tx->commit(); !st) return in("upsert_providers", st.err());
  return ok_status();
}

result<std::vector<provider>> sqlite_store::providers() {
  auto q = conn_.query(sql::select_providers);
  if (!q) return in("providers", q.err());
  std::vector<provider> out;
  for (;;) {
    auto row = q->step();
    if (!row) return in("providers", row.err());
    if (!*row) return out;
    out.push_back(provider{q->text(0), q->text(1), q->int64(2) != 0});
  }
}

}  // namespace recs::storage
