// recs-bench-content: prints the cost and quality of the content embeddings and the HNSW index
// on the bundled catalog: TF-IDF + SVD time, index build time, memory, recall@10 of the ANN
// against exact search, similar()/nearest() latency, and "more like this" for well-known shows.
// Usage: recs-bench-content [catalog.jsonl] [providers.json]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/text.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double ms(clock_type::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

/// Resident set size of this process in MiB (Linux), 0 when unknown.
double rss_mib() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      double kib = 0;
      in >> kib;
      return kib / 1024.0;
    }
    in.ignore(1 << 12, '\n');
  }
  return 0;
}

double genre_jaccard(const recs::show& a, const recs::show& b) {
  std::set<std::string> ga(a.genres.begin(), a.genres.end());
  std::set<std::string> gb(b.genres.begin(), b.genres.end());
  std::size_t both = 0;
  for (const auto& g : ga) both += gb.count(g);
  const std::size_t any = ga.size() + gb.size() - both;
  return any == 0 ? 0.0 : double(both) / double(any);
}

/// Probe shows: every (n / count)-th, so the figures cover the whole catalog.
std::vector<std::uint32_t> probes(std::size_t n, std::size_t count) {
  std::vector<std::uint32_t> out;
  const std::size_t step = std::max<std::size_t>(1, n / count);
  for (std::size_t i = 0; i < n && out.size() < count; i += step) {
    out.push_back(static_cast<std::uint32_t>(i));
  }
  return out;
}

/// Mean recall@10 of similar() against an exact scan excluding the show itself.
double similar_recall(const recs::content_model& m, const std::vector<std::uint32_t>& ids) {
  double hits = 0;
  double total = 0;
  for (auto i : ids) {
    auto approx = m.similar(i, 10);
    auto exact = recs::exact_search(m.vector(0), m.size(), m.dim(), m.vector(i), 10,
                                    [i](std::uint32_t j) { return j != i; });
    std::set<std::uint32_t> truth;
    for (auto& e : exact) truth.insert(e.first);
    for (auto& a : approx) hits += truth.count(a.first);
    total += double(exact.size());
  }
  return total > 0 ? hits / total : 0;
}

/// Mean genre Jaccard between a show and its top-10 neighbours.
double neighbour_genre_jaccard(const recs::content_model& m, const std::vector<recs::show>& shows,
                               const std::vector<std::uint32_t>& ids) {
  double sum = 0;
  double count = 0;
  for (auto i : ids) {
    for (auto& [j, s] : m.similar(i, 10)) {
      sum += genre_jaccard(shows[i], shows[j]);
      count += 1;
    }
  }
  return count > 0 ? sum / count : 0;
}

/// Pairs of shows where one title extends the other ("Planet Earth" / "Planet Earth II", "The
/// Office" / "The Office (U.S.)"): titles are not a feature, so finding the partner among the
/// top-10 neighbours shows that premise content carries through the SVD.
std::vector<std::pair<std::uint32_t, std::uint32_t>> franchise_pairs(
    const recs::catalog_snapshot& s) {
  std::vector<std::pair<std::string, std::uint32_t>> titles;
  for (std::uint32_t i = 0; i < s.size(); ++i)
    titles.emplace_back(recs::to_lower(s.at(i).title), i);
  std::sort(titles.begin(), titles.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (std::size_t a = 0; a < titles.size(); ++a) {
    const std::string& t = titles[a].first;
    if (t.size() < 6) continue;
    for (std::size_t b = a + 1; b < titles.size() && titles[b].first.compare(0, t.size(), t) == 0;
         ++b) {
      out.emplace_back(titles[a].second, titles[b].second);
    }
  }
  return out;
}

double franchise_hits(const recs::content_model& m,
                      const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
  double hits = 0;
  for (const auto& [a, b] : pairs) {
    for (const auto& [j, s] : m.similar(a, 10)) hits += j == b ? 1 : 0;
  }
  return pairs.empty() ? 0 : hits / double(pairs.size());
}

void print_similar(const recs::catalog_snapshot& snap, const recs::content_model& m,
                   const std::string& id) {
  auto i = snap.find(id);
  if (!i) {
    std::printf("  %s: not in the catalog\n", id.c_str());
    return;
  }
  const auto& s = snap.at(*i);
  std::printf("  %s (%d) [%s]:\n", s.title.c_str(), s.year, id.c_str());
  for (auto& [j, sim] : m.similar(*i, 5)) {
    const auto& t = snap.at(j);
    std::string genres;
    for (const auto& g : t.genres) genres += (genres.empty() ? "" : ",") + g;
    std::printf("      %.3f  %s (%d) {%s} %s\n", double(sim), t.title.c_str(), t.year,
                genres.c_str(), std::string(recs::to_string(t.rating)).c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string catalog_path = argc > 1 ? argv[1] : "data/catalog.jsonl";
  const std::string providers_path = argc > 2 ? argv[2] : "data/providers.json";

  auto shows = recs::adapters::load_catalog_file(catalog_path);
  auto providers = recs::adapters::load_providers_file(providers_path);
  if (!shows || !providers) {
    std::fprintf(stderr, "cannot load %s / %s\n", catalog_path.c_str(), providers_path.c_str());
    return 1;
  }
  auto t0 = clock_type::now();
  auto snap = recs::catalog_snapshot::build(std::move(*shows), std::move(*providers), 1);
  const double snapshot_ms = ms(clock_type::now() - t0);
  const std::size_t n = snap->size();
  std::printf("catalog: %zu shows (%s); snapshot build %.1f ms\n", n, catalog_path.c_str(),
              snapshot_ms);

  // Build three times; the first model is kept (all three are identical: fixed seeds).
  const double rss_before = rss_mib();
  double rss_first = 0;
  recs::content_model_ptr model;
  std::vector<double> feat_ms, svd_ms, index_ms, total_ms;
  for (int run = 0; run < 3; ++run) {
    t0 = clock_type::now();
    auto m = recs::content_model::build(*snap);
    total_ms.push_back(ms(clock_type::now() - t0));
    feat_ms.push_back(m->stats().features_ms);
    svd_ms.push_back(m->stats().svd_ms);
    index_ms.push_back(m->stats().index_ms);
    if (!model) {
      model = m;
      rss_first = rss_mib();
    }
  }
  const double rss_after = rss_mib();
  const auto& st = model->stats();
  std::printf("content model (dim %zu, rank %zu; %zu shared features, %zu non-zeros), 3 builds:\n",
              model->dim(), st.rank, st.features, st.nonzeros);
  std::printf("  TF-IDF %.1f ms, truncated SVD %.1f ms, HNSW build %.1f ms; total median %.1f ms\n",
              percentile(feat_ms, 0.5), percentile(svd_ms, 0.5), percentile(index_ms, 0.5),
              percentile(total_ms, 0.5));
  std::printf("  memory: vectors %.2f MiB + index %.2f MiB = %.2f MiB\n",
              double(st.vector_bytes) / 1048576.0, double(st.index_bytes) / 1048576.0,
              double(model->memory_bytes()) / 1048576.0);
  std::printf(
      "  process RSS: %.1f MiB before, %.1f after the first build, %.1f after all three "
      "(one model kept; includes freed build buffers the allocator keeps)\n",
      rss_before, rss_first, rss_after);

  std::size_t zero = 0;
  for (std::uint32_t i = 0; i < n; ++i) zero += model->similarity(i, i) == 0.0f ? 1 : 0;
  std::printf("  shows without any shared feature (zero vector): %zu\n", zero);

  const auto ids = probes(n, 1000);
  std::printf("ANN recall@10 of similar() vs exact search (%zu shows): %.4f\n", ids.size(),
              similar_recall(*model, ids));

  // Taste vectors of 5 random shows each, retrieved with and without a maturity filter.
  std::mt19937_64 gen(7);
  std::vector<std::vector<float>> tastes;
  for (int q = 0; q < 300; ++q) {
    std::vector<std::pair<std::uint32_t, float>> items;
    for (int j = 0; j < 5; ++j) items.emplace_back(static_cast<std::uint32_t>(gen() % n), 1.0f);
    tastes.push_back(model->centroid(items));
  }
  const auto kids_only = [&snap](std::uint32_t i) {
    auto r = snap->at(i).rating;
    return r == recs::maturity::g || r == recs::maturity::pg;
  };
  double hits = 0, total = 0, fhits = 0, ftotal = 0;
  std::vector<double> near_ms, filt_ms, exact_ms;
  for (const auto& t : tastes) {
    auto c0 = clock_type::now();
    auto approx = model->nearest(t.data(), 50);
    auto c1 = clock_type::now();
    auto fapprox = model->nearest(t.data(), 50, kids_only);
    auto c2 = clock_type::now();
    auto exact = recs::exact_search(model->vector(0), n, model->dim(), t.data(), 50);
    auto c3 = clock_type::now();
    auto fexact = recs::exact_search(model->vector(0), n, model->dim(), t.data(), 50, kids_only);
    near_ms.push_back(ms(c1 - c0));
    filt_ms.push_back(ms(c2 - c1));
    exact_ms.push_back(ms(c3 - c2));
    std::set<std::uint32_t> truth, ftruth;
    for (auto& e : exact) truth.insert(e.first);
    for (auto& e : fexact) ftruth.insert(e.first);
    for (auto& a : approx) hits += truth.count(a.first);
    for (auto& a : fapprox) fhits += ftruth.count(a.first);
    total += double(exact.size());
    ftotal += double(fexact.size());
  }
  std::printf(
      "taste retrieval, 300 centroids of 5 shows, k=50: recall %.4f; with a G/PG filter "
      "%.4f\n",
      hits / total, fhits / ftotal);
  std::printf(
      "  latency median/p95: nearest %.3f/%.3f ms, filtered %.3f/%.3f ms, exact scan "
      "%.3f/%.3f ms\n",
      percentile(near_ms, 0.5), percentile(near_ms, 0.95), percentile(filt_ms, 0.5),
      percentile(filt_ms, 0.95), percentile(exact_ms, 0.5), percentile(exact_ms, 0.95));

  std::vector<double> sim_ms;
  for (auto i : ids) {
    auto c0 = clock_type::now();
    auto r = model->similar(i, 20);
    sim_ms.push_back(ms(clock_type::now() - c0));
  }
  std::printf("similar(show, 20) latency over %zu shows: median %.3f ms, p95 %.3f ms\n", ids.size(),
              percentile(sim_ms, 0.5), percentile(sim_ms, 0.95));

  // Quality: genres shared with the top-10 neighbours, against random pairs.
  double random_j = 0;
  for (int q = 0; q < 5000; ++q)
    random_j += genre_jaccard(snap->at(gen() % n), snap->at(gen() % n));
  std::printf("genre Jaccard with the top-10 neighbours: %.3f (random pairs: %.3f)\n",
              neighbour_genre_jaccard(*model, snap->shows(), ids), random_j / 5000.0);
  const auto pairs = franchise_pairs(*snap);
  std::printf("same-franchise partner in the top 10 (%zu title pairs): %.3f\n", pairs.size(),
              franchise_hits(*model, pairs));

  std::printf("dimension sweep (one build each):\n");
  for (std::size_t d : {32, 64, 128}) {
    recs::content_options o;
    o.dim = d;
    auto m = recs::content_model::build(*snap, o);
    std::printf(
        "  dim %3zu: SVD %6.1f ms, HNSW %6.1f ms, %5.2f MiB, recall@10 %.4f, genre "
        "Jaccard@10 %.3f, franchise@10 %.3f\n",
        d, m->stats().svd_ms, m->stats().index_ms, double(m->memory_bytes()) / 1048576.0,
        similar_recall(*m, ids), neighbour_genre_jaccard(*m, snap->shows(), ids),
        franchise_hits(*m, pairs));
  }

  std::printf("more like this (top 5):\n");
  for (const char* id : {"tt0903747", "tt7678620", "tt0386676", "x-the-office-2005", "tt0290978",
                         "tt4574334", "tt4786824", "x-planet-earth-2006", "tt5875444"}) {
    print_similar(*snap, *model, id);
  }
  return 0;
}
