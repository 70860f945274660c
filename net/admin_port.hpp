#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "net/callback.hpp"

namespace recs::net {

/// One kind of actor as admins see it (all profile actors are one row "profile").
struct actor_info {
  actor_info() = default;
  actor_info(std::string n, std::string s) : name(std::move(n)), state(std::move(s)) {}
  std::string name;
  std::string state;
  std::uint64_t instances = 0;  ///< alive now (0 when not metered)
  std::uint64_t mailbox = 0;    ///< messages waiting, over the alive instances
  std::uint64_t processed = 0;  ///< messages handled since start
};

/// An admin control command as logged (GET /admin/commands).
struct admin_command {
  std::int64_t ts = 0;  ///< unix seconds
  std::string admin;    ///< the caller's email
  std::string command;  ///< "resize_pool", "flush_cache", "retrain", "pause_sync", ...
  std::string detail;   ///< e.g. "scorers=4", "source=justwatch"
  unsigned status = 0;  ///< the HTTP status it was answered with
};

/// Control over the running actor system (docs/api.md, "Admin control").
class admin_port {
 public:
  virtual ~admin_port() = default;

  /// A status row per kind of actor, with mailbox and message counts.
  virtual void actors(callback<std::vector<actor_info>> cb) = 0;
  /// Where slates are cached now: "redis", "local (redis unavailable)" or "local"; never blocks.
  virtual std::string cache_backend() const = 0;
  /// Resizes the scoring pool to `scorers` (1-64); answers the new size.
  virtual void resize_scorers(int scorers, callback<int> cb) = 0;
  /// Drops every cached slate (in-process; shared entries written before are ignored from now
  /// on); answers how many in-process entries were dropped.
  virtual void flush_caches(callback<std::uint64_t> cb) = 0;
  /// Asks the trainer to retrain the collaborative model now (it runs in the background).
  virtual void retrain(callback<unit> cb) = 0;
};

/// The log of admin commands: every control command and sync job an admin starts.
class audit_port {
 public:
  virtual ~audit_port() = default;
  /// Logs an admin command (stdout) and counts it (recs_admin_commands_total); never blocks.
  virtual void record_admin_command(admin_command c) = 0;
  /// The recent admin commands, newest first.
  virtual std::vector<admin_command> admin_commands() const = 0;
};

/// GET /metrics: the Prometheus text exposition (format 0.0.4); never blocks on an actor.
class metrics_port {
 public:
  virtual ~metrics_port() = default;
  virtual std::string metrics_text() const = 0;
};

}  // namespace recs::net
