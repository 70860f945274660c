// metrics: the recorded values (lock-free) and the bucket layouts.
#include "metrics/metrics.hpp"

namespace recs::metrics {

void atomic_double::add(double v) {
  double cur = v_.load(std::memory_order_relaxed);
  while (!v_.compare_exchange_weak(cur, cur + v, std::memory_order_relaxed)) {
  }
}

void atomic_double::raise_to(double v) {
  double cur = v_.load(std::memory_order_relaxed);
  while (v > cur && !v_.compare_exchange_weak(cur, v, std::memory_order_relaxed)) {
  }
}

void counter::advance_to(double total) {
  v_.raise_to(total);
}

histogram::histogram(std::shared_ptr<const std::vector<double>> bounds)
    : bounds_(std::move(bounds)),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_->size() + 1)) {
  for (std::size_t i = 0; i <= bounds_->size(); ++i) buckets_[i].store(0);
}

void histogram::observe(double v) {
  const auto& b = *bounds_;
  std::size_t i = 0;
  while (i < b.size() && v > b[i]) ++i;  // le: the first bound at or above v
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.add(v);
  count_.fetch_add(1, std::memory_order_relaxed);
}

histogram::snapshot histogram::read() const {
  snapshot s;
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_->size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  // Read from the buckets, so that +Inf and _count agree even while others observe.
  s.count = running;
  s.sum = sum_.get();
  return s;
}

std::vector<double> latency_ms_buckets() {
  return {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};
}

std::vector<double> ratio_buckets() {
  return {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1};
}

std::vector<double> seconds_buckets() {
  return {0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600};
}

std::vector<double> train_ms_buckets() {
  return {10, 50, 100, 500, 1000, 5000, 10000, 30000, 60000, 300000};
}

}  // namespace recs::metrics
