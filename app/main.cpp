// recs-server: starts the store, the actors and the HTTP front; stops on SIGINT/SIGTERM.
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <pthread.h>
#include <chrono>
#include <csignal>
#include <iostream>
#include <optional>
#include <thread>

#include "actors/alert_actor.hpp"
#include "actors/metered.hpp"
#include "actors/service.hpp"
#include "app/bootstrap.hpp"
#include "app/http_metrics.hpp"
#include "config/settings.hpp"
#include "net/http_server.hpp"
#include "net/live_hub.hpp"
#include "net/rest_api.hpp"
#include "net/router.hpp"
#include "net/static_files.hpp"
#include "redis/redis_url.hpp"
#include "storage/pg_conninfo.hpp"
#include "storage/pg_store.hpp"
#include "storage/sqlite_store.hpp"
#include "sync/offers_refresh.hpp"

namespace {

int fail(const std::string& what, const recs::error& e) {
  std::cerr << "recs-server: " << what << ": " << e.message << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace recs;
  bool help = false;
  auto settings = config::load_settings(config::process_env(),
                                        std::vector<std::string>(argv + 1, argv + argc), help);
  if (help) {
    std::cout << config::help_text();
    return 0;
  }
  if (!settings) {
    std::cerr << "recs-server: " << settings.err().message << "\n(see --help)" << std::endl;
    return 2;
  }
  const config::settings& s = *settings;
  // REDIS_URL: several instances share a slate cache and their members' changes through it.
  std::optional<redis::redis_url> redis_url;
  if (!s.redis_url.empty()) {
    auto url = redis::parse_redis_url(s.redis_url);
    if (!url) {
      std::cerr << "recs-server: " << url.err().message << std::endl;  // "REDIS_URL: ..."
      return 2;
    }
    redis_url = std::move(*url);
  }

  // Signals are taken by sigwait below; block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // --refresh-dry-run prints the plan alone on stdout: the start's messages go to stderr.
  std::streambuf* const stdout_buf = std::cout.rdbuf();
  if (s.refresh_dry_run) std::cout.rdbuf(std::cerr.rdbuf());
  // DATABASE_URL (or POSTGRES_HOST / POSTGRES_DB) selects PostgreSQL; else the SQLite file.
  const std::string pg =
      storage::postgres_conninfo({s.database_url, s.postgres_user, s.postgres_password,
                                  s.postgres_db, s.postgres_host, s.postgres_port});
  const std::string where =
      pg.empty() ? "sqlite " + s.sqlite_path() : "postgresql " + storage::redacted_conninfo(pg);
  std::cout << "storage: " << where << std::endl;
  auto open_db = [&] {
    return pg.empty() ? storage::open_sqlite(s.sqlite_path()) : storage::open_postgres(pg);
  };
  auto db = open_db();
  if (!db) return fail("opening " + where, db.err());
  auto version = (*db)->migrate();
  if (!version) return fail("migrating", version.err());
  auto catalog = app::load_catalog(**db, s);
  if (!catalog) return fail("loading the catalog", catalog.err());
  if (s.refresh_dry_run) {  // make refresh-dry: the plan from the database, no upstream call
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    auto plan = sync::plan_offers_refresh(**db, now, s.offers_stale_days,
                                          static_cast<std::size_t>(s.daily_refresh_limit));
    if (!plan) return fail("planning the daily refresh", plan.err());
    std::cout.rdbuf(stdout_buf);
    std::cout << net::render_refresh_plan(actors::plan_view(*plan, s.use_real_justwatch))
              << std::endl;
    return 0;
  }
  if (s.dev_mode) {
    if (auto st = app::seed_demo_household(**db); !st) return fail("seeding", st.err());
  }

  actors::system_config cfg;  // counts every actor's messages (GET /admin/actors, /metrics)
  caf::actor_system sys{cfg};
  actors::service_options opts;
  opts.scorers = s.scorers;
  opts.timeout = std::chrono::milliseconds(s.actor_timeout_ms);
  opts.cache_capacity = static_cast<std::size_t>(s.cache_capacity);
  opts.cache_ttl = std::chrono::seconds(s.cache_ttl_s);
  opts.store_pool_size = static_cast<std::size_t>(s.db_pool_size);
  opts.offers_stale_days = s.offers_stale_days;
  opts.training.min_changes = s.retrain_min_changes;
  opts.training.interval = std::chrono::seconds(s.retrain_interval_s);
  opts.family.strong_min_fit = s.family_strong_min_fit;
  opts.family.rule = s.family_strong_rule == "avg" ? strong_rule::avg : strong_rule::min;
  opts.family.lock_count = static_cast<std::size_t>(s.family_strong_lock_count);
  opts.family.misery_fit = s.family_misery_fit;
  opts.family.fairness = s.family_fairness;
  auto svc = actors::service::start(sys, opts, std::move(*db), *catalog);
  if (!svc) return fail("starting the actors", svc.err());
  if (redis_url) {
    // The cluster reads the profiles other instances changed over a connection of its own.
    auto reader = open_db();
    if (!reader) return fail("opening " + where + " (second connection)", reader.err());
    actors::cluster_options co;
    co.url = *redis_url;
    co.instance_id = actors::make_instance_id();
    co.log = [](const std::string& line) { std::cout << line << std::endl; };
    if (auto st = (*svc)->join_cluster(co, std::move(*reader)); !st)
      return fail("joining through Redis", st.err());
    // Redis is usually in use within milliseconds; the start does not wait for it beyond a second.
    for (int i = 0; i < 20 && (*svc)->cache_backend() != "redis"; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::cout << "cache: " << (*svc)->cache_backend() << " (" << redis::redacted(*redis_url)
              << ", instance " << co.instance_id << ", ttl " << s.cache_ttl_s << " s)" << std::endl;
  } else {
    std::cout << "cache: local (in-process, ttl " << s.cache_ttl_s << " s)" << std::endl;
  }

  {
    // The sync jobs work over store connections of their own (their SQL and upstream calls block).
    actors::offers_sync_options so;
    so.enabled = s.use_real_justwatch;
    so.stale_days = s.offers_stale_days;
    so.limit = static_cast<std::size_t>(s.daily_refresh_limit);
    so.hour = s.daily_refresh_hour;
    so.justwatch.graphql_url = s.justwatch_url;
    so.justwatch.query.country = s.region;
    so.http.ca_file = s.upstream_ca_file;
    so.http.request_timeout = std::chrono::milliseconds(s.upstream_timeout_ms);
    auto sync_db = open_db();
    if (!sync_db) return fail("opening " + where + " (sync connection)", sync_db.err());
    auto sync_reader = open_db();
    if (!sync_reader) return fail("opening " + where + " (sync reader)", sync_reader.err());
    if (auto st = (*svc)->start_sync(std::move(so), std::move(*sync_db), std::move(*sync_reader));
        !st)
      return fail("starting the sync jobs", st.err());
    actors::tvmaze_sync_options to;
    to.enabled = s.use_real_tvmaze;
    to.hour = s.daily_refresh_hour;
    to.tvmaze.base_url = s.tvmaze_url;
    to.http.ca_file = s.upstream_ca_file;
    to.http.request_timeout = std::chrono::milliseconds(s.upstream_timeout_ms);
    auto tvmaze_db = open_db();
    if (!tvmaze_db) return fail("opening " + where + " (tvmaze connection)", tvmaze_db.err());
    if (auto st = (*svc)->start_tvmaze_sync(std::move(to), std::move(*tvmaze_db)); !st)
      return fail("starting the TVmaze sync", st.err());
    actors::serializd_sync_options zo;
    zo.enabled = s.use_real_serializd;
    zo.serializd.base_url = s.serializd_url;
    zo.serializd.user = s.serializd_user;
    zo.serializd.token = s.serializd_token;
    zo.http.ca_file = s.upstream_ca_file;
    zo.http.request_timeout = std::chrono::milliseconds(s.upstream_timeout_ms);
    auto serializd_db = open_db();
    if (!serializd_db)
      return fail("opening " + where + " (serializd connection)", serializd_db.err());
    if (auto st = (*svc)->start_serializd(std::move(zo), std::move(*serializd_db)); !st)
      return fail("starting the Serializd import", st.err());
    std::cout << "sync: tvmaze " << (s.use_real_tvmaze ? "on (" + s.tvmaze_url + ")" : "off")
              << ", serializd " << (s.use_real_serializd ? "on (" + s.serializd_url + ")" : "off")
              << std::endl;
    std::cout << "sync: justwatch "
              << (s.use_real_justwatch ? "on (" + s.justwatch_url + ", daily at " +
                                             std::to_string(s.daily_refresh_hour) + ":00)"
                                       : std::string("off (USE_REAL_JUSTWATCH=false)"))
              << std::endl;
  }

  auto web = net::static_files::open(s.web_root);
  if (!web) return fail("opening the web root " + s.web_root, web.err());
  net::auth_options auth;
  auth.dev_mode = s.dev_mode;
  auth.admin_emails = s.admin_emails;

  net::live_options live;
  live.auth = auth;
  live.allowed_origins = s.ws_allowed_origins;
  auto hub = net::live_hub::create(**svc, **svc, **svc, live);
  if (auto st = app::ws_metrics(*(*svc)->metrics(),
                                [w = std::weak_ptr<net::live_hub>(hub)]() -> std::size_t {
                                  auto h = w.lock();
                                  return h ? h->connections() : 0;
                                });
      !st)
    return fail("adding the WebSocket metrics", st.err());

  // Alertmanager's webhook (POST /alerts/alertmanager), GET /admin/alerts, alerts over /ws, and
  // the relays to TEAMS_/DISCORD_/SLACK_WEBHOOK_URL (docs/api.md, "Alerts").
  actors::alert_options alert_opts;
  alert_opts.targets =
      actors::relay_targets(s.teams_webhook_url, s.discord_webhook_url, s.slack_webhook_url);
  alert_opts.relay.http.ca_file = s.upstream_ca_file;
  auto alert_pipeline = actors::alert_service::start(sys, alert_opts, (*svc)->metrics());
  if (!alert_pipeline) return fail("starting the alert actor", alert_pipeline.err());
  hub->connect_alerts(*alert_pipeline);
  std::string relay_names;
  for (const auto& t : alert_opts.targets)
    relay_names += (relay_names.empty() ? "" : ", ") + std::string(actors::to_string(t.kind));
  std::cout << "alerts: relay to " << (relay_names.empty() ? "none" : relay_names)
            << (s.alert_webhook_token.empty() ? "" : "; webhook needs ALERT_WEBHOOK_TOKEN")
            << std::endl;

  actors::service& ports = **svc;
  net::rest_ports rest{ports, ports, ports, ports, ports, ports, ports, ports, *alert_pipeline, {}};
  rest.alert_options.webhook_token = s.alert_webhook_token;
  net::router routes;
  net::install(routes, net::rest_routes(rest), ports, auth);
  routes.set_fallback(web->as_fallback());
  auto observe = app::request_metrics(*(*svc)->metrics());
  if (!observe) return fail("adding the request metrics", observe.err());
  routes.set_observer(std::move(*observe));

  net::server_options so;
  so.address = s.bind_address;
  so.port = s.port;
  so.threads = s.http_threads;
  so.websocket = hub->acceptor();
  net::http_server server(so, routes.as_handler());
  if (auto st = server.start(); !st) return fail("listening", st.err());
  std::cout << "listening on http://" << s.bind_address << ":" << server.port()
            << (s.dev_mode ? " (dev mode: token devtoken:demo@local.test)" : "") << std::endl;

  int sig = 0;
  sigwait(&signals, &sig);
  std::cout << "stopping (signal " << sig << ")" << std::endl;
  server.stop();
  (*svc)->shutdown();
  return 0;
}
