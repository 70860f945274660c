#include "adapters/catalog_merge.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "adapters/certification.hpp"
#include "adapters/text_clean.hpp"
#include "core/hash.hpp"

namespace recs::adapters {

namespace {

// Lower rank = preferred source for title/year, premise and runtime.
int year_rank(source_kind k) {
  switch (k) {
    case source_kind::justwatch:
      return 0;
    case source_kind::tvmaze:
      return 1;
    case source_kind::platform_flags:
      return 2;
    case source_kind::kaggle_2021:
      return 3;
  }
  return 4;
}

int premise_rank(source_kind k) {
  switch (k) {
    case source_kind::justwatch:
      return 0;
    case source_kind::kaggle_2021:
      return 1;
    case source_kind::tvmaze:
      return 2;
    case source_kind::platform_flags:
      return 3;
  }
  return 4;
}

constexpr int kNoRank = std::numeric_limits<int>::max();

struct span {
  int lo = 0;
  int hi = 0;
};

// The years the show may have premiered in, by this record. Kaggle's release_year for a series
// is sometimes the premiere and sometimes the latest season's year.
span premiere_of(const source_record& r) {
  if (r.kind == source_kind::kaggle_2021) return {r.year - std::max(r.seasons - 1, 0), r.year};
  return {r.year, r.year};
}

// Titles of two or more words (a leading "the" not counted) may match one year apart.
bool distinctive(const std::string& normalised) {
  std::string_view t = normalised;
  if (t.substr(0, 4) == "the ") t.remove_prefix(4);
  return t.find(' ') != std::string_view::npos;
}

// Same title in the same US catalogue: the release years of the catalogues drift further.
constexpr int kSameServiceSlack = 3;

bool shares_service(const std::vector<us_service>& a, const std::vector<us_service>& b) {
  for (us_service s : b) {
    if (std::binary_search(a.begin(), a.end(), s)) return true;
  }
  return false;
}

struct group {
  merged_show m;
  span exact;  // hull of the premiere years of JustWatch / TVmaze / platform-flag records
  span loose;  // hull of the Kaggle premiere ranges
  bool has_exact = false;
  bool has_loose = false;
  int title_rank = kNoRank;
  int premise_rank = kNoRank;
  int runtime_rank = kNoRank;
  maturity fallback_rating = maturity::unknown;
  std::unordered_set<std::string> source_set;

  bool has_years() const { return has_exact || has_loose; }
  span premiere() const { return has_exact ? exact : loose; }
};

span hull(bool have, span a, span b) {
  return have ? span{std::min(a.lo, b.lo), std::max(a.hi, b.hi)} : b;
}

template <class T>
void insert_sorted_unique(std::vector<T>& v, const T& x) {
  const auto it = std::lower_bound(v.begin(), v.end(), x);
  if (it == v.end() || *it != x) v.insert(it, x);
}

class merger {
 public:
  void add_with_id(const source_record& r) {
    const auto it = by_imdb_.find(r.imdb_id);
    if (it != by_imdb_.end()) {
      apply(it->second, r);
      return;
    }
    const std::size_t g = create();
    groups_[g].m.show.id = r.imdb_id;
    by_imdb_.emplace(r.imdb_id, g);
    apply(g, r);
  }

  void add_by_title(const source_record& r) {
    const std::string key = normalise_title(r.title);
    if (const auto g = find_match(key, r)) {
      apply(*g, r);
      return;
    }
    if (r.kind == source_kind::platform_flags || r.year == 0) return;
    apply(create(), r);
  }

  std::vector<merged_show> finish() {
    std::vector<merged_show> out;
    out.reserve(groups_.size());
    for (auto& g : groups_) {
      if (g.m.show.rating == maturity::unknown) g.m.show.rating = g.fallback_rating;
      out.push_back(std::move(g.m));
    }
    return out;
  }

 private:
  std::size_t create() {
    groups_.emplace_back();
    return groups_.size() - 1;
  }

  std::optional<std::size_t> find_match(const std::string& key, const source_record& r) const {
    const auto it = by_title_.find(key);
    if (it == by_title_.end()) return std::nullopt;
    std::vector<std::size_t> candidates;
    for (std::size_t g : it->second) {
      if (groups_[g].source_set.count(r.source) == 0) candidates.push_back(g);
    }
    // Without a year only an unambiguous title can be matched.
    if (r.year == 0) {
      if (candidates.size() == 1) return candidates.front();
      return std::nullopt;
    }
    const int title_slack = distinctive(key) ? 1 : 0;
    const span rp = premiere_of(r);
    std::optional<std::size_t> best;
    std::pair<int, int> best_key{kNoRank, kNoRank};
    for (std::size_t g : candidates) {
      const group& grp = groups_[g];
      if (!grp.has_years()) continue;
      const span gp = grp.premiere();
      const int slack =
          shares_service(grp.m.services, r.services) ? kSameServiceSlack : title_slack;
      const int gap = std::max({0, rp.lo - gp.hi, gp.lo - rp.hi});
      if (gap > slack) continue;
      const std::pair<int, int> rank{gap,
                                     std::min(std::abs(gp.lo - rp.lo), std::abs(gp.lo - rp.hi))};
      if (rank < best_key) {  // strict: the earliest created wins ties
        best = g;
        best_key = rank;
      }
    }
    return best;
  }

  void index_title(std::size_t g, const std::string& title) {
    auto& list = by_title_[normalise_title(title)];
    if (std::find(list.begin(), list.end(), g) == list.end()) list.push_back(g);
  }

  void apply(std::size_t gi, const source_record& r) {
    group& g = groups_[gi];
    show& s = g.m.show;
    index_title(gi, r.title);
    g.source_set.insert(r.source);
    insert_sorted_unique(g.m.sources, r.source);
    for (us_service sv : r.services) insert_sorted_unique(g.m.services, sv);

    if (r.year != 0) {
      const span rp = premiere_of(r);
      if (r.kind == source_kind::kaggle_2021) {
        g.loose = hull(g.has_loose, g.loose, rp);
        g.has_loose = true;
      } else {
        g.exact = hull(g.has_exact, g.exact, rp);
        g.has_exact = true;
      }
    }
    const int yr = year_rank(r.kind);
    if (yr < g.title_rank) {
      s.title = r.title;
      s.year = r.year;
      g.title_rank = yr;
    } else if (yr == g.title_rank && r.year != 0 && (s.year == 0 || r.year < s.year)) {
      s.year = r.year;
    }

    for (const auto& genre : r.genres) insert_sorted_unique(s.genres, genre);

    const int pr = premise_rank(r.kind);
    if (!r.premise.empty() && pr < g.premise_rank) {
      s.premise = r.premise;
      g.premise_rank = pr;
    }
    if (r.runtime > 0 && yr < g.runtime_rank) {
      s.runtime = r.runtime;
      g.runtime_rank = yr;
    }
    s.seasons = std::max(s.seasons, r.seasons);
    for (const auto& c : r.countries) {
      if (std::find(s.countries.begin(), s.countries.end(), c) == s.countries.end()) {
        s.countries.push_back(c);
      }
    }
    if (s.network.empty() && r.kind == source_kind::tvmaze) s.network = r.network;
    s.imdb_score = std::max(s.imdb_score, r.imdb_score);
    s.imdb_votes = std::max(s.imdb_votes, r.imdb_votes);
    s.tmdb_score = std::max(s.tmdb_score, r.tmdb_score);
    s.tmdb_popularity = std::max(s.tmdb_popularity, r.tmdb_popularity);
    if (r.kind == source_kind::kaggle_2021 && !r.services.empty()) {
      g.m.listings.push_back({r.services.front(), r.year, r.seasons, r.added_year});
    }
    if (r.kind == source_kind::justwatch) {
      for (us_service sv : r.services) insert_sorted_unique(g.m.justwatch_services, sv);
      if (r.year != 0 && (g.m.justwatch_year == 0 || r.year < g.m.justwatch_year)) {
        g.m.justwatch_year = r.year;
      }
    }
    if (r.kind == source_kind::platform_flags) {
      g.fallback_rating = strictest(g.fallback_rating, r.rating);
    } else {
      s.rating = strictest(s.rating, r.rating);
    }
  }

  std::vector<group> groups_;
  std::unordered_map<std::string, std::size_t> by_imdb_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_title_;
};

}  // namespace

std::vector<merged_show> merge_records(const std::vector<source_record>& records) {
  merger m;
  for (const auto& r : records) {
    if (r.kind == source_kind::justwatch && !r.imdb_id.empty()) m.add_with_id(r);
  }
  for (const auto& r : records) {
    if (r.kind != source_kind::justwatch || r.imdb_id.empty()) m.add_by_title(r);
  }
  return m.finish();
}

void assign_ids(std::vector<merged_show>& shows) {
  std::unordered_set<std::string> taken;
  for (const auto& m : shows) {
    if (!m.show.id.empty()) taken.insert(m.show.id);
  }
  for (auto& m : shows) {
    if (!m.show.id.empty()) continue;
    std::string slug = slugify(m.show.title);
    if (slug.empty()) {
      char hex[9];
      std::snprintf(hex, sizeof hex, "%08x",
                    static_cast<unsigned>(stable_hash32(normalise_title(m.show.title))));
      slug = std::string("t") + hex;
    }
    std::string base = "x-" + slug;
    if (m.show.year != 0) base += "-" + std::to_string(m.show.year);
    std::string id = base;
    for (int n = 2; taken.count(id) != 0; ++n) id = base + "-" + std::to_string(n);
    taken.insert(id);
    m.show.id = std::move(id);
  }
}

}  // namespace recs::adapters
