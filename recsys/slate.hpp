#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/intent.hpp"

namespace recs {

/// What a caller asks of one profile's slate.
struct slate_request {
  recs::intent mood = intent::standard;  ///< the intent= of the request
  std::uint64_t seed = 0;
  std::size_t limit = 20;
  bool only_my_services = false;
  bool explain = false;
  /// Unix seconds: "not tonight" feedback hides a show while its until_ts is later. 0 hides
  /// every such show.
  std::int64_t now = 0;
};

/// The additive parts of an item's raw score; each is the real contribution to the ranking.
struct score_components {
  double similar_loved = 0;
  double similar_good = 0;
  double similar_bad = 0;     ///< <= 0
  double similar_seen = 0;    ///< like shows marked seen (watched without a verdict)
  double not_interested = 0;  ///< <= 0: like shows marked not interested
  double watchlist = 0;       ///< on the profile's watchlist
  double tags = 0;            ///< liked minus disliked tag matches
  double quality = 0;
  double popularity = 0;
  double availability = 0;
  double collaborative = 0;  ///< what profiles with similar ratings liked
  double novelty = 0;        ///< a small lift for the less widely watched
  double intent = 0;         ///< how well the show matches the requested intent
  double jitter = 0;

  double raw() const noexcept {
    return similar_loved + similar_good + similar_bad + similar_seen + not_interested + watchlist +
           tags + quality + popularity + availability + collaborative + novelty + intent + jitter;
  }
};

/// The score component a reason stands for.
enum class reason_kind : std::uint8_t {
  similar_loved,
  similar_good,
  similar_seen,
  watchlist,
  not_interested,  ///< a caveat: its weight is negative
  tags,
  availability,
  collaborative,
  quality,
  popularity,
  intent,
};

/// The component's name, as a reason's "kind" in the API: "similar_loved", ...
constexpr std::string_view to_string(reason_kind k) noexcept {
  switch (k) {
    case reason_kind::similar_loved:
      return "similar_loved";
    case reason_kind::similar_good:
      return "similar_good";
    case reason_kind::similar_seen:
      return "similar_seen";
    case reason_kind::watchlist:
      return "watchlist";
    case reason_kind::not_interested:
      return "not_interested";
    case reason_kind::tags:
      return "tags";
    case reason_kind::availability:
      return "availability";
    case reason_kind::collaborative:
      return "collaborative";
    case reason_kind::quality:
      return "quality";
    case reason_kind::popularity:
      return "popularity";
    case reason_kind::intent:
      return "intent";
  }
  return "intent";
}

/// One reason in an item's rationale, from a positive score contribution (or a caveat, from a
/// negative one: not_interested).
struct reason {
  reason_kind kind = reason_kind::quality;
  std::string text;   ///< e.g. "because you loved Slow Horses"
  double weight = 0;  ///< the contribution it stands for
};

struct slate_item {
  std::uint32_t index = 0;  ///< into the catalog snapshot
  double raw = 0;
  double fit = 0;  ///< calibrated to [0, 1]
  score_components components;
  std::vector<reason> reasons;  ///< largest contributions first
  std::string rationale;        ///< the reasons as one sentence
};

/// A computed slate, holding the snapshot it was computed on.
struct slate {
  snapshot_ptr catalog;
  std::int64_t profile_id = 0;
  std::vector<std::string> services;  ///< the household's services when computed
  std::vector<slate_item> items;
};

using slate_ptr = std::shared_ptr<const slate>;

}  // namespace recs
