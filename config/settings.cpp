#include "config/settings.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <sstream>

extern char** environ;  // NOLINT: POSIX

namespace recs::config {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

error invalid(const std::string& name, const std::string& value, const std::string& want) {
  return error{errc::invalid_argument, name + "=" + value + ": expected " + want};
}

result<long> parse_int(const std::string& name, const std::string& v, long lo, long hi) {
  errno = 0;
  char* end = nullptr;
  const long x = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || errno != 0 || end == nullptr || *end != '\0' || x < lo || x > hi)
    return invalid(name, v,
                   "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return x;
}

result<double> parse_double(const std::string& name, const std::string& v, double lo, double hi) {
  errno = 0;
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  if (v.empty() || errno != 0 || end == nullptr || *end != '\0' || !(x >= lo && x <= hi)) {
    std::ostringstream want;
    want << "a number in [" << lo << ", " << hi << "]";
    return invalid(name, v, want.str());
  }
  return x;
}

result<bool> parse_bool(const std::string& name, const std::string& v) {
  const std::string l = lower(v);
  if (l == "1" || l == "true" || l == "yes" || l == "on") return true;
  if (l == "0" || l == "false" || l == "no" || l == "off" || l.empty()) return false;
  return invalid(name, v, "true or false");
}

std::vector<std::string> split_list(const std::string& v) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : v + ",") {
    if (c == ',') {
      auto b = cur.find_first_not_of(" \t");
      auto e = cur.find_last_not_of(" \t");
      if (b != std::string::npos) out.push_back(lower(cur.substr(b, e - b + 1)));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

/// One setting: its env name, the flag that may also set it, and how to apply a value.
struct option {
  const char* env;
  const char* flag;  // nullptr: env only
  std::function<status(settings&, const std::string&)> apply;
};

template <class T>
std::function<status(settings&, const std::string&)> int_opt(T settings::*m, const char* name,
                                                             long lo, long hi) {
  return [=](settings& s, const std::string& v) -> status {
    auto x = parse_int(name, v, lo, hi);
    if (!x) return x.err();
    s.*m = static_cast<T>(*x);
    return ok_status();
  };
}

std::function<status(settings&, const std::string&)> double_opt(double settings::*m,
                                                                const char* name, double lo,
                                                                double hi) {
  return [=](settings& s, const std::string& v) -> status {
    auto x = parse_double(name, v, lo, hi);
    if (!x) return x.err();
    s.*m = *x;
    return ok_status();
  };
}

/// An upstream base URL: http:// or https:// only.
std::function<status(settings&, const std::string&)> url_opt(std::string settings::*m,
                                                             const char* name) {
  return [m, name](settings& s, const std::string& v) -> status {
    if (v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0)
      return error{errc::invalid_argument,
                   std::string(name) + " must be an http:// or https:// URL"};
    s.*m = v;
    return ok_status();
  };
}

/// A chat webhook URL: empty (off), or http(s)://host... without white space or control
/// characters. The message never repeats the value (it may hold a token).
std::function<status(settings&, const std::string&)> webhook_url_opt(std::string settings::*m,
                                                                     const char* name) {
  return [m, name](settings& s, const std::string& v) -> status {
    const std::string l = lower(v);
    const std::size_t scheme = l.rfind("https://", 0) == 0 ? 8 : l.rfind("http://", 0) == 0 ? 7 : 0;
    const bool clean = std::none_of(v.begin(), v.end(), [](char c) {
      return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '\\';
    });
    if (!v.empty() &&
        (scheme == 0 || v.size() == scheme || v[scheme] == '/' || !clean || v.size() > 2048))
      return error{errc::invalid_argument,
                   std::string(name) +
                       " must be an http:// or https:// URL with a host, without spaces or "
                       "quotes (or empty to turn it off)"};
    s.*m = v;
    return ok_status();
  };
}

std::function<status(settings&, const std::string&)> str_opt(std::string settings::*m) {
  return [=](settings& s, const std::string& v) -> status {
    s.*m = v;
    return ok_status();
  };
}

std::function<status(settings&, const std::string&)> bool_opt(bool settings::*m, const char* name) {
  return [=](settings& s, const std::string& v) -> status {
    auto x = parse_bool(name, v);
    if (!x) return x.err();
    s.*m = *x;
    return ok_status();
  };
}

const std::vector<option>& options() {
  static const std::vector<option> opts = {
      {"BIND_ADDRESS", "--bind", str_opt(&settings::bind_address)},
      {"PORT", "--port", int_opt(&settings::port, "PORT", 0, 65535)},
      {"DATA_DIR", "--data-dir", str_opt(&settings::data_dir)},
      {"CATALOG_PATH", "--catalog", str_opt(&settings::catalog_path)},
      {"PROVIDERS_PATH", "--providers", str_opt(&settings::providers_path)},
      {"WEB_ROOT", "--web-root", str_opt(&settings::web_root)},
      {"DEV_MODE", "--dev", bool_opt(&settings::dev_mode, "DEV_MODE")},
      {"ADMIN_EMAILS", nullptr,
       [](settings& s, const std::string& v) -> status {
         s.admin_emails = split_list(v);
         return ok_status();
       }},
      {"WS_ALLOWED_ORIGINS", nullptr,
       [](settings& s, const std::string& v) -> status {
         s.ws_allowed_origins = split_list(v);
         return ok_status();
       }},
      {"REGION", nullptr,
       [](settings& s, const std::string& v) -> status {
         if (v.size() != 2 || !std::isupper(static_cast<unsigned char>(v[0])) ||
             !std::isupper(static_cast<unsigned char>(v[1])))
           return invalid("REGION", v, "a two-letter upper-case country code");
         s.region = v;
         return ok_status();
       }},
      {"HTTP_THREADS", "--http-threads", int_opt(&settings::http_threads, "HTTP_THREADS", 1, 64)},
      {"SCORERS", "--scorers", int_opt(&settings::scorers, "SCORERS", 1, 64)},
      {"ACTOR_TIMEOUT_MS", nullptr,
       int_opt(&settings::actor_timeout_ms, "ACTOR_TIMEOUT_MS", 10, 600000)},
      {"CACHE_TTL_S", nullptr, int_opt(&settings::cache_ttl_s, "CACHE_TTL_S", 0, 86400)},
      {"CACHE_CAPACITY", nullptr,
       int_opt(&settings::cache_capacity, "CACHE_CAPACITY", 0, 10000000)},
      {"RETRAIN_MIN_CHANGES", nullptr,
       int_opt(&settings::retrain_min_changes, "RETRAIN_MIN_CHANGES", 1, 1000000)},
      {"RETRAIN_INTERVAL_S", nullptr,
       int_opt(&settings::retrain_interval_s, "RETRAIN_INTERVAL_S", 1, 86400)},
      {"DATABASE_URL", nullptr, str_opt(&settings::database_url)},
      {"POSTGRES_USER", nullptr, str_opt(&settings::postgres_user)},
      {"POSTGRES_PASSWORD", nullptr, str_opt(&settings::postgres_password)},
      {"POSTGRES_DB", nullptr, str_opt(&settings::postgres_db)},
      {"POSTGRES_HOST", nullptr, str_opt(&settings::postgres_host)},
      {"POSTGRES_PORT", nullptr, int_opt(&settings::postgres_port, "POSTGRES_PORT", 1, 65535)},
      {"DB_POOL_SIZE", nullptr, int_opt(&settings::db_pool_size, "DB_POOL_SIZE", 1, 32)},
      {"REDIS_URL", nullptr, str_opt(&settings::redis_url)},
      {"USE_REAL_JUSTWATCH", nullptr,
       bool_opt(&settings::use_real_justwatch, "USE_REAL_JUSTWATCH")},
      {"USE_REAL_SERIALIZD", nullptr,
       bool_opt(&settings::use_real_serializd, "USE_REAL_SERIALIZD")},
      {"SERIALIZD_USER", nullptr, str_opt(&settings::serializd_user)},
      {"SERIALIZD_TOKEN", nullptr, str_opt(&settings::serializd_token)},
      {"OFFERS_STALE_DAYS", nullptr,
       int_opt(&settings::offers_stale_days, "OFFERS_STALE_DAYS", 1, 3650)},
      {"DAILY_REFRESH_LIMIT", nullptr,
       int_opt(&settings::daily_refresh_limit, "DAILY_REFRESH_LIMIT", 0, 1000000)},
      {"DAILY_REFRESH_HOUR", nullptr,
       int_opt(&settings::daily_refresh_hour, "DAILY_REFRESH_HOUR", 0, 23)},
      {"JUSTWATCH_URL", nullptr, url_opt(&settings::justwatch_url, "JUSTWATCH_URL")},
      {"SERIALIZD_URL", nullptr, url_opt(&settings::serializd_url, "SERIALIZD_URL")},
      {"USE_REAL_TVMAZE", nullptr, bool_opt(&settings::use_real_tvmaze, "USE_REAL_TVMAZE")},
      {"TVMAZE_URL", nullptr, url_opt(&settings::tvmaze_url, "TVMAZE_URL")},
      {"UPSTREAM_CA_FILE", nullptr, str_opt(&settings::upstream_ca_file)},
      {"UPSTREAM_TIMEOUT_MS", nullptr,
       int_opt(&settings::upstream_timeout_ms, "UPSTREAM_TIMEOUT_MS", 100, 300000)},
      {"FAMILY_STRONG_MIN_FIT", nullptr,
       double_opt(&settings::family_strong_min_fit, "FAMILY_STRONG_MIN_FIT", 0.0, 1.0)},
      {"FAMILY_STRONG_RULE", nullptr,
       [](settings& s, const std::string& v) -> status {
         const std::string l = lower(v);
         if (l != "min" && l != "avg") return invalid("FAMILY_STRONG_RULE", v, "min or avg");
         s.family_strong_rule = l;
         return ok_status();
       }},
      {"FAMILY_STRONG_LOCK_COUNT", nullptr,
       int_opt(&settings::family_strong_lock_count, "FAMILY_STRONG_LOCK_COUNT", 0, 100)},
      {"FAMILY_MISERY_FIT", nullptr,
       double_opt(&settings::family_misery_fit, "FAMILY_MISERY_FIT", 0.0, 1.0)},
      {"FAMILY_FAIRNESS", nullptr,
       double_opt(&settings::family_fairness, "FAMILY_FAIRNESS", 0.0, 10.0)},
      {"RECS_TARGET_P95_MS", nullptr,
       int_opt(&settings::recs_target_p95_ms, "RECS_TARGET_P95_MS", 1, 600000)},
      {"TEAMS_WEBHOOK_URL", nullptr,
       webhook_url_opt(&settings::teams_webhook_url, "TEAMS_WEBHOOK_URL")},
      {"DISCORD_WEBHOOK_URL", nullptr,
       webhook_url_opt(&settings::discord_webhook_url, "DISCORD_WEBHOOK_URL")},
      {"SLACK_WEBHOOK_URL", nullptr,
       webhook_url_opt(&settings::slack_webhook_url, "SLACK_WEBHOOK_URL")},
      {"ALERT_WEBHOOK_TOKEN", nullptr,
       [](settings& s, const std::string& v) -> status {
         const bool visible = std::all_of(v.begin(), v.end(), [](char c) {
           return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
         });
         if (!visible || v.size() > 512)
           return error{errc::invalid_argument,
                        "ALERT_WEBHOOK_TOKEN must be at most 512 visible ASCII characters "
                        "without spaces (or empty to turn it off)"};
         s.alert_webhook_token = v;
         return ok_status();
       }},
  };
  return opts;
}

}  // namespace

bool settings::is_admin(const std::string& email) const {
  const std::string l = lower(email);
  return std::find(admin_emails.begin(), admin_emails.end(), l) != admin_emails.end();
}

env_map process_env() {
  env_map out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) out.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

result<settings> load_settings(const env_map& env, const std::vector<std::string>& args,
                               bool& help) {
  settings s;
  help = false;
  for (const auto& o : options()) {
    auto it = env.find(o.env);
    if (it == env.end()) continue;
    if (auto st = o.apply(s, it->second); !st) return st.err();
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      help = true;
      continue;
    }
    if (a == "--refresh-dry-run") {
      s.refresh_dry_run = true;
      continue;
    }
    std::string name = a;
    std::string value;
    bool has_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_value = true;
    }
    auto opt = std::find_if(options().begin(), options().end(),
                            [&](const option& o) { return o.flag != nullptr && name == o.flag; });
    if (opt == options().end()) return error{errc::invalid_argument, "unknown flag " + name};
    if (!has_value) {
      if (name == "--dev") {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return error{errc::invalid_argument, name + " needs a value"};
      }
    }
    if (auto st = opt->apply(s, value); !st) return st.err();
  }
  if (s.use_real_serializd && s.serializd_token.empty())
    return error{errc::invalid_argument, "USE_REAL_SERIALIZD=true needs SERIALIZD_TOKEN"};
  if (s.admin_emails.empty() && s.dev_mode && env.count("ADMIN_EMAILS") == 0)
    s.admin_emails = {"demo@local.test"};
  return s;
}

std::string help_text() {
  return R"(recs-server: a household TV show recommender (REST + web UI).

Usage: recs-server [flags]

Flags (each also settable by the environment variable in brackets; flags win):
  --port N            HTTP port, 0 picks a free one [PORT, default 8080]
  --bind ADDR         listen address [BIND_ADDRESS, default 0.0.0.0]
  --data-dir DIR      where the SQLite file lives (unless PostgreSQL is configured, below)
                      [DATA_DIR, default ./var]
  --catalog FILE      bundled catalog [CATALOG_PATH, default data/catalog.jsonl]
  --providers FILE    AU providers [PROVIDERS_PATH, default data/providers.json]
  --web-root DIR      static web UI [WEB_ROOT, default web]
  --dev               dev mode: devtoken:<email> tokens, demo household [DEV_MODE, default false]
  --http-threads N    HTTP I/O threads [HTTP_THREADS, default 2]
  --scorers N         scoring-pool workers [SCORERS, default 2]
  --refresh-dry-run   print the daily offers refresh's plan (titles, why) as JSON from the
                      database, call no upstream, and exit (make refresh-dry)
  -h, --help          this text

Environment only:
  ADMIN_EMAILS              comma-separated admin emails (dev mode default: demo@local.test)
  WS_ALLOWED_ORIGINS        other origins whose pages may open /ws (comma-separated) [none]
  REGION                    availability region [AU]
  ACTOR_TIMEOUT_MS          timeout of every inter-actor request [2000]
  CACHE_TTL_S, CACHE_CAPACITY   slate cache [60 s, 4096 slates]
  RETRAIN_MIN_CHANGES       rating changes that retrain the collaborative model [5]
  RETRAIN_INTERVAL_S        how often pending changes are checked; any change retrains
                            within 10 intervals [60]
  DATABASE_URL              use PostgreSQL instead of the SQLite file: a libpq URL
                            (postgresql://user:pass@host:5432/db) or conninfo [unset]
  POSTGRES_HOST, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_PORT [5432]
                            when DATABASE_URL is unset: setting POSTGRES_HOST or POSTGRES_DB
                            selects PostgreSQL too, connecting with these parts
  DB_POOL_SIZE              PostgreSQL connections (one store actor each); a profile's
                            writes always use the same one; SQLite uses one [2]
  REDIS_URL                 redis://[[user]:password@]host[:port][/db]: share the slate cache
                            (TTL CACHE_TTL_S) and change events (recs:events) with the other
                            instances on the same database; local cache while Redis is down [unset]
  USE_REAL_JUSTWATCH        verify AU offers with JustWatch: daily at DAILY_REFRESH_HOUR
                            (local time) and on POST /admin/jobs/daily_refresh [false]
  OFFERS_STALE_DAYS [14], DAILY_REFRESH_LIMIT [200], DAILY_REFRESH_HOUR [3]
                            a title is checked again after OFFERS_STALE_DAYS; a run checks at
                            most DAILY_REFRESH_LIMIT titles, stalest (never checked) first
  JUSTWATCH_URL             JustWatch's GraphQL endpoint [https://apis.justwatch.com/graphql]
  UPSTREAM_CA_FILE          extra PEM CA bundle trusted for upstream TLS [system CAs only]
  UPSTREAM_TIMEOUT_MS       one upstream exchange, after connecting [20000]
  USE_REAL_SERIALIZD        import a profile's Serializd diary as ratings on
                            POST /admin/jobs/serializd_import?profile=NAME [false]
  SERIALIZD_TOKEN, SERIALIZD_USER   the Serializd session token (required with
                            USE_REAL_SERIALIZD) and, if the token does not say, the username
  SERIALIZD_URL             Serializd's API [https://www.serializd.com/api]
  USE_REAL_TVMAZE           refresh metadata (runtime, network) from TVmaze daily at
                            DAILY_REFRESH_HOUR and on POST /admin/jobs/metadata_refresh [false]
  TVMAZE_URL                TVmaze's API [https://api.tvmaze.com]
  FAMILY_STRONG_MIN_FIT [0.78], FAMILY_STRONG_RULE [min|avg, min], FAMILY_STRONG_LOCK_COUNT [1]
  FAMILY_MISERY_FIT         a member's fit below this leaves a show out of the Mix [0.25]
  FAMILY_FAIRNESS           how strongly past picks nudge towards who lost out [1.0; 0 = off]
  RECS_TARGET_P95_MS [250]
  TEAMS_WEBHOOK_URL, DISCORD_WEBHOOK_URL, SLACK_WEBHOOK_URL
                            relay every Alertmanager notification received on
                            POST /alerts/alertmanager to these chat webhooks (http or https;
                            a few retries, failures logged and counted) [unset]
  ALERT_WEBHOOK_TOKEN       when set, POST /alerts/alertmanager needs
                            Authorization: Bearer <token> (Alertmanager's http_config, see
                            infra/README.md) [unset: open, like /metrics]
)";
}

}  // namespace recs::config
