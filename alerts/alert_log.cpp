// The bounded recent-alerts log and its JSON for the admin page.
#include "alerts/alert_log.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace recs::alerts {

namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(writer& w, std::string_view key, std::string_view value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

/// Copies what `a` says now into `e` (not the receive bookkeeping).
void apply(logged_alert& e, const alert& a, const std::string& receiver) {
  e.name = std::string(a.name());
  e.severity = std::string(a.severity());
  e.summary = std::string(a.summary());
  e.status = a.status;
  e.labels = a.labels;
  e.starts_at = a.starts_at;
  e.starts_at_s = a.starts_at_s;
  e.ends_at = a.status == alert_status::resolved ? a.ends_at : std::string();
  e.generator_url = a.generator_url;
  e.receiver = receiver;
}

void write_entry(writer& w, const logged_alert& e) {
  w.StartObject();
  put(w, "fingerprint", e.fingerprint);
  put(w, "name", e.name);
  put(w, "severity", e.severity);
  put(w, "status", to_string(e.status));
  put(w, "summary", e.summary);
  w.Key("labels");
  w.StartObject();
  for (const auto& [k, v] : e.labels) put(w, k, v);
  w.EndObject();
  put(w, "starts_at", e.starts_at);
  w.Key("ends_at");
  if (e.ends_at.empty()) {
    w.Null();
  } else {
    w.String(e.ends_at.data(), static_cast<rapidjson::SizeType>(e.ends_at.size()));
  }
  put(w, "generator_url", e.generator_url);
  put(w, "receiver", e.receiver);
  w.Key("first_received_ts");
  w.Int64(e.first_received_ts);
  w.Key("last_received_ts");
  w.Int64(e.last_received_ts);
  w.Key("notifications");
  w.Uint64(e.notifications);
  w.EndObject();
}

}  // namespace

alert_log::alert_log(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::size_t alert_log::record(const webhook_payload& p, std::int64_t now_ts) {
  std::lock_guard<std::mutex> lock(mu_);
  std::size_t changed = 0;
  for (const auto& a : p.alerts) {
    const auto found = by_fingerprint_.find(a.fingerprint);
    if (found == by_fingerprint_.end()) {
      logged_alert e;
      e.fingerprint = a.fingerprint;
      apply(e, a, p.receiver);
      e.first_received_ts = now_ts;
      e.last_received_ts = now_ts;
      e.notifications = 1;
      order_.push_front(std::move(e));
      by_fingerprint_.emplace(a.fingerprint, order_.begin());
      ++changed;
      if (order_.size() > capacity_) {
        by_fingerprint_.erase(order_.back().fingerprint);
        order_.pop_back();
      }
      continue;
    }
    logged_alert& e = *found->second;
    // A resolved entry reopens only for a firing alert that started after it.
    const bool stale = e.status == alert_status::resolved && a.status == alert_status::firing &&
                       a.starts_at_s <= e.starts_at_s;
    ++e.notifications;
    e.last_received_ts = now_ts;
    if (!stale) apply(e, a, p.receiver);
    order_.splice(order_.begin(), order_, found->second);
    ++changed;
  }
  return changed;
}

std::vector<logged_alert> alert_log::recent(std::size_t limit) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<logged_alert> out;
  for (const auto& e : order_) {
    if (out.size() == limit) break;
    out.push_back(e);
  }
  return out;
}

std::size_t alert_log::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return order_.size();
}

std::size_t alert_log::firing() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::size_t n = 0;
  for (const auto& e : order_) n += e.status == alert_status::firing ? 1 : 0;
  return n;
}

std::string alert_log::to_json() const {
  const auto entries = recent(capacity_);
  std::size_t firing_now = 0;
  for (const auto& e : entries) firing_now += e.status == alert_status::firing ? 1 : 0;
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  w.Key("capacity");
  w.Uint64(capacity_);
  w.Key("count");
  w.Uint64(entries.size());
  w.Key("firing");
  w.Uint64(firing_now);
  w.Key("alerts");
  w.StartArray();
  for (const auto& e : entries) write_entry(w, e);
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace recs::alerts
