#pragma once

// Per-actor message counts for the admin page and GET /metrics: how many messages an actor has
// been sent and has handled (their difference is its mailbox depth), readable from any thread.
//
// An actor is metered when its behaviour function takes a `metered_pointer<Handle, State>`
// instead of `Handle::stateful_pointer<State>` and the actor system was made with a
// `system_config` (the service's): the actor class counts in enqueue() and consume() and
// registers itself under its state's `name`. Under a plain caf::actor_system_config (unit tests)
// it counts without registering.

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/mailbox_element.hpp>
#include <caf/stateful_actor.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace recs::actors {

/// One actor's counts. Written by CAF's threads, read by anyone.
struct actor_meter {
  std::string name;
  std::atomic<std::uint64_t> enqueued{0};
  std::atomic<std::uint64_t> processed{0};
  std::atomic<bool> alive{true};

  /// Sent but not yet handled (never negative).
  std::uint64_t mailbox() const {
    const auto in = enqueued.load(std::memory_order_relaxed);
    const auto done = processed.load(std::memory_order_relaxed);
    return in > done ? in - done : 0;
  }
};

/// The counts of every actor of one name (e.g. all profile actors), summed.
struct meter_totals {
  std::string name;
  std::uint64_t instances = 0;  ///< alive now
  std::uint64_t mailbox = 0;    ///< waiting now, over the alive ones
  std::uint64_t processed = 0;  ///< ever handled, including by actors that have ended
};

/// The meters of one actor system.
class actor_meters {
 public:
  void add(std::shared_ptr<actor_meter> m) {
    std::lock_guard<std::mutex> lock(mu_);
    meters_.push_back(std::move(m));
  }

  /// One entry per actor name, in name order. Ended actors are dropped here; what they handled
  /// stays in their name's `processed`, so it only goes up.
  std::vector<meter_totals> totals() {
    std::lock_guard<std::mutex> lock(mu_);
    std::map<std::string, meter_totals> by_name;
    for (const auto& [name, n] : retired_) by_name[name].processed += n;
    std::vector<std::shared_ptr<actor_meter>> keep;
    for (auto& m : meters_) {
      auto& t = by_name[m->name];
      const auto done = m->processed.load(std::memory_order_relaxed);
      t.processed += done;
      if (m->alive.load(std::memory_order_acquire)) {
        ++t.instances;
        t.mailbox += m->mailbox();
        keep.push_back(std::move(m));
      } else {
        retired_[m->name] += done;
      }
    }
    meters_ = std::move(keep);
    std::vector<meter_totals> out;
    for (auto& [name, t] : by_name) {
      t.name = name;
      out.push_back(t);
    }
    return out;
  }

 private:
  std::mutex mu_;
  std::vector<std::shared_ptr<actor_meter>> meters_;
  std::map<std::string, std::uint64_t> retired_;
};

/// The service's actor system configuration: carries the meters of the actors it runs.
class system_config : public caf::actor_system_config {
 public:
  std::shared_ptr<actor_meters> meters = std::make_shared<actor_meters>();
};

/// The meters of `sys`, when it was made with a system_config; else null.
inline std::shared_ptr<actor_meters> meters_of(caf::actor_system& sys) {
  const auto* cfg = dynamic_cast<const system_config*>(&sys.config());
  return cfg != nullptr ? cfg->meters : nullptr;
}

/// A stateful actor that counts what it is sent and what it handles.
template <class State, class Base>
class metered_actor : public caf::stateful_actor<State, Base> {
 public:
  using super = caf::stateful_actor<State, Base>;

  template <class... Ts>
  explicit metered_actor(caf::actor_config& cfg, Ts&&... xs)
      : super(cfg, std::forward<Ts>(xs)...), meter_(std::make_shared<actor_meter>()) {
    meter_->name = this->name();
    if (auto m = meters_of(this->home_system())) m->add(meter_);
    // Ended when the actor terminates, not when the last handle to it is dropped.
    this->attach_functor([m = meter_] { m->alive.store(false, std::memory_order_release); });
  }

  ~metered_actor() override { meter_->alive.store(false, std::memory_order_release); }

  using super::enqueue;
  void enqueue(caf::mailbox_element_ptr what, caf::execution_unit* host) override {
    meter_->enqueued.fetch_add(1, std::memory_order_relaxed);
    super::enqueue(std::move(what), host);
  }

  /// Counted as it is taken up, so a reply sent while handling it is never seen before the count
  /// (the one in hand is no longer in the mailbox).
  caf::invoke_message_result consume(caf::mailbox_element& x) override {
    meter_->processed.fetch_add(1, std::memory_order_relaxed);
    return super::consume(x);
  }

  const actor_meter& meter() const { return *meter_; }

 private:
  std::shared_ptr<actor_meter> meter_;
};

/// The self pointer of a metered typed actor, e.g. metered_pointer<store_actor, store_state>.
template <class Handle, class State>
using metered_pointer = metered_actor<State, typename Handle::base>*;

}  // namespace recs::actors
