#include "actors/tiered_slate_cache.hpp"

#include <chrono>

#include "actors/slate_envelope.hpp"

namespace recs::actors {

tiered_slate_cache::tiered_slate_cache(std::shared_ptr<slate_cache> local,
                                       std::function<std::uint64_t()> world, wall_clock now)
    : local_(std::move(local)), world_(std::move(world)), now_(std::move(now)) {
  if (!now_) {
    now_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
}

void tiered_slate_cache::set_tier(std::shared_ptr<slate_tier> tier) {
  std::atomic_store(&tier_, std::move(tier));
}

std::optional<std::string> tiered_slate_cache::get(const std::string& key) {
  if (auto body = local_->get(key)) return body;
  auto tier = std::atomic_load(&tier_);
  if (!tier || !tier->active()) return std::nullopt;
  auto body = get_shared(*tier, key);
  (body ? shared_hits_ : shared_misses_).fetch_add(1, std::memory_order_relaxed);
  return body;
}

std::optional<std::string> tiered_slate_cache::get_shared(slate_tier& tier,
                                                          const std::string& key) {
  auto value = tier.get(key);
  if (!value) return std::nullopt;
  auto entry = unwrap_slate(*value);
  if (!entry || entry->first.owners.size() != 1) return std::nullopt;
  const slate_stamp& st = entry->first;
  std::vector<owner> gens;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (st.world != world_() || st.written_ms <= not_before_ms_) return std::nullopt;
    for (const auto& [pid, fp] : st.owners) {
      auto it = fingerprints_.find(pid);
      if (it == fingerprints_.end() || it->second != fp) return std::nullopt;
      gens.emplace_back(pid, local_->generation(pid));
    }
  }
  // Kept locally too; dropped there if the profile changed since the check above.
  local_->put(key, gens, entry->second);
  return std::move(entry->second);
}

std::uint64_t tiered_slate_cache::generation(std::int64_t profile_id) const {
  return local_->generation(profile_id);
}

void tiered_slate_cache::put(const std::string& key, std::int64_t profile_id,
                             std::uint64_t generation, std::string body) {
  put(key, {owner{profile_id, generation}}, std::move(body));
}

void tiered_slate_cache::put(const std::string& key, const std::vector<owner>& owners,
                             std::string body) {
  auto tier = std::atomic_load(&tier_);
  const bool shared = tier && tier->active() && owners.size() == 1;
  slate_stamp stamp;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [pid, gen] : owners)
      if (gen != local_->generation(pid)) return;
    if (shared) {
      auto it = fingerprints_.find(owners.front().first);
      if (it == fingerprints_.end()) return local_->put(key, owners, std::move(body));
      stamp.world = world_();
      stamp.written_ms = now_();
      stamp.owners.emplace_back(it->first, it->second);
    }
    // Under mu_, so that a concurrent invalidate() cannot slip between the check and the stamp.
    if (!shared) return local_->put(key, owners, std::move(body));
    local_->put(key, owners, body);
  }
  tier->put(key, wrap_slate(stamp, body));
}

void tiered_slate_cache::invalidate(std::int64_t profile_id, std::uint64_t fingerprint) {
  std::lock_guard<std::mutex> lock(mu_);
  fingerprints_[profile_id] = fingerprint;
  local_->invalidate(profile_id);
}

void tiered_slate_cache::invalidate(std::int64_t profile_id) {
  std::lock_guard<std::mutex> lock(mu_);
  local_->invalidate(profile_id);
}

void tiered_slate_cache::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  not_before_ms_ = now_();
  local_->clear();
}

std::string tiered_slate_cache::backend() const {
  auto tier = std::atomic_load(&tier_);
  if (!tier) return "local";
  return tier->active() ? tier->name() : "local (" + tier->name() + " unavailable)";
}

}  // namespace recs::actors
