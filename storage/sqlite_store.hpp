#pragma once

#include <memory>
#include <string>

#include "storage/sqlite_connection.hpp"
#include "storage/store.hpp"

namespace recs::storage {

/// Opens the SQLite store at `path` (a file, created with its parent directories if missing,
/// or ":memory:"). The connection runs in WAL mode with synchronous=FULL, so every write is
/// on disk when it returns ok. Call migrate() before anything else.
result<std::unique_ptr<store>> open_sqlite(const std::string& path);

/// The SQLite backend of `store`; callers use open_sqlite(). Declared here only because its
/// implementation spans sqlite_store*.cpp.
///
/// Error mapping: a constraint violation (bad verdict or score, duplicate owner email, a row
/// referring to a missing household/profile/show) is invalid_argument; reading, updating or
/// deleting a row that does not exist is not_found (delete_tag too); a database still locked
/// after the busy timeout is unavailable; anything else is internal. Lists come back in a
/// stable order: ids ascending, or by show id / tag / provider id.
class sqlite_store final : public store {
 public:
  explicit sqlite_store(sqlite_connection conn) : conn_(std::move(conn)) {}

  result<int> migrate() override;

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

  status put_rating(const rating& r) override;
  status delete_rating(std::int64_t profile_id, const std::string& show_id) override;
  result<std::vector<rating>> ratings(std::int64_t profile_id) override;
  result<std::vector<rating>> all_ratings() override;

  status put_tag(std::int64_t profile_id, const tag_pref& t) override;
  status delete_tag(std::int64_t profile_id, const std::string& tag) override;
  result<std::vector<tag_pref>> tags(std::int64_t profile_id) override;

  status put_note(std::int64_t profile_id, const note& n) override;
  result<std::vector<note>> notes(std::int64_t profile_id) override;

  status add_family_watch(const family_watch& w) override;
  result<std::vector<family_watch>> family_watches(std::int64_t household_id) override;

  status upsert_shows(const std::vector<show>& shows) override;
  result<std::vector<show>> shows() override;
  result<std::int64_t> show_count() override;
  status upsert_providers(const std::vector<provider>& providers) override;
  result<std::vector<provider>> providers() override;

  result<std::optional<std::string>> get_meta(const std::string& key) override;
  status set_meta(const std::string& key, const std::string& value) override;

 private:
  result<int> schema_version();
  result<std::vector<std::string>> services_of(std::int64_t household_id);
  result<std::vector<rating>> read_ratings(sqlite_query& q);

  sqlite_connection conn_;
};

namespace internal {

/// Prefixes an error's message with the operation that failed, keeping its category.
error in(std::string_view operation, error e);

/// Current time in unix seconds.
std::int64_t unix_now() noexcept;

}  // namespace internal

}  // namespace recs::storage
