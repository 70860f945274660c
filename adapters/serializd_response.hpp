#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace recs::adapters {

/// POST /login -> {"username", "token"} (the token is a JWT for "Authorization: Bearer").
struct serializd_login {
  std::string username;
  std::string token;
};

/// POST /validateauthtoken -> {"isValid", "username"}.
struct serializd_token_check {
  bool valid = false;
  std::string username;
};

/// One diary entry (a review or a log) of GET /user/{username}/diary?page=N.
struct serializd_diary_entry {
  std::int64_t id = 0;
  std::int64_t show_id = 0;               ///< TMDB TV id
  std::optional<std::int64_t> season_id;  ///< TMDB season id; nullopt = the whole show
  std::string season_name;
  int season_number = 0;  ///< from showSeasons by season_id; 0 when unknown or whole show
  /// 1-10 (half-stars). Serializd stores 0 for a log without stars: that is read as no rating.
  std::optional<int> rating;
  std::string review_text;
  bool contains_spoilers = false;
  std::int64_t date_added = 0;  ///< unix seconds the entry was written
  std::int64_t backdate = 0;    ///< unix seconds the user says they watched it; 0 if not given
  bool is_rewatch = false;      ///< "isRewatch" (or "isRewatched")
  bool is_log = false;          ///< "isLog" (or "isLogged")
  std::optional<int> episode_number;  ///< set for an episode entry
  std::vector<std::string> tags;
  std::string show_name;  ///< "showName" when present
  int show_year = 0;      ///< year of "showPremiereDate" when present, else 0

  /// When it was watched: backdate if given, else date_added.
  std::int64_t watched_at() const noexcept { return backdate != 0 ? backdate : date_added; }
};

struct serializd_diary_page {
  std::vector<serializd_diary_entry> reviews;
  int total_pages = 0;
  int total_reviews = 0;
};

/// One show of GET /user/{username}/watchedpage_v2/{page}.
struct serializd_watched_item {
  std::int64_t show_id = 0;  ///< TMDB TV id
  std::vector<std::int64_t> season_ids;
  std::int64_t date_added = 0;
  std::string show_name;
  int num_seasons = 0;
  int num_episodes = 0;
};

struct serializd_watched_page {
  std::vector<serializd_watched_item> items;
  int total_pages = 0;
  int number_of_shows = 0;
  int number_of_seasons = 0;
};

// Bodies are read with parse_upstream_json (HTML -> "blocked", malformed -> internal); a
// document of an unexpected shape fails with shape_error naming the JSON path. Dates
// (dateAdded, backdate) must be ISO 8601 (see parse_iso_time); ratings outside 0-10 are a
// shape error.

/// Fails with forbidden when the token is missing or empty (a login the server refused).
result<serializd_login> parse_serializd_login(std::string_view body);
result<serializd_token_check> parse_serializd_token_check(std::string_view body);
result<serializd_diary_page> parse_serializd_diary(std::string_view body);
result<serializd_watched_page> parse_serializd_watched(std::string_view body);

/// The page after `page` (pages are 1-based) while `page` < `total_pages`; nullopt at the end.
std::optional<int> serializd_next_page(int page, int total_pages) noexcept;

}  // namespace recs::adapters
