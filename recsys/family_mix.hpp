#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/profile.hpp"
#include "recsys/scoring_models.hpp"
#include "recsys/slate.hpp"

namespace recs {

/// How the members' fits decide that a show is a strong family pick.
enum class strong_rule { min, avg };

std::string_view to_string(strong_rule r) noexcept;

/// Family Mix settings (FAMILY_STRONG_MIN_FIT, FAMILY_STRONG_RULE, FAMILY_STRONG_LOCK_COUNT,
/// FAMILY_MISERY_FIT, FAMILY_FAIRNESS).
struct family_options {
  double strong_min_fit = 0.78;
  strong_rule rule = strong_rule::min;
  std::size_t lock_count = 1;
  /// A show whose fit for any member present is below this is left out ("without misery").
  double misery_fit = 0.25;
  /// How strongly the fairness ledger nudges towards members who lost out (0 = off).
  double fairness = 1.0;
  /// Candidates taken from each member's own slate (with the group's constraints).
  std::size_t pool_per_member = 150;
};

/// Fairness credit per profile over the household's watched Family Mix picks: the sum of
/// (member's fit - mean fit of the members present) per pick. Positive: past picks favoured the
/// member; negative: the member lost out. Pure.
std::unordered_map<std::int64_t, double> fairness_credit(const std::vector<family_watch>& watches);

/// The weight of each member in the average: exp(-fairness * credit), normalised to mean 1 over
/// the members present (all 1 without history or with fairness 0).
std::vector<double> fairness_weights(const std::vector<std::int64_t>& members,
                                     const std::unordered_map<std::int64_t, double>& credit,
                                     double fairness);

/// What the household's watched Family Mix picks mean for the next slate: each member's
/// fairness credit, and the shows already watched together (never offered again).
struct family_history {
  std::unordered_map<std::int64_t, double> credit;
  std::unordered_set<std::string> watched;

  static family_history from(const std::vector<family_watch>& watches);
};

/// One member's view of a family item.
struct member_fit {
  std::int64_t profile_id = 0;
  std::string name;
  double fit = 0;  ///< calibrated, on the one scale every member shares
  std::string
      reason;  ///< the member's largest cited reason, e.g. "loved Slow Horses"; may be empty
};

struct family_item {
  std::uint32_t index = 0;  ///< into the catalog snapshot
  double score = 0;         ///< fairness-weighted average of the members' fits
  double group_fit = 0;     ///< the strong rule (min or avg) over the members' fits
  bool strong = false;      ///< group_fit >= strong_min_fit
  bool locked = false;      ///< locked at the top as a strong pick
  std::vector<member_fit> members;
  std::string rationale;  ///< "Ross 0.91 (loved Slow Horses) · Wife 0.84 · Son 0.80 (liked Bluey)"
};

struct family_warning {
  std::string code;
  std::string message;
};

struct family_slate {
  snapshot_ptr catalog;
  std::vector<std::int64_t> members;  ///< profile ids present, in request order
  std::vector<std::string> services;
  std::vector<family_item> items;
  std::vector<std::string> strong_locked_ids;
  std::optional<family_warning> warning;  ///< no_strong_pick when no item is strong
  double strong_min_fit = 0;
  strong_rule rule = strong_rule::min;
};

using family_slate_ptr = std::shared_ptr<const family_slate>;

/// Everything a scorer needs for one Family Mix.
struct family_request {
  std::vector<profile_state> members;
  slate_request req;
  family_options opt;
  family_history history;
};

/// Family Mix for the members present (at least one; all of one household, so sharing its
/// services): each member's fit on one calibrated scale; the strictest maturity cap among them;
/// shows any of them rated bad or marked not interested (or not tonight, until `req.now` passes
/// its end), shows every one of them rated, shows the household already
/// watched as a Family Mix pick, and shows whose fit for any of them is below `misery_fit` are
/// left out; the rest ranked by the fairness-weighted average
/// (average without misery; weights from `history.credit`), ties broken by the micro-jitter of
/// `req.seed`; up to `lock_count` strong shows (best group fit first) locked at the top; the
/// warning no_strong_pick when no returned item is strong. A member who rated a show good or loved
/// has fit 0.8 or 0.95 for it (their own verdict). `req.mood` is ignored (Family Mix is its own
/// intent); `req.only_my_services` and `req.limit` apply. Deterministic; pure.
family_slate score_family(const snapshot_ptr& catalog, const std::vector<profile_state>& members,
                          const slate_request& req, const family_options& opt,
                          const family_history& history = {}, const content_weights& w = {},
                          const scoring_models& models = {});

/// Each member's fit for one show (their own verdict when they rated it), in member order, as
/// score_family computes it.
std::vector<double> member_fits(const catalog_snapshot& catalog,
                                const std::vector<profile_state>& members, std::uint32_t show,
                                std::uint64_t seed, const content_weights& w = {},
                                const scoring_models& models = {});

}  // namespace recs
