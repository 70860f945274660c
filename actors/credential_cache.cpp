#include "actors/credential_cache.hpp"

#include <algorithm>
#include <vector>

namespace recs::actors {

credential_cache::credential_cache(std::chrono::seconds ttl, std::size_t capacity)
    : ttl_s_(std::max<std::int64_t>(0, ttl.count())),
      capacity_(std::max<std::size_t>(1, capacity)) {}

std::optional<net::account_ref> credential_cache::get(const std::string& key, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (now >= it->second.valid_until) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.who;
}

void credential_cache::put(const std::string& key, net::account_ref who, std::int64_t valid_until,
                           std::int64_t now) {
  if (ttl_s_ == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= capacity_ && entries_.count(key) == 0) {
    // Forget the oldest eighth at once, so a full cache does not scan on every insert.
    std::vector<std::pair<std::uint64_t, std::string>> by_age;
    by_age.reserve(entries_.size());
    for (const auto& [k, e] : entries_) by_age.emplace_back(e.order, k);
    const std::size_t n = std::max<std::size_t>(1, by_age.size() / 8);
    std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(n - 1),
                     by_age.end());
    for (std::size_t i = 0; i < n; ++i) entries_.erase(by_age[i].second);
  }
  entries_[key] = entry{std::move(who), std::min(valid_until, now + ttl_s_), next_++};
}

void credential_cache::drop(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

template <class Pred>
void credential_cache::drop_if(Pred pred) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (pred(it->second.who))
      it = entries_.erase(it);
    else
      ++it;
  }
}

void credential_cache::drop_account(std::int64_t account_id) {
  drop_if([account_id](const net::account_ref& a) { return a.account_id == account_id; });
}

void credential_cache::drop_household(std::int64_t household_id) {
  drop_if([household_id](const net::account_ref& a) { return a.household_id == household_id; });
}

void credential_cache::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
}

std::size_t credential_cache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace recs::actors
