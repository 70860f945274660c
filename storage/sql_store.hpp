#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/iso_time.hpp"
#include "storage/migrations.hpp"
#include "storage/schema_sql.hpp"
#include "storage/store.hpp"
#include "storage/string_list_json.hpp"

namespace recs::storage {

/// What one SQL backend adds to its connection type; specialised in the backend's .cpp
/// (sqlite_store.cpp, pg_store.cpp) before it instantiates sql_store<Conn>. A specialisation has:
///   using transaction = ...;                     RAII: rolls back unless commit() succeeded
///   static constexpr sql_dialect dialect = ...;  how migrations are rendered
///   static result<transaction> begin(Conn&);
///   static status lock_schema(Conn&);            called first in each migration transaction
///   static status write_shows(Conn&, const std::vector<show>&,
///                             const std::vector<bool>& may_have_offers);  inside a transaction
template <class Conn>
struct sql_backend;

/// The store over any SQL connection type with the common API of sqlite_connection and
/// pg_connection: exec(sql), query(sql), bound(sql, args...), run(sql, args...), changes(), and
/// a query type with step(), int64/int32/real/text/is_null(col). The named SQL of
/// schema_sql.hpp runs unchanged on every backend, so the store's logic is written once; its
/// member definitions are in sql_store_*.hpp, included only by the backend .cpp files, which
/// each instantiate it once.
///
/// Error mapping (the backends map their errors to these categories): a constraint violation
/// (bad verdict or score, duplicate owner email, a row referring to a missing
/// household/profile/show) is invalid_argument; reading, updating or deleting a row that does
/// not exist is not_found (delete_tag too); a busy or unreachable database is unavailable;
/// anything else is internal. Lists come back in a stable order: ids ascending, or by show id /
/// tag / provider id, comparing text bytewise.
template <class Conn>
class sql_store final : public store {
 public:
  explicit sql_store(Conn conn) : conn_(std::move(conn)) {}

  result<int> migrate() override;
  /// nullptr unless the backend's .cpp specialises it (pg_store.cpp does).
  result<std::unique_ptr<store>> open_sibling() override { return std::unique_ptr<store>(); }

  // household_store
  result<household> create_household(const std::string& name, const std::string& owner_email,
                                     const std::vector<std::string>& services) override;
  result<household> household_by_email(std::string_view email) override;
  result<household> household_by_id(std::int64_t id) override;
  result<std::vector<household>> households() override;
  status set_household_services(std::int64_t household_id,
                                const std::vector<std::string>& services) override;

  result<profile> create_profile(std::int64_t household_id, const std::string& name,
                                 maturity cap) override;
  result<std::vector<profile>> profiles(std::int64_t household_id) override;
  result<profile> profile_by_id(std::int64_t id) override;
  status set_maturity_cap(std::int64_t profile_id, maturity cap) override;
  status rename_profile(std::int64_t profile_id, const std::string& name) override;
  status set_profile_kid(std::int64_t profile_id, bool kid) override;
  status set_profile_pin(std::int64_t profile_id, const std::string& pin_hash) override;
  result<std::string> profile_pin_hash(std::int64_t profile_id) override;
  status delete_profile(std::int64_t profile_id) override;
  status delete_household(std::int64_t household_id) override;

  // taste_store
  status put_rating(const rating& r) override;
  status delete_rating(std::int64_t profile_id, const std::string& show_id) override;
  result<std::vector<rating>> ratings(std::int64_t profile_id) override;
  result<std::vector<rating>> all_ratings() override;

  status put_tag(std::int64_t profile_id, const tag_pref& t) override;
  status delete_tag(std::int64_t profile_id, const std::string& tag) override;
  result<std::vector<tag_pref>> tags(std::int64_t profile_id) override;

  status put_note(std::int64_t profile_id, const note& n) override;
  result<std::vector<note>> notes(std::int64_t profile_id) override;

  // list_store
  status put_feedback(std::int64_t profile_id, const show_feedback& f) override;
  status delete_feedback(std::int64_t profile_id, const std::string& show_id,
                         feedback_kind kind) override;
  result<std::vector<show_feedback>> feedback_of(std::int64_t profile_id) override;
  status put_watch(std::int64_t household_id, const watch_entry& w) override;
  status delete_watch(std::int64_t household_id, std::int64_t profile_id,
                      const std::string& show_id) override;
  result<std::vector<watch_entry>> profile_watchlist(std::int64_t profile_id) override;
  result<std::vector<watch_entry>> household_watchlists(std::int64_t household_id) override;
  status apply_import(std::int64_t profile_id, const import_batch& batch) override;
  result<bool> add_inbox(inbox_item& item) override;
  result<std::vector<inbox_item>> inbox(std::int64_t household_id, std::size_t limit) override;
  result<std::int64_t> unread_count(std::int64_t household_id) override;
  result<household_webhook> household_webhook_of(std::int64_t household_id) override;
  status put_household_webhook(const household_webhook& w) override;
  status delete_household_webhook(std::int64_t household_id) override;
  result<std::int64_t> mark_read(std::int64_t household_id,
                                 const std::vector<std::int64_t>& ids) override;
  result<std::vector<std::int64_t>> watchers(const std::string& show_id) override;

  // family_store
  status add_family_watch(const family_watch& w) override;
  result<std::vector<family_watch>> family_watches(std::int64_t household_id) override;

  // catalog_store
  status upsert_shows(const std::vector<show>& shows) override;
  result<std::vector<show>> shows() override;
  result<std::int64_t> show_count() override;
  status upsert_providers(const std::vector<provider>& providers) override;
  result<std::vector<provider>> providers() override;
  status update_show_metadata(const std::string& show_id, const show_metadata& m) override;

  // offers_store
  result<std::vector<refresh_item>> offers_due(std::int64_t now, std::int64_t stale_after_s,
                                               std::size_t limit) override;
  result<std::int64_t> offers_due_count(std::int64_t now, std::int64_t stale_after_s) override;
  result<std::vector<offer>> replace_offers(const std::string& show_id,
                                            const std::vector<offer>& verified,
                                            std::int64_t checked_ts) override;
  status mark_offers_checked(const std::string& show_id, std::int64_t checked_ts) override;
  result<std::int64_t> offers_last_checked() override;

  // link_store
  status set_show_link(const std::string& show_id, const std::string& source,
                       const std::string& external_id) override;
  result<std::vector<show_link>> show_links(const std::string& source) override;
  result<std::optional<std::string>> show_by_link(const std::string& source,
                                                  const std::string& external_id) override;
  status delete_show_link(const std::string& show_id, const std::string& source) override;
  result<std::vector<link_candidate>> unlinked_shows(const std::string& source,
                                                     const std::string& marker_source,
                                                     std::size_t limit) override;
  result<std::int64_t> unlinked_show_count(const std::string& source,
                                           const std::string& marker_source) override;

  // sync_run_store
  result<std::int64_t> start_sync_run(const std::string& source, const std::string& kind,
                                      std::int64_t started_ts) override;
  status finish_sync_run(std::int64_t id, const std::string& run_status, std::int64_t finished_ts,
                         int checked, int changed, int failed, const std::string& message) override;
  result<std::vector<sync_run>> recent_sync_runs(std::size_t limit) override;

  // meta_store
  result<std::optional<std::string>> get_meta(const std::string& key) override;
  status set_meta(const std::string& key, const std::string& value) override;

  // account_store
  result<household> create_household_with_owner(const new_household& h, bool first_run) override;
  result<std::int64_t> account_count() override;
  result<account> create_account(std::int64_t household_id, const std::string& email,
                                 const std::string& password_hash, account_role role) override;
  result<account> account_by_email(std::string_view email) override;
  result<account> account_by_id(std::int64_t id) override;
  result<std::vector<account>> accounts_of(std::int64_t household_id) override;
  status set_password_hash(std::int64_t account_id, const std::string& hash) override;
  status delete_account(std::int64_t account_id) override;

  status create_session(const session_record& s) override;
  result<session_login> session_by_digest(std::string_view digest) override;
  status touch_session(std::string_view digest, std::int64_t now) override;
  status set_session_profile(std::string_view digest, std::int64_t profile_id) override;
  status delete_session(std::string_view digest) override;
  result<std::int64_t> delete_sessions_of(std::int64_t account_id) override;
  result<std::int64_t> purge_expired(std::int64_t now, std::int64_t idle_before) override;

  result<api_token> create_token(const api_token& t) override;
  result<token_login> token_by_digest(std::string_view digest) override;
  result<std::vector<api_token>> tokens_of(std::int64_t account_id) override;
  status touch_token(std::int64_t token_id, std::int64_t now) override;
  status delete_token(std::int64_t account_id, std::int64_t token_id) override;

  result<invite> create_invite(const invite& i) override;
  result<std::vector<invite>> open_invites(std::int64_t household_id, std::int64_t now) override;
  result<invite> invite_by_digest(std::string_view digest) override;
  status delete_invite(std::int64_t household_id, std::int64_t invite_id) override;
  result<account> accept_invite(std::string_view digest, std::int64_t now, const std::string& email,
                                const std::string& password_hash) override;

 private:
  using backend = sql_backend<Conn>;

  result<int> schema_version();
  /// Sets the show's offers_checked_ts; not_found when there is no such show.
  status set_offers_checked(const std::string& show_id, std::int64_t checked_ts);
  result<std::vector<std::string>> services_of(std::int64_t household_id);
  /// Runs `sql` with `args` and then answers not_found(`missing`) when it changed no row.
  template <class... Args>
  status change_one(std::string_view sql, const char* what, const std::string& missing,
                    const Args&... args);
  /// The account on the first row of `q`; not_found(`missing`) when none.
  template <class Query>
  result<account> one_account(result<Query> q, const char* what, const std::string& missing);
  /// The household on the first row of `q`, with its services; not_found(`missing`) when none.
  template <class Query>
  result<household> one_household(result<Query> q, const char* what, const std::string& missing);

  Conn conn_;
};

namespace internal {

/// Prefixes an error's message with the operation that failed, keeping its category.
error in(std::string_view operation, error e);

/// The checks of add_family_watch that need no database: a show and at least one finite fit.
status validate(const family_watch& w);

/// How an offer's last_checked_ts is stored: 0 ("never verified") as NULL, so that
/// stalest-first ordering and freshness reports can tell it apart from a real timestamp.
inline std::optional<std::int64_t> stored_checked_ts(const offer& o) {
  return o.last_checked_ts != 0 ? std::optional<std::int64_t>(o.last_checked_ts) : std::nullopt;
}

/// Steps `q` to its end, making a value of each row with `read(q)`.
template <class Query, class Read>
auto read_rows(Query& q, Read read) -> result<std::vector<decltype(read(q))>> {
  std::vector<decltype(read(q))> out;
  for (;;) {
    auto row = q.step();
    if (!row) return row.err();
    if (!*row) return out;
    out.push_back(read(q));
  }
}

/// For each of `shows`, whether writing it may have to delete offers: it is in `with_offers`
/// (read from the store in the writing transaction), or it came earlier in the same batch.
std::vector<bool> may_have_offers(const std::vector<show>& shows,
                                  const std::unordered_set<std::string>& with_offers);

/// Upserts one show and, unless the store checked it (see catalog_store::upsert_shows), replaces
/// its offers, through `out`: a connection, or anything else with its run(sql, args...) (a
/// pipeline, which must name sql::upsert_show, delete_offers_of_unchecked_show,
/// upsert_offer_of_unchecked_show and adopt_offers_checked_ts). The statements are sent
/// whatever the show's state, so a pipeline needs no answer before the next one: the SQL
/// decides. `may_have_offers` false skips deleting its old offers: the caller read, in this
/// transaction, that the show had none (most shows of the bundled catalog; half the statements).
template <class Out>
status write_show(Out& out, const show& s, bool may_have_offers) {
  if (s.id.empty()) return error{errc::invalid_argument, "a show without an id"};
  const std::string genres = encode_string_list(s.genres);
  const std::string countries = encode_string_list(s.countries);
  if (auto st = out.run(sql::upsert_show, s.id, s.title, s.year, genres, s.premise, s.seasons,
                        s.runtime, countries, s.network, s.imdb_score, s.imdb_votes, s.tmdb_score,
                        s.tmdb_popularity, to_string(s.rating));
      !st) {
    return st;
  }
  if (may_have_offers) {
    if (auto st = out.run(sql::delete_offers_of_unchecked_show, s.id); !st) return st;
  }
  for (const offer& o : s.offers) {
    if (auto st = out.run(sql::upsert_offer_of_unchecked_show, s.id, o.provider, to_string(o.type),
                          o.inferred, o.basis, stored_checked_ts(o), o.url, o.available_to);
        !st) {
      return in("offer " + o.provider + "/" + std::string(to_string(o.type)), st.err());
    }
  }
  if (s.offers_checked_ts != 0) {
    if (auto st = out.run(sql::adopt_offers_checked_ts, s.offers_checked_ts, s.id); !st) return st;
  }
  return ok_status();
}

}  // namespace internal

}  // namespace recs::storage
