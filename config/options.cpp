// The option table of recs-server: one row per setting with its environment variable (the
// product spec's name), its flag, its default, its kind, range or choices, and its help line.
// settings' defaults, load_settings(), the error messages and help_text() are all derived from
// it; README.md's "Settings" section is help_text() (test/config checks both).
#include "config/options.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <sstream>

#include "core/ascii.hpp"

namespace recs::config {

namespace {

using store_fn = std::function<bool(settings&, const std::string&)>;

value_spec make(kind type, std::string expects, store_fn store) {
  value_spec v;
  v.type = type;
  v.expects = std::move(expects);
  v.store = std::move(store);
  return v;
}

std::string range_text(long lo, long hi) {
  return "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

std::string range_text(double lo, double hi) {
  std::ostringstream out;
  out << "[" << lo << ", " << hi << "]";
  return out.str();
}

// -- kinds --------------------------------------------------------------------------------------

value_spec text(std::string settings::*m) {
  return make(kind::text, "", [m](settings& s, const std::string& v) {
    s.*m = v;
    return true;
  });
}

/// A string, lower-cased (an HTTP header name).
value_spec lower_text(std::string settings::*m) {
  return make(kind::text, "", [m](settings& s, const std::string& v) {
    s.*m = to_lower(trim(v));
    return true;
  });
}

/// A string `check` accepts; `expects` says which (for the error).
value_spec text(std::string settings::*m, std::string expects, bool (*check)(const std::string&)) {
  return make(kind::text, std::move(expects), [m, check](settings& s, const std::string& v) {
    if (!check(v)) return false;
    s.*m = v;
    return true;
  });
}

template <class T>
value_spec integer(T settings::*m, long lo, long hi) {
  value_spec v = make(kind::integer, "an integer in " + range_text(lo, hi),
                      [m, lo, hi](settings& s, const std::string& text) {
                        errno = 0;
                        char* end = nullptr;
                        const long x = std::strtol(text.c_str(), &end, 10);
                        if (text.empty() || errno != 0 || *end != '\0' || x < lo || x > hi)
                          return false;
                        s.*m = static_cast<T>(x);
                        return true;
                      });
  v.min = static_cast<double>(lo);
  v.max = static_cast<double>(hi);
  return v;
}

value_spec number(double settings::*m, double lo, double hi) {
  value_spec v = make(kind::number, "a number in " + range_text(lo, hi),
                      [m, lo, hi](settings& s, const std::string& text) {
                        errno = 0;
                        char* end = nullptr;
                        const double x = std::strtod(text.c_str(), &end);
                        if (text.empty() || errno != 0 || *end != '\0' || !(x >= lo && x <= hi))
                          return false;
                        s.*m = x;
                        return true;
                      });
  v.min = lo;
  v.max = hi;
  return v;
}

value_spec boolean(bool settings::*m) {
  return make(kind::boolean, "true or false", [m](settings& s, const std::string& text) {
    const std::string l = to_lower(text);
    if (l == "1" || l == "true" || l == "yes" || l == "on") {
      s.*m = true;
    } else if (l == "0" || l == "false" || l == "no" || l == "off" || l.empty()) {
      s.*m = false;
    } else {
      return false;
    }
    return true;
  });
}

value_spec list(std::vector<std::string> settings::*m) {
  return make(kind::list, "a comma-separated list", [m](settings& s, const std::string& text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= text.size()) {
      std::size_t comma = text.find(',', from);
      if (comma == std::string::npos) comma = text.size();
      const std::string_view item = trim(std::string_view(text).substr(from, comma - from));
      if (!item.empty()) out.push_back(to_lower(item));
      from = comma + 1;
    }
    s.*m = std::move(out);
    return true;
  });
}

value_spec choice(std::string settings::*m, std::vector<std::string> allowed) {
  std::string expects;
  for (const auto& a : allowed) expects += (expects.empty() ? "" : " or ") + a;
  value_spec v = make(kind::choice, expects, [m, allowed](settings& s, const std::string& text) {
    const std::string l = to_lower(text);
    if (std::find(allowed.begin(), allowed.end(), l) == allowed.end()) return false;
    s.*m = l;
    return true;
  });
  v.choices = std::move(allowed);
  return v;
}

/// A password, token or a URL that may hold one: --help never shows a value, errors never
/// repeat it.
value_spec secret(value_spec v) {
  v.secret = true;
  return v;
}

/// The value in dev mode when the variable is not set at all.
value_spec in_dev_mode(value_spec v, std::string dev_default) {
  v.dev_default = std::move(dev_default);
  return v;
}

// -- checks ---------------------------------------------------------------------------------------

bool is_http_url(const std::string& v) {
  return v.rfind("https://", 0) == 0 || v.rfind("http://", 0) == 0;
}

/// Empty (off), or http(s)://host... without white space, control characters or quotes.
bool is_webhook_url(const std::string& v) {
  if (v.empty()) return true;
  const std::string l = to_lower(v);
  const std::size_t scheme = l.rfind("https://", 0) == 0 ? 8 : l.rfind("http://", 0) == 0 ? 7 : 0;
  const bool clean = std::none_of(v.begin(), v.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '\\';
  });
  return scheme != 0 && v.size() > scheme && v[scheme] != '/' && clean && v.size() <= 2048;
}

bool is_country_code(const std::string& v) {
  return v.size() == 2 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z';
}

/// Empty (off), or at most 512 visible ASCII characters.
bool is_bearer_token(const std::string& v) {
  return v.size() <= 512 && std::all_of(v.begin(), v.end(), [](char c) {
           return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
         });
}

const char* const http_url = "an http:// or https:// URL";
const char* const webhook_url =
    "an http:// or https:// URL with a host, without spaces or quotes (or empty to turn it off)";

}  // namespace

status value_spec::apply(settings& s, const std::string& name, const std::string& value) const {
  if (store(s, value)) return ok_status();
  if (secret)
    return error{errc::invalid_argument,
                 name + ": expected " + expects + " (the value is secret: not shown)"};
  return error{errc::invalid_argument, name + "=" + value + ": expected " + expects};
}

std::string option::name() const {
  return env != nullptr ? env : flag_name();
}

std::string option::flag_name() const {
  if (flag == nullptr) return "";
  const std::string f = flag;
  return f.substr(0, f.find(' '));
}

const char* section_title(section s) {
  switch (s) {
    case section::service:
      return "Service";
    case section::accounts:
      return "Accounts and sign-in";
    case section::storage:
      return "Storage";
    case section::sync:
      return "Sync (upstream data)";
    case section::family:
      return "Family Mix";
    case section::operations:
      return "Operations";
  }
  return "";
}

const char* section_note(section s) {
  switch (s) {
    case section::accounts:
      return "Passwords are Argon2id hashes; sessions, API tokens and invite codes are stored "
             "only as digests. Sign-in failures beyond the free ones make the next attempt "
             "wait, twice as long after each further failure (per account and per address).";
    case section::storage:
      return "A SQLite file under DATA_DIR, unless DATABASE_URL is set or, without it, "
             "POSTGRES_HOST or POSTGRES_DB: then PostgreSQL, connecting with the POSTGRES_* "
             "parts.";
    case section::sync:
      return "A refresh checks titles never checked first, then those checked longest ago.";
    case section::operations:
      return "Each Alertmanager notification received on POST /alerts/alertmanager is relayed "
             "to every chat webhook set (http or https; a few retries, failures logged and "
             "counted).";
    default:
      return "";
  }
}

const std::vector<option>& options() {
  using S = settings;
  using P = section;
  // clang-format off
  static const std::vector<option> table = {
    {P::service, "PORT", "--port N", "8080", integer(&S::port, 0, 65535),
     "HTTP port; 0 picks a free one"},
    {P::service, "BIND_ADDRESS", "--bind ADDR", "0.0.0.0",
     in_dev_mode(text(&S::bind_address), "127.0.0.1"),
     "listen address (dev mode's token works for anyone who can reach it)"},
    {P::service, "DATA_DIR", "--data-dir DIR", "./var", text(&S::data_dir),
     "where the SQLite file lives (unless PostgreSQL is configured, see Storage)"},
    {P::service, "CATALOG_PATH", "--catalog FILE", "data/catalog.jsonl", text(&S::catalog_path),
     "the bundled catalog"},
    {P::service, "PROVIDERS_PATH", "--providers FILE", "data/providers.json",
     text(&S::providers_path), "the AU streaming providers"},
    {P::service, "WEB_ROOT", "--web-root DIR", "web", text(&S::web_root), "the static web UI"},
    {P::service, "DEV_MODE", "--dev", "false", boolean(&S::dev_mode),
     "dev mode: devtoken:<email> tokens, the demo household"},
    {P::service, "ADMIN_EMAILS", nullptr, "",
     in_dev_mode(list(&S::admin_emails), "demo@local.test"),
     "emails allowed to use /admin/* (comma-separated)"},
    {P::service, "WS_ALLOWED_ORIGINS", nullptr, "", list(&S::ws_allowed_origins),
     "other origins (e.g. https://tv.example.org) whose pages may open /ws (comma-separated)"},
    {P::service, "REGION", nullptr, "AU",
     text(&S::region, "a two-letter upper-case country code", is_country_code),
     "availability region"},
    {P::service, "HTTP_THREADS", "--http-threads N", "2", integer(&S::http_threads, 1, 64),
     "HTTP I/O threads"},
    {P::service, "SCORERS", "--scorers N", "2", integer(&S::scorers, 1, 64),
     "scoring-pool workers"},
    {P::service, "ACTOR_TIMEOUT_MS", nullptr, "2000", integer(&S::actor_timeout_ms, 10, 600000),
     "timeout of every inter-actor request, in ms"},
    {P::service, "CACHE_TTL_S", nullptr, "60", integer(&S::cache_ttl_s, 0, 86400),
     "how long a cached slate lives, in seconds"},
    {P::service, "CACHE_CAPACITY", nullptr, "4096", integer(&S::cache_capacity, 0, 10000000),
     "slates kept in the in-process cache"},
    {P::service, "RETRAIN_MIN_CHANGES", nullptr, "5",
     integer(&S::retrain_min_changes, 1, 1000000),
     "rating changes that retrain the collaborative model"},
    {P::service, "RETRAIN_INTERVAL_S", nullptr, "60", integer(&S::retrain_interval_s, 1, 86400),
     "how often pending changes are checked; any change retrains within 10 intervals"},

    {P::accounts, "SIGNUP_OPEN", nullptr, "false", boolean(&S::signup_open),
     "anyone may create a household (POST /auth/signup); else the first run and admins do"},
    {P::accounts, "SESSION_COOKIE_SECURE", nullptr, "false", boolean(&S::session_cookie_secure),
     "the service is reached over https (behind TLS): the session cookie gets Secure"},
    {P::accounts, "SESSION_MAX_DAYS", nullptr, "30", integer(&S::session_max_days, 1, 3650),
     "a session ends this many days after sign-in"},
    {P::accounts, "SESSION_IDLE_DAYS", nullptr, "14", integer(&S::session_idle_days, 1, 3650),
     "a session not used for this many days ends"},
    {P::accounts, "INVITE_TTL_HOURS", nullptr, "72", integer(&S::invite_ttl_hours, 1, 8760),
     "how long an invite link works"},
    {P::accounts, "SIGNIN_FREE_FAILURES", nullptr, "5",
     integer(&S::signin_free_failures, 0, 1000),
     "failed sign-ins allowed before the next one must wait"},
    {P::accounts, "SIGNIN_MAX_WAIT_S", nullptr, "900", integer(&S::signin_max_wait_s, 1, 86400),
     "the longest wait after repeated failures, in seconds"},
    {P::accounts, "AUTH_PROXY_HEADER", nullptr, "", lower_text(&S::auth_proxy_header),
     "a reverse proxy's header with the signed-in email (e.g. Remote-Email); empty: off"},
    {P::accounts, "AUTH_PROXY_TRUSTED", nullptr, "", list(&S::auth_proxy_trusted),
     "the proxy addresses whose AUTH_PROXY_HEADER is believed (comma-separated)"},
    {P::accounts, nullptr, "--set-password EMAIL", "", lower_text(&S::set_password_email),
     "set that account's password (one line on standard input), sign out its sessions, and "
     "exit; for a forgotten password, or an owner from before sign-in existed"},

    {P::storage, "DATABASE_URL", nullptr, "", secret(text(&S::database_url)),
     "PostgreSQL: a libpq URL (postgresql://user:pass@host:5432/db) or a conninfo string"},
    {P::storage, "POSTGRES_HOST", nullptr, "", text(&S::postgres_host), "PostgreSQL host"},
    {P::storage, "POSTGRES_DB", nullptr, "", text(&S::postgres_db), "PostgreSQL database"},
    {P::storage, "POSTGRES_USER", nullptr, "", text(&S::postgres_user), "PostgreSQL user"},
    {P::storage, "POSTGRES_PASSWORD", nullptr, "", secret(text(&S::postgres_password)),
     "PostgreSQL password"},
    {P::storage, "POSTGRES_PORT", nullptr, "5432", integer(&S::postgres_port, 1, 65535),
     "PostgreSQL port"},
    {P::storage, "DB_POOL_SIZE", nullptr, "2", integer(&S::db_pool_size, 1, 32),
     "PostgreSQL connections, one store actor each (a profile's writes always use the same "
     "one); SQLite uses one"},
    {P::storage, "REDIS_URL", nullptr, "", secret(text(&S::redis_url)),
     "redis://[[user]:password@]host[:port][/db]: share the slate cache (for CACHE_TTL_S) and "
     "change events (recs:events) with the other instances on the same database; a local "
     "cache while Redis is down"},

    {P::sync, "USE_REAL_JUSTWATCH", nullptr, "false", boolean(&S::use_real_justwatch),
     "verify AU offers with JustWatch daily at DAILY_REFRESH_HOUR and on "
     "POST /admin/jobs/daily_refresh"},
    {P::sync, "OFFERS_STALE_DAYS", nullptr, "14", integer(&S::offers_stale_days, 1, 3650),
     "a title's offers are checked again after this many days"},
    {P::sync, "DAILY_REFRESH_LIMIT", nullptr, "200", integer(&S::daily_refresh_limit, 0, 1000000),
     "titles one refresh checks at most"},
    {P::sync, "DAILY_REFRESH_HOUR", nullptr, "3", integer(&S::daily_refresh_hour, 0, 23),
     "the hour (local time) of the daily refreshes"},
    {P::sync, "JUSTWATCH_URL", nullptr, "https://apis.justwatch.com/graphql",
     text(&S::justwatch_url, http_url, is_http_url), "JustWatch's GraphQL endpoint"},
    {P::sync, "USE_REAL_SERIALIZD", nullptr, "false", boolean(&S::use_real_serializd),
     "import a profile's Serializd diary as ratings on "
     "POST /admin/jobs/serializd_import?profile=NAME (needs SERIALIZD_TOKEN)"},
    {P::sync, "SERIALIZD_TOKEN", nullptr, "", secret(text(&S::serializd_token)),
     "the Serializd session token"},
    {P::sync, "SERIALIZD_USER", nullptr, "", text(&S::serializd_user),
     "the Serializd username, if the token does not say"},
    {P::sync, "SERIALIZD_URL", nullptr, "https://www.serializd.com/api",
     text(&S::serializd_url, http_url, is_http_url), "Serializd's API"},
    {P::sync, "USE_REAL_TVMAZE", nullptr, "false", boolean(&S::use_real_tvmaze),
     "refresh metadata (runtime, network) from TVmaze daily at DAILY_REFRESH_HOUR and on "
     "POST /admin/jobs/metadata_refresh"},
    {P::sync, "TVMAZE_URL", nullptr, "https://api.tvmaze.com",
     text(&S::tvmaze_url, http_url, is_http_url), "TVmaze's API"},
    {P::sync, "UPSTREAM_CA_FILE", nullptr, "", text(&S::upstream_ca_file),
     "an extra PEM bundle of CAs trusted for upstream TLS, besides the system's"},
    {P::sync, "UPSTREAM_TIMEOUT_MS", nullptr, "20000",
     integer(&S::upstream_timeout_ms, 100, 300000),
     "one upstream exchange after connecting, in ms"},
    {P::sync, nullptr, "--refresh-dry-run", "false", boolean(&S::refresh_dry_run),
     "print the daily offers refresh's plan (titles, why) as JSON from the database, call no "
     "upstream, and exit (make refresh-dry)"},

    {P::family, "FAMILY_STRONG_MIN_FIT", nullptr, "0.78",
     number(&S::family_strong_min_fit, 0.0, 1.0),
     "a show is a strong pick when FAMILY_STRONG_RULE of the members' fits reaches this"},
    {P::family, "FAMILY_STRONG_RULE", nullptr, "min",
     choice(&S::family_strong_rule, {"min", "avg"}),
     "min: every member's fit must reach FAMILY_STRONG_MIN_FIT; avg: their average"},
    {P::family, "FAMILY_STRONG_LOCK_COUNT", nullptr, "1",
     integer(&S::family_strong_lock_count, 0, 100), "strong picks locked on top of the Mix"},
    {P::family, "FAMILY_MISERY_FIT", nullptr, "0.25", number(&S::family_misery_fit, 0.0, 1.0),
     "a member's fit below this leaves a show out of the Mix"},
    {P::family, "FAMILY_FAIRNESS", nullptr, "1.0", number(&S::family_fairness, 0.0, 10.0),
     "how strongly past picks nudge towards who lost out; 0 = off"},

    {P::operations, "RECS_TARGET_P95_MS", nullptr, "250",
     integer(&S::recs_target_p95_ms, 1, 600000),
     "the p95 latency target of recommendations, in ms (the alert rules' threshold)"},
    {P::operations, "TEAMS_WEBHOOK_URL", nullptr, "",
     secret(text(&S::teams_webhook_url, webhook_url, is_webhook_url)),
     "relay every Alertmanager notification to this Microsoft Teams webhook"},
    {P::operations, "DISCORD_WEBHOOK_URL", nullptr, "",
     secret(text(&S::discord_webhook_url, webhook_url, is_webhook_url)),
     "relay every Alertmanager notification to this Discord webhook"},
    {P::operations, "SLACK_WEBHOOK_URL", nullptr, "",
     secret(text(&S::slack_webhook_url, webhook_url, is_webhook_url)),
     "relay every Alertmanager notification to this Slack webhook"},
    {P::operations, "HOUSEHOLD_WEBHOOKS", nullptr, "public",
     choice(&S::household_webhooks, {"public", "lan", "off"}),
     "which webhooks households may set for their watchlist alerts (PUT /me/webhook): public = "
     "https to public addresses only; lan = also http and this network's addresses (a home "
     "server's own ntfy); off = none"},
    {P::operations, "PUBLIC_URL", nullptr, "",
     text(&S::public_url, webhook_url, is_webhook_url),
     "the address households open the page at, linked from pushed alerts; empty: no link"},
    {P::operations, "ALERT_WEBHOOK_TOKEN", nullptr, "",
     secret(text(&S::alert_webhook_token,
                 "at most 512 visible ASCII characters without spaces (or empty to turn it off)",
                 is_bearer_token)),
     "when set, POST /alerts/alertmanager needs Authorization: Bearer <token> (infra/README.md); "
     "unset, it is open like /metrics"},
  };
  // clang-format on
  return table;
}

}  // namespace recs::config
