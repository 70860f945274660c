#include "adapters/serializd_import.hpp"

#include <algorithm>
#include <map>

namespace recs::adapters {

namespace {

// True when `a` is a later watch than `b`.
bool later(const serializd_diary_entry& a, const serializd_diary_entry& b) {
  if (a.watched_at() != b.watched_at()) return a.watched_at() > b.watched_at();
  return a.id > b.id;
}

bool whole_show(const serializd_diary_entry& e) {
  return !e.season_id && !e.episode_number;
}

// The latest rated entry of one season, season-level entries first.
const serializd_diary_entry* season_pick(const std::vector<const serializd_diary_entry*>& es) {
  const serializd_diary_entry* best = nullptr;
  for (const auto* e : es) {
    if (best == nullptr) {
      best = e;
      continue;
    }
    const bool e_level = !e->episode_number;
    const bool best_level = !best->episode_number;
    if (e_level != best_level ? e_level : later(*e, *best)) best = e;
  }
  return best;
}

int round_half_up_mean(int sum, int n) {
  return (2 * sum + n) / (2 * n);
}

serializd_show_rollup roll_one(std::int64_t show_id,
                               const std::vector<const serializd_diary_entry*>& entries) {
  serializd_show_rollup r;
  r.show_id = show_id;
  r.entries = static_cast<int>(entries.size());
  const serializd_diary_entry* show_rating = nullptr;
  std::map<std::int64_t, std::vector<const serializd_diary_entry*>> seasons;
  for (const auto* e : entries) {
    if (r.show_name.empty()) r.show_name = e->show_name;
    if (r.show_year == 0) r.show_year = e->show_year;
    r.last_watched = std::max(r.last_watched, e->watched_at());
    if (!e->rating) continue;
    if (whole_show(*e)) {
      if (show_rating == nullptr || later(*e, *show_rating)) show_rating = e;
    } else if (e->season_id) {
      seasons[*e->season_id].push_back(e);
    }
  }
  if (show_rating != nullptr) {
    r.score = show_rating->rating;
    r.whole_show = true;
  } else if (!seasons.empty()) {
    int sum = 0;
    for (const auto& [id, es] : seasons) sum += *season_pick(es)->rating;
    r.rated_seasons = static_cast<int>(seasons.size());
    r.score = round_half_up_mean(sum, r.rated_seasons);
  }
  return r;
}

serializd_import_example example_of(const serializd_show_rollup& s, const catalog_match& m) {
  return {s.show_id, s.show_name, s.show_year, m.candidates};
}

}  // namespace

verdict serializd_verdict(int score) noexcept {
  if (score <= 4) return verdict::bad;
  if (score <= 7) return verdict::good;
  return verdict::loved;
}

std::vector<serializd_show_rollup> rollup_diary(const std::vector<serializd_diary_entry>& entries) {
  std::map<std::int64_t, std::vector<const serializd_diary_entry*>> by_show;
  for (const auto& e : entries) by_show[e.show_id].push_back(&e);
  std::vector<serializd_show_rollup> out;
  out.reserve(by_show.size());
  for (const auto& [id, es] : by_show) out.push_back(roll_one(id, es));
  return out;
}

serializd_import_report import_serializd(const std::vector<serializd_show_rollup>& shows,
                                         const catalog_matcher& catalog, std::int64_t profile_id,
                                         std::size_t max_examples) {
  serializd_import_report report;
  for (const auto& s : shows) {
    ++report.shows;
    const catalog_match m =
        catalog.match({std::string(), s.show_id, s.show_name, s.show_year}, id_order::tmdb_first);
    if (m.outcome == match_outcome::unmatched) {
      ++report.unmatched;
      if (report.unmatched_examples.size() < max_examples) {
        report.unmatched_examples.push_back(example_of(s, m));
      }
      continue;
    }
    if (m.outcome == match_outcome::ambiguous) {
      ++report.ambiguous;
      if (report.ambiguous_examples.size() < max_examples) {
        report.ambiguous_examples.push_back(example_of(s, m));
      }
      continue;
    }
    ++report.matched;
    if (s.show_id > 0) report.tmdb_links.emplace_back(s.show_id, m.show_id);
    if (!s.score) {
      ++report.unrated;
      continue;
    }
    rating r;
    r.profile_id = profile_id;
    r.show_id = m.show_id;
    r.primary = serializd_verdict(*s.score);
    r.score = *s.score;
    r.source = "serializd";
    r.ts = s.last_watched;
    auto same = std::find_if(report.ratings.begin(), report.ratings.end(),
                             [&](const rating& x) { return x.show_id == r.show_id; });
    if (same == report.ratings.end()) {
      report.ratings.push_back(std::move(r));
    } else {
      ++report.duplicates;
      if (r.ts > same->ts) *same = std::move(r);
    }
  }
  return report;
}

}  // namespace recs::adapters
