#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "recsys/result.hpp"

namespace recs::config {

/// Every setting of the service, with the product spec's env var names and defaults.
/// Built once at start-up by load_settings() and passed down; never global.
struct settings {
  // -- service ----------------------------------------------------------------------------
  std::string bind_address = "0.0.0.0";                ///< BIND_ADDRESS
  std::uint16_t port = 8080;                           ///< PORT
  std::string data_dir = "./var";                      ///< DATA_DIR: the SQLite file lives here
  std::string catalog_path = "data/catalog.jsonl";     ///< CATALOG_PATH
  std::string providers_path = "data/providers.json";  ///< PROVIDERS_PATH
  std::string web_root = "web";                        ///< WEB_ROOT
  bool dev_mode = false;                               ///< DEV_MODE: devtoken:<email> auth
  std::vector<std::string> admin_emails;  ///< ADMIN_EMAILS (dev default: demo@local.test)
  /// WS_ALLOWED_ORIGINS: origins (e.g. https://tv.example.org) whose pages may open /ws, besides
  /// the service's own; comma-separated, lower-case.
  std::vector<std::string> ws_allowed_origins;
  std::string region = "AU";    ///< REGION
  int http_threads = 2;         ///< HTTP_THREADS
  int scorers = 2;              ///< SCORERS: scoring-pool workers (>= 1)
  int actor_timeout_ms = 2000;  ///< ACTOR_TIMEOUT_MS: every inter-actor request
  int cache_ttl_s = 60;         ///< CACHE_TTL_S: slate cache time-to-live
  int cache_capacity = 4096;    ///< CACHE_CAPACITY: slates kept in the LRU
  int retrain_min_changes = 5;  ///< RETRAIN_MIN_CHANGES: rating changes that trigger a refit
  int retrain_interval_s = 60;  ///< RETRAIN_INTERVAL_S: how often pending changes are checked

  // -- storage and cache backends (Redis comes with the hosted deployment) -----------------
  /// DATABASE_URL: PostgreSQL instead of SQLite when set, or when POSTGRES_HOST / POSTGRES_DB
  /// are (storage::postgres_conninfo builds the conninfo from the parts below then).
  std::string database_url;
  std::string postgres_user;      ///< POSTGRES_USER
  std::string postgres_password;  ///< POSTGRES_PASSWORD
  std::string postgres_db;        ///< POSTGRES_DB
  std::string postgres_host;      ///< POSTGRES_HOST
  int postgres_port = 5432;       ///< POSTGRES_PORT
  int db_pool_size = 2;           ///< DB_POOL_SIZE: PostgreSQL connections (SQLite: one)
  std::string redis_url;          ///< REDIS_URL: shared slate cache when set

  // -- sync ----------------------------------------------------------------------------------
  bool use_real_justwatch = false;  ///< USE_REAL_JUSTWATCH
  bool use_real_serializd = false;  ///< USE_REAL_SERIALIZD
  std::string serializd_user;       ///< SERIALIZD_USER
  std::string serializd_token;      ///< SERIALIZD_TOKEN
  int offers_stale_days = 14;       ///< OFFERS_STALE_DAYS
  int daily_refresh_limit = 200;    ///< DAILY_REFRESH_LIMIT
  int daily_refresh_hour = 3;       ///< DAILY_REFRESH_HOUR (local time, 0-23)
  /// JUSTWATCH_URL: the GraphQL endpoint (a local replay server in tests)
  std::string justwatch_url = "https://apis.justwatch.com/graphql";
  std::string serializd_url = "https://www.serializd.com/api";  ///< SERIALIZD_URL
  bool use_real_tvmaze = false;                                 ///< USE_REAL_TVMAZE
  std::string tvmaze_url = "https://api.tvmaze.com";            ///< TVMAZE_URL
  /// UPSTREAM_CA_FILE: an extra PEM bundle of CAs to trust for upstream TLS (empty: system only)
  std::string upstream_ca_file;
  int upstream_timeout_ms = 20000;  ///< UPSTREAM_TIMEOUT_MS: one upstream exchange
  /// --refresh-dry-run: print the daily refresh's plan and exit (no service, no upstream)
  bool refresh_dry_run = false;

  // -- Family Mix ------------------------------------------------------------------------------
  double family_strong_min_fit = 0.78;     ///< FAMILY_STRONG_MIN_FIT (0-1)
  std::string family_strong_rule = "min";  ///< FAMILY_STRONG_RULE: min | avg
  int family_strong_lock_count = 1;        ///< FAMILY_STRONG_LOCK_COUNT (>= 0)
  double family_misery_fit = 0.25;  ///< FAMILY_MISERY_FIT: a member's fit below it vetoes (0-1)
  double family_fairness = 1.0;     ///< FAMILY_FAIRNESS: ledger nudge strength (0 = off, <= 10)

  // -- operations ------------------------------------------------------------------------------
  int recs_target_p95_ms = 250;  ///< RECS_TARGET_P95_MS
  /// TEAMS_WEBHOOK_URL, DISCORD_WEBHOOK_URL, SLACK_WEBHOOK_URL: chat webhooks (http or https)
  /// each Alertmanager notification is relayed to; empty: not relayed there. Secrets: never logged.
  std::string teams_webhook_url;
  std::string discord_webhook_url;
  std::string slack_webhook_url;
  /// ALERT_WEBHOOK_TOKEN: when set, POST /alerts/alertmanager needs `Authorization: Bearer
  /// <token>` (visible ASCII, no spaces); empty: the receiver is open, like /metrics.
  std::string alert_webhook_token;

  /// The SQLite file of the embedded default.
  std::string sqlite_path() const { return data_dir + "/recs.sqlite"; }
  bool is_admin(const std::string& email) const;
};

using env_map = std::map<std::string, std::string>;

/// The process environment as a map.
env_map process_env();

/// Builds settings from environment variables, then command-line flags (flags win). Invalid
/// values (a non-numeric PORT, an unknown flag, FAMILY_STRONG_RULE=max, ...) are an error naming
/// the variable. `help` is set when --help was given.
result<settings> load_settings(const env_map& env, const std::vector<std::string>& args,
                               bool& help);

/// The --help text of recs-server, listing flags and environment variables with defaults.
std::string help_text();

}  // namespace recs::config
