// The option table is the one source of recs-server's settings: these tests check that every
// row is complete, that --help and README.md show every row, and that load_settings() refuses
// what a row does not allow, naming the variable (or flag).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "config/options.hpp"
#include "config/settings.hpp"

using namespace recs;
using recs::config::env_map;
using recs::config::kind;
using recs::config::load_settings;
using recs::config::option;
using recs::config::options;

namespace {

/// `text` with every run of white space (line breaks too) as one space.
std::string squeeze(const std::string& text) {
  std::istringstream in(text);
  std::string word;
  std::string out;
  while (in >> word) out += (out.empty() ? "" : " ") + word;
  return out;
}

std::string shown_default(const option& o) {
  const std::string def = o.default_value;
  if (o.value.secret) return "secret; default: unset";
  if (def.empty())
    return std::string("default: ") + (o.value.type == kind::list ? "none" : "unset");
  return "default: " + def;
}

std::string number_text(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

/// Applies `value` to a row through load_settings, as the environment variable or else the flag.
result<config::settings> load_one(const option& o, const std::string& value) {
  bool help = false;
  if (o.env != nullptr) return load_settings({{o.env, value}}, {}, help);
  return load_settings({}, {o.flag_name() + "=" + value}, help);
}

void check_refused(const option& o, const std::string& value) {
  BOOST_TEST_CONTEXT(o.name() << "=" << value) {
    auto r = load_one(o, value);
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST((r.err().code == errc::invalid_argument));
    BOOST_TEST(r.err().message.find(o.name()) != std::string::npos, r.err().message);
    if (o.value.secret && value.size() > 3)
      BOOST_TEST(r.err().message.find(value) == std::string::npos, r.err().message);
  }
}

/// The row takes `value` (checked on the row alone: load_settings also applies the rules that
/// join rows, such as USE_REAL_SERIALIZD needing SERIALIZD_TOKEN).
void check_accepted(const option& o, const std::string& value) {
  BOOST_TEST_CONTEXT(o.name() << "=" << value) {
    config::settings s;
    auto r = o.value.apply(s, o.name(), value);
    BOOST_TEST(r.ok(), (r.ok() ? "" : r.err().message));
  }
}

std::string read_readme() {
  const char* dir = std::getenv("RECS_SOURCE_DIR");
  const std::string path =
      std::string(dir != nullptr ? dir : RECS_SOURCE_DIR_AT_BUILD) + "/README.md";
  std::ifstream in(path);
  BOOST_TEST_REQUIRE(in.good(), "cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_row_is_complete_and_unique) {
  std::set<std::string> envs;
  std::set<std::string> flags;
  for (const auto& o : options()) {
    BOOST_TEST_CONTEXT(o.name()) {
      BOOST_TEST((o.env != nullptr || o.flag != nullptr));
      if (o.env != nullptr) BOOST_TEST(envs.insert(o.env).second, "env var twice");
      if (o.flag != nullptr) {
        BOOST_TEST(o.flag_name().rfind("--", 0) == 0u);
        BOOST_TEST(flags.insert(o.flag_name()).second, "flag twice");
        // A flag that takes a value names it in --help ("--port N"); a switch does not.
        BOOST_TEST((o.flag_name() != o.flag) == (o.value.type != kind::boolean));
      }
      BOOST_TEST(o.default_value != nullptr);
      BOOST_TEST(o.help != nullptr);
      const std::string help = o.help != nullptr ? o.help : "";
      BOOST_TEST(!help.empty());
      BOOST_TEST(help.find('\n') == std::string::npos, "help is one line");
      BOOST_TEST(static_cast<bool>(o.value.store));
      // The default is a valid value of the row (the constructor applies it).
      config::settings s;
      BOOST_TEST(o.value.apply(s, o.name(), o.default_value).ok());
      // A secret's default is never a value that --help would have to hide.
      if (o.value.secret) BOOST_TEST(std::string(o.default_value).empty());
      if (o.value.type == kind::choice) {
        BOOST_TEST(!o.value.choices.empty());
        BOOST_TEST((std::find(o.value.choices.begin(), o.value.choices.end(), o.default_value) !=
                    o.value.choices.end()));
      }
      if (o.value.type == kind::integer || o.value.type == kind::number)
        BOOST_TEST(o.value.min <= o.value.max);
    }
  }
  BOOST_TEST(flags.count("--help") == 0u);  // handled by load_settings itself
}

BOOST_AUTO_TEST_CASE(names_and_flags_are_the_product_specs) {
  // The product spec's variables and the flags recs-server has always taken: never renamed.
  // clang-format off
  const std::set<std::string> spec_envs = {
      "ACTOR_TIMEOUT_MS", "ADMIN_EMAILS", "ALERT_WEBHOOK_TOKEN", "BIND_ADDRESS", "CACHE_CAPACITY",
      "CACHE_TTL_S", "CATALOG_PATH", "DAILY_REFRESH_HOUR", "DAILY_REFRESH_LIMIT", "DATABASE_URL",
      "DATA_DIR", "DB_POOL_SIZE", "DEV_MODE", "DISCORD_WEBHOOK_URL", "FAMILY_FAIRNESS",
      "FAMILY_MISERY_FIT", "FAMILY_STRONG_LOCK_COUNT", "FAMILY_STRONG_MIN_FIT",
      "FAMILY_STRONG_RULE", "HTTP_THREADS", "JUSTWATCH_URL", "OFFERS_STALE_DAYS", "PORT",
      "POSTGRES_DB", "POSTGRES_HOST", "POSTGRES_PASSWORD", "POSTGRES_PORT", "POSTGRES_USER",
      "PROVIDERS_PATH", "RECS_TARGET_P95_MS", "REDIS_URL", "REGION", "RETRAIN_INTERVAL_S",
      "RETRAIN_MIN_CHANGES", "SCORERS", "SERIALIZD_TOKEN", "SERIALIZD_URL", "SERIALIZD_USER",
      "SLACK_WEBHOOK_URL", "TEAMS_WEBHOOK_URL", "TVMAZE_URL", "UPSTREAM_CA_FILE",
      "UPSTREAM_TIMEOUT_MS", "USE_REAL_JUSTWATCH", "USE_REAL_SERIALIZD", "USE_REAL_TVMAZE",
      "WEB_ROOT", "WS_ALLOWED_ORIGINS",
      // accounts (issue 15), after the spec
      "AUTH_PROXY_HEADER", "AUTH_PROXY_TRUSTED", "INVITE_TTL_HOURS", "SESSION_COOKIE_SECURE",
      "SESSION_IDLE_DAYS", "SESSION_MAX_DAYS", "SIGNIN_FREE_FAILURES", "SIGNIN_MAX_WAIT_S",
      "SIGNUP_OPEN",
      // households' own webhooks (issue 16), after the spec
      "HOUSEHOLD_WEBHOOKS", "PUBLIC_URL"};
  const std::set<std::string> spec_flags = {
      "--bind", "--catalog", "--data-dir", "--dev", "--http-threads", "--port", "--providers",
      "--refresh-dry-run", "--scorers", "--web-root",
      // accounts (issue 15), after the spec
      "--set-password"};
  // clang-format on
  std::set<std::string> envs;
  std::set<std::string> flags;
  for (const auto& o : options()) {
    if (o.env != nullptr) envs.insert(o.env);
    if (o.flag != nullptr) flags.insert(o.flag_name());
  }
  BOOST_TEST(envs == spec_envs, boost::test_tools::per_element());
  BOOST_TEST(flags == spec_flags, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(help_lists_every_option_with_its_help_and_default) {
  const std::string raw = config::help_text();
  const std::string help = squeeze(raw);
  for (const auto& o : options()) {
    BOOST_TEST_CONTEXT(o.name()) {
      std::string names = o.env != nullptr ? o.env : "";
      if (o.flag != nullptr) names += (names.empty() ? "" : ", ") + std::string(o.flag);
      const auto at = help.find(names + " " + o.help + " [" + shown_default(o));
      BOOST_TEST(at != std::string::npos,
                 "--help lacks: " << names << " " << o.help << " [" << shown_default(o));
      if (o.value.type == kind::integer)
        BOOST_TEST(help.find(std::to_string(static_cast<long>(o.value.min)) + ".." +
                                 std::to_string(static_cast<long>(o.value.max)),
                             at) != std::string::npos);
      if (o.value.type == kind::number)
        BOOST_TEST(help.find(number_text(o.value.min) + ".." + number_text(o.value.max), at) !=
                   std::string::npos);
      if (o.value.dev_default.size() > 0)
        BOOST_TEST(help.find("in dev mode: " + o.value.dev_default, at) != std::string::npos);
    }
  }
  BOOST_TEST(help.find("-h, --help") != std::string::npos);
  // Fits a terminal.
  std::istringstream lines(raw);
  for (std::string line; std::getline(lines, line);) BOOST_TEST(line.size() <= 100u, line);
}

BOOST_AUTO_TEST_CASE(secrets_are_never_shown) {
  const std::string help = config::help_text();
  for (const auto& o : options()) {
    if (!o.value.secret) continue;
    BOOST_TEST_CONTEXT(o.name()) {
      // A valid secret is taken as it is, and --help does not show it.
      const std::string value = "https://hooks.example.test/s3cr3t-Value_1";
      bool flag_help = false;
      auto s = load_settings({{o.env, value}}, {"--help"}, flag_help);
      BOOST_TEST(s.ok());
      BOOST_TEST(flag_help);
      BOOST_TEST(config::help_text() == help);
      BOOST_TEST(help.find("s3cr3t") == std::string::npos);
      // A refused secret is not repeated in the error (check_refused checks that).
      if (!o.value.expects.empty()) check_refused(o, "not a valid s3cr3t");
    }
  }
  // The four relay and receiver secrets, the database and cache URLs, passwords and tokens.
  std::set<std::string> secrets;
  for (const auto& o : options())
    if (o.value.secret) secrets.insert(o.name());
  for (const char* name :
       {"POSTGRES_PASSWORD", "DATABASE_URL", "REDIS_URL", "SERIALIZD_TOKEN", "TEAMS_WEBHOOK_URL",
        "DISCORD_WEBHOOK_URL", "SLACK_WEBHOOK_URL", "ALERT_WEBHOOK_TOKEN"})
    BOOST_TEST(secrets.count(name) == 1u, name);
}

BOOST_AUTO_TEST_CASE(ranges_are_enforced_at_both_ends) {
  for (const auto& o : options()) {
    const auto& v = o.value;
    if (v.type == kind::integer) {
      const long lo = static_cast<long>(v.min);
      const long hi = static_cast<long>(v.max);
      check_accepted(o, std::to_string(lo));
      check_accepted(o, std::to_string(hi));
      check_refused(o, std::to_string(lo - 1));
      check_refused(o, std::to_string(hi + 1));
      check_refused(o, "");
      check_refused(o, "ten");
      check_refused(o, std::to_string(lo) + ".5");
      check_refused(o, std::to_string(lo) + "x");
      check_refused(o, "99999999999999999999999");
      auto r = load_one(o, std::to_string(hi + 1));
      BOOST_TEST((!r.ok() && r.err().message.find("an integer in [" + std::to_string(lo) + ", " +
                                                  std::to_string(hi) + "]") != std::string::npos));
    } else if (v.type == kind::number) {
      const double span = v.max - v.min;
      check_accepted(o, number_text(v.min));
      check_accepted(o, number_text(v.max));
      check_accepted(o, number_text(v.min + span / 2));
      check_refused(o, number_text(v.min - span / 100));
      check_refused(o, number_text(v.max + span / 100));
      check_refused(o, "");
      check_refused(o, "nan");
      check_refused(o, "half");
    }
  }
  bool help = false;
  auto s = load_settings({{"PORT", "0"}, {"FAMILY_FAIRNESS", "10"}, {"DAILY_REFRESH_HOUR", "0"}},
                         {}, help);
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(s->port == 0);
  BOOST_TEST(s->family_fairness == 10.0);
  BOOST_TEST(s->daily_refresh_hour == 0);
  auto t = load_settings({}, {"--port=65535", "--scorers", "64"}, help);
  BOOST_REQUIRE(t.ok());
  BOOST_TEST(t->port == 65535);
  BOOST_TEST(t->scorers == 64);
}

BOOST_AUTO_TEST_CASE(bad_values_of_every_kind_are_refused_naming_the_variable) {
  for (const auto& o : options()) {
    const auto& v = o.value;
    switch (v.type) {
      case kind::boolean:
        for (const char* ok : {"true", "FALSE", "yes", "no", "on", "off", "1", "0", ""})
          check_accepted(o, ok);
        check_refused(o, "maybe");
        check_refused(o, "2");
        break;
      case kind::choice:
        for (const auto& c : v.choices) {
          check_accepted(o, c);
          std::string upper = c;
          for (char& ch : upper) ch = static_cast<char>(ch - 'a' + 'A');
          check_accepted(o, upper);
        }
        check_refused(o, "none-of-these");
        check_refused(o, "");
        break;
      case kind::text:
        // A checked string (a URL, a country code, a token) refuses a leading space.
        if (!v.expects.empty()) check_refused(o, " not valid");
        break;
      default:
        break;
    }
  }
}

BOOST_AUTO_TEST_CASE(flags_are_parsed_from_the_table) {
  bool help = false;
  // Unknown flags, and env-only settings given as flags, are refused naming the flag.
  for (const char* flag : {"--nope", "--region", "--port-number", "-p", "port"}) {
    const std::string bad = flag;
    auto r = load_settings({}, {bad, "1"}, help);
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.err().message == "unknown flag " + bad);
  }
  for (const auto& o : options()) {
    if (o.flag == nullptr) continue;
    BOOST_TEST_CONTEXT(o.flag) {
      if (o.value.type == kind::boolean) {
        // A switch takes no value, and does not swallow the next argument.
        auto r = load_settings({}, {o.flag_name(), "--help"}, help);
        BOOST_TEST(r.ok());
        BOOST_TEST(help);
      } else {
        auto r = load_settings({}, {o.flag_name()}, help);
        BOOST_TEST_REQUIRE(!r.ok());
        BOOST_TEST(r.err().message == o.flag_name() + " needs a value");
      }
    }
  }
  auto dev = load_settings({{"DEV_MODE", "false"}}, {"--dev", "--refresh-dry-run"}, help);
  BOOST_REQUIRE(dev.ok());
  BOOST_TEST(dev->dev_mode);
  BOOST_TEST(dev->refresh_dry_run);
  BOOST_TEST(!help);
  auto off = load_settings({{"DEV_MODE", "true"}}, {"--dev=false"}, help);
  BOOST_REQUIRE(off.ok());
  BOOST_TEST(!off->dev_mode);
  BOOST_TEST(off->admin_emails.empty());  // the dev-mode default follows the final dev mode
  // A bad flag value names the flag.
  auto bad = load_settings({}, {"--http-threads", "0"}, help);
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST(bad.err().message.find("--http-threads=0") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dev_defaults_apply_only_when_the_variable_is_unset) {
  bool help = false;
  auto dev = load_settings({}, {"--dev"}, help);
  BOOST_REQUIRE(dev.ok());
  BOOST_TEST((dev->admin_emails == std::vector<std::string>{"demo@local.test"}));
  auto none = load_settings({{"DEV_MODE", "1"}, {"ADMIN_EMAILS", ""}}, {}, help);
  BOOST_REQUIRE(none.ok());
  BOOST_TEST(none->admin_emails.empty());
  auto prod = load_settings({}, {}, help);
  BOOST_REQUIRE(prod.ok());
  BOOST_TEST(prod->admin_emails.empty());
}

BOOST_AUTO_TEST_CASE(a_default_constructed_struct_has_the_table_defaults) {
  const config::settings s;
  bool help = false;
  auto loaded = load_settings({}, {}, help);
  BOOST_REQUIRE(loaded.ok());
  BOOST_TEST(s.port == loaded->port);
  BOOST_TEST(s.justwatch_url == "https://apis.justwatch.com/graphql");
  BOOST_TEST(s.serializd_url == "https://www.serializd.com/api");
  BOOST_TEST(s.tvmaze_url == "https://api.tvmaze.com");
  BOOST_TEST(s.bind_address == "0.0.0.0");
  BOOST_TEST(s.catalog_path == "data/catalog.jsonl");
  BOOST_TEST(s.providers_path == "data/providers.json");
  BOOST_TEST(s.web_root == "web");
  BOOST_TEST(s.http_threads == 2);
  BOOST_TEST(s.scorers == 2);
  BOOST_TEST(s.actor_timeout_ms == 2000);
  BOOST_TEST(s.cache_capacity == 4096);
  BOOST_TEST(s.postgres_port == 5432);
  BOOST_TEST(s.db_pool_size == 2);
  BOOST_TEST(s.upstream_timeout_ms == 20000);
  BOOST_TEST(s.family_misery_fit == 0.25);
  BOOST_TEST(s.family_fairness == 1.0);
  BOOST_TEST(!s.refresh_dry_run);
  BOOST_TEST(s.ws_allowed_origins.empty());
  BOOST_TEST(s.database_url.empty());
  BOOST_TEST(s.redis_url.empty());
}

BOOST_AUTO_TEST_CASE(readme_has_every_variable_and_flag_and_the_current_help) {
  const std::string readme = read_readme();
  for (const auto& o : options()) {
    if (o.env != nullptr)
      BOOST_TEST(readme.find(o.env) != std::string::npos, "README.md lacks " << o.env);
    if (o.flag != nullptr)
      BOOST_TEST(readme.find(o.flag_name()) != std::string::npos,
                 "README.md lacks " << o.flag_name());
  }
  // The "Settings" section is `recs-server --help`, between these markers.
  const std::string begin = "<!-- recs-server --help: begin -->\n```text\n";
  const std::string end = "```\n<!-- recs-server --help: end -->";
  const auto b = readme.find(begin);
  const auto e = readme.find(end);
  BOOST_TEST_REQUIRE(b != std::string::npos);
  BOOST_TEST_REQUIRE(e != std::string::npos);
  BOOST_TEST_REQUIRE(b < e);
  const std::string in_readme = readme.substr(b + begin.size(), e - b - begin.size());
  BOOST_TEST(in_readme == config::help_text(),
             "README.md's Settings section is stale: replace it with the output of "
             "`build/app/recs-server --help`");
}
