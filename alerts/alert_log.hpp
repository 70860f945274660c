#pragma once
// The recent alerts the admin page shows: the last N alerts by fingerprint, newest first.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "alerts/alertmanager_payload.hpp"

namespace recs::alerts {

/// One alert as last heard of.
struct logged_alert {
  std::string fingerprint;
  std::string name;
  std::string severity;
  std::string summary;
  alert_status status = alert_status::firing;
  kv_map labels;
  std::string starts_at;  ///< RFC 3339 as sent
  std::string ends_at;    ///< RFC 3339 as sent; empty while firing
  std::int64_t starts_at_s = 0;
  std::string generator_url;
  std::string receiver;
  std::int64_t first_received_ts = 0;  ///< unix seconds of the first notification carrying it
  std::int64_t last_received_ts = 0;   ///< ... and of the last one
  std::uint64_t notifications = 0;     ///< how many notifications carried it
};

/// A bounded, thread-safe log of recent alerts, keyed by fingerprint. Recording a notification
/// updates the alerts it carries (a resolve turns an entry resolved) and moves them to the
/// front; past `capacity` the least recently heard of are dropped. Time comes from the caller.
class alert_log {
 public:
  static constexpr std::size_t default_capacity = 100;

  /// A capacity of 0 is taken as 1.
  explicit alert_log(std::size_t capacity = default_capacity);

  /// Records every alert of `p`, received at `now_ts` (unix seconds). A firing alert that is
  /// older than a resolved entry of the same fingerprint (same or earlier startsAt: a late or
  /// repeated notification) does not reopen it. Returns how many entries were added or changed.
  std::size_t record(const webhook_payload& p, std::int64_t now_ts);

  /// At most `limit` entries (all by default), the most recently heard of first.
  std::vector<logged_alert> recent(
      std::size_t limit = std::numeric_limits<std::size_t>::max()) const;

  std::size_t size() const;
  std::size_t capacity() const { return capacity_; }
  /// Entries whose last status is firing.
  std::size_t firing() const;

  /// {"capacity":100,"count":2,"firing":1,"alerts":[{"fingerprint","name","severity","status",
  /// "summary","labels":{...},"starts_at","ends_at" (null while firing),"generator_url",
  /// "receiver","first_received_ts","last_received_ts","notifications"}, ...]}, newest first.
  std::string to_json() const;

 private:
  using entries = std::list<logged_alert>;

  std::size_t capacity_;
  mutable std::mutex mu_;
  entries order_;  // front: most recently heard of
  std::unordered_map<std::string, entries::iterator> by_fingerprint_;
};

}  // namespace recs::alerts
