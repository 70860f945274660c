#include "actors/alert_actor.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <iostream>
#include <utility>

#include "actors/messages.hpp"
#include "actors/metered.hpp"
#include "actors/sync_clock.hpp"
#include "alerts/relay_digest.hpp"

namespace recs::actors {

/// What the alert actor shares with the alert_service (and so with the HTTP front).
struct alert_service::shared {
  struct relay {
    relay_target target;
    std::shared_ptr<relay_gate> gate;
    metrics::counter* failures = nullptr;  // owned by the registry
  };
  std::vector<relay> relays;  // fixed after start
  std::function<void(const std::string&)> log;
  std::shared_ptr<metrics::registry> metrics;  // keeps the counters alive

  std::mutex mu;
  std::vector<std::function<void()>> listeners;

  void notify() {
    std::vector<std::function<void()>> copy;
    {
      std::lock_guard<std::mutex> lock(mu);
      copy = listeners;
    }
    for (auto& f : copy) f();
  }
};

namespace {

struct alert_state {
  std::shared_ptr<alerts::alert_log> log;
  std::shared_ptr<alert_service::shared> shared;
  std::vector<alert_relay_actor> relays;  // parallel to shared->relays
  metrics::counter* firing = nullptr;
  metrics::counter* resolved = nullptr;
  std::function<std::int64_t()> now;
  static inline const char* name = "alert";
};

using self_ptr = metered_pointer<alert_actor, alert_state>;

std::uint64_t record(self_ptr self, const alert_payload_ptr& p) {
  auto& st = self->state;
  const std::size_t changed = st.log->record(*p, sync_now(st.now));
  for (const auto& a : p->alerts)
    (a.status == alerts::alert_status::firing ? st.firing : st.resolved)->inc();
  if (changed > 0) st.shared->notify();
  if (p->alerts.empty()) return 0;
  for (std::size_t i = 0; i < st.relays.size(); ++i) {
    auto& r = st.shared->relays[i];
    if (!r.gate->try_acquire()) {
      ++r.gate->dropped;
      r.failures->inc();
      st.shared->log("alert relay to " + std::string(to_string(r.target.kind)) +
                     " failed: " + std::to_string(r.gate->max_pending()) +
                     " notifications are already waiting, dropped this one (notification \"" +
                     alerts::make_digest(*p).title + "\")");
      continue;
    }
    self->send(st.relays[i], alert_relay_atom::value, p);
  }
  return p->alerts.size();
}

alert_actor::behavior_type alert_impl(self_ptr self, std::shared_ptr<alerts::alert_log> log,
                                      std::shared_ptr<alert_service::shared> shared,
                                      std::vector<alert_relay_actor> relays,
                                      metrics::counter* firing, metrics::counter* resolved,
                                      std::function<std::int64_t()> now) {
  auto& st = self->state;
  st.log = std::move(log);
  st.shared = std::move(shared);
  st.relays = std::move(relays);
  st.firing = firing;
  st.resolved = resolved;
  st.now = std::move(now);
  return {[=](alert_record_atom, const alert_payload_ptr& p) -> std::uint64_t {
    return record(self, p);
  }};
}

}  // namespace

std::vector<relay_target> relay_targets(const std::string& teams_url,
                                        const std::string& discord_url,
                                        const std::string& slack_url) {
  std::vector<relay_target> out;
  if (!teams_url.empty()) out.push_back({relay_kind::teams, teams_url});
  if (!discord_url.empty()) out.push_back({relay_kind::discord, discord_url});
  if (!slack_url.empty()) out.push_back({relay_kind::slack, slack_url});
  return out;
}

alert_service::alert_service(caf::actor_system& sys, std::chrono::milliseconds timeout)
    : sys_(sys), timeout_(timeout) {}

result<std::shared_ptr<alert_service>> alert_service::start(
    caf::actor_system& sys, alert_options opts, std::shared_ptr<metrics::registry> metrics) {
  if (!metrics) metrics = std::make_shared<metrics::registry>();
  auto received = metrics->add_counter(
      "recs_alerts_received_total",
      "Alerts received on POST /alerts/alertmanager, one per alert of a notification, by its "
      "status (firing or resolved).",
      {"status"});
  if (!received) return received.err();
  auto failures = metrics->add_counter(
      "recs_alert_relay_failures_total",
      "Alert notifications not relayed to a chat webhook (failed after retries, dropped while "
      "too many waited, or pending at shutdown), by target (teams, discord, slack).",
      {"target"});
  if (!failures) return failures.err();

  std::shared_ptr<alert_service> svc(new alert_service(sys, opts.timeout));
  svc->log_ = std::make_shared<alerts::alert_log>(opts.log_capacity);
  svc->shared_ = std::make_shared<shared>();
  auto& sh = *svc->shared_;
  sh.metrics = metrics;
  sh.log = opts.log ? opts.log : [](const std::string& line) { std::cerr << line << std::endl; };
  if (!opts.relay.log) opts.relay.log = sh.log;
  std::vector<alert_relay_actor> relays;
  for (const auto& t : opts.targets) {
    shared::relay r;
    r.target = t;
    r.gate = std::make_shared<relay_gate>(opts.relay.max_pending);
    r.failures = &(*failures)->with({std::string(to_string(t.kind))});
    relays.push_back(spawn_alert_relay(sys, t, opts.relay, r.gate, metrics, r.failures));
    sh.relays.push_back(std::move(r));
  }
  auto* firing = &(*received)->with({"firing"});
  auto* resolved = &(*received)->with({"resolved"});
  svc->relay_actors_ = relays;
  svc->actor_ = sys.spawn(alert_impl, svc->log_, svc->shared_, std::move(relays), firing, resolved,
                          std::move(opts.now));
  return svc;
}

alert_service::~alert_service() {
  stop();
}

void alert_service::stop() {
  alert_actor a;
  std::vector<alert_relay_actor> relays;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    a = std::move(actor_);
    actor_ = nullptr;
    relays = std::move(relay_actors_);
    relay_actors_.clear();
  }
  for (auto& r : shared_->relays) {
    if (r.gate->cancelled) r.gate->cancelled->store(true);
    if (const std::size_t n = r.gate->pending(); n > 0)
      shared_->log("alert relay to " + std::string(to_string(r.target.kind)) + ": stopping with " +
                   std::to_string(n) +
                   " notification(s) waiting or in progress; waiting ones "
                   "are not sent");
  }
  for (auto& r : relays) caf::anon_send_exit(r, caf::exit_reason::user_shutdown);
  if (a) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
}

alert_actor alert_service::actor() const {
  std::lock_guard<std::mutex> lock(mu_);
  return actor_;
}

void alert_service::record(alerts::webhook_payload p, net::callback<std::size_t> cb) {
  const alert_actor dest = actor();
  if (!dest) return cb(error{errc::unavailable, "the alert actor is stopped"});
  auto ptr = std::make_shared<const alerts::webhook_payload>(std::move(p));
  const auto timeout = timeout_;
  // A short-lived actor waits for the answer (or the timeout), so no HTTP thread does.
  sys_.spawn([dest, ptr, cb, timeout](caf::event_based_actor* self) {
    self->request(dest, timeout, alert_record_atom::value, ptr)
        .then([cb](std::uint64_t n) { cb(static_cast<std::size_t>(n)); },
              [cb](caf::error& e) { cb(from_caf(e)); });
  });
}

void alert_service::on_alerts_changed(std::function<void()> listener) {
  std::lock_guard<std::mutex> lock(shared_->mu);
  shared_->listeners.push_back(std::move(listener));
}

std::vector<alert_service::relay_status> alert_service::relays() const {
  std::vector<relay_status> out;
  for (const auto& r : shared_->relays) {
    relay_status s;
    s.kind = r.target.kind;
    s.pending = r.gate->pending();
    s.sent = r.gate->sent.load();
    s.failed = r.gate->failed.load();
    s.dropped = r.gate->dropped.load();
    out.push_back(s);
  }
  return out;
}

}  // namespace recs::actors
