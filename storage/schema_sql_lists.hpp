#pragma once

#include <string_view>

// Named SQL of the quieter signals (feedback, watchlists): the rules of schema_sql.hpp hold.
namespace recs::storage::sql {

// Feedback on a show, one row per kind (a show can be "seen" and "not interested" at once).
// until_ts is 0 except for not_tonight. The watchlists: a profile's own, and its household's
// (added_by names the profile that added the show, without a foreign key: the entry outlives a
// deleted profile).
inline constexpr std::string_view v8_lists = R"sql(
CREATE TABLE feedback (
  profile_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  show_id {text} NOT NULL CHECK (show_id <> ''),
  kind {text} NOT NULL CHECK (kind IN ('not_interested', 'not_tonight', 'seen')),
  ts BIGINT NOT NULL,
  until_ts BIGINT NOT NULL DEFAULT 0,
  source {text} NOT NULL DEFAULT 'app',
  PRIMARY KEY (profile_id, show_id, kind)
);
CREATE TABLE profile_watchlist (
  profile_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  show_id {text} NOT NULL CHECK (show_id <> ''),
  ts BIGINT NOT NULL,
  source {text} NOT NULL DEFAULT 'app',
  PRIMARY KEY (profile_id, show_id)
);
CREATE TABLE household_watchlist (
  household_id BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  show_id {text} NOT NULL CHECK (show_id <> ''),
  added_by BIGINT NOT NULL DEFAULT 0,
  ts BIGINT NOT NULL,
  source {text} NOT NULL DEFAULT 'app',
  PRIMARY KEY (household_id, show_id)
);
)sql";

inline constexpr std::string_view upsert_feedback =
    "INSERT INTO feedback (profile_id, show_id, kind, ts, until_ts, source) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (profile_id, show_id, kind) DO UPDATE SET "
    "ts = excluded.ts, until_ts = excluded.until_ts, source = excluded.source";
inline constexpr std::string_view delete_feedback =
    "DELETE FROM feedback WHERE profile_id = $1 AND show_id = $2 AND kind = $3";
inline constexpr std::string_view select_feedback_of_profile =
    "SELECT show_id, kind, ts, until_ts, source FROM feedback WHERE profile_id = $1 "
    "ORDER BY show_id, kind";

inline constexpr std::string_view insert_profile_watch =
    "INSERT INTO profile_watchlist (profile_id, show_id, ts, source) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (profile_id, show_id) DO NOTHING";
// put_watch's check that the profile is of the household.
inline constexpr std::string_view select_profile_of_household =
    "SELECT 1 FROM profiles WHERE id = $1 AND household_id = $2";
inline constexpr std::string_view insert_household_watch =
    "INSERT INTO household_watchlist (household_id, show_id, added_by, ts, source) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (household_id, show_id) DO NOTHING";
inline constexpr std::string_view delete_profile_watch =
    "DELETE FROM profile_watchlist WHERE profile_id = $1 AND show_id = $2 AND profile_id IN "
    "(SELECT id FROM profiles WHERE household_id = $3)";
inline constexpr std::string_view delete_household_watch =
    "DELETE FROM household_watchlist WHERE household_id = $1 AND show_id = $2";
inline constexpr std::string_view select_profile_watchlist =
    "SELECT show_id, profile_id, ts, source FROM profile_watchlist WHERE profile_id = $1 "
    "ORDER BY show_id";
inline constexpr std::string_view select_household_watchlist =
    "SELECT show_id, added_by, ts, source FROM household_watchlist WHERE household_id = $1 "
    "ORDER BY show_id";
inline constexpr std::string_view select_watchlists_of_household_profiles =
    "SELECT w.show_id, w.profile_id, w.ts, w.source FROM profile_watchlist w "
    "JOIN profiles p ON p.id = w.profile_id WHERE p.household_id = $1 "
    "ORDER BY w.profile_id, w.show_id";

// The alerts of a household's inbox (its watchlists' shows arriving on or leaving its services).
// The unique key makes each alert once: a second sync that sees the same change adds nothing.
inline constexpr std::string_view v9_inbox = R"sql(
CREATE TABLE inbox (
  id {auto_id},
  household_id BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  show_id {text} NOT NULL CHECK (show_id <> ''),
  event {text} NOT NULL,
  detail {text} NOT NULL,
  text {text} NOT NULL,
  ts BIGINT NOT NULL,
  is_read INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
  UNIQUE (household_id, show_id, event, detail)
);
)sql";

inline constexpr std::string_view insert_inbox =
    "INSERT INTO inbox (household_id, show_id, event, detail, text, ts) "
    "VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (household_id, show_id, event, detail) DO NOTHING RETURNING id";
inline constexpr std::string_view select_inbox =
    "SELECT id, household_id, show_id, event, detail, text, ts, is_read FROM inbox "
    "WHERE household_id = $1 ORDER BY ts DESC, id DESC LIMIT $2";
inline constexpr std::string_view count_unread_inbox =
    "SELECT COUNT(*) FROM inbox WHERE household_id = $1 AND is_read = 0";
inline constexpr std::string_view mark_inbox_read =
    "UPDATE inbox SET is_read = 1 WHERE household_id = $1 AND id = $2 AND is_read = 0";
inline constexpr std::string_view mark_all_inbox_read =
    "UPDATE inbox SET is_read = 1 WHERE household_id = $1 AND is_read = 0";
// The households with the show on one of their lists (their own or a member's).
inline constexpr std::string_view select_watchers_of_show =
    "SELECT household_id FROM household_watchlist WHERE show_id = $1 UNION "
    "SELECT p.household_id FROM profile_watchlist w JOIN profiles p ON p.id = w.profile_id "
    "WHERE w.show_id = $2";

// A household's own webhook for its watchlist alerts (Discord, Slack, Teams or ntfy). The URL
// is a secret (it carries the webhook's token): answered masked, never logged.
inline constexpr std::string_view v10_household_webhooks = R"sql(
CREATE TABLE household_webhooks (
  household_id BIGINT PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
  kind {text} NOT NULL CHECK (kind IN ('discord', 'slack', 'teams', 'ntfy')),
  url {text} NOT NULL CHECK (url <> ''),
  updated_at BIGINT NOT NULL
);
)sql";

inline constexpr std::string_view upsert_household_webhook =
    "INSERT INTO household_webhooks (household_id, kind, url, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (household_id) DO UPDATE SET kind = excluded.kind, url = excluded.url, "
    "updated_at = excluded.updated_at";
inline constexpr std::string_view select_household_webhook =
    "SELECT household_id, kind, url, updated_at FROM household_webhooks WHERE household_id = $1";
inline constexpr std::string_view delete_household_webhook =
    "DELETE FROM household_webhooks WHERE household_id = $1";

}  // namespace recs::storage::sql
