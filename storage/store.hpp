#pragma once

#include <memory>

#include "core/result.hpp"
#include "storage/account_store.hpp"
#include "storage/catalog_store.hpp"
#include "storage/family_store.hpp"
#include "storage/household_store.hpp"
#include "storage/link_store.hpp"
#include "storage/list_store.hpp"
#include "storage/meta_store.hpp"
#include "storage/offers_store.hpp"
#include "storage/sync_run_store.hpp"
#include "storage/taste_store.hpp"

namespace recs::storage {

/// The persistence boundary. Implementations are NOT thread-safe: one owner (a detached
/// storage actor) calls them. Every write is durable when it returns ok (fsync'd).
/// No backend type (sqlite3*, PGresult*) ever crosses this interface.
///
/// A store is one connection to the database and provides every role; what holds here holds
/// for each of them. Code that owns a connection keeps the store; code that only uses it takes
/// the roles it needs (a `taste_store&`, an `offers_store&`, ...). New kinds of data come as a
/// new role interface, one header each, that this class adds to its bases.
class store : public household_store,
              public taste_store,
              public list_store,
              public family_store,
              public catalog_store,
              public offers_store,
              public link_store,
              public sync_run_store,
              public meta_store,
              public account_store {
 public:
  ~store() override = default;

  /// Applies pending versioned migrations; idempotent. Returns the schema version.
  virtual result<int> migrate() = 0;

  /// Another store on the same database with a connection of its own, for a pool of storage
  /// actors; nullptr when the backend is best used through this one connection (SQLite: one
  /// file, one writer). unavailable when the database cannot be reached.
  virtual result<std::unique_ptr<store>> open_sibling() = 0;
};

}  // namespace recs::storage
