#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/tvmaze_response.hpp"
#include "core/result.hpp"

namespace recs::adapters {

/// TVmaze's show index holds 250 ids a page: show `id` is on page id / 250.
inline constexpr std::int64_t kTvmazeIndexPageSize = 250;

/// The base URL; paths below are relative to it.
inline constexpr std::string_view kTvmazeBaseUrl = "https://api.tvmaze.com";

/// "/shows?page=<page>" (page >= 0).
std::string tvmaze_index_path(std::int64_t page);

/// "/lookup/shows?imdb=<id>"; invalid_argument unless `imdb_id` is "tt" and 1-10 digits.
/// TVmaze answers with a redirect to /shows/:id (follow it) or 404 when it lacks the show.
result<std::string> tvmaze_lookup_imdb_path(std::string_view imdb_id);

enum class tvmaze_since : std::uint8_t { day, week, month };

/// "/updates/shows?since=day|week|month".
std::string tvmaze_updates_path(tvmaze_since since);

/// One step of walking the show index: a page of shows, or the end of the index.
struct tvmaze_index_page {
  bool end = false;  ///< true: the index has no page this high (TVmaze answered 404)
  std::vector<tvmaze_show> shows;
};

/// Reads the answer to GET /shows?page=N: 200 -> the page (parse_tvmaze_shows; an empty array
/// is a page, not the end); 404 -> end of the index; anything else -> http_status_error (429
/// "rate limited", 5xx unavailable, HTML blocked, ...).
result<tvmaze_index_page> read_tvmaze_index_page(int http_status, std::string_view body);

/// Reads the answer to a lookup (after the redirect): 200 -> the show; 404 -> not_found (TVmaze
/// does not know the show); anything else -> http_status_error.
result<tvmaze_show> read_tvmaze_lookup(int http_status, std::string_view body);

}  // namespace recs::adapters
