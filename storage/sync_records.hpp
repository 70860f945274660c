#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace recs::storage {

/// The sources a show can be linked to (show_links.source) and whose sync jobs are recorded
/// (sync_runs.source). Any other non-empty name is stored too; these are the ones in use.
namespace link_source {
inline constexpr std::string_view justwatch = "justwatch";  ///< node id, e.g. "ts20233"
inline constexpr std::string_view tmdb = "tmdb";            ///< TMDB TV id, decimal
inline constexpr std::string_view tvmaze = "tvmaze";        ///< TVmaze show id, decimal
/// A marker, not an id: TVmaze's lookup by IMDb id found nothing for the show (external_id is
/// the IMDb id asked, i.e. the show's id), so the metadata sync does not ask again. An index
/// walk that finds the show at TVmaze links it and removes the marker.
inline constexpr std::string_view tvmaze_missing = "tvmaze_missing";
inline constexpr std::string_view serializd = "serializd";
}  // namespace link_source

/// A title due for an offers check (offers_store::offers_due), with what a sync needs to find it
/// upstream without reading the whole catalog.
struct refresh_item {
  std::string show_id;
  std::string title;
  int year = 0;
  double popularity = 0;               ///< tmdb_popularity
  std::int64_t offers_checked_ts = 0;  ///< unix seconds of the last check; 0 = never
  std::string justwatch_id;            ///< from show_links; empty when not linked yet
  std::string tmdb_id;                 ///< from show_links; empty when not linked yet
};

/// A catalog show that a sync may link to a source (link_store::unlinked_shows).
struct link_candidate {
  std::string show_id;  ///< an IMDb id ("tt...")
  std::string title;
  int year = 0;
  double popularity = 0;  ///< tmdb_popularity
};

/// The metadata columns a metadata sync (TVmaze) writes with catalog_store::update_show_metadata. A
/// field left 0 or empty keeps the stored value: the sync sends only what it changes.
struct show_metadata {
  int year = 0;         ///< first-air year
  int runtime = 0;      ///< minutes per episode
  std::string network;  ///< original network or web channel
  std::string premise;  ///< first-season set-up (the caller has checked it is spoiler-free)
};

/// One external id of a show: at most one per (show, source), and an external id belongs to
/// at most one show per source.
struct show_link {
  std::string show_id;
  std::string source;  ///< see link_source
  std::string external_id;
};

/// One run of a sync job, as recorded in sync_runs.
struct sync_run {
  std::int64_t id = 0;
  std::string source;              ///< "justwatch", "tvmaze", "serializd"
  std::string kind;                ///< "daily_refresh", "metadata", "ratings_import", ...
  std::int64_t started_ts = 0;     ///< unix seconds
  std::int64_t finished_ts = 0;    ///< unix seconds; 0 while running
  std::string status = "running";  ///< "running", "ok", "failed", "cancelled", "partial"
  int checked = 0;                 ///< titles (or items) looked at
  int changed = 0;                 ///< of which changed
  int failed = 0;                  ///< of which failed
  std::string message;             ///< a summary or the error that ended the run
};

}  // namespace recs::storage
