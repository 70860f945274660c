// metrics: the registry and the Prometheus text exposition format (version 0.0.4).
// https://prometheus.io/docs/instrumenting/exposition_formats/
#include <charconv>
#include <cmath>
#include <variant>

#include "metrics/metrics.hpp"

namespace recs::metrics {

struct registry::entry {
  std::variant<std::unique_ptr<counter_family>, std::unique_ptr<gauge_family>,
               std::unique_ptr<histogram_family>>
      f;
  const std::string& name() const {
    return std::visit([](const auto& p) -> const std::string& { return p->name(); }, f);
  }
};

namespace {

bool valid_metric_name(std::string_view n) {
  if (n.empty()) return false;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const char c = n[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool valid_label_name(std::string_view n) {
  return valid_metric_name(n) && n.find(':') == std::string_view::npos && n.rfind("__", 0) != 0;
}

/// A sample value: integers without a fraction, others in the shortest form that reads back
/// the same; +Inf, -Inf and NaN as Prometheus spells them.
void append_value(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
  }
}

/// HELP text: backslash and line feed escaped.
void append_help(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

/// A label value: backslash, double quote and line feed escaped.
void append_label_value(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '"') {
      out += "\\\"";
    } else {
      append_help(out, std::string_view(&c, 1));
    }
  }
}

/// {a="x",b="y"} plus an optional extra label (le for buckets); nothing when there are none.
void append_labels(std::string& out, const std::vector<std::string>& names,
                   const label_values& values, std::string_view extra_name = {},
                   std::string_view extra_value = {}) {
  if (names.empty() && extra_name.empty()) return;
  out += '{';
  bool first = true;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!first) out += ',';
    first = false;
    out += names[i];
    out += "=\"";
    append_label_value(out, values[i]);
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!first) out += ',';
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
}

void append_header(std::string& out, const std::string& name, const std::string& help,
                   std::string_view type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  append_help(out, help);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

template <class Child>
void append_simple(std::string& out, const family<Child>& f, std::string_view type) {
  append_header(out, f.name(), f.help(), type);
  f.each([&](const label_values& values, const Child& c) {
    out += f.name();
    append_labels(out, f.label_names(), values);
    out += ' ';
    append_value(out, c.value());
    out += '\n';
  });
}

void append_histogram(std::string& out, const histogram_family& f) {
  append_header(out, f.name(), f.help(), "histogram");
  f.each([&](const label_values& values, const histogram& h) {
    const auto s = h.read();
    const auto& bounds = h.bounds();
    for (std::size_t i = 0; i <= bounds.size(); ++i) {
      std::string le;
      append_value(le, i < bounds.size() ? bounds[i] : HUGE_VAL);
      out += f.name();
      out += "_bucket";
      append_labels(out, f.label_names(), values, "le", le);
      out += ' ';
      append_value(out, static_cast<double>(s.cumulative[i]));
      out += '\n';
    }
    out += f.name();
    out += "_sum";
    append_labels(out, f.label_names(), values);
    out += ' ';
    append_value(out, s.sum);
    out += '\n';
    out += f.name();
    out += "_count";
    append_labels(out, f.label_names(), values);
    out += ' ';
    append_value(out, static_cast<double>(s.count));
    out += '\n';
  });
}

}  // namespace

registry::registry() = default;
registry::~registry() = default;

status registry::check_new(const std::string& name, const std::vector<std::string>& labels,
                           bool histogram) const {
  if (!valid_metric_name(name))
    return error{errc::invalid_argument, "not a metric name: '" + name + "'"};
  for (const auto& l : labels) {
    if (!valid_label_name(l) || (histogram && l == "le"))
      return error{errc::invalid_argument, name + ": not a label name: '" + l + "'"};
  }
  for (const auto& e : entries_)
    if (e->name() == name) return error{errc::invalid_argument, name + " is already registered"};
  return ok_status();
}

result<counter_family*> registry::add_counter(std::string name, std::string help,
                                              std::vector<std::string> label_names) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto st = check_new(name, label_names, false); !st) return st.err();
  auto f =
      std::make_unique<counter_family>(std::move(name), std::move(help), std::move(label_names),
                                       [] { return std::make_unique<counter>(); });
  auto* raw = f.get();
  entries_.push_back(std::make_unique<entry>(entry{std::move(f)}));
  return raw;
}

result<gauge_family*> registry::add_gauge(std::string name, std::string help,
                                          std::vector<std::string> label_names) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto st = check_new(name, label_names, false); !st) return st.err();
  auto f = std::make_unique<gauge_family>(std::move(name), std::move(help), std::move(label_names),
                                          [] { return std::make_unique<gauge>(); });
  auto* raw = f.get();
  entries_.push_back(std::make_unique<entry>(entry{std::move(f)}));
  return raw;
}

result<histogram_family*> registry::add_histogram(std::string name, std::string help,
                                                  std::vector<std::string> label_names,
                                                  std::vector<double> bounds) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto st = check_new(name, label_names, true); !st) return st.err();
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
      return error{errc::invalid_argument,
                   name + ": bucket bounds must be finite and strictly increasing"};
  }
  auto shared = std::make_shared<const std::vector<double>>(std::move(bounds));
  auto f =
      std::make_unique<histogram_family>(std::move(name), std::move(help), std::move(label_names),
                                         [shared] { return std::make_unique<histogram>(shared); });
  auto* raw = f.get();
  entries_.push_back(std::make_unique<entry>(entry{std::move(f)}));
  return raw;
}

void registry::on_scrape(std::function<void()> refresh) {
  std::lock_guard<std::mutex> lock(mu_);
  refreshers_.push_back(std::move(refresh));
}

std::string registry::render() const {
  std::vector<std::function<void()>> refreshers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    refreshers = refreshers_;
  }
  for (const auto& r : refreshers) r();
  std::string out;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& e : entries_) {
    std::visit(
        [&](const auto& f) {
          using F = std::decay_t<decltype(*f)>;
          if constexpr (std::is_same_v<F, counter_family>) {
            append_simple(out, *f, "counter");
          } else if constexpr (std::is_same_v<F, gauge_family>) {
            append_simple(out, *f, "gauge");
          } else {
            append_histogram(out, *f);
          }
        },
        e->f);
  }
  return out;
}

}  // namespace recs::metrics
