#include "actors/sync_board.hpp"

#include <utility>

namespace recs::actors {

void sync_board::add(const std::string& source, const std::string& job, bool enabled) {
  net::job_info info;
  info.source = source;
  info.job = job;
  info.enabled = enabled;
  info.state = enabled ? net::job_state::idle : net::job_state::off;
  std::lock_guard<std::mutex> lock(mu_);
  jobs_[source] = std::move(info);
}

bool sync_board::update(const std::string& source, const std::function<void(net::job_info&)>& f) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(source);
  if (it == jobs_.end()) return false;
  if (!observer_) {
    f(it->second);
    return true;
  }
  const net::job_info before = it->second;
  f(it->second);
  observer_(before, it->second);
  return true;
}

std::optional<net::job_info> sync_board::get(const std::string& source) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(source);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

std::vector<net::job_info> sync_board::all() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<net::job_info> out;
  for (const auto& [source, info] : jobs_) out.push_back(info);
  return out;
}

void sync_board::request_pause(const std::string& source, bool paused) {
  std::function<void()> cancel;
  {
    std::lock_guard<std::mutex> lock(mu_);
    paused_[source] = paused;
    if (paused) {
      if (auto it = cancel_.find(source); it != cancel_.end()) cancel = it->second;
    }
  }
  if (cancel) cancel();
}

void sync_board::set_observer(observer o) {
  std::lock_guard<std::mutex> lock(mu_);
  observer_ = std::move(o);
}

void sync_board::set_canceller(const std::string& source, std::function<void()> cancel) {
  std::lock_guard<std::mutex> lock(mu_);
  cancel_[source] = std::move(cancel);
}

bool sync_board::pause_requested(const std::string& source) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = paused_.find(source);
  return it != paused_.end() && it->second;
}

}  // namespace recs::actors
