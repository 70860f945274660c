#pragma once

#include <string_view>

/// Named SQL of the store, shared by every backend.
///
/// Portability rules (SQLite >= 3.35 and PostgreSQL >= 10 run these texts unchanged):
/// - parameters are `$1`, `$2`, ... and first appear in ascending order (SQLite maps `$N` to
///   index N only then; sqlite_connection checks it at prepare time);
/// - upserts use `INSERT ... ON CONFLICT (...) DO UPDATE SET c = excluded.c`;
/// - inserts that need the new id use `RETURNING id`;
/// - booleans are INTEGER 0/1 and times are BIGINT unix seconds, so decoding is identical;
/// - the DDL differences are tokens that render_sql() (migrations.hpp) expands per dialect:
///   `{auto_id}`, an auto-assigned id column, and `{text}`, the type of every text column:
///   text that compares and sorts bytewise everywhere (SQLite's default BINARY collation;
///   `TEXT COLLATE "C"` on PostgreSQL, whose database default is usually a linguistic one), so
///   that lists come back in the same order and lower() folds ASCII only on both backends.
///   Tokens render to what the SQLite DDL always said, so SQLite databases are unaffected.
namespace recs::storage::sql {

// -- schema (applied by the versioned migrations in migrations.cpp) ------------------------------

inline constexpr std::string_view create_schema_migrations = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER NOT NULL PRIMARY KEY,
  description {text} NOT NULL,
  applied_at BIGINT NOT NULL
))sql";

inline constexpr std::string_view v1_households_profiles = R"sql(
CREATE TABLE households (
  id {auto_id},
  name {text} NOT NULL,
  owner_email {text} NOT NULL CHECK (owner_email <> ''),
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX households_owner_email_ci ON households (lower(owner_email));
CREATE TABLE household_services (
  household_id BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  provider_id {text} NOT NULL CHECK (provider_id <> ''),
  PRIMARY KEY (household_id, provider_id)
);
CREATE TABLE profiles (
  id {auto_id},
  household_id BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  name {text} NOT NULL CHECK (name <> ''),
  maturity_cap {text} NOT NULL CHECK (maturity_cap IN ('', 'G', 'PG', 'M', 'MA15+', 'R18+'))
);
CREATE INDEX profiles_by_household ON profiles (household_id);
)sql";

// The primary keys (profile_id, ...) also serve every "by profile" lookup.
inline constexpr std::string_view v2_taste = R"sql(
CREATE TABLE ratings (
  profile_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  show_id {text} NOT NULL CHECK (show_id <> ''),
  primary_verdict INTEGER NOT NULL CHECK (primary_verdict BETWEEN 0 AND 2),
  score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 10),
  source {text} NOT NULL,
  ts BIGINT NOT NULL,
  PRIMARY KEY (profile_id, show_id)
);
CREATE TABLE tags (
  profile_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  tag {text} NOT NULL CHECK (tag <> ''),
  liked INTEGER NOT NULL CHECK (liked IN (0, 1)),
  PRIMARY KEY (profile_id, tag)
);
CREATE TABLE notes (
  profile_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  show_id {text} NOT NULL CHECK (show_id <> ''),
  text {text} NOT NULL,
  ts BIGINT NOT NULL,
  PRIMARY KEY (profile_id, show_id)
);
)sql";

// genres and countries are JSON arrays of strings (see string_list_json.hpp): they are read
// and written whole with their show, never filtered on in SQL, and keep their order.
// Offers refer to providers by id without a foreign key: a sync may see a new provider first.
inline constexpr std::string_view v3_catalog = R"sql(
CREATE TABLE shows (
  id {text} NOT NULL PRIMARY KEY CHECK (id <> ''),
  title {text} NOT NULL,
  year INTEGER NOT NULL,
  genres {text} NOT NULL,
  premise {text} NOT NULL,
  seasons INTEGER NOT NULL,
  runtime INTEGER NOT NULL,
  countries {text} NOT NULL,
  network {text} NOT NULL,
  imdb_score DOUBLE PRECISION NOT NULL,
  imdb_votes DOUBLE PRECISION NOT NULL,
  tmdb_score DOUBLE PRECISION NOT NULL,
  tmdb_popularity DOUBLE PRECISION NOT NULL,
  classification {text} NOT NULL CHECK (classification IN ('', 'G', 'PG', 'M', 'MA15+', 'R18+'))
);
CREATE TABLE providers (
  id {text} NOT NULL PRIMARY KEY CHECK (id <> ''),
  name {text} NOT NULL,
  free_to_air INTEGER NOT NULL CHECK (free_to_air IN (0, 1))
);
CREATE TABLE offers (
  show_id {text} NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
  provider_id {text} NOT NULL CHECK (provider_id <> ''),
  monetization {text} NOT NULL CHECK (monetization IN ('flatrate', 'free', 'ads', 'rent', 'buy')),
  inferred INTEGER NOT NULL CHECK (inferred IN (0, 1)),
  basis {text} NOT NULL,
  last_checked_ts BIGINT,
  url {text} NOT NULL,
  available_to {text} NOT NULL,
  PRIMARY KEY (show_id, provider_id, monetization)
);
CREATE INDEX offers_by_last_checked ON offers (last_checked_ts);
)sql";

inline constexpr std::string_view v4_meta = R"sql(
CREATE TABLE meta (
  key {text} NOT NULL PRIMARY KEY,
  value {text} NOT NULL
);
)sql";

// Family Mix picks marked watched: the fairness ledger's data. seq keeps each event's fits in
// the order they were written (the primary key alone would order them by profile id).
inline constexpr std::string_view v5_family_watches = R"sql(
CREATE TABLE family_watches (
  id {auto_id},
  household_id BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  show_id {text} NOT NULL CHECK (show_id <> ''),
  ts BIGINT NOT NULL
);
CREATE INDEX family_watches_by_household ON family_watches (household_id, ts, id);
CREATE TABLE family_watch_fits (
  watch_id BIGINT NOT NULL REFERENCES family_watches (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  profile_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  fit DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (watch_id, profile_id),
  UNIQUE (watch_id, seq)
);
)sql";

// What the sync jobs need. shows.offers_checked_ts is the last offers check of the show (NULL =
// never: its offers are the catalog's inferred ones); it lives on the show because a show
// verified to be on no service has no offer to carry it. show_links maps a show to its ids at
// the upstream sources (one per source, and an external id names one show per source).
// sync_runs records every run of a sync job; kind is open ('daily_refresh', 'metadata',
// 'ratings_import', ...).
inline constexpr std::string_view v6_sync = R"sql(
ALTER TABLE shows ADD COLUMN offers_checked_ts BIGINT;
CREATE TABLE show_links (
  show_id {text} NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
  source {text} NOT NULL CHECK (source <> ''),
  external_id {text} NOT NULL CHECK (external_id <> ''),
  PRIMARY KEY (show_id, source),
  UNIQUE (source, external_id)
);
CREATE TABLE sync_runs (
  id {auto_id},
  source {text} NOT NULL CHECK (source <> ''),
  kind {text} NOT NULL CHECK (kind <> ''),
  started_ts BIGINT NOT NULL,
  finished_ts BIGINT,
  status {text} NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'cancelled', 'partial')),
  checked INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  message {text} NOT NULL
);
CREATE INDEX sync_runs_by_source ON sync_runs (source, started_ts);
)sql";

// Accounts (issue 15): who signs in to which household, their browser sessions and API tokens
// (stored as digests of the secrets), and invites. Emails are unique ignoring ASCII case, like
// households.owner_email. invites.created_by has no foreign key: 0 is a deployment admin, and
// an invite outlives the account that sent it. Profiles gain the kid flag and a PIN's PHC
// string ('' = none). Every household of an older database gets its owner's account, with no
// password yet, so that it stays usable.
inline constexpr std::string_view v7_accounts = R"sql(
CREATE TABLE accounts (
  id {auto_id},
  household_id BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  email {text} NOT NULL CHECK (email <> ''),
  password_hash {text} NOT NULL DEFAULT '',
  role {text} NOT NULL CHECK (role IN ('owner', 'member')),
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_email_ci ON accounts (lower(email));
CREATE INDEX accounts_by_household ON accounts (household_id);
CREATE TABLE sessions (
  digest {text} NOT NULL PRIMARY KEY CHECK (digest <> ''),
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf {text} NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  profile_id BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE TABLE api_tokens (
  id {auto_id},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name {text} NOT NULL CHECK (name <> ''),
  digest {text} NOT NULL UNIQUE CHECK (digest <> ''),
  scope {text} NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_by_account ON api_tokens (account_id);
CREATE TABLE invites (
  id {auto_id},
  digest {text} NOT NULL UNIQUE CHECK (digest <> ''),
  household_id BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  email {text} NOT NULL DEFAULT '',
  role {text} NOT NULL CHECK (role IN ('owner', 'member')),
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX invites_by_household ON invites (household_id, id);
ALTER TABLE profiles ADD COLUMN kid INTEGER NOT NULL DEFAULT 0 CHECK (kid IN (0, 1));
ALTER TABLE profiles ADD COLUMN pin_hash {text} NOT NULL DEFAULT '';
INSERT INTO accounts (household_id, email, password_hash, role, created_at)
  SELECT id, owner_email, '', 'owner', created_at FROM households ORDER BY id;
)sql";

// -- schema_migrations --------------------------------------------------------------------------

inline constexpr std::string_view current_version =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
inline constexpr std::string_view record_migration =
    "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)";

// -- households and profiles --------------------------------------------------------------------

inline constexpr std::string_view insert_household =
    "INSERT INTO households (name, owner_email, created_at) VALUES ($1, $2, $3) RETURNING id";
inline constexpr std::string_view select_household_by_id =
    "SELECT id, name, owner_email FROM households WHERE id = $1";
// lower() on both sides matches the unique expression index households_owner_email_ci. The
// standard CAST gives PostgreSQL the parameter's type (lower() is overloaded there).
inline constexpr std::string_view select_household_by_email =
    "SELECT id, name, owner_email FROM households "
    "WHERE lower(owner_email) = lower(CAST($1 AS TEXT))";
inline constexpr std::string_view select_households =
    "SELECT id, name, owner_email FROM households ORDER BY id";
inline constexpr std::string_view select_services_of_household =
    "SELECT provider_id FROM household_services WHERE household_id = $1 ORDER BY provider_id";
inline constexpr std::string_view select_all_services =
    "SELECT household_id, provider_id FROM household_services ORDER BY household_id, provider_id";
inline constexpr std::string_view delete_services_of_household =
    "DELETE FROM household_services WHERE household_id = $1";
inline constexpr std::string_view insert_household_service =
    "INSERT INTO household_services (household_id, provider_id) VALUES ($1, $2) "
    "ON CONFLICT (household_id, provider_id) DO NOTHING";

inline constexpr std::string_view insert_profile =
    "INSERT INTO profiles (household_id, name, maturity_cap, kid) VALUES ($1, $2, $3, $4) "
    "RETURNING id";
// The PIN itself never leaves the store with a profile: only whether it has one.
inline constexpr std::string_view select_profiles_of_household =
    "SELECT id, household_id, name, maturity_cap, kid, "
    "CASE WHEN pin_hash = '' THEN 0 ELSE 1 END FROM profiles WHERE household_id = $1 "
    "ORDER BY id";
inline constexpr std::string_view select_profile_by_id =
    "SELECT id, household_id, name, maturity_cap, kid, "
    "CASE WHEN pin_hash = '' THEN 0 ELSE 1 END FROM profiles WHERE id = $1";
inline constexpr std::string_view update_maturity_cap =
    "UPDATE profiles SET maturity_cap = $1 WHERE id = $2";
inline constexpr std::string_view update_profile_name =
    "UPDATE profiles SET name = $1 WHERE id = $2";
inline constexpr std::string_view update_profile_kid = "UPDATE profiles SET kid = $1 WHERE id = $2";
inline constexpr std::string_view update_profile_pin =
    "UPDATE profiles SET pin_hash = $1 WHERE id = $2";
inline constexpr std::string_view select_profile_pin =
    "SELECT pin_hash FROM profiles WHERE id = $1";
// Its ratings, tags, notes and Family Mix fits go by ON DELETE CASCADE.
inline constexpr std::string_view delete_profile = "DELETE FROM profiles WHERE id = $1";
// Everything of the household goes by ON DELETE CASCADE: services, profiles (and theirs),
// Family Mix watches, accounts (and their sessions and tokens), invites.
inline constexpr std::string_view delete_household = "DELETE FROM households WHERE id = $1";

// -- taste --------------------------------------------------------------------------------------

inline constexpr std::string_view upsert_rating =
    "INSERT INTO ratings (profile_id, show_id, primary_verdict, score, source, ts) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (profile_id, show_id) DO UPDATE SET "
    "primary_verdict = excluded.primary_verdict, score = excluded.score, "
    "source = excluded.source, ts = excluded.ts";
inline constexpr std::string_view delete_rating =
    "DELETE FROM ratings WHERE profile_id = $1 AND show_id = $2";
inline constexpr std::string_view select_ratings_of_profile =
    "SELECT profile_id, show_id, primary_verdict, score, source, ts FROM ratings "
    "WHERE profile_id = $1 ORDER BY show_id";
inline constexpr std::string_view select_all_ratings =
    "SELECT profile_id, show_id, primary_verdict, score, source, ts FROM ratings "
    "ORDER BY profile_id, show_id";

inline constexpr std::string_view upsert_tag =
    "INSERT INTO tags (profile_id, tag, liked) VALUES ($1, $2, $3) "
    "ON CONFLICT (profile_id, tag) DO UPDATE SET liked = excluded.liked";
inline constexpr std::string_view delete_tag =
    "DELETE FROM tags WHERE profile_id = $1 AND tag = $2";
inline constexpr std::string_view select_tags_of_profile =
    "SELECT tag, liked FROM tags WHERE profile_id = $1 ORDER BY tag";

inline constexpr std::string_view upsert_note =
    "INSERT INTO notes (profile_id, show_id, text, ts) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (profile_id, show_id) DO UPDATE SET text = excluded.text, ts = excluded.ts";
inline constexpr std::string_view delete_note =
    "DELETE FROM notes WHERE profile_id = $1 AND show_id = $2";
inline constexpr std::string_view select_notes_of_profile =
    "SELECT show_id, text, ts FROM notes WHERE profile_id = $1 ORDER BY show_id";

// -- catalog ------------------------------------------------------------------------------------

inline constexpr std::string_view upsert_show =
    "INSERT INTO shows (id, title, year, genres, premise, seasons, runtime, countries, network, "
    "imdb_score, imdb_votes, tmdb_score, tmdb_popularity, classification) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
    "ON CONFLICT (id) DO UPDATE SET title = excluded.title, year = excluded.year, "
    "genres = excluded.genres, premise = excluded.premise, seasons = excluded.seasons, "
    "runtime = excluded.runtime, countries = excluded.countries, network = excluded.network, "
    "imdb_score = excluded.imdb_score, imdb_votes = excluded.imdb_votes, "
    "tmdb_score = excluded.tmdb_score, tmdb_popularity = excluded.tmdb_popularity, "
    "classification = excluded.classification";
inline constexpr std::string_view select_shows =
    "SELECT id, title, year, genres, premise, seasons, runtime, countries, network, "
    "imdb_score, imdb_votes, tmdb_score, tmdb_popularity, classification, offers_checked_ts "
    "FROM shows ORDER BY id";
inline constexpr std::string_view count_shows = "SELECT COUNT(*) FROM shows";

// upsert_shows' offers: written only while the show was never checked, so that a catalog import
// never undoes a sync's verification. The condition is evaluated per statement, after
// upsert_show locked the show's row (PostgreSQL), so a check committed meanwhile is seen.
inline constexpr std::string_view delete_offers_of_unchecked_show =
    "DELETE FROM offers WHERE show_id = $1 AND NOT EXISTS "
    "(SELECT 1 FROM shows WHERE id = $1 AND offers_checked_ts IS NOT NULL)";
inline constexpr std::string_view upsert_offer_of_unchecked_show =
    "INSERT INTO offers (show_id, provider_id, monetization, inferred, basis, last_checked_ts, "
    "url, available_to) SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE NOT EXISTS "
    "(SELECT 1 FROM shows WHERE id = $1 AND offers_checked_ts IS NOT NULL) "
    "ON CONFLICT (show_id, provider_id, monetization) DO UPDATE SET "
    "inferred = excluded.inferred, basis = excluded.basis, "
    "last_checked_ts = excluded.last_checked_ts, url = excluded.url, "
    "available_to = excluded.available_to";
// Read by upsert_shows first: the shows whose offers it may have to delete.
inline constexpr std::string_view select_shows_with_unchecked_offers =
    "SELECT DISTINCT o.show_id FROM offers o JOIN shows s ON s.id = o.show_id "
    "WHERE s.offers_checked_ts IS NULL";
// A show given with a check time (copied from another store) that was never checked here.
inline constexpr std::string_view adopt_offers_checked_ts =
    "UPDATE shows SET offers_checked_ts = $1 WHERE id = $2 AND offers_checked_ts IS NULL";

inline constexpr std::string_view delete_offers_of_show = "DELETE FROM offers WHERE show_id = $1";
// A duplicate (provider, monetization) within one show's list: the last one wins.
inline constexpr std::string_view upsert_offer =
    "INSERT INTO offers (show_id, provider_id, monetization, inferred, basis, last_checked_ts, "
    "url, available_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (show_id, provider_id, monetization) DO UPDATE SET "
    "inferred = excluded.inferred, basis = excluded.basis, "
    "last_checked_ts = excluded.last_checked_ts, url = excluded.url, "
    "available_to = excluded.available_to";
inline constexpr std::string_view select_offers =
    "SELECT show_id, provider_id, monetization, inferred, basis, last_checked_ts, url, "
    "available_to FROM offers ORDER BY show_id, provider_id, monetization";

inline constexpr std::string_view select_offers_of_show =
    "SELECT show_id, provider_id, monetization, inferred, basis, last_checked_ts, url, "
    "available_to FROM offers WHERE show_id = $1 ORDER BY provider_id, monetization";

// -- offers checks ------------------------------------------------------------------------------

// Also the existence check (and, on PostgreSQL, the row lock) of replace_offers.
inline constexpr std::string_view set_offers_checked =
    "UPDATE shows SET offers_checked_ts = $1 WHERE id = $2";
// $1 = the cutoff (now - stale_after_s): checked before it is due. Never checked (NULL) first,
// by popularity; then the oldest check first. The link sources are link_source's names.
inline constexpr std::string_view select_offers_due =
    "SELECT s.id, s.title, s.year, s.tmdb_popularity, s.offers_checked_ts, j.external_id, "
    "t.external_id FROM shows s "
    "LEFT JOIN show_links j ON j.show_id = s.id AND j.source = 'justwatch' "
    "LEFT JOIN show_links t ON t.show_id = s.id AND t.source = 'tmdb' "
    "WHERE s.offers_checked_ts IS NULL OR s.offers_checked_ts < $1 "
    "ORDER BY CASE WHEN s.offers_checked_ts IS NULL THEN 0 ELSE 1 END, s.offers_checked_ts, "
    "CASE WHEN s.offers_checked_ts IS NULL THEN s.tmdb_popularity ELSE 0 END DESC, "
    "CASE WHEN s.offers_checked_ts IS NULL THEN s.imdb_votes ELSE 0 END DESC, s.id "
    "LIMIT $2";
inline constexpr std::string_view count_offers_due =
    "SELECT COUNT(*) FROM shows WHERE offers_checked_ts IS NULL OR offers_checked_ts < $1";
inline constexpr std::string_view select_offers_last_checked =
    "SELECT COALESCE(MAX(offers_checked_ts), 0) FROM shows";
inline constexpr std::string_view select_show_exists = "SELECT 1 FROM shows WHERE id = $1";

// -- show links ---------------------------------------------------------------------------------

// The external id moved to another show: its old link goes first (UNIQUE (source, external_id)).
inline constexpr std::string_view delete_show_link_elsewhere =
    "DELETE FROM show_links WHERE source = $1 AND external_id = $2 AND show_id <> $3";
inline constexpr std::string_view upsert_show_link =
    "INSERT INTO show_links (show_id, source, external_id) VALUES ($1, $2, $3) "
    "ON CONFLICT (show_id, source) DO UPDATE SET external_id = excluded.external_id";
inline constexpr std::string_view select_show_links_of_source =
    "SELECT show_id, source, external_id FROM show_links WHERE source = $1 ORDER BY show_id";
inline constexpr std::string_view select_show_by_link =
    "SELECT show_id FROM show_links WHERE source = $1 AND external_id = $2";
inline constexpr std::string_view delete_show_link =
    "DELETE FROM show_links WHERE show_id = $1 AND source = $2";
// Shows with an IMDb id and neither a link at $1 nor a marker at $2, most popular first.
inline constexpr std::string_view select_unlinked_shows =
    "SELECT s.id, s.title, s.year, s.tmdb_popularity FROM shows s "
    "WHERE s.id LIKE 'tt%' AND NOT EXISTS (SELECT 1 FROM show_links l "
    "WHERE l.show_id = s.id AND (l.source = $1 OR l.source = $2)) "
    "ORDER BY s.tmdb_popularity DESC, s.imdb_votes DESC, s.id LIMIT $3";
inline constexpr std::string_view count_unlinked_shows =
    "SELECT COUNT(*) FROM shows s "
    "WHERE s.id LIKE 'tt%' AND NOT EXISTS (SELECT 1 FROM show_links l "
    "WHERE l.show_id = s.id AND (l.source = $1 OR l.source = $2))";

// -- show metadata ------------------------------------------------------------------------------

// A metadata sync's write: 0 / '' keeps the stored value.
inline constexpr std::string_view update_show_metadata =
    "UPDATE shows SET year = CASE WHEN $1 > 0 THEN $1 ELSE year END, "
    "runtime = CASE WHEN $2 > 0 THEN $2 ELSE runtime END, "
    "network = CASE WHEN $3 <> '' THEN $3 ELSE network END, "
    "premise = CASE WHEN $4 <> '' THEN $4 ELSE premise END WHERE id = $5";

// -- sync runs ----------------------------------------------------------------------------------

inline constexpr std::string_view insert_sync_run =
    "INSERT INTO sync_runs (source, kind, started_ts, status, checked, changed, failed, message) "
    "VALUES ($1, $2, $3, 'running', 0, 0, 0, '') RETURNING id";
inline constexpr std::string_view finish_sync_run =
    "UPDATE sync_runs SET status = $1, finished_ts = $2, checked = $3, changed = $4, "
    "failed = $5, message = $6 WHERE id = $7";
inline constexpr std::string_view select_recent_sync_runs =
    "SELECT id, source, kind, started_ts, finished_ts, status, checked, changed, failed, message "
    "FROM sync_runs ORDER BY started_ts DESC, id DESC LIMIT $1";

inline constexpr std::string_view upsert_provider =
    "INSERT INTO providers (id, name, free_to_air) VALUES ($1, $2, $3) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, free_to_air = excluded.free_to_air";
inline constexpr std::string_view select_providers =
    "SELECT id, name, free_to_air FROM providers ORDER BY id";

// -- meta ---------------------------------------------------------------------------------------

inline constexpr std::string_view select_meta = "SELECT value FROM meta WHERE key = $1";
inline constexpr std::string_view upsert_meta =
    "INSERT INTO meta (key, value) VALUES ($1, $2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

// -- family watches -----------------------------------------------------------------------------

inline constexpr std::string_view insert_family_watch =
    "INSERT INTO family_watches (household_id, show_id, ts) VALUES ($1, $2, $3) RETURNING id";
inline constexpr std::string_view insert_family_watch_fit =
    "INSERT INTO family_watch_fits (watch_id, seq, profile_id, fit) VALUES ($1, $2, $3, $4)";
inline constexpr std::string_view select_family_watches_of_household =
    "SELECT id, show_id, ts FROM family_watches WHERE household_id = $1 ORDER BY ts, id";
inline constexpr std::string_view select_family_watch_fits_of_household =
    "SELECT f.watch_id, f.profile_id, f.fit FROM family_watch_fits f "
    "JOIN family_watches w ON w.id = f.watch_id WHERE w.household_id = $1 "
    "ORDER BY f.watch_id, f.seq";

// -- accounts, sessions, API tokens, invites -----------------------------------------------------

inline constexpr std::string_view count_accounts = "SELECT COUNT(*) FROM accounts";
inline constexpr std::string_view count_accounts_and_households =
    "SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM households)";
// The first-run guard: a second setup, even a concurrent one, fails on the primary key.
inline constexpr std::string_view delete_first_run_marker_when_empty =
    "DELETE FROM meta WHERE key = 'first_run_setup' AND NOT EXISTS (SELECT 1 FROM households)";
inline constexpr std::string_view insert_first_run_marker =
    "INSERT INTO meta (key, value) VALUES ('first_run_setup', $1)";
inline constexpr std::string_view insert_account =
    "INSERT INTO accounts (household_id, email, password_hash, role, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
inline constexpr std::string_view select_account_by_email =
    "SELECT a.id, a.household_id, a.email, a.password_hash, a.role, a.created_at FROM accounts a "
    "WHERE lower(a.email) = lower(CAST($1 AS TEXT))";
inline constexpr std::string_view select_account_by_id =
    "SELECT a.id, a.household_id, a.email, a.password_hash, a.role, a.created_at FROM accounts a "
    "WHERE a.id = $1";
inline constexpr std::string_view select_accounts_of_household =
    "SELECT a.id, a.household_id, a.email, a.password_hash, a.role, a.created_at FROM accounts a "
    "WHERE a.household_id = $1 ORDER BY CASE WHEN a.role = 'owner' THEN 0 ELSE 1 END, a.id";
inline constexpr std::string_view update_password_hash =
    "UPDATE accounts SET password_hash = $1 WHERE id = $2";
inline constexpr std::string_view delete_account = "DELETE FROM accounts WHERE id = $1";

inline constexpr std::string_view insert_session =
    "INSERT INTO sessions (digest, account_id, csrf, created_at, last_seen_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
inline constexpr std::string_view select_session_login =
    "SELECT s.digest, s.account_id, s.csrf, s.created_at, s.last_seen_at, s.expires_at, "
    "s.profile_id, a.id, a.household_id, a.email, a.password_hash, a.role, a.created_at "
    "FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.digest = $1";
inline constexpr std::string_view set_session_profile =
    "UPDATE sessions SET profile_id = $1 WHERE digest = $2";
inline constexpr std::string_view touch_session =
    "UPDATE sessions SET last_seen_at = $1 WHERE digest = $2";
inline constexpr std::string_view delete_session = "DELETE FROM sessions WHERE digest = $1";
inline constexpr std::string_view delete_sessions_of_account =
    "DELETE FROM sessions WHERE account_id = $1";
inline constexpr std::string_view delete_expired_sessions =
    "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2";
inline constexpr std::string_view delete_expired_invites =
    "DELETE FROM invites WHERE expires_at <= $1";

inline constexpr std::string_view insert_token =
    "INSERT INTO api_tokens (account_id, name, digest, scope, created_at, last_used_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
inline constexpr std::string_view select_token_login =
    "SELECT t.id, t.account_id, t.name, t.digest, t.scope, t.created_at, t.last_used_at, "
    "a.id, a.household_id, a.email, a.password_hash, a.role, a.created_at "
    "FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.digest = $1";
inline constexpr std::string_view select_tokens_of_account =
    "SELECT t.id, t.account_id, t.name, t.digest, t.scope, t.created_at, t.last_used_at "
    "FROM api_tokens t WHERE t.account_id = $1 ORDER BY t.id";
inline constexpr std::string_view touch_token =
    "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2";
inline constexpr std::string_view delete_token_of_account =
    "DELETE FROM api_tokens WHERE account_id = $1 AND id = $2";

inline constexpr std::string_view insert_invite =
    "INSERT INTO invites (digest, household_id, email, role, created_by, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
inline constexpr std::string_view select_open_invites_of_household =
    "SELECT id, digest, household_id, email, role, created_by, created_at, expires_at, used_at "
    "FROM invites WHERE household_id = $1 AND used_at = 0 AND expires_at > $2 ORDER BY id";
inline constexpr std::string_view select_invite_by_digest =
    "SELECT id, digest, household_id, email, role, created_by, created_at, expires_at, used_at "
    "FROM invites WHERE digest = $1";
inline constexpr std::string_view delete_invite_of_household =
    "DELETE FROM invites WHERE household_id = $1 AND id = $2";
// Takes the invite: one statement, so two concurrent accepts cannot both see it open (on
// PostgreSQL the second waits for the first's row lock and then re-checks used_at).
inline constexpr std::string_view take_invite =
    "UPDATE invites SET used_at = $1 WHERE digest = $2 AND used_at = 0 AND expires_at > $1 "
    "AND (email = '' OR lower(email) = lower(CAST($3 AS TEXT))) RETURNING household_id, role";
inline constexpr std::string_view update_household_owner_email =
    "UPDATE households SET owner_email = $1 WHERE id = $2";

}  // namespace recs::storage::sql
