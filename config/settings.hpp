#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace recs::config {

/// Every setting of the service: the typed result of load_settings(), built once at start-up
/// and passed down; never global. Each member is set by one row of the option table
/// (config/options.cpp), which holds its environment variable (the product spec's name), flag,
/// default, range and help line; the constructor applies those defaults.
struct settings {
  /// The table's defaults. (Scalars are also zeroed below, so that none is ever indeterminate;
  /// their real defaults are only in the table.)
  settings();

  // -- service ----------------------------------------------------------------------------
  std::string bind_address;                     ///< BIND_ADDRESS, --bind
  std::uint16_t port{};                         ///< PORT, --port
  std::string data_dir;                         ///< DATA_DIR, --data-dir: holds the SQLite file
  std::string catalog_path;                     ///< CATALOG_PATH, --catalog
  std::string providers_path;                   ///< PROVIDERS_PATH, --providers
  std::string web_root;                         ///< WEB_ROOT, --web-root
  bool dev_mode{};                              ///< DEV_MODE, --dev: devtoken:<email> auth
  std::vector<std::string> admin_emails;        ///< ADMIN_EMAILS, lower-case
  std::vector<std::string> ws_allowed_origins;  ///< WS_ALLOWED_ORIGINS, lower-case
  std::string region;                           ///< REGION
  int http_threads{};                           ///< HTTP_THREADS, --http-threads
  int scorers{};                                ///< SCORERS, --scorers
  int actor_timeout_ms{};                       ///< ACTOR_TIMEOUT_MS
  int cache_ttl_s{};                            ///< CACHE_TTL_S
  int cache_capacity{};                         ///< CACHE_CAPACITY
  int retrain_min_changes{};                    ///< RETRAIN_MIN_CHANGES
  int retrain_interval_s{};                     ///< RETRAIN_INTERVAL_S

  // -- accounts and sign-in ----------------------------------------------------------------
  bool signup_open{};                           ///< SIGNUP_OPEN
  bool session_cookie_secure{};                 ///< SESSION_COOKIE_SECURE
  int session_max_days{};                       ///< SESSION_MAX_DAYS
  int session_idle_days{};                      ///< SESSION_IDLE_DAYS
  int invite_ttl_hours{};                       ///< INVITE_TTL_HOURS
  int signin_free_failures{};                   ///< SIGNIN_FREE_FAILURES
  int signin_max_wait_s{};                      ///< SIGNIN_MAX_WAIT_S
  std::string auth_proxy_header;                ///< AUTH_PROXY_HEADER, lower-case
  std::vector<std::string> auth_proxy_trusted;  ///< AUTH_PROXY_TRUSTED

  // -- storage and cache backends --------------------------------------------------------------
  /// DATABASE_URL: PostgreSQL instead of SQLite when set, or when POSTGRES_HOST / POSTGRES_DB
  /// are (storage::postgres_conninfo builds the conninfo from the parts below then).
  std::string database_url;
  std::string postgres_user;      ///< POSTGRES_USER
  std::string postgres_password;  ///< POSTGRES_PASSWORD
  std::string postgres_db;        ///< POSTGRES_DB
  std::string postgres_host;      ///< POSTGRES_HOST
  int postgres_port{};            ///< POSTGRES_PORT
  int db_pool_size{};             ///< DB_POOL_SIZE
  std::string redis_url;          ///< REDIS_URL: shared slate cache when set

  // -- sync ----------------------------------------------------------------------------------
  bool use_real_justwatch{};     ///< USE_REAL_JUSTWATCH
  bool use_real_serializd{};     ///< USE_REAL_SERIALIZD (needs serializd_token)
  std::string serializd_user;    ///< SERIALIZD_USER
  std::string serializd_token;   ///< SERIALIZD_TOKEN
  int offers_stale_days{};       ///< OFFERS_STALE_DAYS
  int daily_refresh_limit{};     ///< DAILY_REFRESH_LIMIT
  int daily_refresh_hour{};      ///< DAILY_REFRESH_HOUR (local time, 0-23)
  std::string justwatch_url;     ///< JUSTWATCH_URL (a local replay server in tests)
  std::string serializd_url;     ///< SERIALIZD_URL
  bool use_real_tvmaze{};        ///< USE_REAL_TVMAZE
  std::string tvmaze_url;        ///< TVMAZE_URL
  std::string upstream_ca_file;  ///< UPSTREAM_CA_FILE (empty: the system's CAs only)
  int upstream_timeout_ms{};     ///< UPSTREAM_TIMEOUT_MS
  /// --refresh-dry-run: print the daily refresh's plan and exit (no service, no upstream)
  bool refresh_dry_run{};
  /// --set-password EMAIL: set that account's password from standard input and exit
  std::string set_password_email;

  // -- Family Mix ------------------------------------------------------------------------------
  double family_strong_min_fit{};  ///< FAMILY_STRONG_MIN_FIT (0-1)
  std::string family_strong_rule;  ///< FAMILY_STRONG_RULE: "min" or "avg"
  int family_strong_lock_count{};  ///< FAMILY_STRONG_LOCK_COUNT
  double family_misery_fit{};      ///< FAMILY_MISERY_FIT (0-1)
  double family_fairness{};        ///< FAMILY_FAIRNESS (0 = off)

  // -- operations ------------------------------------------------------------------------------
  int recs_target_p95_ms{};  ///< RECS_TARGET_P95_MS
  /// TEAMS_WEBHOOK_URL, DISCORD_WEBHOOK_URL, SLACK_WEBHOOK_URL: chat webhooks each Alertmanager
  /// notification is relayed to; empty: not relayed there. Secrets: never logged.
  std::string teams_webhook_url;
  std::string discord_webhook_url;
  std::string slack_webhook_url;
  /// HOUSEHOLD_WEBHOOKS: "public", "lan" or "off" (actors/push_target.hpp, push_reach).
  std::string household_webhooks;
  /// PUBLIC_URL: where households open the page (links in pushed alerts); empty: no link.
  std::string public_url;
  /// ALERT_WEBHOOK_TOKEN: when set, POST /alerts/alertmanager needs `Authorization: Bearer
  /// <token>`; empty: the receiver is open, like /metrics. A secret.
  std::string alert_webhook_token;

  /// The SQLite file of the embedded default.
  std::string sqlite_path() const { return data_dir + "/recs.sqlite"; }
};

using env_map = std::map<std::string, std::string>;

/// The process environment as a map.
env_map process_env();

/// Builds settings from the option table's defaults, then environment variables, then
/// command-line flags (`--flag VALUE` or `--flag=VALUE`; flags win). Invalid values (a
/// non-numeric PORT, an unknown flag, FAMILY_STRONG_RULE=max, ...) are an errc::invalid_argument
/// error naming the variable or flag. `help` is set when -h or --help was given.
result<settings> load_settings(const env_map& env, const std::vector<std::string>& args,
                               bool& help);

/// The --help text of recs-server, generated from the option table: every environment variable
/// and flag with its help line, default and range or choices (secrets' values never).
std::string help_text();

}  // namespace recs::config
