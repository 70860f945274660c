#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "net/callback.hpp"
#include "recsys/import_report.hpp"
#include "recsys/profile.hpp"
#include "recsys/watch_alerts.hpp"

namespace recs::net {

/// The quieter signals a household gives: feedback on shows (not interested, not tonight, seen),
/// the watchlists (each profile's and the household's), and imports of a profile's history. The
/// caller has checked that the profile or household is the caller's own and that the show is in
/// the catalog. A change is durable before its callback runs; a profile's changes re-rank its
/// open slates (a change_event). Errors: not_found for an unknown profile or a missing entry;
/// unavailable when the actors or the database did not answer in time.
/// One upload of POST /imports/{format}.
struct import_request {
  std::int64_t profile_id = 0;
  std::string format;           ///< imdb, trakt, netflix or serializd
  std::string file;             ///< the file, whole
  std::string netflix_profile;  ///< whose rows of a ViewingActivity.csv; empty: its only one
  bool dry_run = false;         ///< report what would be written, write nothing
};

/// The household's inbox: its newest alerts and how many are unread.
struct inbox_view {
  std::vector<inbox_item> items;
  std::int64_t unread = 0;
};

/// The household's webhook as answered: the URL masked (it is a secret).
struct webhook_view {
  std::string kind;  ///< "discord", "slack", "teams" or "ntfy"
  std::string url;   ///< masked: "https://discord.com/…x9Qa"
  std::int64_t updated_at = 0;
};

/// GET /me/webhook: the household's webhook (none when unset) and which ones this server allows.
struct webhook_state {
  std::optional<webhook_view> webhook;
  std::string policy;  ///< HOUSEHOLD_WEBHOOKS: "public", "lan" or "off"
};

/// What a test push did.
struct webhook_test {
  bool delivered = false;
  std::string message;  ///< why not, when not delivered (never the URL)
};

class lists_port {
 public:
  virtual ~lists_port() = default;

  /// Inserts or replaces the profile's feedback of that kind; answers it as stored.
  virtual void put_feedback(std::int64_t profile_id, show_feedback f,
                            callback<show_feedback> cb) = 0;
  virtual void delete_feedback(std::int64_t profile_id, std::string show_id, feedback_kind kind,
                               callback<unit> cb) = 0;
  /// The profile's feedback, expired "not tonight" entries included.
  virtual void feedback_of(std::int64_t profile_id, callback<std::vector<show_feedback>> cb) = 0;

  /// Adds a show to a watchlist of the household: `w.profile_id`'s, or the household's when 0.
  /// A show already listed keeps its entry (answered as it was asked).
  virtual void add_watch(std::int64_t household_id, watch_entry w, callback<watch_entry> cb) = 0;
  virtual void remove_watch(std::int64_t household_id, std::int64_t profile_id, std::string show_id,
                            callback<unit> cb) = 0;
  /// Every watchlist of the household: its own (profile_id 0), then each profile's.
  virtual void watchlists(std::int64_t household_id, callback<std::vector<watch_entry>> cb) = 0;

  /// The household's newest watchlist alerts (at most `limit`), newest first.
  virtual void inbox(std::int64_t household_id, std::size_t limit, callback<inbox_view> cb) = 0;
  /// Marks the household's alerts of `ids` read (every one when empty); answers how many were
  /// unread.
  virtual void mark_read(std::int64_t household_id, std::vector<std::int64_t> ids,
                         callback<std::int64_t> cb) = 0;

  /// The household's own webhook for its watchlist alerts.
  virtual void webhook(std::int64_t household_id, callback<webhook_state> cb) = 0;
  /// Sets (or replaces) it after checking `kind` and `url` against the server's policy:
  /// invalid_argument saying what is wrong, forbidden when household webhooks are off.
  virtual void set_webhook(std::int64_t household_id, std::string kind, std::string url,
                           callback<webhook_state> cb) = 0;
  /// not_found when none is set.
  virtual void delete_webhook(std::int64_t household_id, callback<unit> cb) = 0;
  /// Pushes a test message to it and answers whether the webhook took it (after retries);
  /// not_found when none is set.
  virtual void test_webhook(std::int64_t household_id, callback<webhook_test> cb) = 0;

  /// The onboarding grid of the profile (recsys/onboarding.hpp): up to `count` show ids.
  virtual void onboarding(std::int64_t profile_id, std::size_t count,
                          callback<std::vector<std::string>> cb) = 0;

  /// Imports an export file into the profile's ratings, seen marks and watchlist: parsed,
  /// matched to the catalog, compared with what the profile has, then written all or nothing
  /// (not at all for a dry run); answers the report. invalid_argument naming the line for a
  /// file that cannot be read as `format`, or for an unknown format.
  virtual void import_file(import_request req, callback<import_report> cb) = 0;
};

}  // namespace recs::net
