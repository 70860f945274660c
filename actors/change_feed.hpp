#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "net/backend.hpp"

namespace recs::actors {

/// The service's change events, handed to one listener (the live-update hub). Thread-safe;
/// shared by the service and the callbacks it gives to its actors.
class change_feed {
 public:
  using listener = std::function<void(const net::change_event&)>;

  void set(listener f) {
    std::lock_guard<std::mutex> lock(mu_);
    f_ = std::make_shared<const listener>(std::move(f));
  }

  void emit(const net::change_event& e) const {
    std::shared_ptr<const listener> f;
    {
      std::lock_guard<std::mutex> lock(mu_);
      f = f_;
    }
    if (f && *f) (*f)(e);
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const listener> f_;
};

}  // namespace recs::actors
