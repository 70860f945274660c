#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/catalog_match.hpp"
#include "adapters/justwatch_response.hpp"
#include "recsys/show.hpp"

namespace recs::adapters {

/// The key a JustWatch title is matched to the catalog with (imdb_first): externalIds.imdbId,
/// externalIds.tmdbId, content.title, content.originalReleaseYear. The catalog holds shows
/// only: callers skip titles whose object_type is not jw_object_type::show.
title_key jw_title_key(const jw_title& t);

/// JustWatch's monetizationType in our terms: FLATRATE -> flatrate, FREE -> free, ADS -> ads,
/// RENT -> rent, BUY -> buy (parse_monetization: case-insensitive). nullopt for kinds we do not
/// model (CINEMA, FAST, ...).
std::optional<monetization> jw_monetization(std::string_view type) noexcept;

/// A title's offers in our terms, and what could not be converted.
struct jw_offer_conversion {
  std::vector<offer> offers;  ///< one per (provider, monetization), sorted by provider id, type
  std::vector<jw_package> unknown_packages;  ///< unique by packageId, first-seen order
  std::vector<std::string> skipped_types;    ///< monetization types we do not model, unique
};

/// Converts a title's offers: the package maps to a provider with provider_for_package (an
/// offer of an unknown package is left out and its package reported); each offer becomes
/// verified (inferred = false, basis "justwatch", last_checked_ts = `fetched_ts`, the unix time
/// of the fetch), with url = standardWebURL and available_to = the availableTo date.
/// Offers of one (provider, monetization) (SD, HD and 4K, or several packages of one provider)
/// collapse into one: the url of the best presentation that has one (4K, then HD, then SD,
/// then others; the first on a tie), and available_to empty if any of them has no end date
/// (still open-ended), else the latest date.
jw_offer_conversion convert_offers(const jw_title& t, const std::vector<provider>& providers,
                                   std::int64_t fetched_ts);

}  // namespace recs::adapters
