#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "net/sync_types.hpp"

namespace recs::actors {

/// What the sync jobs are doing, for admins: written by each sync job actor, read by the HTTP
/// front without asking an actor (a sync job may be inside an upstream call for seconds). Also
/// carries the pause requests, which take effect between two steps. Thread-safe.
class sync_board {
 public:
  /// Adds the job of `source` (at start-up): idle when enabled, else off.
  void add(const std::string& source, const std::string& job, bool enabled);
  /// Applies `f` to the job of `source` under the lock; false for an unknown source.
  bool update(const std::string& source, const std::function<void(net::job_info&)>& f);
  std::optional<net::job_info> get(const std::string& source) const;
  std::vector<net::job_info> all() const;

  /// Pause requests: set by admins, read by the job between steps. A pause also calls the
  /// job's canceller, which cuts short a wait for an upstream (backoff, Retry-After).
  void request_pause(const std::string& source, bool paused);
  bool pause_requested(const std::string& source) const;
  void set_canceller(const std::string& source, std::function<void()> cancel);

  /// Called (under the board's lock: keep it short, do not call the board) after every update
  /// with the job before and after it (e.g. to count finished runs for metrics). Set at start-up.
  using observer = std::function<void(const net::job_info& before, const net::job_info& after)>;
  void set_observer(observer o);

 private:
  observer observer_;
  mutable std::mutex mu_;
  std::map<std::string, net::job_info> jobs_;
  std::map<std::string, bool> paused_;
  std::map<std::string, std::function<void()>> cancel_;
};

}  // namespace recs::actors
