#pragma once

// The recent admin control commands (GET /admin/commands): a bounded, thread-safe log.

#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

#include "net/admin_port.hpp"

namespace recs::actors {

class command_log {
 public:
  explicit command_log(std::size_t capacity = 100) : capacity_(capacity == 0 ? 1 : capacity) {}

  void add(net::admin_command c) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.push_front(std::move(c));
    while (entries_.size() > capacity_) entries_.pop_back();
  }

  /// Newest first.
  std::vector<net::admin_command> recent() const {
    std::lock_guard<std::mutex> lock(mu_);
    return {entries_.begin(), entries_.end()};
  }

 private:
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::deque<net::admin_command> entries_;
};

}  // namespace recs::actors
