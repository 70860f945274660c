#include "app/wiring.hpp"

#include <chrono>
#include <iostream>
#include <thread>

#include "actors/sync_reader.hpp"
#include "core/iso_time.hpp"
#include "net/sync_types.hpp"
#include "sync/offers_refresh.hpp"

namespace recs::app {

namespace {

/// The upstream TLS and timeout settings every sync source shares.
template <class Options>
void upstream_http(Options& o, const config::settings& s) {
  o.http.ca_file = s.upstream_ca_file;
  o.http.request_timeout = std::chrono::milliseconds(s.upstream_timeout_ms);
}

}  // namespace

actors::service_options service_options_of(const config::settings& s) {
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
  return opts;
}

status join_cluster(actors::service& svc, const config::settings& s, const redis::redis_url& url,
                    const db_opener& open_db) {
  // The cluster reads the profiles other instances changed over a connection of its own.
  auto reader = open_db();
  if (!reader) return in_context("opening the database (second connection)", reader.err());
  actors::cluster_options co;
  co.url = url;
  co.instance_id = actors::make_instance_id();
  co.log = [](const std::string& line) { std::cout << line << std::endl; };
  if (auto st = svc.join_cluster(co, std::move(*reader)); !st)
    return in_context("joining through Redis", st.err());
  // Redis is usually in use within milliseconds; the start does not wait for it beyond a second.
  for (int i = 0; i < 20 && svc.admin().cache_backend() != "redis"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::cout << "cache: " << svc.admin().cache_backend() << " (" << redis::redacted(url)
            << ", instance " << co.instance_id << ", ttl " << s.cache_ttl_s << " s)" << std::endl;
  return ok_status();
}

status start_sync_jobs(actors::sync_service& sync, const config::settings& s,
                       const db_opener& open_db) {
  actors::offers_sync_options so;
  so.enabled = s.use_real_justwatch;
  so.stale_days = s.offers_stale_days;
  so.limit = static_cast<std::size_t>(s.daily_refresh_limit);
  so.hour = s.daily_refresh_hour;
  so.justwatch.graphql_url = s.justwatch_url;
  so.justwatch.query.country = s.region;
  upstream_http(so, s);
  auto sync_db = open_db();
  if (!sync_db) return in_context("opening the database (sync connection)", sync_db.err());
  auto sync_reader = open_db();
  if (!sync_reader) return in_context("opening the database (sync reader)", sync_reader.err());
  if (auto st = sync.start_offers(std::move(so), std::move(*sync_db), std::move(*sync_reader)); !st)
    return in_context("starting the sync jobs", st.err());

  actors::tvmaze_sync_options to;
  to.enabled = s.use_real_tvmaze;
  to.hour = s.daily_refresh_hour;
  to.tvmaze.base_url = s.tvmaze_url;
  upstream_http(to, s);
  auto tvmaze_db = open_db();
  if (!tvmaze_db) return in_context("opening the database (tvmaze connection)", tvmaze_db.err());
  if (auto st = sync.start_tvmaze(std::move(to), std::move(*tvmaze_db)); !st)
    return in_context("starting the TVmaze sync", st.err());

  actors::serializd_sync_options zo;
  zo.enabled = s.use_real_serializd;
  zo.serializd.base_url = s.serializd_url;
  zo.serializd.user = s.serializd_user;
  zo.serializd.token = s.serializd_token;
  upstream_http(zo, s);
  auto serializd_db = open_db();
  if (!serializd_db)
    return in_context("opening the database (serializd connection)", serializd_db.err());
  if (auto st = sync.start_serializd(std::move(zo), std::move(*serializd_db)); !st)
    return in_context("starting the Serializd import", st.err());

  std::cout << "sync: tvmaze " << (s.use_real_tvmaze ? "on (" + s.tvmaze_url + ")" : "off")
            << ", serializd " << (s.use_real_serializd ? "on (" + s.serializd_url + ")" : "off")
            << std::endl;
  std::cout << "sync: justwatch "
            << (s.use_real_justwatch ? "on (" + s.justwatch_url + ", daily at " +
                                           std::to_string(s.daily_refresh_hour) + ":00)"
                                     : std::string("off (USE_REAL_JUSTWATCH=false)"))
            << std::endl;
  return ok_status();
}

actors::account_options account_options_of(const config::settings& s) {
  actors::account_options o;
  o.session_lifetime = std::chrono::hours(24) * s.session_max_days;
  o.session_idle = std::chrono::hours(24) * s.session_idle_days;
  o.invite_ttl = std::chrono::hours(s.invite_ttl_hours);
  o.throttle.free_failures = s.signin_free_failures;
  o.throttle.max_wait = std::chrono::seconds(s.signin_max_wait_s);
  o.signup_open = s.signup_open;
  // The option table allows only public, lan and off.
  o.push.reach = actors::parse_push_reach(s.household_webhooks).value_or(actors::push_reach::off);
  o.push.public_url = s.public_url;
  o.push.http.ca_file = s.upstream_ca_file;
  return o;
}

net::auth_options auth_options_of(const config::settings& s) {
  net::auth_options a;
  a.dev_mode = s.dev_mode;
  a.admin_emails = s.admin_emails;
  a.secure_cookies = s.session_cookie_secure;
  a.session_lifetime = std::chrono::hours(24) * s.session_max_days;
  a.proxy_header = s.auth_proxy_header;
  a.proxy_trusted = s.auth_proxy_trusted;
  a.allowed_origins = s.ws_allowed_origins;
  return a;
}

actors::alert_options alert_options_of(const config::settings& s) {
  actors::alert_options o;
  o.targets =
      actors::relay_targets(s.teams_webhook_url, s.discord_webhook_url, s.slack_webhook_url);
  o.relay.http.ca_file = s.upstream_ca_file;
  return o;
}

std::string describe_alerts(const actors::alert_options& o, const config::settings& s) {
  std::string names;
  for (const auto& t : o.targets)
    names += (names.empty() ? "" : ", ") + std::string(actors::to_string(t.kind));
  return "alerts: relay to " + (names.empty() ? std::string("none") : names) +
         (s.alert_webhook_token.empty() ? "" : "; webhook needs ALERT_WEBHOOK_TOKEN");
}

status print_refresh_plan(storage::store& db, const config::settings& s) {
  auto plan = sync::plan_offers_refresh(db, unix_now(), s.offers_stale_days,
                                        static_cast<std::size_t>(s.daily_refresh_limit));
  if (!plan) return in_context("planning the daily refresh", plan.err());
  std::cout << net::render_refresh_plan(actors::plan_view(*plan, s.use_real_justwatch))
            << std::endl;
  return ok_status();
}

}  // namespace recs::app
