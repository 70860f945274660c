// recs-server: starts the store, the actors and the HTTP front; stops on SIGINT/SIGTERM. Or,
// with --set-password EMAIL, sets a password in the database and exits.
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <pthread.h>
#include <termios.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <iostream>
#include <optional>

#include "actors/metered.hpp"
#include "app/bootstrap.hpp"
#include "app/http_metrics.hpp"
#include "app/wiring.hpp"
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

namespace {

int fail(const std::string& what, const recs::error& e) {
  std::cerr << "recs-server: " << what << ": " << e.message << std::endl;
  return 1;
}

/// --set-password EMAIL: the password is the first line of standard input (not echoed on a
/// terminal).
int set_password(recs::storage::store& db, const recs::config::settings& s) {
  const bool tty = isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (tty) {
    std::cerr << "new password for " << s.set_password_email << ": " << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  const bool read = static_cast<bool>(std::getline(std::cin, password));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << std::endl;
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (!read || password.empty()) {
    std::cerr << "recs-server: --set-password reads the password from standard input (one line)"
              << std::endl;
    return 2;
  }
  auto ended = recs::app::set_password(db, s.set_password_email, password,
                                       recs::app::account_options_of(s).cost);
  if (!ended) return fail("setting the password", ended.err());
  std::cout << "password set for " << s.set_password_email << "; " << *ended
            << (*ended == 1 ? " session" : " sessions") << " signed out" << std::endl;
  return 0;
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
  if (!s.set_password_email.empty()) return set_password(**db, s);
  auto catalog = app::load_catalog(**db, s);
  if (!catalog) return fail("loading the catalog", catalog.err());
  if (s.refresh_dry_run) {  // make refresh-dry: the plan from the database, no upstream call
    std::cout.rdbuf(stdout_buf);
    if (auto st = app::print_refresh_plan(**db, s); !st) return fail("refresh plan", st.err());
    return 0;
  }
  if (s.dev_mode) {
    if (auto st = app::seed_demo_household(**db, {}); !st) return fail("seeding", st.err());
  }

  actors::system_config cfg;  // counts every actor's messages (GET /admin/actors, /metrics)
  caf::actor_system sys{cfg};
  auto started = actors::service::start(sys, app::service_options_of(s), std::move(*db), *catalog);
  if (!started) return fail("starting the actors", started.err());
  actors::service& svc = **started;
  if (redis_url) {
    if (auto st = app::join_cluster(svc, s, *redis_url, open_db); !st)
      return fail("starting", st.err());
  } else {
    std::cout << "cache: local (in-process, ttl " << s.cache_ttl_s << " s)" << std::endl;
  }
  if (auto st = app::start_sync_jobs(svc.sync(), s, open_db); !st)
    return fail("starting", st.err());
  auto desk_db = open_db();
  if (!desk_db) return fail("opening the database (accounts)", desk_db.err());
  if (auto st = svc.start_accounts(app::account_options_of(s), std::move(*desk_db)); !st)
    return fail("starting the accounts", st.err());

  auto web = net::static_files::open(s.web_root);
  if (!web) return fail("opening the web root " + s.web_root, web.err());
  const net::auth_options auth = app::auth_options_of(s);
  net::live_options live;
  live.auth = auth;
  auto hub = net::live_hub::create(svc.directory(), svc.slates(), svc.changes(), live);
  if (auto st = app::ws_metrics(*svc.metrics(),
                                [w = std::weak_ptr<net::live_hub>(hub)]() -> std::size_t {
                                  auto h = w.lock();
                                  return h ? h->connections() : 0;
                                });
      !st)
    return fail("adding the WebSocket metrics", st.err());

  // Alertmanager's webhook (POST /alerts/alertmanager), GET /admin/alerts, alerts over /ws, and
  // the relays to TEAMS_/DISCORD_/SLACK_WEBHOOK_URL (docs/api.md, "Alerts").
  const auto alert_opts = app::alert_options_of(s);
  auto alert_pipeline = actors::alert_service::start(sys, alert_opts, svc.metrics());
  if (!alert_pipeline) return fail("starting the alert actor", alert_pipeline.err());
  hub->connect_alerts(*alert_pipeline);
  std::cout << app::describe_alerts(alert_opts, s) << std::endl;

  net::rest_ports rest{svc.directory(), svc.accounts(), svc.households(), auth,
                       {s.signup_open}, svc.catalog(),  svc.admin(),      svc.slates(),
                       svc.taste(),     svc.lists(),    svc.family(),     svc.sync(),
                       svc.admin(),     svc.admin(),    *alert_pipeline,  {}};
  rest.alert_options.webhook_token = s.alert_webhook_token;
  net::router routes;
  net::install(routes, net::rest_routes(rest), svc.directory(), auth);
  routes.set_fallback(web->as_fallback());
  auto observe = app::request_metrics(*svc.metrics());
  if (!observe) return fail("adding the request metrics", observe.err());
  routes.set_observer(std::move(*observe));

  net::server_options so;
  so.address = s.bind_address;
  so.port = s.port;
  so.threads = s.http_threads;
  so.websocket = hub->acceptor();
  net::http_server server(so, routes.as_handler());
  if (auto st = server.start(); !st) return fail("listening", st.err());
  std::cout << "listening on http://" << s.bind_address << ":" << server.port() << std::endl;
  if (s.dev_mode) {
    std::cout << "dev mode: the token devtoken:demo@local.test makes anyone who reaches "
              << s.bind_address << " the demo household's admin"
              << (s.bind_address == "127.0.0.1" ? " (loopback only; BIND_ADDRESS opens it)" : "")
              << std::endl;
  }

  int sig = 0;
  sigwait(&signals, &sig);
  std::cout << "stopping (signal " << sig << ")" << std::endl;
  server.stop();
  svc.shutdown();
  return 0;
}
