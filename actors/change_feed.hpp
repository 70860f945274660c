#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "net/change_event.hpp"

namespace recs::actors {

/// The service's change events, handed to one listener (the live-update hub: the change source
/// port) and, for changes made here, to one tap (the cluster actor, which tells the other
/// instances). Thread-safe; shared by the service and the callbacks it gives to its actors.
/// Both must not block.
class change_feed final : public net::change_source {
 public:
  using listener = std::function<void(const net::change_event&)>;

  void on_change(listener f) override { store(f_, std::move(f)); }
  void set_tap(listener f) { store(tap_, std::move(f)); }

  /// A change made by this instance: the tap, then the listener.
  void emit(const net::change_event& e) const {
    call(tap_, e);
    call(f_, e);
  }

  /// A change another instance made (already applied here): the listener only.
  void deliver(const net::change_event& e) const { call(f_, e); }

 private:
  using slot = std::shared_ptr<const listener>;

  void store(slot& s, listener f) {
    std::lock_guard<std::mutex> lock(mu_);
    s = std::make_shared<const listener>(std::move(f));
  }

  void call(const slot& s, const net::change_event& e) const {
    slot f;
    {
      std::lock_guard<std::mutex> lock(mu_);
      f = s;
    }
    if (f && *f) (*f)(e);
  }

  mutable std::mutex mu_;
  slot f_;
  slot tap_;
};

}  // namespace recs::actors
