// recs-bench-slate: prints catalog load time, content-model build time and memory, and uncached
// slate compute time (median, p95) on the bundled catalog and on a synthetic larger one, for the
// sparse full scan and for embeddings + ANN candidate retrieval, side by side.
// Usage: recs-bench-slate [catalog.jsonl] [providers.json] [iterations] [synthetic size]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "bench/synthetic_catalog.hpp"
#include "recsys/blend_training.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/content_scorer.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double ms(clock_type::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[i];
}

long rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

/// A profile with a realistic taste: 12 ratings spread over the catalog, two liked tags.
recs::profile_state profile_for(const recs::catalog_snapshot& snap) {
  recs::profile_state st;
  st.who = {1, 1, "Ross", recs::maturity::r18};
  st.services = {"netflix", "stan", "abc_iview", "sbs_on_demand"};
  for (std::size_t i = 0; i < 12; ++i) {
    recs::rating r;
    r.profile_id = 1;
    r.show_id = snap.at(static_cast<std::uint32_t>((i * 977) % snap.size())).id;
    r.primary = static_cast<recs::verdict>(i % 3);
    st.ratings.push_back(r);
  }
  st.tags = {{"dry humour", true}, {"spy", true}};
  return st;
}

/// Uncached slate compute times for `iterations` seeds.
std::vector<double> time_slates(const recs::snapshot_ptr& snap, const recs::scoring_models& m,
                                int iterations) {
  const auto st = profile_for(*snap);
  std::vector<double> out;
  for (int i = 0; i < iterations; ++i) {
    recs::slate_request req;
    req.seed = static_cast<std::uint64_t>(i);
    const auto t0 = clock_type::now();
    auto s = recs::score_content(snap, st, req, {}, m);
    out.push_back(ms(clock_type::now() - t0));
    if (s.items.empty()) std::fprintf(stderr, "empty slate\n");
  }
  return out;
}

/// Synthetic ratings of `profiles` profiles, 30 each: each profile favours two genres and rates
/// shows of them good or loved (popular shows more often) and a few others bad.
std::vector<recs::rating> synthetic_ratings(const recs::catalog_snapshot& snap, int profiles) {
  std::mt19937_64 rng(42);
  std::vector<std::string> genres;
  for (std::uint32_t i = 0; i < snap.size() && genres.size() < 12; ++i)
    for (const auto& g : snap.at(i).genres)
      if (std::find(genres.begin(), genres.end(), g) == genres.end()) genres.push_back(g);
  std::vector<recs::rating> out;
  for (int p = 1; p <= profiles; ++p) {
    const std::string& a = genres[rng() % genres.size()];
    const std::string& b = genres[rng() % genres.size()];
    int rated = 0;
    for (int tries = 0; rated < 30 && tries < 20000; ++tries) {
      const auto i = static_cast<std::uint32_t>(rng() % snap.size());
      const recs::show& s = snap.at(i);
      const bool fav = std::find(s.genres.begin(), s.genres.end(), a) != s.genres.end() ||
                       std::find(s.genres.begin(), s.genres.end(), b) != s.genres.end();
      // Watched in proportion to popularity; favourites much more often.
      const double p_watch = (fav ? 0.5 : 0.03) * (0.2 + snap.popularity(i));
      if (std::uniform_real_distribution<double>(0, 1)(rng) > p_watch) continue;
      recs::rating r;
      r.profile_id = p;
      r.show_id = s.id;
      r.primary = !fav             ? recs::verdict::bad
                  : rng() % 3 == 0 ? recs::verdict::loved
                                   : recs::verdict::good;
      out.push_back(std::move(r));
      ++rated;
    }
  }
  return out;
}

/// Collaborative model and learned blend training times on synthetic ratings.
void run_training(const recs::snapshot_ptr& snap, const recs::content_model_ptr& content) {
  for (int profiles : {100, 1000}) {
    const auto ratings = synthetic_ratings(*snap, profiles);
    std::vector<double> cf_ms, blend_ms;
    recs::learned_blend blend;
    std::size_t items = 0;
    for (int run = 0; run < 3; ++run) {
      const auto t0 = clock_type::now();
      auto cf = recs::cf_snapshot::train(*snap, ratings, {});
      const auto t1 = clock_type::now();
      blend = recs::train_blend(*snap, content, ratings, {});
      const auto t2 = clock_type::now();
      cf_ms.push_back(ms(t1 - t0));
      blend_ms.push_back(ms(t2 - t1));
      if (cf) items = (*cf)->items();
    }
    std::printf(
        "  training on %zu synthetic ratings of %d profiles (%zu model items), 3 runs: "
        "collaborative model median %.0f ms, learned blend median %.0f ms\n    %s\n",
        ratings.size(), profiles, items, percentile(cf_ms, 0.5), percentile(blend_ms, 0.5),
        blend.summary().c_str());
  }
}

void run_catalog(const char* label, const recs::snapshot_ptr& snap, int iterations, bool training) {
  const long rss0 = rss_kib();
  const auto t0 = clock_type::now();
  recs::scoring_models m;
  m.content = recs::content_model::build(*snap);
  m.content_version = snap->version();
  const double build = ms(clock_type::now() - t0);
  const auto& bs = m.content->stats();
  std::printf("%s: %zu shows\n", label, snap->size());
  std::printf(
      "  content model build: %.0f ms (tf-idf %.0f, svd %.0f, hnsw index %.0f); "
      "vectors %.1f MiB + index %.1f MiB; process RSS +%.1f MiB\n",
      build, bs.features_ms, bs.svd_ms, bs.index_ms, double(bs.vector_bytes) / 1048576.0,
      double(bs.index_bytes) / 1048576.0, double(rss_kib() - rss0) / 1024.0);
  const auto sparse = time_slates(snap, {}, iterations);
  const auto dense = time_slates(snap, m, iterations);
  std::printf("  uncached slate, sparse TF-IDF full scan, %d runs: median %.2f ms, p95 %.2f ms\n",
              iterations, percentile(sparse, 0.5), percentile(sparse, 0.95));
  std::printf(
      "  uncached slate, embeddings + ANN retrieval, %d runs: median %.2f ms, p95 %.2f ms\n",
      iterations, percentile(dense, 0.5), percentile(dense, 0.95));
  if (training) run_training(snap, m.content);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string catalog_path = argc > 1 ? argv[1] : "data/catalog.jsonl";
  const std::string providers_path = argc > 2 ? argv[2] : "data/providers.json";
  const int iterations = argc > 3 ? std::stoi(argv[3]) : 200;
  const std::size_t synthetic = argc > 4 ? std::stoul(argv[4]) : 100000;

  std::vector<double> load_ms, parse_ms, build_ms;
  recs::snapshot_ptr snap;
  std::vector<recs::show> shows_copy;
  std::vector<recs::provider> providers_copy;
  for (int run = 0; run < 5; ++run) {
    const auto t0 = clock_type::now();
    auto shows = recs::adapters::load_catalog_file(catalog_path);
    auto providers = recs::adapters::load_providers_file(providers_path);
    if (!shows || !providers) {
      std::fprintf(stderr, "cannot load %s / %s\n", catalog_path.c_str(), providers_path.c_str());
      return 1;
    }
    const auto t1 = clock_type::now();
    shows_copy = *shows;
    providers_copy = *providers;
    const auto t2 = clock_type::now();
    snap = recs::catalog_snapshot::build(std::move(*shows), std::move(*providers), 1);
    const auto t3 = clock_type::now();
    parse_ms.push_back(ms(t1 - t0));
    build_ms.push_back(ms(t3 - t2));
    load_ms.push_back(ms(t1 - t0) + ms(t3 - t2));
  }
  std::printf("catalog: %zu shows (%s)\n", snap->size(), catalog_path.c_str());
  std::printf("catalog load (parse + snapshot build), 5 runs: median %.1f ms, max %.1f ms\n",
              percentile(load_ms, 0.5), percentile(load_ms, 1.0));
  std::printf(
      "  of which JSONL parse: median %.1f ms; snapshot build (TF-IDF, priors): median "
      "%.1f ms\n",
      percentile(parse_ms, 0.5), percentile(build_ms, 0.5));

  run_catalog("bundled catalog", snap, iterations, true);

  if (synthetic > 0) {
    auto big = recs::bench::synthetic_catalog(shows_copy, synthetic);
    auto big_snap = recs::catalog_snapshot::build(std::move(big), providers_copy, 2);
    run_catalog("synthetic catalog", big_snap, std::max(20, iterations / 4), false);
  }
  return 0;
}
