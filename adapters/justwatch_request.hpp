#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace recs::adapters {

/// Where and how JustWatch is asked. The region comes from the REGION setting (AU by default).
struct jw_query_options {
  std::string country = "AU";   ///< ISO 3166 alpha-2, upper-case (JustWatch: ^[A-Z]{2}$)
  std::string language = "en";  ///< ISO 639-1, lower-case
  bool shows_only = true;       ///< title filters carry objectTypes ["SHOW"]
};

/// The most titles one page may ask for: larger pages trip JustWatch's "operation complexity"
/// limit.
inline constexpr int kJwMaxPageSize = 100;

// Each builder returns the exact JSON body to POST to https://apis.justwatch.com/graphql:
// {"operationName":..., "variables":{...}, "query":"..."}, with the variables in a fixed order
// (equal input, byte-identical body). The title queries share one TitleDetails fragment (id,
// objectId, objectType, content{title, originalReleaseYear, runtime, shortDescription, fullPath,
// genres, externalIds{imdbId tmdbId}, ageCertification}, totalSeasonCount, offers) and one
// TitleOffer fragment (id, monetizationType, presentationType, currency, type, elementCount,
// availableTo, standardWebURL, package{id packageId clearName technicalName shortName
// monetizationTypes}); parse them with justwatch_response.hpp. invalid_argument when the
// country, language or another argument is out of range.

/// GetProviders: packages(country, platform: WEB, includeAddons: true).
result<std::string> jw_providers_body(const jw_query_options& opt = {});

/// GetSearchTitles: popularTitles filtered by searchQuery `text` (trimmed, 1-200 bytes), the
/// `first` (1-kJwMaxPageSize) best matches, sortBy POPULAR, offers with bestOnly.
result<std::string> jw_search_body(std::string_view text, int first = 5,
                                   const jw_query_options& opt = {});

/// GetPopularTitles: one page of popularTitles, `first` titles (1-kJwMaxPageSize) after the
/// cursor `after` (empty = the first page; otherwise the previous page's pageInfo.endCursor),
/// sortBy POPULAR, offers with bestOnly. `packages` (3-letter shortNames, e.g. "nfx") narrows
/// the titles to those on these packages; empty = every package.
result<std::string> jw_popular_body(int first, std::string_view after = {},
                                    const std::vector<std::string>& packages = {},
                                    const jw_query_options& opt = {});

/// GetTitleOffers: node(id: `node_id`) as a MovieOrShow with every offer (bestOnly false).
/// `node_id` is a JustWatch node id ("ts20233", "tm92641", or a base64 id).
result<std::string> jw_title_offers_body(std::string_view node_id,
                                         const jw_query_options& opt = {});

}  // namespace recs::adapters
