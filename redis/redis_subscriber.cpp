#include "redis/redis_subscriber.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "core/backoff.hpp"
#include "redis/connection.hpp"
#include "redis/reply.hpp"
#include "redis/wakeup.hpp"

namespace recs::redis {

using internal::clock;
using internal::reply;

namespace {

error stopped() {
  return error{errc::unavailable, "stopped"};
}

/// One subscribed session on one connection: subscribe, then read until the link fails.
class session {
 public:
  session(std::string where, internal::connection& conn, const std::vector<std::string>& channels,
          const subscriber_callbacks& callbacks, const redis_options& options,
          const internal::wakeup& wake)
      : where_(std::move(where)),
        conn_(conn),
        channels_(channels),
        callbacks_(callbacks),
        options_(options),
        wake_(wake) {}

  /// SUBSCRIBE to every channel and wait for every confirmation (messages that arrive in
  /// between are delivered).
  status subscribe() {
    std::vector<std::string_view> args{"SUBSCRIBE"};
    args.insert(args.end(), channels_.begin(), channels_.end());
    auto deadline = clock::now() + options_.command_timeout;
    if (auto st = conn_.send(args, deadline); !st) return st;
    while (confirmed_.size() < channels_.size()) {
      auto r = conn_.receive(deadline);
      if (!r) return r.err();
      if (!r->has_value()) {
        if (wake_.signalled()) return stopped();
        return fail(errc::unavailable, "no SUBSCRIBE confirmation in time");
      }
      if (auto st = handle(**r); !st) return st;
    }
    return ok_status();
  }

  /// Delivers messages until the connection fails or stop is signalled; returns why it ended.
  error pump() {
    auto last_heard = clock::now();
    // When a PING is out: its answer is due by then (a plain flag and time point rather than an
    // optional, which g++ 12's -Wmaybe-uninitialized misreads at -O2).
    bool pinged = false;
    clock::time_point ping_deadline{};
    for (;;) {
      if (wake_.signalled()) return stopped();
      auto until = pinged ? ping_deadline : last_heard + options_.heartbeat_interval;
      auto r = conn_.receive(until);
      if (!r) return r.err();
      if (r->has_value()) {
        last_heard = clock::now();
        pinged = false;
        if (auto st = handle(**r); !st) return st.err();
        continue;
      }
      if (wake_.signalled()) return stopped();
      if (clock::now() < until) continue;
      if (pinged) {
        return fail(
            errc::unavailable,
            "no answer to PING within " + std::to_string(options_.command_timeout.count()) + " ms");
      }
      if (auto st = conn_.send({"PING"}, clock::now() + options_.command_timeout); !st) {
        return st.err();
      }
      ping_deadline = clock::now() + options_.command_timeout;
      pinged = true;
    }
  }

 private:
  status handle(const reply& r) {
    if (r.type == reply::kind::error) {
      auto e = internal::to_error(r);
      return fail(e.code, e.message);
    }
    if (r.type != reply::kind::array || r.elements.empty()) {
      return fail(errc::internal, "unexpected reply while subscribed");
    }
    const auto& kind = r.elements[0].text;
    if (kind == "message" && r.elements.size() == 3) {
      callbacks_.on_message(r.elements[1].text, r.elements[2].text);
    } else if (kind == "subscribe" && r.elements.size() >= 2) {
      confirmed_.insert(r.elements[1].text);
    }
    // "pong" (heartbeat) and anything else carry nothing for us.
    return ok_status();
  }

  error fail(errc code, const std::string& message) const {
    return error{code, where_ + ": " + message};
  }

  std::string where_;
  internal::connection& conn_;
  const std::vector<std::string>& channels_;
  const subscriber_callbacks& callbacks_;
  const redis_options& options_;
  const internal::wakeup& wake_;
  std::set<std::string> confirmed_;
};

}  // namespace

result<std::unique_ptr<redis_subscriber>> redis_subscriber::start(redis_url url,
                                                                  std::vector<std::string> channels,
                                                                  subscriber_callbacks callbacks,
                                                                  redis_options options) {
  if (auto st = validate(options); !st) return st.err();
  std::sort(channels.begin(), channels.end());
  channels.erase(std::unique(channels.begin(), channels.end()), channels.end());
  if (channels.empty()) {
    return error{errc::invalid_argument, "redis subscriber: no channels to subscribe to"};
  }
  if (!callbacks.on_message) {
    return error{errc::invalid_argument, "redis subscriber: on_message is required"};
  }
  std::unique_ptr<redis_subscriber> sub(
      new redis_subscriber(std::move(url), std::move(channels), std::move(callbacks), options));
  sub->thread_ = std::thread([s = sub.get()] { s->run(); });
  return sub;
}

redis_subscriber::redis_subscriber(redis_url url, std::vector<std::string> channels,
                                   subscriber_callbacks callbacks, redis_options options)
    : url_(std::move(url)),
      channels_(std::move(channels)),
      callbacks_(std::move(callbacks)),
      options_(options),
      wake_(std::make_unique<internal::wakeup>()) {}

redis_subscriber::~redis_subscriber() {
  stop();
}

void redis_subscriber::stop() {
  wake_->signal();
  if (thread_.joinable()) thread_.join();
}

void redis_subscriber::run() {
  backoff delays(options_.backoff, random_seed());
  std::optional<link_state> reported;
  auto report = [&](link_state s, const std::string& detail) {
    connected_.store(s == link_state::connected, std::memory_order_release);
    if (reported == s) return;
    reported = s;
    if (callbacks_.on_state) callbacks_.on_state(s, detail);
  };
  while (!wake_->signalled()) {
    auto ended = [&]() -> error {
      auto conn = internal::connection::open(url_, options_, wake_.get());
      if (!conn) return conn.err();
      session s("redis " + endpoint(url_), *conn, channels_, callbacks_, options_, *wake_);
      if (auto st = s.subscribe(); !st) return st.err();
      delays.reset();
      report(link_state::connected, "subscribed to " + std::to_string(channels_.size()) +
                                        " channel(s) at " + redacted(url_));
      return s.pump();
    }();
    if (wake_->signalled()) break;
    report(link_state::disconnected, ended.message);
    wake_->sleep_for(delays.next());
  }
  connected_.store(false, std::memory_order_release);
}

}  // namespace recs::redis
