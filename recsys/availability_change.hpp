#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "recsys/show.hpp"

namespace recs {

/// A change in where a show can be watched that a household would care about, found by
/// comparing its offers before and after a verified check (diff_offers).
struct availability_change {
  enum class kind {
    arrived,  ///< now on a provider it was not on before
    left,     ///< no longer on a provider it was on before
    leaving,  ///< still on the provider, with an end date within the window (new or changed)
  };
  kind what = kind::arrived;
  std::string show_id;
  std::string provider;  ///< provider id
  /// The subscription-like type of the offer concerned (after the check for arrived and
  /// leaving, before it for left); when the provider has several, the first of flatrate, free,
  /// ads.
  monetization type = monetization::flatrate;
  std::string available_to;  ///< ISO date the show leaves the provider; set for leaving only
};

/// "arrived", "left" or "leaving".
std::string_view to_string(availability_change::kind k) noexcept;

/// Compares a show's offers before and after a verified check (`after` is what the check
/// found). Only subscription-like offers matter to households: flatrate, free and ads; rent and
/// buy are ignored. Offers are compared per provider, whatever their subscription-like type: a
/// show that moves from flatrate to ads on the same service neither arrives nor leaves.
/// - arrived: a provider with a verified (inferred = false) offer in `after` and no offer at
///   all in `before`. An inferred offer confirmed by a verified one is NOT an arrival (the
///   household was already shown it); a provider only inferred in `after` is not one either.
/// - left: a provider with an offer in `before` (verified or inferred) and none in `after`.
/// - leaving: a provider in `after` whose end date (the latest available_to of its offers;
///   none when any of them has none) lies within [today, today + soon_days] and differs from
///   its end date in `before` (none, or another date: moved earlier or later). A provider that
///   arrived with such a date is reported as arrived and as leaving.
/// Dates are ISO "YYYY-MM-DD"; an unreadable date (or `today_iso`) gives no leaving change.
/// Changes are ordered by provider id, then kind (arrived, left, leaving).
std::vector<availability_change> diff_offers(const std::string& show_id,
                                             const std::vector<offer>& before,
                                             const std::vector<offer>& after,
                                             std::string_view today_iso, int soon_days = 30);

/// Short user-facing copy: "now on Stan", "no longer on Netflix", "leaving Netflix on 30 Apr".
/// The provider's name comes from `providers` (its id when unknown); the date is "D Mon", with
/// the year appended ("30 Apr 2027") when it is not the year of `today_iso`, and the raw text
/// when it is not an ISO date.
std::string describe(const availability_change& c, const std::vector<provider>& providers,
                     std::string_view today_iso);

/// "30 Apr", or "30 Apr 2027" when not in the year of `today_iso`; `iso` itself when it is not
/// an ISO date.
std::string short_date(std::string_view iso, std::string_view today_iso);

}  // namespace recs
