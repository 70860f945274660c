#define BOOST_TEST_MODULE config_settings
#include <boost/test/unit_test.hpp>

#include "config/settings.hpp"

using namespace recs;
using recs::config::env_map;
using recs::config::load_settings;

BOOST_AUTO_TEST_CASE(defaults_follow_the_spec) {
  bool help = false;
  auto s = load_settings({}, {}, help);
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(s->port == 8080);
  BOOST_TEST(s->data_dir == "./var");
  BOOST_TEST(s->region == "AU");
  BOOST_TEST(s->offers_stale_days == 14);
  BOOST_TEST(s->daily_refresh_limit == 200);
  BOOST_TEST(s->daily_refresh_hour == 3);
  BOOST_TEST(s->family_strong_min_fit == 0.78);
  BOOST_TEST(s->family_strong_rule == "min");
  BOOST_TEST(s->family_strong_lock_count == 1);
  BOOST_TEST(s->recs_target_p95_ms == 250);
  BOOST_TEST(s->cache_ttl_s == 60);
  BOOST_TEST(s->retrain_min_changes == 5);
  BOOST_TEST(s->retrain_interval_s == 60);
  BOOST_TEST(!s->dev_mode);
  BOOST_TEST(s->admin_emails.empty());
  BOOST_TEST(!help);
}

BOOST_AUTO_TEST_CASE(dev_mode_makes_the_demo_email_admin) {
  bool help = false;
  auto s = load_settings({{"DEV_MODE", "true"}}, {}, help);
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(s->dev_mode);
  BOOST_TEST((s->admin_emails == std::vector<std::string>{"demo@local.test"}));
  auto t = load_settings({{"DEV_MODE", "true"}, {"ADMIN_EMAILS", "a@x.test, B@y.test"}}, {}, help);
  BOOST_REQUIRE(t.ok());
  // Folded to lower case: net/auth compares them with the caller's folded email.
  BOOST_TEST((t->admin_emails == std::vector<std::string>{"a@x.test", "b@y.test"}));
}

BOOST_AUTO_TEST_CASE(env_values_are_parsed_and_flags_win) {
  bool help = false;
  env_map env = {{"PORT", "9000"},
                 {"DATA_DIR", "/tmp/x"},
                 {"FAMILY_STRONG_RULE", "AVG"},
                 {"FAMILY_STRONG_MIN_FIT", "0.5"},
                 {"FAMILY_MISERY_FIT", "0.1"},
                 {"FAMILY_FAIRNESS", "0"},
                 {"USE_REAL_JUSTWATCH", "yes"},
                 {"DAILY_REFRESH_HOUR", "23"}};
  auto s = load_settings(env, {"--port", "9001", "--data-dir=/tmp/y", "--dev"}, help);
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(s->port == 9001);
  BOOST_TEST(s->data_dir == "/tmp/y");
  BOOST_TEST(s->sqlite_path() == "/tmp/y/recs.sqlite");
  BOOST_TEST(s->family_strong_rule == "avg");
  BOOST_TEST(s->family_strong_min_fit == 0.5);
  BOOST_TEST(s->family_misery_fit == 0.1);
  BOOST_TEST(s->family_fairness == 0.0);
  BOOST_TEST(s->use_real_justwatch);
  BOOST_TEST(s->daily_refresh_hour == 23);
  BOOST_TEST(s->dev_mode);
}

BOOST_AUTO_TEST_CASE(invalid_values_are_errors_naming_the_variable) {
  bool help = false;
  const std::vector<env_map> bad = {{{"PORT", "eighty"}},
                                    {{"PORT", "70000"}},
                                    {{"FAMILY_STRONG_RULE", "max"}},
                                    {{"FAMILY_STRONG_MIN_FIT", "1.5"}},
                                    {{"FAMILY_MISERY_FIT", "-0.1"}},
                                    {{"FAMILY_FAIRNESS", "11"}},
                                    {{"DAILY_REFRESH_HOUR", "24"}},
                                    {{"USE_REAL_SERIALIZD", "maybe"}},
                                    {{"REGION", "au"}},
                                    {{"SCORERS", "0"}}};
  for (const auto& env : bad) {
    auto s = load_settings(env, {}, help);
    BOOST_TEST_REQUIRE(!s.ok());
    BOOST_TEST((s.err().code == errc::invalid_argument));
    BOOST_TEST(s.err().message.find(env.begin()->first) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(unknown_flags_are_rejected_and_help_is_recognised) {
  bool help = false;
  auto s = load_settings({}, {"--prot", "1"}, help);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.err().message.find("--prot") != std::string::npos);
  auto t = load_settings({}, {"--port"}, help);
  BOOST_TEST(!t.ok());
  auto h = load_settings({}, {"--help"}, help);
  BOOST_TEST(h.ok());
  BOOST_TEST(help);
  BOOST_TEST(recs::config::help_text().find("FAMILY_STRONG_MIN_FIT") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(alert_webhooks_and_token_are_checked) {
  bool help = false;
  auto off = load_settings({}, {}, help);
  BOOST_REQUIRE(off.ok());
  BOOST_TEST(off->teams_webhook_url.empty());
  BOOST_TEST(off->discord_webhook_url.empty());
  BOOST_TEST(off->slack_webhook_url.empty());
  BOOST_TEST(off->alert_webhook_token.empty());

  env_map env = {{"TEAMS_WEBHOOK_URL", "https://prod.example.logic.azure.com/workflows/1?sig=x"},
                 {"DISCORD_WEBHOOK_URL", "http://127.0.0.1:9999/api/webhooks/1/abc"},
                 {"SLACK_WEBHOOK_URL", ""},
                 {"ALERT_WEBHOOK_TOKEN", "s3cret-Token_1"}};
  auto s = load_settings(env, {}, help);
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(s->teams_webhook_url == env["TEAMS_WEBHOOK_URL"]);
  BOOST_TEST(s->discord_webhook_url == env["DISCORD_WEBHOOK_URL"]);
  BOOST_TEST(s->slack_webhook_url.empty());  // set but empty: off
  BOOST_TEST(s->alert_webhook_token == "s3cret-Token_1");

  const std::vector<env_map> bad = {{{"DISCORD_WEBHOOK_URL", "discord.com/api/webhooks/1/x"}},
                                    {{"TEAMS_WEBHOOK_URL", "ftp://example.org/hook"}},
                                    {{"SLACK_WEBHOOK_URL", "https://"}},
                                    {{"SLACK_WEBHOOK_URL", "https:///path"}},
                                    {{"SLACK_WEBHOOK_URL", "https://hooks.slack.com/a b"}},
                                    {{"DISCORD_WEBHOOK_URL", "https://x.test/\"quoted\""}},
                                    {{"ALERT_WEBHOOK_TOKEN", "two words"}},
                                    {{"ALERT_WEBHOOK_TOKEN", "tab\there"}},
                                    {{"ALERT_WEBHOOK_TOKEN", std::string(513, 'x')}}};
  for (const auto& e : bad) {
    auto r = load_settings(e, {}, help);
    BOOST_TEST_INFO(e.begin()->first << "=" << e.begin()->second.substr(0, 40));
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.err().message.find(e.begin()->first) != std::string::npos);
    // A webhook URL or token may be a secret: the error does not repeat it.
    if (e.begin()->second.size() > 8)
      BOOST_TEST(r.err().message.find(e.begin()->second) == std::string::npos);
  }
  const std::string help_text = recs::config::help_text();
  for (const char* name :
       {"TEAMS_WEBHOOK_URL", "DISCORD_WEBHOOK_URL", "SLACK_WEBHOOK_URL", "ALERT_WEBHOOK_TOKEN"})
    BOOST_TEST(help_text.find(name) != std::string::npos);
}
