#pragma once

// Prometheus metrics: counters, gauges and histograms with labels, and their text exposition
// format (version 0.0.4) for GET /metrics. prometheus-cpp is not packaged in Debian 12; this is
// the small part of it the service needs. Recording is lock-free (atomics); a child (one label
// combination) is created under its family's mutex on first use and lives as long as the
// registry, so references to it may be kept.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace recs::metrics {

/// The Content-Type of render()'s output.
inline constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

/// Label values, in the order of the family's label names.
using label_values = std::vector<std::string>;

/// A double that threads add to without a lock.
class atomic_double {
 public:
  void add(double v);
  /// Sets `v` if it is larger than the value (atomically).
  void raise_to(double v);
  void set(double v) { v_.store(v, std::memory_order_relaxed); }
  double get() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> v_{0.0};
};

/// Only goes up (negative increments are ignored).
class counter {
 public:
  void inc(double v = 1.0) {
    if (v > 0) v_.add(v);
  }
  double value() const { return v_.get(); }

  /// Mirrors a monotonic count kept elsewhere (read at scrape time): takes `total` when it is
  /// larger than the value, so the counter never goes down.
  void advance_to(double total);

 private:
  atomic_double v_;
};

class gauge {
 public:
  void set(double v) { v_.set(v); }
  void add(double v) { v_.add(v); }
  double value() const { return v_.get(); }

 private:
  atomic_double v_;
};

/// Observations counted into buckets by upper bound (le); +Inf is implicit.
class histogram {
 public:
  explicit histogram(std::shared_ptr<const std::vector<double>> bounds);
  void observe(double v);

  struct snapshot {
    std::vector<std::uint64_t> cumulative;  ///< one per bound, then +Inf (== count)
    double sum = 0;
    std::uint64_t count = 0;
  };
  snapshot read() const;
  const std::vector<double>& bounds() const { return *bounds_; }

 private:
  std::shared_ptr<const std::vector<double>> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // not cumulative; last: above all
  atomic_double sum_;
  std::atomic<std::uint64_t> count_{0};
};

/// Latency buckets in milliseconds, 1 ms to 10 s.
std::vector<double> latency_ms_buckets();
/// Ratio buckets (0.05 ... 1) for fractions such as a slate's stale ratio.
std::vector<double> ratio_buckets();
/// Buckets in seconds for long work such as a sync run: 0.5 s to 1 h.
std::vector<double> seconds_buckets();
/// Buckets in milliseconds for model training: 10 ms to 5 min.
std::vector<double> train_ms_buckets();

/// The metrics of one name: one child per label combination.
template <class Child>
class family {
 public:
  family(std::string name, std::string help, std::vector<std::string> label_names,
         std::function<std::unique_ptr<Child>()> make)
      : name_(std::move(name)),
        help_(std::move(help)),
        label_names_(std::move(label_names)),
        make_(std::move(make)) {}

  /// The child for `values` (as many as label names; missing ones are empty, extra ones are
  /// dropped), created on first use. The reference stays valid for the registry's life.
  Child& with(label_values values = {}) {
    values.resize(label_names_.size());
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = children_[std::move(values)];
    if (!slot) slot = make_();
    return *slot;
  }

  /// Calls f(values, child) for every child, in label order.
  template <class F>
  void each(F&& f) const {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [values, child] : children_) f(values, *child);
  }

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  std::function<std::unique_ptr<Child>()> make_;
  mutable std::mutex mu_;
  std::map<label_values, std::unique_ptr<Child>> children_;
};

using counter_family = family<counter>;
using gauge_family = family<gauge>;
using histogram_family = family<histogram>;

/// Owns the families and renders them. Families are rendered in the order they were added.
class registry {
 public:
  registry();
  ~registry();
  registry(const registry&) = delete;
  registry& operator=(const registry&) = delete;

  /// invalid_argument for a name that is not a Prometheus metric name, a label name that is
  /// not a label name (or starts with "__", or is "le" on a histogram), or a name already added.
  result<counter_family*> add_counter(std::string name, std::string help,
                                      std::vector<std::string> label_names = {});
  result<gauge_family*> add_gauge(std::string name, std::string help,
                                  std::vector<std::string> label_names = {});
  /// `bounds`: strictly increasing finite upper bounds (invalid_argument otherwise).
  result<histogram_family*> add_histogram(std::string name, std::string help,
                                          std::vector<std::string> label_names,
                                          std::vector<double> bounds);

  /// Called at the start of every render(), e.g. to set gauges read from elsewhere (mailbox
  /// sizes, connections). Must not call render().
  void on_scrape(std::function<void()> refresh);

  /// The text exposition format, version 0.0.4.
  std::string render() const;

 private:
  struct entry;
  status check_new(const std::string& name, const std::vector<std::string>& labels,
                   bool histogram) const;

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<entry>> entries_;
  std::vector<std::function<void()>> refreshers_;
};

}  // namespace recs::metrics
