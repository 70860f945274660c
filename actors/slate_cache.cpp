#include "actors/slate_cache.hpp"

namespace recs::actors {

slate_cache::slate_cache(std::size_t capacity, std::chrono::seconds ttl, clock now)
    : capacity_(capacity), ttl_(ttl), now_(std::move(now)) {}

std::optional<std::string> slate_cache::get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) {
    ++misses_;
    return std::nullopt;
  }
  if (it->second->expires <= now_()) {
    erase_locked(it->second);
    ++misses_;
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  ++hits_;
  return it->second->body;
}

std::uint64_t slate_cache::generation_locked(std::int64_t profile_id) const {
  auto it = profile_gen_.find(profile_id);
  const std::uint32_t g = it == profile_gen_.end() ? 0 : it->second;
  return (std::uint64_t{epoch_} << 32) | g;
}

std::uint64_t slate_cache::generation(std::int64_t profile_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_locked(profile_id);
}

void slate_cache::put(const std::string& key, std::int64_t profile_id, std::uint64_t generation,
                      std::string body) {
  put(key, {owner{profile_id, generation}}, std::move(body));
}

void slate_cache::put(const std::string& key, const std::vector<owner>& owners, std::string body) {
  if (capacity_ == 0 || ttl_.count() == 0 || owners.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [pid, gen] : owners)
    if (gen != generation_locked(pid)) return;
  if (auto it = by_key_.find(key); it != by_key_.end()) erase_locked(it->second);
  std::vector<std::int64_t> ids;
  for (const auto& o : owners) ids.push_back(o.first);
  lru_.push_front(entry{key, ids, std::move(body), now_() + ttl_});
  by_key_[key] = lru_.begin();
  for (auto pid : ids) by_profile_[pid].insert(key);
  while (lru_.size() > capacity_) erase_locked(std::prev(lru_.end()));
}

void slate_cache::erase_locked(list_t::iterator it) {
  for (auto pid : it->owners) {
    auto p = by_profile_.find(pid);
    if (p == by_profile_.end()) continue;
    p->second.erase(it->key);
    if (p->second.empty()) by_profile_.erase(p);
  }
  by_key_.erase(it->key);
  lru_.erase(it);
}

void slate_cache::invalidate(std::int64_t profile_id) {
  std::lock_guard<std::mutex> lock(mu_);
  ++profile_gen_[profile_id];
  auto p = by_profile_.find(profile_id);
  if (p == by_profile_.end()) return;
  const std::vector<std::string> keys(p->second.begin(), p->second.end());
  for (const auto& key : keys) {
    auto it = by_key_.find(key);
    if (it != by_key_.end()) erase_locked(it->second);
  }
}

void slate_cache::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  ++epoch_;
  lru_.clear();
  by_key_.clear();
  by_profile_.clear();
}

std::size_t slate_cache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

std::uint64_t slate_cache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

std::uint64_t slate_cache::misses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return misses_;
}

}  // namespace recs::actors
