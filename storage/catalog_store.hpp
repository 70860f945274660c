#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "recsys/show.hpp"
#include "storage/sync_records.hpp"

namespace recs::storage {

/// The store's role for the catalog: its shows with their offers, and the providers. Part of
/// storage::store, which states what holds for every role.
class catalog_store {
 public:
  virtual ~catalog_store() = default;

  /// Upserts shows with their offers, in one transaction (all-or-nothing). Every field of a
  /// show is written; its offers only while the store never checked it (offers_checked_ts
  /// unset): they replace its offers, and the given show's offers_checked_ts, when set (a show
  /// copied from another store), is taken too. A show the store checked (replace_offers,
  /// mark_offers_checked) keeps its offers and its offers_checked_ts: a catalog import never
  /// undoes a verification. Show links are not touched.
  virtual status upsert_shows(const std::vector<show>& shows) = 0;
  /// Every show with its offers (by provider id, then monetization name) and offers_checked_ts,
  /// ordered by id.
  virtual result<std::vector<show>> shows() = 0;
  virtual result<std::int64_t> show_count() = 0;
  virtual status upsert_providers(const std::vector<provider>& providers) = 0;
  virtual result<std::vector<provider>> providers() = 0;

  // -- show metadata (the TVmaze sync) -------------------------------------------------------

  /// Writes the given metadata of one show and nothing else (no other column, no offers, no
  /// links, not offers_checked_ts): each field of `m` that is set (non-zero, non-empty)
  /// replaces the stored one; the others are kept. not_found for an unknown show;
  /// invalid_argument for a negative year or runtime. A later catalog import (upsert_shows)
  /// writes every field again.
  virtual status update_show_metadata(const std::string& show_id, const show_metadata& m) = 0;
};

}  // namespace recs::storage
