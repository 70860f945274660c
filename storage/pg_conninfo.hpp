#pragma once

#include <string>

namespace recs::storage {

/// Where the PostgreSQL backend connects, from the service's settings (DATABASE_URL and
/// POSTGRES_*, named as in the product spec).
struct postgres_target {
  std::string database_url;  ///< DATABASE_URL: a libpq URL or conninfo; wins when set
  std::string user;          ///< POSTGRES_USER
  std::string password;      ///< POSTGRES_PASSWORD
  std::string db;            ///< POSTGRES_DB
  std::string host;          ///< POSTGRES_HOST
  int port = 5432;           ///< POSTGRES_PORT
};

/// The libpq conninfo for `t`: DATABASE_URL as given when set; otherwise, when POSTGRES_HOST
/// or POSTGRES_DB is set, "host=... port=... dbname=... user=... password=..." from the parts
/// that are set (values quoted as libpq wants); otherwise "" (no PostgreSQL configured: the
/// service uses its embedded SQLite file).
std::string postgres_conninfo(const postgres_target& t);

/// `conninfo` (a conninfo string or URL) for logs: host, port, dbname and user only, never the
/// password. "(unparseable)" when libpq cannot parse it.
std::string redacted_conninfo(const std::string& conninfo);

}  // namespace recs::storage
