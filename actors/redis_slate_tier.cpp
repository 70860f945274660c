#include "actors/redis_slate_tier.hpp"

#include <caf/send.hpp>

namespace recs::actors {

redis_slate_tier::redis_slate_tier(redis_tier_options opts, std::shared_ptr<redis_link> link,
                                   redis_io_actor io)
    : opts_(std::move(opts)), link_(std::move(link)), io_(std::move(io)) {
  const std::size_t n = opts_.connections > 0 ? opts_.connections : 1;
  for (std::size_t i = 0; i < n; ++i) slots_.push_back(std::make_unique<slot>());
}

std::optional<std::string> redis_slate_tier::get(const std::string& key) {
  if (!link_->active()) return std::nullopt;
  const std::size_t start = next_.fetch_add(1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    slot& s = *slots_[(start + i) % slots_.size()];
    std::unique_lock<std::mutex> lock(s.mu, std::try_to_lock);
    if (!lock.owns_lock()) continue;
    const std::uint64_t epoch = link_->epoch();
    if (!s.client || s.epoch != epoch) {
      s.client.emplace(opts_.url, opts_.redis);
      s.epoch = epoch;
    }
    auto r = s.client->get(opts_.key_prefix + key);
    if (!r) {
      link_->command_failed();
      return std::nullopt;
    }
    return std::move(*r);
  }
  return std::nullopt;  // every connection busy: a miss, never a wait
}

void redis_slate_tier::put(const std::string& key, std::string value) {
  caf::anon_send(io_, put_atom::value, opts_.key_prefix + key, std::move(value));
}

}  // namespace recs::actors
