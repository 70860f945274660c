#pragma once

#include <string>
#include <vector>

#include "recsys/catalog_snapshot.hpp"
#include "recsys/profile.hpp"

namespace recs::test {

/// A small catalog of real shows (premises abridged from the bundled catalog's sources).
inline std::vector<show> small_catalog() {
  auto mk = [](std::string id, std::string title, int year, std::vector<std::string> genres,
               std::string premise, maturity m, double imdb, double votes, double pop,
               std::vector<std::string> countries = {"US"}) {
    show s;
    s.id = std::move(id);
    s.title = std::move(title);
    s.year = year;
    s.genres = std::move(genres);
    s.premise = std::move(premise);
    s.rating = m;
    s.imdb_score = imdb;
    s.imdb_votes = votes;
    s.tmdb_popularity = pop;
    s.countries = std::move(countries);
    s.seasons = 2;
    return s;
  };
  std::vector<show> v = {
      mk("tt5875444", "Slow Horses", 2022, {"drama", "thriller", "crime"},
         "A team of British intelligence agents who serve in a dumping ground department of MI5 "
         "because of career-ending mistakes; spies, espionage and office politics.",
         maturity::ma15, 8.2, 90000, 80, {"GB"}),
      mk("tt2802850", "Fargo", 2014, {"crime", "drama", "thriller"},
         "Various chronicles of deception, intrigue and murder in and around frozen Minnesota.",
         maturity::ma15, 8.9, 400000, 60),
      mk("tt0903747", "Breaking Bad", 2008, {"crime", "drama", "thriller"},
         "A chemistry teacher diagnosed with cancer turns to manufacturing methamphetamine.",
         maturity::ma15, 9.5, 1900000, 300),
      mk("tt7678620", "Bluey", 2018, {"animation", "family", "comedy"},
         "The slice-of-life adventures of Bluey, an energetic six-year-old Blue Heeler puppy, "
         "and her family in Brisbane.",
         maturity::g, 9.3, 20000, 90, {"AU"}),
      mk("tt0386676", "The Office", 2005, {"comedy"},
         "A mockumentary on a group of typical office workers, where the workday consists of "
         "ego clashes, inappropriate behavior, and tedium; dry humour.",
         maturity::pg, 9.0, 700000, 200),
      mk("tt4574334", "Stranger Things", 2016, {"drama", "fantasy", "horror", "scifi"},
         "When a young boy disappears, his mother, a police chief and his friends must confront "
         "terrifying supernatural forces in order to get him back.",
         maturity::m, 8.7, 1200000, 250),
      mk("tt1475582", "Sherlock", 2010, {"crime", "drama", "thriller"},
         "A modern update finds the famous sleuth and his doctor partner solving crime in "
         "21st century London; detective mysteries.",
         maturity::m, 9.1, 950000, 120, {"GB"}),
      mk("tt2861424", "Rick and Morty", 2013, {"animation", "comedy", "scifi"},
         "An animated series that follows the exploits of a super scientist and his not-so-bright "
         "grandson.",
         maturity::ma15, 9.1, 550000, 220),
      mk("x-unknown-2020", "Mystery Box", 2020, {"reality"}, "Contestants open boxes.",
         maturity::unknown, 5.0, 100, 1),
      mk("tt0098904", "Seinfeld", 1989, {"comedy"},
         "The continuing misadventures of neurotic New York City stand-up comedian Jerry "
         "Seinfeld and his equally neurotic friends; dry humour.",
         maturity::pg, 8.9, 330000, 100),
  };
  // Real seasons and episode runtimes (minutes), for the intents.
  const std::pair<int, int> shape[] = {{4, 45}, {5, 53}, {5, 47}, {3, 7}, {9, 22},
                                       {4, 51}, {4, 88}, {7, 22}, {1, 0}, {9, 22}};
  for (std::size_t i = 0; i < v.size(); ++i) {
    v[i].seasons = shape[i].first;
    v[i].runtime = shape[i].second;
  }
  v[0].offers.push_back(
      {"apple_tv_plus", monetization::flatrate, true, "Apple original", 0, "", ""});
  v[3].offers.push_back({"abc_iview", monetization::free, true, "ABC (AU) original", 0, "", ""});
  v[4].offers.push_back({"stan", monetization::flatrate, true, "test", 0, "", ""});
  return v;
}

inline std::vector<provider> small_providers() {
  return {{"apple_tv_plus", "Apple TV+", false},
          {"abc_iview", "ABC iview", true},
          {"stan", "Stan", false},
          {"netflix", "Netflix", false}};
}

inline snapshot_ptr small_snapshot() {
  return catalog_snapshot::build(small_catalog(), small_providers(), 1);
}

inline profile_state adult(std::vector<rating> ratings = {}, std::vector<tag_pref> tags = {}) {
  profile_state st;
  st.who = profile{1, 1, "Ross", maturity::r18};
  st.services = {"stan", "abc_iview"};
  st.ratings = std::move(ratings);
  st.tags = std::move(tags);
  return st;
}

inline rating rate(std::string show_id, verdict v) {
  rating r;
  r.profile_id = 1;
  r.show_id = std::move(show_id);
  r.primary = v;
  return r;
}

}  // namespace recs::test
