#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "net/sync_types.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/family_mix.hpp"
#include "recsys/profile.hpp"
#include "recsys/result.hpp"
#include "recsys/slate.hpp"

namespace recs::net {

/// Completion of an asynchronous backend call; invoked exactly once, on any thread.
template <class T>
using callback = std::function<void(result<T>)>;

/// A small status row of one actor for the admin page.
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

/// Something changed that may change open slates (live updates over WebSocket).
struct change_event {
  enum class kind { rating, tag, note, settings, watched, availability, model };
  kind what = kind::rating;
  std::int64_t household_id = 0;  ///< 0: every household (a catalog or model change)
  /// The profiles whose own slates may change; empty: every profile of the household.
  std::vector<std::int64_t> profile_ids;
  /// availability: what changed, per show: (show id, "now on Stan"), for the pages showing it.
  std::vector<std::pair<std::string, std::string>> notes;
};

std::string_view to_string(change_event::kind k) noexcept;

/// What the HTTP front needs from the rest of the service. The actor layer implements it; the
/// front never sees CAF, SQL or the cache internals. Every asynchronous call completes, with an
/// errc::unavailable error when an actor did not answer in time.
class backend {
 public:
  virtual ~backend() = default;

  /// The current catalog; lock-free, never blocks.
  virtual snapshot_ptr catalog() const = 0;
  /// The content model (embeddings + ANN index) built for `catalog`, or null while it is still
  /// being built (a few hundred ms after start or a catalog change); lock-free.
  virtual content_model_ptr content_for(const catalog_snapshot& catalog) const = 0;

  /// A cached response body for `key`, if fresh; never blocks on an actor.
  virtual std::optional<std::string> cached(const std::string& key) const = 0;
  /// The cache generation of a profile; pass it back to store() so that a slate computed before
  /// an invalidation is never cached after it.
  virtual std::uint64_t cache_generation(std::int64_t profile_id) const = 0;
  virtual void store_cached(const std::string& key, std::int64_t profile_id,
                            std::uint64_t generation, std::string body) = 0;
  /// A body that depends on several profiles (a Family Mix), with the generation of each read
  /// before it was computed: dropped when any is stale, invalidated with any of them.
  virtual void store_cached(const std::string& key,
                            const std::vector<std::pair<std::int64_t, std::uint64_t>>& owners,
                            std::string body) = 0;

  /// The household an email owns, from the in-memory directory; never blocks on an actor.
  virtual std::optional<household> household_by_email(const std::string& email) const = 0;
  /// The profiles of a household, from the in-memory directory; never blocks on an actor.
  virtual std::vector<profile> profiles(std::int64_t household_id) const = 0;
  virtual void set_services(std::int64_t household_id, std::vector<std::string> services,
                            callback<household> cb) = 0;

  virtual void recommend(std::int64_t profile_id, slate_request req, callback<slate_ptr> cb) = 0;

  /// Family Mix for the profiles present (at least one, all of `household_id`; the caller has
  /// checked), with the household's fairness ledger.
  virtual void recommend_family(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                                slate_request req, callback<family_slate_ptr> cb) = 0;
  /// Records that the household watched `show_id` as a Family Mix pick with these profiles
  /// present, with each one's fit at this moment (the fairness ledger); every cached slate of
  /// the household is invalidated. not_found for an unknown show.
  virtual void family_watched(std::int64_t household_id, std::vector<std::int64_t> profile_ids,
                              std::string show_id, callback<family_watch> cb) = 0;
  /// The household's watched Family Mix picks, oldest first.
  virtual void family_watches(std::int64_t household_id,
                              callback<std::vector<family_watch>> cb) = 0;

  virtual void put_rating(rating r, callback<rating> cb) = 0;
  virtual void delete_rating(std::int64_t profile_id, std::string show_id, callback<unit> cb) = 0;
  virtual void ratings(std::int64_t profile_id, callback<std::vector<rating>> cb) = 0;

  virtual void put_tag(std::int64_t profile_id, tag_pref t, callback<tag_pref> cb) = 0;
  virtual void delete_tag(std::int64_t profile_id, std::string tag, callback<unit> cb) = 0;
  virtual void tags(std::int64_t profile_id, callback<std::vector<tag_pref>> cb) = 0;

  virtual void put_note(std::int64_t profile_id, note n, callback<note> cb) = 0;
  virtual void notes(std::int64_t profile_id, callback<std::vector<note>> cb) = 0;

  virtual void actors(callback<std::vector<actor_info>> cb) = 0;
  /// Where slates are cached now, for /admin/status: "redis", "local (redis unavailable)" or
  /// "local" (no shared cache configured); never blocks.
  virtual std::string cache_backend() const { return "local"; }

  /// GET /metrics: the Prometheus text exposition (format 0.0.4); never blocks on an actor.
  virtual std::string metrics_text() const { return ""; }

  // -- sync jobs (admin); a backend without them answers unavailable -------------------------

  /// Every sync job's state and progress; never blocks on an actor.
  virtual std::vector<job_info> sync_jobs() const { return {}; }
  /// The daily refresh's plan, read from the store; calls no upstream.
  virtual void refresh_plan(callback<refresh_plan_view> cb) {
    cb(error{errc::unavailable, "no sync jobs in this service"});
  }
  /// Starts `job` ("daily_refresh", ...) now. invalid_argument for an unknown job; unavailable
  /// when its source is off (USE_REAL_*=false) or it is already running (the message says).
  virtual result<job_info> start_job(const std::string& job) {
    (void)job;
    return error{errc::unavailable, "no sync jobs in this service"};
  }
  /// Imports the Serializd diary (SERIALIZD_TOKEN) as ratings of `profile_id`; errors as
  /// start_job.
  virtual result<job_info> start_serializd_import(std::int64_t profile_id) {
    (void)profile_id;
    return error{errc::unavailable, "no sync jobs in this service"};
  }
  /// "pause" or "resume" the sync job of `source`; not_found for an unknown source.
  virtual result<job_info> control_sync(const std::string& source, const std::string& command) {
    (void)source;
    (void)command;
    return error{errc::unavailable, "no sync jobs in this service"};
  }
  virtual void freshness(callback<freshness_view> cb) {
    cb(error{errc::unavailable, "no sync jobs in this service"});
  }

  // -- admin control (docs/api.md, "Admin control"); a backend without it answers unavailable --

  /// Resizes the scoring pool to `scorers` (1-64); answers the new size.
  virtual void resize_scorers(int scorers, callback<int> cb) {
    (void)scorers;
    cb(error{errc::unavailable, "no scoring pool in this service"});
  }
  /// Drops every cached slate (in-process; shared entries written before are ignored from now
  /// on); answers how many in-process entries were dropped.
  virtual void flush_caches(callback<std::uint64_t> cb) {
    cb(error{errc::unavailable, "no cache in this service"});
  }
  /// Asks the trainer to retrain the collaborative model now (it runs in the background).
  virtual void retrain(callback<unit> cb) { cb(error{errc::unavailable, "no model trainer"}); }
  /// Logs an admin command (stdout) and counts it (recs_admin_commands_total); kept for
  /// admin_commands(). Never blocks.
  virtual void record_admin_command(admin_command c) { (void)c; }
  /// The recent admin commands, newest first.
  virtual std::vector<admin_command> admin_commands() const { return {}; }

  /// Registers the one listener for change events (replacing any earlier one); it is called
  /// after the change is durable and the caches are invalidated, on any thread, and must not
  /// block.
  virtual void on_change(std::function<void(const change_event&)> listener) = 0;
};

}  // namespace recs::net
