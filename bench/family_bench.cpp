// recs-bench-family: prints the uncached Family Mix slate compute time (median, p95) for a
// household of 3 and of 6 members on the bundled catalog, with the production models (content
// embeddings + ANN index, collaborative model and learned blend trained on synthetic ratings),
// next to the single-profile uncached slate of one member for comparison.
// Usage: recs-bench-family [catalog.jsonl] [providers.json] [iterations]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "recsys/blend_training.hpp"
#include "recsys/cf_snapshot.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/content_scorer.hpp"
#include "recsys/family_mix.hpp"

namespace {

using steady = std::chrono::steady_clock;

/// Median and 95th percentile (nearest rank) of a set of timings, in ms.
struct timing_summary {
  double median = 0;
  double p95 = 0;
};

timing_summary summarise(std::vector<double> ms) {
  timing_summary out;
  if (ms.empty()) return out;
  std::sort(ms.begin(), ms.end());
  const auto rank = [&](double q) {
    return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1) + 0.5)];
  };
  out.median = rank(0.5);
  out.p95 = rank(0.95);
  return out;
}

/// Runs `fn` once and returns how long it took, in ms.
template <class Fn>
double elapsed_ms(Fn&& fn) {
  const auto start = steady::now();
  fn();
  return std::chrono::duration<double, std::milli>(steady::now() - start).count();
}

/// Times `run(req)` for the seeds 0 .. iterations - 1, 20 items a slate (what the app asks for).
template <class Run>
timing_summary time_seeds(int iterations, Run&& run) {
  std::vector<double> times;
  for (int i = 0; i < iterations; ++i) {
    recs::slate_request req;
    req.seed = static_cast<std::uint64_t>(i);
    req.limit = 20;
    times.push_back(elapsed_ms([&] { run(req); }));
  }
  return summarise(times);
}

std::string cap_label(recs::maturity cap) {
  return std::string(recs::to_string(cap));
}

/// Catalog indices of each genre's shows, most popular first.
using genre_lists = std::map<std::string, std::vector<std::uint32_t>>;

genre_lists index_genres(const recs::catalog_snapshot& snap) {
  genre_lists out;
  for (std::uint32_t i = 0; i < snap.size(); ++i)
    for (const auto& g : snap.at(i).genres) out[g].push_back(i);
  for (auto& [genre, list] : out)
    std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
      return snap.popularity(a) > snap.popularity(b);
    });
  return out;
}

/// Within a member's maturity cap: any show for R18+, else a known classification up to it.
bool within_cap(const recs::show& s, recs::maturity cap) {
  if (cap == recs::maturity::r18) return true;
  return s.rating != recs::maturity::unknown && static_cast<int>(s.rating) <= static_cast<int>(cap);
}

/// A rating from the app, of the show with catalog id `show_id`.
recs::rating rated(std::int64_t profile_id, const std::string& show_id, recs::verdict v) {
  recs::rating r;
  r.profile_id = profile_id;
  r.show_id = show_id;
  r.primary = v;
  return r;
}

/// Background ratings the collaborative model and the blend learn from: profile k favours the
/// genres k and 5k+1 (mod the genre count); it rates 24 of their shows good or loved (drawn
/// towards the popular end of each list) and 6 shows from the other genres' lists bad.
std::vector<recs::rating> background_ratings(const recs::catalog_snapshot& snap,
                                             const genre_lists& genres, int profiles,
                                             std::int64_t first_id) {
  std::vector<const std::vector<std::uint32_t>*> lists;
  for (const auto& entry : genres) lists.push_back(&entry.second);
  const std::size_t g = lists.size();
  std::vector<recs::rating> out;
  for (int k = 0; k < profiles; ++k) {
    std::mt19937_64 rng(0xfa41u + static_cast<std::uint64_t>(k));
    std::uniform_real_distribution<double> unit(0, 1);
    const std::size_t a = static_cast<std::size_t>(k) % g;
    std::size_t b = (5 * static_cast<std::size_t>(k) + 1) % g;
    if (b == a) b = (b + 1) % g;
    std::set<std::uint32_t> liked;
    for (int tries = 0; liked.size() < 24 && tries < 500; ++tries) {
      const auto& list = *lists[tries % 2 == 0 ? a : b];
      const double u = unit(rng);
      liked.insert(list[static_cast<std::size_t>(u * u * u * static_cast<double>(list.size()))]);
    }
    std::set<std::uint32_t> disliked;
    for (int tries = 0; disliked.size() < 6 && tries < 500; ++tries) {
      const std::size_t other = rng() % g;
      if (other == a || other == b) continue;
      const auto& list = *lists[other];
      const std::uint32_t i =
          list[static_cast<std::size_t>(unit(rng) * unit(rng) * static_cast<double>(list.size()))];
      if (liked.count(i) == 0) disliked.insert(i);
    }
    const std::int64_t id = first_id + k;
    for (auto i : liked)
      out.push_back(
          rated(id, snap.at(i).id, rng() % 3 == 0 ? recs::verdict::loved : recs::verdict::good));
    for (auto i : disliked) out.push_back(rated(id, snap.at(i).id, recs::verdict::bad));
  }
  return out;
}

/// One household member: who they are, what they like, how many shows they rated.
struct member_spec {
  std::int64_t id;
  const char* name;
  recs::maturity cap;
  std::array<const char*, 2> genres;
  int ratings;  ///< 10..20, of which 1 or 2 bad
};

/// The member's profile: `spec.ratings` shows of their two genres within their cap, taken
/// alternately from each genre's popular end (skipping a member-specific stride so members of
/// the same genres differ): every third loved, the rest good, the last one or two bad.
recs::profile_state make_member(const recs::catalog_snapshot& snap, const genre_lists& genres,
                                const member_spec& spec) {
  recs::profile_state st;
  st.who = {spec.id, 1, spec.name, spec.cap};
  st.services = {"netflix", "stan", "abc_iview", "sbs_on_demand"};
  const int bad = 1 + static_cast<int>(spec.id % 2);
  std::set<std::string> taken;
  std::array<std::size_t, 2> next{static_cast<std::size_t>(spec.id) % 3, 0};
  for (int n = 0; n < spec.ratings; ++n) {
    const auto& list = genres.at(spec.genres[n % 2]);
    std::size_t& pos = next[n % 2];
    while (pos < list.size() &&
           (!within_cap(snap.at(list[pos]), spec.cap) || taken.count(snap.at(list[pos]).id) != 0))
      ++pos;
    if (pos >= list.size()) break;
    const recs::show& s = snap.at(list[pos]);
    pos += 1 + static_cast<std::size_t>(spec.id);
    taken.insert(s.id);
    st.ratings.push_back(rated(spec.id, s.id,
                               n >= spec.ratings - bad ? recs::verdict::bad
                               : n % 3 == 0            ? recs::verdict::loved
                                                       : recs::verdict::good));
  }
  return st;
}

/// A few Family Mix picks the members watched together, with varied fits, so that the fairness
/// ledger gives them different weights.
recs::family_history watched_together(const recs::catalog_snapshot& snap, const genre_lists& genres,
                                      const std::vector<recs::profile_state>& members) {
  std::vector<recs::family_watch> watches;
  const auto& family = genres.at("family");
  for (std::size_t w = 0; w < 4 && w < family.size(); ++w) {
    recs::family_watch fw;
    fw.household_id = 1;
    fw.show_id = snap.at(family[w]).id;
    fw.ts = 1700000000 + static_cast<std::int64_t>(w) * 86400;
    for (std::size_t m = 0; m < members.size(); ++m)
      fw.fits.emplace_back(members[m].who.id, 0.55 + 0.1 * static_cast<double>((m + w) % 4));
    watches.push_back(std::move(fw));
  }
  return recs::family_history::from(watches);
}

void report_family(const recs::snapshot_ptr& catalog,
                   const std::vector<recs::profile_state>& members,
                   const recs::scoring_models& models, const genre_lists& genres, int iterations) {
  const recs::family_history history = watched_together(*catalog, genres, members);
  recs::family_slate first;
  const auto t = time_seeds(iterations, [&](const recs::slate_request& req) {
    auto slate =
        recs::score_family(catalog, members, req, recs::family_options{}, history, {}, models);
    if (req.seed == 0) first = std::move(slate);
  });
  const auto strong = std::count_if(first.items.begin(), first.items.end(),
                                    [](const recs::family_item& item) { return item.strong; });
  std::string names;
  recs::maturity cap = recs::maturity::r18;
  for (const auto& m : members) {
    cap = std::min(cap, m.who.maturity_cap);
    names += (names.empty() ? "" : ", ") + m.who.name + " (" + cap_label(m.who.maturity_cap) +
             ", " + std::to_string(m.ratings.size()) + " ratings)";
  }
  std::printf("  household: %s; group cap %s; %zu shows watched together\n", names.c_str(),
              cap_label(cap).c_str(), history.watched.size());
  std::printf("uncached Family Mix slate, %zu members, %d runs: median %.2f ms, p95 %.2f ms\n",
              members.size(), iterations, t.median, t.p95);
  std::printf("  first run: %zu items, %zu strong, %zu locked, no_strong_pick warning %s\n",
              first.items.size(), static_cast<std::size_t>(strong), first.strong_locked_ids.size(),
              first.warning && first.warning->code == "no_strong_pick" ? "set" : "not set");
}

void report_single(const recs::snapshot_ptr& catalog, const recs::profile_state& member,
                   const recs::scoring_models& models, int iterations) {
  const auto t = time_seeds(iterations, [&](const recs::slate_request& req) {
    if (recs::score_content(catalog, member, req, {}, models).items.empty())
      std::fprintf(stderr, "empty single-profile slate\n");
  });
  std::printf("uncached single-profile slate (%s, %s), %d runs: median %.2f ms, p95 %.2f ms\n",
              member.who.name.c_str(), cap_label(member.who.maturity_cap).c_str(), iterations,
              t.median, t.p95);
}
}  // namespace

int main(int argc, char** argv) {
  const std::string catalog_path = argc > 1 ? argv[1] : "data/catalog.jsonl";
  const std::string providers_path = argc > 2 ? argv[2] : "data/providers.json";
  const int iterations = std::max(1, argc > 3 ? std::stoi(argv[3]) : 100);

  auto shows = recs::adapters::load_catalog_file(catalog_path);
  auto providers = recs::adapters::load_providers_file(providers_path);
  if (!shows || !providers) {
    std::fprintf(stderr, "cannot load %s / %s\n", catalog_path.c_str(), providers_path.c_str());
    return 1;
  }
  const recs::snapshot_ptr catalog =
      recs::catalog_snapshot::build(std::move(*shows), std::move(*providers), 1);
  const genre_lists genres = index_genres(*catalog);
  for (const char* needed : {"crime", "comedy", "animation", "documentary", "science-fiction",
                             "kids", "drama", "romance", "family", "fantasy", "history"})
    if (genres.count(needed) == 0) {
      std::fprintf(stderr, "the catalog has no %s shows\n", needed);
      return 1;
    }
  std::printf("catalog: %zu shows (%s)\n", catalog->size(), catalog_path.c_str());

  // Households: the first three members, then all six (the strictest cap applies to all).
  const std::vector<member_spec> specs = {
      {1, "Ross", recs::maturity::r18, {"crime", "drama"}, 16},
      {2, "Wife", recs::maturity::r18, {"comedy", "romance"}, 14},
      {3, "Son", recs::maturity::m, {"animation", "family"}, 12},
      {4, "Gran", recs::maturity::r18, {"documentary", "history"}, 18},
      {5, "Teen", recs::maturity::ma15, {"science-fiction", "fantasy"}, 15},
      {6, "Little", recs::maturity::pg, {"kids", "animation"}, 10},
  };
  std::vector<recs::profile_state> six;
  for (const auto& spec : specs) six.push_back(make_member(*catalog, genres, spec));
  const std::vector<recs::profile_state> three(six.begin(), six.begin() + 3);

  // The production models: the collaborative model and the blend learn from every rating the
  // service holds (here the background profiles and the household's own).
  recs::scoring_models models;
  const double content_ms =
      elapsed_ms([&] { models.content = recs::content_model::build(*catalog); });
  models.content_version = catalog->version();
  auto ratings = background_ratings(*catalog, genres, 100, 100);
  for (const auto& m : six) ratings.insert(ratings.end(), m.ratings.begin(), m.ratings.end());
  recs::result<recs::cf_ptr> cf = recs::cf_snapshot::train(*catalog, ratings, {});
  if (!cf) {
    std::fprintf(stderr, "collaborative model: %s\n", cf.err().message.c_str());
    return 1;
  }
  models.cf = *cf;
  models.blend = std::make_shared<const recs::learned_blend>(
      recs::train_blend(*catalog, models.content, ratings, {}));
  std::printf(
      "models: content embeddings + ANN index built in %.0f ms; collaborative model of "
      "%zu items from %zu ratings of %zu profiles\n  %s\n",
      content_ms, models.cf->items(), ratings.size(), models.cf->users(),
      models.blend->summary().c_str());

  report_family(catalog, three, models, genres, iterations);
  report_family(catalog, six, models, genres, iterations);
  report_single(catalog, six.front(), models, iterations);
  return 0;
}
