#pragma once

// recs-server's wiring (app/main.cpp): the settings turned into the options of each part, and
// the parts that start over store connections of their own.

#include <functional>
#include <memory>
#include <string>

#include "actors/alert_actor.hpp"
#include "actors/service.hpp"
#include "config/settings.hpp"
#include "core/result.hpp"
#include "net/auth.hpp"
#include "redis/redis_url.hpp"
#include "storage/store.hpp"

namespace recs::app {

/// Opens another connection to the configured database (SQLite file or PostgreSQL).
using db_opener = std::function<result<std::unique_ptr<storage::store>>()>;

/// The actor system's sizes and timings, and the recommender's family rules.
actors::service_options service_options_of(const config::settings& s);
/// Sessions, invites, the sign-in throttle and sign-up (section "Accounts and sign-in").
actors::account_options account_options_of(const config::settings& s);
/// How requests are authenticated: dev mode, admins, the cookie, the trusted proxy, origins.
net::auth_options auth_options_of(const config::settings& s);

/// Joins the other instances through Redis (REDIS_URL), over a reader connection of its own,
/// waiting up to a second for Redis to be in use; logs the cache's mode.
status join_cluster(actors::service& svc, const config::settings& s, const redis::redis_url& url,
                    const db_opener& open_db);

/// Starts the JustWatch offers sync, the TVmaze sync and the Serializd import, each over
/// connections of its own (their SQL and upstream calls block); logs which are on.
status start_sync_jobs(actors::sync_service& sync, const config::settings& s,
                       const db_opener& open_db);

/// The alert actor's relays (TEAMS_/DISCORD_/SLACK_WEBHOOK_URL) and TLS settings.
actors::alert_options alert_options_of(const config::settings& s);

/// "alerts: relay to ..." for the log: the relays' kinds, never their URLs.
std::string describe_alerts(const actors::alert_options& o, const config::settings& s);

/// make refresh-dry: prints the daily refresh's plan from `db` on stdout, with no upstream call.
status print_refresh_plan(storage::store& db, const config::settings& s);

}  // namespace recs::app
