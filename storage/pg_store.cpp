// The PostgreSQL backend of `store`: sql_store over pg_connection.
#include "storage/pg_store.hpp"

#include "storage/pg_connection.hpp"
#include "storage/sql_store.hpp"
#include "storage/sql_store_accounts.hpp"
#include "storage/sql_store_catalog.hpp"
#include "storage/sql_store_family.hpp"
#include "storage/sql_store_households.hpp"
#include "storage/sql_store_lists.hpp"
#include "storage/sql_store_profiles.hpp"
#include "storage/sql_store_sync.hpp"
#include "storage/sql_store_taste.hpp"

namespace recs::storage {

namespace {

// Serialises migrations across processes: pg_advisory_xact_lock(key), released at commit.
constexpr std::string_view lock_migrations = "SELECT pg_advisory_xact_lock(CAST($1 AS BIGINT))";
constexpr std::int64_t migrations_lock_key = 0x7265637300000001;  // "recs" + 1

}  // namespace

template <>
struct sql_backend<pg_connection> {
  using transaction = pg_transaction;
  static constexpr sql_dialect dialect = sql_dialect::postgres;

  static result<transaction> begin(pg_connection& conn) { return pg_transaction::begin(conn); }

  static status lock_schema(pg_connection& conn) {
    return conn.run(lock_migrations, migrations_lock_key);
  }

  // Pipelined: a round trip per statement would dominate (the bundled catalog is 11k shows,
  // one to three statements each): ~0.45 s instead of ~1.6 s on loopback. Offers are deleted
  // only for the shows that have some (upsert_shows reads which), most have none.
  static status write_shows(pg_connection& conn, const std::vector<show>& shows,
                            const std::vector<bool>& may_have_offers) {
    if (shows.empty()) return ok_status();
    auto pipe = pg_pipeline::begin(
        conn, {sql::upsert_show, sql::delete_offers_of_unchecked_show,
               sql::upsert_offer_of_unchecked_show, sql::adopt_offers_checked_ts});
    if (!pipe) return pipe.err();
    const auto failed = [&](std::size_t i, const error& e) {
      return internal::in("show '" + shows[pipe->failed_tag().value_or(i)].id + "'", e);
    };
    for (std::size_t i = 0; i < shows.size(); ++i) {
      pipe->tag(i);
      if (auto st = internal::write_show(*pipe, shows[i], may_have_offers[i]); !st) {
        return failed(i, st.err());
      }
    }
    if (auto st = pipe->finish(); !st) return failed(shows.size() - 1, st.err());
    return ok_status();
  }
};

// A pool member: a connection of its own with the same conninfo and reconnect backoff.
template <>
result<std::unique_ptr<store>> sql_store<pg_connection>::open_sibling() {
  auto conn = conn_.open_another();
  if (!conn) return conn.err();
  return std::unique_ptr<store>(std::make_unique<sql_store<pg_connection>>(std::move(*conn)));
}

template class sql_store<pg_connection>;

result<std::unique_ptr<store>> open_postgres(const std::string& conninfo_or_url) {
  auto conn = pg_connection::open(conninfo_or_url);
  if (!conn) return conn.err();
  return std::unique_ptr<store>(std::make_unique<sql_store<pg_connection>>(std::move(*conn)));
}

}  // namespace recs::storage
