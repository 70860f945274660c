#include "adapters/catalog_match.hpp"

#include <algorithm>
#include <cstdlib>

#include "adapters/text_clean.hpp"

namespace recs::adapters {

namespace {

bool is_imdb_id(const std::string& id) {
  return id.size() > 2 && id[0] == 't' && id[1] == 't';
}

}  // namespace

catalog_matcher::catalog_matcher(
    const std::vector<show>& shows,
    const std::vector<std::pair<std::int64_t, std::string>>& tmdb_links) {
  ids_.reserve(shows.size());
  by_id_.reserve(shows.size());
  for (const auto& s : shows) {
    const auto index = static_cast<std::uint32_t>(ids_.size());
    ids_.push_back(s.id);
    by_id_.emplace(s.id, index);
    std::string title = normalise_title(s.title);
    if (!title.empty()) by_title_[std::move(title)].push_back({s.year, index});
  }
  for (const auto& [tmdb, id] : tmdb_links) {
    const auto it = by_id_.find(id);
    if (tmdb <= 0 || it == by_id_.end()) continue;
    by_tmdb_.emplace(tmdb, it->second);
    tmdb_of_.emplace(it->second, tmdb);
  }
}

bool catalog_matcher::by_imdb(const title_key& key, catalog_match& m) const {
  if (!is_imdb_id(key.imdb_id)) return false;
  const auto it = by_id_.find(key.imdb_id);
  if (it == by_id_.end()) return false;
  m = {match_outcome::matched, match_basis::imdb, ids_[it->second], {}};
  return true;
}

bool catalog_matcher::by_tmdb(const title_key& key, catalog_match& m) const {
  if (key.tmdb_id <= 0) return false;
  const auto it = by_tmdb_.find(key.tmdb_id);
  if (it == by_tmdb_.end()) return false;
  m = {match_outcome::matched, match_basis::tmdb, ids_[it->second], {}};
  return true;
}

catalog_match catalog_matcher::by_title(const title_key& key) const {
  catalog_match m;
  const auto it = by_title_.find(normalise_title(key.title));
  if (it == by_title_.end()) return m;
  std::vector<titled> fits;
  for (const titled& t : it->second) {
    const std::string& id = ids_[t.index];
    if (is_imdb_id(key.imdb_id) && is_imdb_id(id) && id != key.imdb_id) continue;
    const auto linked = tmdb_of_.find(t.index);
    if (key.tmdb_id > 0 && linked != tmdb_of_.end() && linked->second != key.tmdb_id) continue;
    if (key.year != 0 && t.year != 0 && std::abs(t.year - key.year) > 1) continue;
    fits.push_back(t);
  }
  if (fits.size() > 1 && key.year != 0) {
    const auto exact = std::count_if(fits.begin(), fits.end(),
                                     [&](const titled& t) { return t.year == key.year; });
    if (exact == 1) {
      fits.erase(std::remove_if(fits.begin(), fits.end(),
                                [&](const titled& t) { return t.year != key.year; }),
                 fits.end());
    }
  }
  if (fits.size() == 1) {
    m.outcome = match_outcome::matched;
    m.basis = match_basis::title_year;
    m.show_id = ids_[fits.front().index];
  } else if (fits.size() > 1) {
    m.outcome = match_outcome::ambiguous;
    m.basis = match_basis::title_year;
    for (const titled& t : fits) m.candidates.push_back(ids_[t.index]);
    std::sort(m.candidates.begin(), m.candidates.end());
  }
  return m;
}

catalog_match catalog_matcher::match(const title_key& key, id_order order) const {
  catalog_match m;
  const bool found = order == id_order::imdb_first ? by_imdb(key, m) || by_tmdb(key, m)
                                                   : by_tmdb(key, m) || by_imdb(key, m);
  return found ? m : by_title(key);
}

}  // namespace recs::adapters
