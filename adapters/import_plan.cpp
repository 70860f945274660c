#include "adapters/import_plan.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "adapters/serializd_import.hpp"
#include "core/ascii.hpp"
#include "recsys/title_search.hpp"

namespace recs::adapters {

namespace {

// `title` without a trailing parenthesised qualifier ("The Office (U.S.)" -> "The Office");
// empty when it has none.
std::string_view unqualified(std::string_view title) {
  title = trim(title);
  if (title.empty() || title.back() != ')') return {};
  const std::size_t open = title.rfind(" (");
  if (open == std::string_view::npos || open == 0) return {};
  return trim(title.substr(0, open));
}

catalog_match find(const catalog_matcher& matcher, const title_key& key, id_order order) {
  catalog_match m = matcher.match(key, order);
  if (m.outcome != match_outcome::unmatched) return m;
  const std::string_view shorter = unqualified(key.title);
  if (shorter.empty()) return m;
  title_key again = key;
  again.title = std::string(shorter);
  return matcher.match(again, order);
}

import_candidate candidate(const catalog_snapshot& catalog, std::uint32_t i) {
  const show& s = catalog.at(i);
  return {s.id, s.title, s.year};
}

bool lone_article(const std::vector<std::string>& words, std::size_t n) {
  return n == 1 && (words[0] == "the" || words[0] == "a" || words[0] == "an");
}

// Up to `limit` catalog shows closest to `title`: the title search, else its leading words.
std::vector<import_candidate> closest(const catalog_snapshot& catalog, std::string_view title,
                                      std::size_t limit) {
  const std::vector<std::string> words = search_words(title);
  if (words.empty()) return {};  // an empty query would match every show
  std::size_t total = 0;
  std::vector<std::uint32_t> found = catalog.search(title, limit, total);
  for (std::size_t n = words.size(); found.empty() && n > 1; --n) {
    if (lone_article(words, n - 1)) break;
    std::string q;
    for (std::size_t k = 0; k + 1 < n; ++k) q += (k == 0 ? "" : " ") + words[k];
    found = catalog.search(q, limit, total);
  }
  std::vector<import_candidate> out;
  for (std::uint32_t i : found) out.push_back(candidate(catalog, i));
  return out;
}

import_problem problem(const imported_show& s) {
  return {s.line, s.key.title, s.key.year, {}};
}

// One catalog show as the file has it, merged over the file's shows that landed on it.
struct landing {
  std::string show_id;
  std::optional<int> score;
  std::int64_t score_ts = 0;
  bool watched = false;
  std::int64_t watched_ts = 0;  ///< the latest date a watched row gives (0 unknown)
  bool watchlist = false;
};

void merge(landing& l, const imported_show& s) {
  if (s.score && (!l.score || s.ts >= l.score_ts)) {
    l.score = s.score;
    l.score_ts = s.ts;
  }
  l.watched = l.watched || s.watched;
  if (s.watched) l.watched_ts = std::max(l.watched_ts, s.ts);
  l.watchlist = l.watchlist || s.watchlist;
}

// Matches every show of `file`, filling the counts and problems of `plan`; the catalog shows
// they landed on, in first-seen order.
std::vector<landing> land(const parsed_export& file, const catalog_snapshot& catalog,
                          const catalog_matcher& matcher, id_order order, import_plan& plan) {
  std::vector<landing> out;
  std::unordered_map<std::string, std::size_t> at;
  for (const imported_show& s : file.shows) {
    ++plan.shows;
    const catalog_match m = find(matcher, s.key, order);
    if (m.outcome == match_outcome::unmatched) {
      ++plan.unmatched;
      if (plan.unmatched_items.size() < import_plan::kMaxProblems) {
        import_problem p = problem(s);
        p.candidates = closest(catalog, s.key.title, import_plan::kMaxCandidates);
        plan.unmatched_items.push_back(std::move(p));
      }
      continue;
    }
    if (m.outcome == match_outcome::ambiguous) {
      ++plan.ambiguous;
      if (plan.ambiguous_items.size() < import_plan::kMaxProblems) {
        import_problem p = problem(s);
        for (const std::string& id : m.candidates) {
          if (p.candidates.size() == import_plan::kMaxTied) break;
          if (const auto i = catalog.find(id)) p.candidates.push_back(candidate(catalog, *i));
        }
        plan.ambiguous_items.push_back(std::move(p));
      }
      continue;
    }
    ++plan.matched;
    const auto [it, fresh] = at.try_emplace(m.show_id, out.size());
    if (fresh) out.push_back({m.show_id, std::nullopt, 0, false, false});
    merge(out[it->second], s);
  }
  return out;
}

}  // namespace

import_plan plan_import(const parsed_export& file, const catalog_snapshot& catalog,
                        const catalog_matcher& matcher, const import_existing& existing,
                        std::int64_t profile_id, std::string_view source, std::int64_t now) {
  import_plan plan;
  plan.skipped = file.skipped;
  plan.notes = file.notes;
  const id_order order = parse_import_format(source) == import_format::serializd
                             ? id_order::tmdb_first
                             : id_order::imdb_first;
  const std::vector<landing> shows = land(file, catalog, matcher, order, plan);

  std::unordered_map<std::string_view, const rating*> rated;
  for (const rating& r : existing.ratings) rated[r.show_id] = &r;
  const std::unordered_set<std::string_view> seen(existing.seen.begin(), existing.seen.end());
  const std::unordered_set<std::string_view> listed(existing.watchlist.begin(),
                                                    existing.watchlist.end());

  for (const landing& l : shows) {
    const auto found = rated.find(l.show_id);
    const rating* before = found == rated.end() ? nullptr : found->second;
    if (l.score) {
      rating r;
      r.profile_id = profile_id;
      r.show_id = l.show_id;
      r.primary = serializd_verdict(*l.score);
      r.score = l.score;
      r.source = std::string(source);
      r.ts = l.score_ts != 0 ? l.score_ts : now;
      if (before == nullptr) {
        ++plan.added;
      } else if (before->source == source &&
                 (before->primary != r.primary || before->score != r.score)) {
        ++plan.updated;
      } else {
        ++plan.already;
        continue;
      }
      plan.ratings.push_back(std::move(r));
    } else if (l.watched) {
      if (before != nullptr || seen.count(l.show_id) > 0) {
        ++plan.already;
      } else {
        ++plan.added;
        plan.seen.push_back(l.show_id);
        plan.seen_ts.push_back(l.watched_ts);
      }
    } else if (l.watchlist) {
      if (before != nullptr || listed.count(l.show_id) > 0) {
        ++plan.already;
      } else {
        ++plan.added;
        plan.watchlist.push_back(l.show_id);
      }
    } else {
      ++plan.already;  // matched, but the file says nothing we keep (e.g. a bare Trakt item)
    }
  }
  return plan;
}

}  // namespace recs::adapters
