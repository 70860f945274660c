#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/sync_records.hpp"

namespace recs::storage {

/// The store's role for show links: a show's ids at external sources (link_source). Part of
/// storage::store, which states what holds for every role.
class link_store {
 public:
  virtual ~link_store() = default;

  /// Links the show to `external_id` at `source`, replacing its earlier link there. A link of
  /// that same (source, external_id) on another show is removed first (the id moved: upstream
  /// merged or we matched wrongly before), in the same transaction. not_found for an unknown
  /// show; invalid_argument for an empty source or external id.
  virtual status set_show_link(const std::string& show_id, const std::string& source,
                               const std::string& external_id) = 0;
  /// Every link at `source`, ordered by show id.
  virtual result<std::vector<show_link>> show_links(const std::string& source) = 0;
  /// The show linked to `external_id` at `source`, nullopt when none is.
  virtual result<std::optional<std::string>> show_by_link(const std::string& source,
                                                          const std::string& external_id) = 0;
  /// Removes the show's link at `source`. not_found when it had none.
  virtual status delete_show_link(const std::string& show_id, const std::string& source) = 0;
  /// Catalog shows with an IMDb id (their id starts with "tt") that have no link at `source`
  /// nor at `marker_source` (e.g. link_source::tvmaze and tvmaze_missing): the ones a metadata
  /// sync may look up. Most popular first (tmdb_popularity desc, then imdb_votes desc, then
  /// id); at most `limit`.
  virtual result<std::vector<link_candidate>> unlinked_shows(const std::string& source,
                                                             const std::string& marker_source,
                                                             std::size_t limit) = 0;
  /// How many shows unlinked_shows would list without a limit.
  virtual result<std::int64_t> unlinked_show_count(const std::string& source,
                                                   const std::string& marker_source) = 0;
};

}  // namespace recs::storage
