#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace recs::adapters {

/// A TVmaze episode (`_embedded.nextepisode` of /shows/:id?embed=nextepisode), without its name
/// and summary (spoilers).
struct tvmaze_episode {
  std::int64_t id = 0;
  int season = 0;
  int number = 0;       ///< in its season; 0 when null (a special)
  std::string airdate;  ///< "YYYY-MM-DD" or empty
};

/// A TVmaze show (https://api.tvmaze.com/shows/:id), the fields the catalog uses.
struct tvmaze_show {
  std::int64_t id = 0;
  std::string url;
  std::string name;
  std::string type;                 ///< "Scripted", "Animation", "Reality", ...
  std::string language;             ///< "English"
  std::vector<std::string> genres;  ///< as TVmaze spells them: "Drama", "Science-Fiction"
  std::string status;               ///< "Running", "Ended", "To Be Determined", ...
  int runtime = 0;                  ///< minutes, 0 if null
  int average_runtime = 0;          ///< minutes, 0 if null
  std::string premiered;            ///< "YYYY-MM-DD" or empty
  std::string ended;                ///< "YYYY-MM-DD" or empty
  int year = 0;                     ///< of `premiered`, 0 if unknown
  double rating = 0;                ///< rating.average, 0 if null
  std::string network;              ///< network.name, else webChannel.name, else empty
  std::string country;       ///< that network's (or web channel's) country.code, empty if none
  bool web_channel = false;  ///< `network` is a web channel (no broadcast network)
  std::string imdb_id;       ///< externals.imdb, empty if null
  std::int64_t thetvdb_id = 0;
  std::int64_t tvrage_id = 0;
  std::string summary;       ///< plain text of the HTML summary (strip_html)
  std::int64_t updated = 0;  ///< unix seconds of TVmaze's last change
  /// _embedded.nextepisode, only there when the show was asked with ?embed=nextepisode (the
  /// index never has it); none when absent or null (no episode announced).
  std::optional<tvmaze_episode> next_episode;
};

// Bodies are read with parse_upstream_json (HTML -> "blocked", malformed -> internal); a
// document of an unexpected shape fails with shape_error naming the JSON path ("[3].externals.
// thetvdb must be an integer"). Null fields are absent fields.

/// GET /shows?page=N: a JSON array of shows.
result<std::vector<tvmaze_show>> parse_tvmaze_shows(std::string_view body);

/// GET /shows/:id[?embed=nextepisode], and the show /lookup/shows?imdb=tt... redirects to.
result<tvmaze_show> parse_tvmaze_show(std::string_view body);

/// GET /updates/shows[?since=day|week|month]: {"<id>": <unix seconds>, ...} -> id -> seconds.
result<std::map<std::int64_t, std::int64_t>> parse_tvmaze_updates(std::string_view body);

}  // namespace recs::adapters
