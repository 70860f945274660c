#include "recsys/family_mix.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <unordered_set>

#include "recsys/content_scorer.hpp"
#include "recsys/jitter.hpp"
#include "recsys/profile_scorer.hpp"
#include "recsys/rationale.hpp"

namespace recs {

namespace {

// A member's own verdict on a show they rated, as their fit for it.
constexpr double kOwnLoved = 0.95;
constexpr double kOwnGood = 0.8;

/// A member's fit for a show: their own verdict when they rated it, else the scorer's fit.
double fit_for(const profile_scorer& scorer, const std::unordered_map<std::string, verdict>& rated,
               const show& s, std::uint32_t i, const learned_blend& blend, std::uint64_t seed) {
  auto r = rated.find(s.id);
  if (r == rated.end()) return scorer.fit_of(i, blend, seed);
  return r->second == verdict::loved ? kOwnLoved : r->second == verdict::good ? kOwnGood : 0.0;
}

maturity strictest_cap(const std::vector<profile_state>& members) {
  maturity cap = maturity::r18;
  for (const auto& m : members) {
    const maturity c = m.who.maturity_cap;
    if (c != maturity::unknown && static_cast<int>(c) < static_cast<int>(cap)) cap = c;
  }
  return cap;
}

/// The member's largest reason that is about them (taste, tags, similar viewers), shortened for
/// the per-member rationale: "because you loved X" -> "loved X".
std::string member_reason(const std::vector<reason>& reasons) {
  for (const auto& r : reasons) {
    if (r.kind == reason_kind::similar_loved || r.kind == reason_kind::similar_good) {
      const std::string prefix = "because you ";
      return r.text.rfind(prefix, 0) == 0 ? r.text.substr(prefix.size()) : r.text;
    }
    if (r.kind == reason_kind::tags) {
      const auto q = r.text.find('\'');
      return q == std::string::npos ? r.text : "likes " + r.text.substr(q);
    }
    if (r.kind == reason_kind::collaborative) return "liked by similar viewers";
  }
  return {};
}

std::string format_fit(double f) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", f);
  return buf;
}

}  // namespace

std::string_view to_string(strong_rule r) noexcept {
  return r == strong_rule::min ? "min" : "avg";
}

std::unordered_map<std::int64_t, double> fairness_credit(const std::vector<family_watch>& watches) {
  std::unordered_map<std::int64_t, double> credit;
  for (const auto& w : watches) {
    if (w.fits.empty()) continue;
    double mean = 0;
    for (const auto& [pid, fit] : w.fits) mean += fit;
    mean /= static_cast<double>(w.fits.size());
    for (const auto& [pid, fit] : w.fits) credit[pid] += fit - mean;
  }
  return credit;
}

family_history family_history::from(const std::vector<family_watch>& watches) {
  family_history h;
  h.credit = fairness_credit(watches);
  for (const auto& w : watches) h.watched.insert(w.show_id);
  return h;
}

std::vector<double> fairness_weights(const std::vector<std::int64_t>& members,
                                     const std::unordered_map<std::int64_t, double>& credit,
                                     double fairness) {
  std::vector<double> w(members.size(), 1.0);
  if (members.empty() || fairness <= 0) return w;
  double sum = 0;
  for (std::size_t m = 0; m < members.size(); ++m) {
    auto it = credit.find(members[m]);
    w[m] = std::exp(-fairness * (it == credit.end() ? 0.0 : it->second));
    sum += w[m];
  }
  for (auto& x : w) x *= static_cast<double>(members.size()) / sum;
  return w;
}

family_slate score_family(const snapshot_ptr& catalog, const std::vector<profile_state>& members,
                          const slate_request& req, const family_options& opt,
                          const family_history& history, const content_weights& w,
                          const scoring_models& models) {
  const catalog_snapshot& cat = *catalog;
  family_slate out;
  out.catalog = catalog;
  out.strong_min_fit = opt.strong_min_fit;
  out.rule = opt.rule;
  if (!members.empty()) out.services = members.front().services;
  const std::size_t n = members.size();

  // Each member under the group's constraints: the strictest cap among those present.
  const maturity cap = strictest_cap(members);
  std::vector<profile_state> group(members);
  for (auto& m : group) m.who.maturity_cap = cap;
  for (const auto& m : group) out.members.push_back(m.who.id);
  std::vector<std::unique_ptr<profile_scorer>> scorers;
  for (const auto& m : group) {
    scorers.push_back(
        std::make_unique<profile_scorer>(cat, m, intent::standard, w, models, req.now));
    scorers.back()->centre_on_catalog();
  }
  const learned_blend prior;
  const learned_blend& blend = models.blend ? *models.blend : prior;
  const std::vector<double> weight = fairness_weights(out.members, history.credit, opt.fairness);

  // Candidates: each member's own best shows under the group's constraints.
  slate_request own;
  own.seed = req.seed;
  own.limit = opt.pool_per_member;
  own.only_my_services = req.only_my_services;
  std::vector<std::uint32_t> pool;
  std::unordered_set<std::uint32_t> seen;
  for (const auto& m : group)
    for (const auto& item : score_content(catalog, m, own, w, models).items)
      if (seen.insert(item.index).second) pool.push_back(item.index);

  // Each member's verdicts, for the veto and their own fits.
  std::vector<std::unordered_map<std::string, verdict>> rated(n);
  for (std::size_t m = 0; m < n; ++m)
    for (const auto& r : group[m].ratings) rated[m][r.show_id] = r.primary;

  std::vector<family_item> cands;
  for (auto i : pool) {
    const show& s = cat.at(i);
    if (history.watched.count(s.id) != 0) continue;
    std::size_t rated_by = 0;
    bool veto = false;
    family_item item;
    item.index = i;
    double sum = 0, lowest = 1.0;
    for (std::size_t m = 0; m < n && !veto; ++m) {
      auto r = rated[m].find(s.id);
      if (r != rated[m].end()) {
        ++rated_by;
        veto = r->second == verdict::bad;
      }
      // "Not interested", or "not tonight" from anyone watching, keeps it out of the mix.
      if (scorers[m]->profile_taste().declined.count(s.id) != 0) veto = true;
      const double f = fit_for(*scorers[m], rated[m], s, i, blend, req.seed);
      if (f < opt.misery_fit) veto = true;
      item.members.push_back({group[m].who.id, group[m].who.name, f, {}});
      sum += f;
      lowest = std::min(lowest, f);
      item.score += weight[m] * f / static_cast<double>(n);
    }
    if (veto || rated_by == n) continue;
    item.group_fit = opt.rule == strong_rule::min ? lowest : sum / static_cast<double>(n);
    item.strong = item.group_fit >= opt.strong_min_fit;
    item.score += w.jitter * micro_jitter(s.id, req.seed);
    cands.push_back(std::move(item));
  }

  auto by_score = [&](const family_item& a, const family_item& b) {
    if (a.score != b.score) return a.score > b.score;
    return cat.at(a.index).id < cat.at(b.index).id;
  };
  std::sort(cands.begin(), cands.end(), by_score);
  // Lock the strongest picks (best group fit) at the top, then the rest by score.
  std::vector<std::size_t> strong;
  for (std::size_t k = 0; k < cands.size(); ++k)
    if (cands[k].strong) strong.push_back(k);
  std::stable_sort(strong.begin(), strong.end(), [&](std::size_t a, std::size_t b) {
    return cands[a].group_fit > cands[b].group_fit;
  });
  if (strong.size() > opt.lock_count) strong.resize(opt.lock_count);
  std::vector<family_item> ranked;
  std::vector<char> taken(cands.size(), 0);
  for (auto k : strong) {
    cands[k].locked = true;
    taken[k] = 1;
    out.strong_locked_ids.push_back(cat.at(cands[k].index).id);
    ranked.push_back(cands[k]);
  }
  for (std::size_t k = 0; k < cands.size() && ranked.size() < req.limit; ++k)
    if (taken[k] == 0) ranked.push_back(std::move(cands[k]));
  if (ranked.size() > req.limit) ranked.resize(req.limit);

  // Per-member rationale for what is returned.
  bool any_strong = false;
  for (auto& item : ranked) {
    any_strong = any_strong || item.strong;
    std::string text;
    for (std::size_t m = 0; m < n; ++m) {
      member_fit& mf = item.members[m];
      auto r = rated[m].find(cat.at(item.index).id);
      if (r != rated[m].end()) {
        mf.reason = r->second == verdict::loved ? "loved it" : "liked it";
      } else {
        const profile_scorer& sc = *scorers[m];
        slate_item one;
        one.index = item.index;
        sc.fit_of(item.index, blend, req.seed, &one.components);
        const taste& t = sc.profile_taste();
        const rationale_context ctx{cat,           t.loved,          t.good,
                                    t.seen,        t.not_interested, t.liked_tags,
                                    sc.services(), sc.dense()};
        mf.reason = member_reason(explain_item(ctx, one));
      }
      if (!text.empty()) text += " \xC2\xB7 ";  // middle dot
      text += mf.name + " " + format_fit(mf.fit);
      if (!mf.reason.empty()) text += " (" + mf.reason + ")";
    }
    item.rationale = std::move(text);
  }
  out.items = std::move(ranked);
  if (!any_strong) {
    out.warning = family_warning{
        "no_strong_pick",
        "No single title clears the strong-fit bar for everyone; showing best shared options."};
  }
  return out;
}

}  // namespace recs

namespace recs {

std::vector<double> member_fits(const catalog_snapshot& catalog,
                                const std::vector<profile_state>& members, std::uint32_t show,
                                std::uint64_t seed, const content_weights& w,
                                const scoring_models& models) {
  const learned_blend prior;
  const learned_blend& blend = models.blend ? *models.blend : prior;
  std::vector<double> out;
  for (const auto& m : members) {
    profile_scorer scorer(catalog, m, intent::standard, w, models);
    scorer.centre_on_catalog();
    std::unordered_map<std::string, verdict> rated;
    for (const auto& r : m.ratings) rated[r.show_id] = r.primary;
    out.push_back(fit_for(scorer, rated, catalog.at(show), show, blend, seed));
  }
  return out;
}

}  // namespace recs
