#include "accounts/throttle.hpp"

#include <algorithm>
#include <vector>

namespace recs::accounts {

namespace {

using std::chrono::milliseconds;

milliseconds remaining(signin_throttle::clock::time_point until,
                       signin_throttle::clock::time_point now) {
  if (until <= now) return milliseconds(0);
  return std::chrono::ceil<milliseconds>(until - now);
}

}  // namespace

milliseconds signin_throttle::wait(const std::string& key, clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || now - it->second.last >= limits_.forget_after) return milliseconds(0);
  return remaining(it->second.until, now);
}

milliseconds signin_throttle::failed(const std::string& key, clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, added] = entries_.try_emplace(key);
  entry& e = it->second;
  if (!added && now - e.last >= limits_.forget_after) e = entry{};
  ++e.failures;
  e.last = now;
  // The free failures pass; from the last of them on, the next attempt waits.
  const int over = e.failures - limits_.free_failures + 1;
  if (over > 0) {
    milliseconds w = limits_.first_wait;
    for (int i = 1; i < over && w < limits_.max_wait; ++i) w *= 2;
    w = std::min(w, limits_.max_wait);
    e.until = now + w;
  }
  const auto out = remaining(e.until, now);
  if (added && entries_.size() > limits_.max_keys) prune(now);
  return out;
}

void signin_throttle::succeeded(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

std::size_t signin_throttle::keys() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

void signin_throttle::prune(clock::time_point now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = now - it->second.last >= limits_.forget_after ? entries_.erase(it) : std::next(it);
  }
  if (entries_.size() <= limits_.max_keys) return;
  // Still full (an address spraying emails, say): drop the quietest tenth in one pass, so that
  // pruning stays rare.
  std::vector<clock::time_point> lasts;
  lasts.reserve(entries_.size());
  for (const auto& [k, e] : entries_) lasts.push_back(e.last);
  const std::size_t drop = std::max<std::size_t>(1, entries_.size() / 10);
  std::nth_element(lasts.begin(), lasts.begin() + static_cast<std::ptrdiff_t>(drop - 1),
                   lasts.end());
  const auto cutoff = lasts[drop - 1];
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = it->second.last <= cutoff ? entries_.erase(it) : std::next(it);
  }
}

}  // namespace recs::accounts
