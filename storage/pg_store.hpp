#pragma once

#include <memory>
#include <string>

#include "storage/store.hpp"

namespace recs::storage {

/// Opens the PostgreSQL store on the database named by a libpq conninfo string or URL
/// ("host=db port=5432 dbname=recs user=recs password=..." or
/// "postgresql://recs:...@db:5432/recs"). Call migrate() before anything else; it creates the
/// schema (the same one and the same migrations as SQLite) and serialises concurrent migrators
/// with an advisory lock.
///
/// The store's logic is shared with SQLite (sql_store.hpp documents the error mapping and list
/// order; text columns compare bytewise, COLLATE "C", whatever the database's default). Every
/// write is durable when it returns ok: the session keeps synchronous_commit on (or the
/// server's stricter setting). upsert_shows sends its statements pipelined, in one transaction.
///
/// PostgreSQL specifics: invalid_argument for a malformed conninfo; unavailable when the server
/// cannot be reached, or the connection is lost (see pg_connection: the call that finds the
/// connection lost fails, the next one reconnects first; after a failed reconnect, calls fail
/// fast until the backoff lets the next attempt through). open_sibling() opens one more
/// connection to the same database (a pool of store actors uses one store each).
result<std::unique_ptr<store>> open_postgres(const std::string& conninfo_or_url);

}  // namespace recs::storage
