#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/justwatch_response.hpp"
#include "recsys/show.hpp"

namespace recs::adapters {

/// Our provider id for a JustWatch package, found at run time from its names (JustWatch's
/// numeric package ids differ between regions and change, so none is hard-coded).
///
/// A name's key is its ASCII letters and digits, lower-cased, with '+' read as "plus"
/// ("Disney+" and "Disney Plus" -> "disneyplus"). The package's technicalName and clearName keys
/// are compared with each provider's id key ("disney_plus" -> "disneyplus") and name key;
/// failing that, with a short table of the names JustWatch uses that differ from ours
/// ("amazonprime" / "Amazon Prime Video" -> prime_video, "sbs" -> sbs_on_demand, "max" ->
/// hbo_max); failing that, an ad-supported tier ("Netflix basic with Ads", "Amazon Prime Video
/// with Ads") is the service itself. Add-on channels sold through a store ("Paramount Plus Apple
/// TV Channel", "BritBox Amazon Channel") and stores (Apple TV, Google Play Movies, Amazon
/// Video) are separate purchases and map to nothing. nullopt when no provider of `providers`
/// matches: the caller reports it (see map_packages).
std::optional<std::string> provider_for_package(const jw_package& package,
                                                const std::vector<provider>& providers);

/// The package list of a region resolved against our providers.
struct package_mapping {
  std::vector<std::pair<std::int64_t, std::string>> mapped;  ///< packageId -> provider id
  std::vector<jw_package> unknown;  ///< packages no provider matched, in input order
  std::vector<std::string> providers_without_package;  ///< our providers JustWatch lacks
};

/// Resolves every package (see provider_for_package). Free-to-air services (ABC iview, SBS On
/// Demand, 10 Play, ...) map like any other. Nothing is dropped silently: unmatched packages
/// are listed in `unknown`, and our providers no package matched in `providers_without_package`
/// (e.g. 9Now, 7plus, which JustWatch does not list in AU), in our order.
package_mapping map_packages(const std::vector<jw_package>& packages,
                             const std::vector<provider>& providers);

}  // namespace recs::adapters
