#pragma once

#include <memory>
#include <string>

#include "storage/store.hpp"

namespace recs::storage {

/// Opens the SQLite store at `path` (a file, created with its parent directories if missing,
/// or ":memory:"). The connection runs in WAL mode with synchronous=FULL, so every write is
/// on disk when it returns ok. Call migrate() before anything else.
///
/// The store's logic is shared with PostgreSQL (sql_store.hpp, which documents the error
/// mapping and list order). SQLite specifics: a database still locked after the busy timeout
/// is unavailable; transactions are BEGIN IMMEDIATE, which also serialises migrations.
result<std::unique_ptr<store>> open_sqlite(const std::string& path);

}  // namespace recs::storage
