#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace recs::adapters {

/// A JustWatch package (a service or store) as the GraphQL API returns it.
struct jw_package {
  std::string node_id;          ///< base64 node id, e.g. "cGF8OA==" (= "pa|8")
  std::int64_t package_id = 0;  ///< numeric id; differs between regions and over time
  std::string clear_name;       ///< "Netflix", "ABC iview"
  std::string technical_name;   ///< "netflix", "abciview"
  std::string short_name;       ///< 3 letters, "nfx": what title filters take
  std::vector<std::string> monetization_types;  ///< "FLATRATE", "FREE", ...
};

/// One way to watch a title, as JustWatch spells it.
struct jw_offer {
  std::string id;
  std::string monetization_type;  ///< "FLATRATE" | "FREE" | "ADS" | "RENT" | "BUY" (or newer)
  std::string presentation_type;  ///< "SD" | "HD" | "_4K" | ...
  std::string url;                ///< standardWebURL; may be empty
  std::string available_to;       ///< "YYYY-MM-DD" (date part of availableTo); empty = no end known
  int element_count = 0;          ///< seasons or episodes the offer covers, 0 if unknown
  jw_package package;
};

enum class jw_object_type : std::uint8_t { show, movie, other };

/// A title node (TitleDetails fragment).
struct jw_title {
  std::string id;  ///< node id: "ts20233" (show), "tm92641" (movie)
  std::int64_t object_id = 0;
  jw_object_type object_type = jw_object_type::other;
  std::string title;
  int original_release_year = 0;  ///< 0 if unknown
  int runtime = 0;                ///< minutes, 0 if unknown
  std::string short_description;
  std::string full_path;            ///< "/au/tv-show/bluey"
  std::vector<std::string> genres;  ///< JustWatch short names: "drm", "cmy", ...
  std::string imdb_id;              ///< "tt7678620" or empty
  std::int64_t tmdb_id = 0;         ///< 0 if unknown (JustWatch sends it as a string)
  std::string age_certification;    ///< as JustWatch gives it for the country, e.g. "MA 15+"
  int total_season_count = 0;       ///< shows only
  std::vector<jw_offer> offers;     ///< in response order
};

/// A page of popularTitles (popular or search). Search answers carry no paging: has_next_page
/// false, end_cursor empty, total_count -1.
struct jw_title_page {
  std::vector<jw_title> titles;
  bool has_next_page = false;
  std::string end_cursor;  ///< pass as `after` for the next page
  std::int64_t total_count = -1;
};

// Every parser first reads the body with parse_upstream_json (HTML -> "blocked", malformed
// JSON -> internal with the offset). Then a non-empty GraphQL "errors" array fails the call,
// even when partial data came with it; the first error decides the category:
//   extensions.code BAD_USER_INPUT / GRAPHQL_VALIDATION_FAILED / GRAPHQL_PARSE_FAILED, or a
//     message about "complexity"                  -> invalid_argument (our query is wrong: do
//                                                    not retry it as is)
//   NOT_FOUND or a message containing "not found"  -> not_found
//   UNAUTHENTICATED / FORBIDDEN                    -> forbidden
//   TOO_MANY_REQUESTS / RATE_LIMITED               -> unavailable, "rate limited: ..."
//                                                    (is_rate_limited)
//   INTERNAL_SERVER_ERROR / SERVICE_UNAVAILABLE / TIMEOUT -> unavailable (retry later)
//   anything else                                  -> internal
// The message is "justwatch graphql: <message> (<code>, at <path>)" for each error, joined by
// "; ". A document of an unexpected shape fails with shape_error naming the JSON path.

/// data.packages of GetProviders.
result<std::vector<jw_package>> parse_jw_providers(std::string_view body);

/// data.popularTitles of GetPopularTitles or GetSearchTitles.
result<jw_title_page> parse_jw_title_page(std::string_view body);

/// data.node of GetTitleOffers; not_found when the node is null.
result<jw_title> parse_jw_title_node(std::string_view body);

}  // namespace recs::adapters
