#pragma once

#include <string_view>
#include <vector>

#include "adapters/catalog_merge.hpp"
#include "adapters/source_record.hpp"
#include "recsys/show.hpp"

namespace recs::adapters {

/// Australian offers that can honestly be inferred without an AU availability source. None of
/// the bundled files records AU availability, and every US catalogue also holds licensed shows,
/// so being listed by a US service (even by only one) says nothing about Australia. Offers are
/// inferred only from evidence that a service made or premiered the show (its originals stream
/// worldwide on it) or that an Australian broadcaster did. Every offer returned is `inferred`
/// (true), carries a basis naming that evidence, and has no `last_checked_ts` (0): a sync replaces
/// it with a verified offer later. Rules, in this order (one offer per provider, the first wins):
///
/// 1. In the Apple TV+ US catalogue -> apple_tv_plus: that catalogue holds only Apple originals.
/// 2. A platform premiere (platform_premiere) on Netflix -> netflix, Disney+ -> disney_plus or
///    Prime Video -> prime_video.
/// 3. A TVmaze network that is a streamer making its own shows (streamer_provider), e.g.
///    HBO -> binge.
/// 4. An Australian production (countries include "AU" and not "US": the network name alone does
///    not say which country's "ABC" it is) whose TVmaze network is an Australian broadcaster
///    (au_broadcaster_provider) -> that broadcaster's service.
///
/// Free-to-air services get monetization `free`, the others `flatrate`. A show may get none.
std::vector<offer> infer_au_offers(const merged_show& m);

/// The Kaggle 2021 listing showing that a platform premiered the show, or nullptr. A listing on
/// Netflix, Disney+ or Prime Video qualifies when all of these hold:
/// - it has a date_added (most Prime Video rows do not): no date, no inference;
/// - no other US service lists the show in any file (`m.services` is that service alone);
/// - the same service still lists it in the later JustWatch catalogue (originals stay on their
///   service, licences run out), whose release_year gives the first season;
/// - the first season is no earlier than the platform's own series began: Netflix 2013,
///   Disney+ 2019, Prime Video 2013;
/// - the platform added it no later than the year after the season the listing dates
///   (release_year, the latest season's for most series: the file does not keep the first
///   season's date), i.e. it streamed that season as it came out;
/// - TVmaze names no network for it other than that streamer (a show made for NBC or the BBC is
///   not a Netflix original even when only Netflix streams it in the US);
/// - it is not an Australian production: a platform's rights to one often exclude Australia.
/// Hulu is never inferred this way: Hulu adds ABC, NBC and FOX shows the day after broadcast and
/// simulcasts anime, so "added as it came out" does not make a Hulu title a Hulu original.
const platform_listing* platform_premiere(const merged_show& m);

/// The AU service of a streamer that makes its own shows, by TVmaze network name
/// (case-insensitive): Netflix -> netflix, Disney+ -> disney_plus, Prime Video / Amazon Prime
/// Video / Amazon -> prime_video, Apple TV+ -> apple_tv_plus, Paramount+ / CBS All Access ->
/// paramount_plus, Hulu -> disney_plus (Hulu originals stream on Disney+ outside the US),
/// HBO / HBO Max -> binge (HBO programmes stream on Binge in Australia), Stan -> stan. "" for
/// any other network (cable channels such as "Paramount Network" or "Disney Channel" are not
/// their group's streamer).
std::string_view streamer_provider(std::string_view network);

/// The AU service that streams an Australian network's programmes, by TVmaze network name
/// (case-insensitive): ABC family -> abc_iview, SBS -> sbs_on_demand, Network 10 -> ten_play,
/// Nine Network -> nine_now, Seven Network -> seven_plus, Stan -> stan, Foxtel channels
/// (Showcase, FOX8, ...) and Binge -> binge. "" for any other network.
std::string_view au_broadcaster_provider(std::string_view network);

}  // namespace recs::adapters
