#include "actors/alert_relay.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <iostream>
#include <utility>

#include "actors/metered.hpp"
#include "alerts/relay_digest.hpp"
#include "alerts/relay_format.hpp"

namespace recs::actors {

std::string_view to_string(relay_kind k) noexcept {
  switch (k) {
    case relay_kind::teams:
      return "teams";
    case relay_kind::discord:
      return "discord";
    case relay_kind::slack:
      return "slack";
  }
  return "unknown";
}

std::string relay_body(relay_kind k, const alerts::webhook_payload& p) {
  switch (k) {
    case relay_kind::teams:
      return alerts::teams_message(p);
    case relay_kind::discord:
      return alerts::discord_message(p);
    case relay_kind::slack:
      return alerts::slack_message(p);
  }
  return "{}";
}

bool relay_gate::try_acquire() noexcept {
  std::size_t n = pending_.load();
  while (n < max_) {
    if (pending_.compare_exchange_weak(n, n + 1)) return true;
  }
  return false;
}

void relay_gate::release() noexcept {
  std::size_t n = pending_.load();
  while (n > 0 && !pending_.compare_exchange_weak(n, n - 1)) {
  }
}

namespace {

struct relay_state {
  relay_target target;
  std::string target_name;  // to_string(target.kind)
  std::shared_ptr<httpc::fetcher> fetch;
  std::shared_ptr<relay_gate> gate;
  std::shared_ptr<metrics::registry> registry;  // owns *failures
  metrics::counter* failures = nullptr;
  std::function<void(const std::string&)> log;
  static inline const char* name = "alert_relay";
};

using self_ptr = metered_pointer<alert_relay_actor, relay_state>;

void relay(self_ptr self, const alert_payload_ptr& p) {
  auto& st = self->state;
  const std::string title = alerts::make_digest(*p).title;
  auto fail = [&](const std::string& why) {
    ++st.gate->failed;
    if (st.failures != nullptr) st.failures->inc();
    st.log("alert relay to " + st.target_name + " failed: " + why + " (notification \"" + title +
           "\")");
  };
  if (st.gate->cancelled->load()) {
    fail("not sent, the service is stopping");
  } else {
    httpc::request r;
    r.method = "POST";
    r.url = st.target.url;
    r.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    r.body = relay_body(st.target.kind, *p);
    auto res = st.fetch->fetch(r, /*expect_json=*/false);
    if (res) {
      ++st.gate->sent;
    } else {
      fail(res.err().message);
    }
  }
  st.gate->release();
}

alert_relay_actor::behavior_type relay_impl(self_ptr self, relay_target target, relay_options opts,
                                            std::shared_ptr<relay_gate> gate,
                                            std::shared_ptr<metrics::registry> registry,
                                            metrics::counter* failures,
                                            std::shared_ptr<httpc::fetcher> fetch) {
  auto& st = self->state;
  st.target = std::move(target);
  st.target_name = std::string(to_string(st.target.kind));
  st.fetch = std::move(fetch);
  st.gate = std::move(gate);
  st.registry = std::move(registry);
  st.failures = failures;
  st.log = opts.log ? std::move(opts.log)
                    : [](const std::string& line) { std::cerr << line << std::endl; };
  return {[=](alert_relay_atom, const alert_payload_ptr& p) { relay(self, p); }};
}

}  // namespace

alert_relay_actor spawn_alert_relay(caf::actor_system& sys, relay_target target, relay_options opts,
                                    std::shared_ptr<relay_gate> gate,
                                    std::shared_ptr<metrics::registry> registry,
                                    metrics::counter* failures) {
  // Made here so that the gate holds its cancel flag before the actor runs.
  auto fetch = std::make_shared<httpc::fetcher>(std::string(to_string(target.kind)) + " webhook",
                                                opts.http, opts.retry, std::nullopt, opts.sleep);
  gate->cancelled = fetch->cancel_flag();
  return sys.spawn<caf::detached>(relay_impl, std::move(target), std::move(opts), std::move(gate),
                                  std::move(registry), failures, std::move(fetch));
}

}  // namespace recs::actors
