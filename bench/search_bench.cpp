// Title search (GET /shows?q=) on the bundled catalog and on a synthetic larger one: the time
// per query (median, p95, max) for queries as people type them, and how often the intended show
// comes first or in the top 5.
//
// Workloads, each from the same random sample of titles:
//  - typing: every prefix of the title, one letter more each time ("b", "br", ..., "breaking bad");
//  - words reversed: the title's words in reverse order;
//  - a typo: two adjacent letters of the title's longest word swapped;
//  - with the year: the title followed by its first year.
// Usage: recs-bench-search [catalog.jsonl] [providers.json] [sampled titles] [synthetic size]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "bench/synthetic_catalog.hpp"
#include "recsys/catalog_snapshot.hpp"

namespace {

using steady = std::chrono::steady_clock;

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

struct workload {
  const char* name;
  std::vector<std::pair<std::string, std::uint32_t>> queries;  // (query, the show meant)
};

std::string reversed_words(const std::string& title) {
  auto words = recs::search_words(title);
  std::string out;
  for (auto it = words.rbegin(); it != words.rend(); ++it) out += (out.empty() ? "" : " ") + *it;
  return out;
}

std::string with_typo(const std::string& title) {
  auto words = recs::search_words(title);
  if (words.empty()) return title;
  auto longest = std::max_element(words.begin(), words.end(),
                                  [](const auto& a, const auto& b) { return a.size() < b.size(); });
  if (longest->size() >= 4) std::swap((*longest)[1], (*longest)[2]);
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<workload> workloads(const recs::catalog_snapshot& cat, std::size_t sample) {
  std::mt19937 rng(42);
  std::vector<workload> out = {
      {"typing", {}}, {"words reversed", {}}, {"a typo", {}}, {"with the year", {}}};
  for (std::size_t k = 0; k < sample && cat.size() > 0; ++k) {
    const auto i = static_cast<std::uint32_t>(rng() % cat.size());
    const std::string& t = cat.at(i).title;
    for (std::size_t n = 1; n <= t.size(); ++n) out[0].queries.emplace_back(t.substr(0, n), i);
    out[1].queries.emplace_back(reversed_words(t), i);
    out[2].queries.emplace_back(with_typo(t), i);
    out[3].queries.emplace_back(t + " " + std::to_string(cat.at(i).year), i);
  }
  return out;
}

void run(const char* label, const recs::catalog_snapshot& cat, std::size_t sample) {
  std::printf("%s: %zu shows, %zu distinct title words\n", label, cat.size(),
              cat.titles().vocabulary());
  std::vector<double> all;
  for (const auto& w : workloads(cat, sample)) {
    std::vector<double> ms;
    std::size_t first = 0, top5 = 0;
    for (const auto& [q, meant] : w.queries) {
      std::size_t total = 0;
      const auto t0 = steady::now();
      const auto hits = cat.search(q, 20, total);
      ms.push_back(std::chrono::duration<double, std::milli>(steady::now() - t0).count());
      // The same title twice (a remake, a synthetic copy) counts as found.
      auto same = [&](std::uint32_t h) { return cat.at(h).title == cat.at(meant).title; };
      if (!hits.empty() && same(hits[0])) ++first;
      if (std::any_of(hits.begin(), hits.begin() + std::min<std::size_t>(5, hits.size()), same))
        ++top5;
    }
    all.insert(all.end(), ms.begin(), ms.end());
    const double n = static_cast<double>(w.queries.size());
    std::printf(
        "  %-15s %6zu queries: p50 %6.3f ms  p95 %6.3f ms  max %6.3f ms; meant show first %5.1f%%, "
        "top 5 %5.1f%%\n",
        w.name, w.queries.size(), percentile(ms, 0.5), percentile(ms, 0.95), percentile(ms, 1.0),
        100.0 * static_cast<double>(first) / n, 100.0 * static_cast<double>(top5) / n);
  }
  std::printf("  all             %6zu queries: p50 %6.3f ms  p95 %6.3f ms  max %6.3f ms\n",
              all.size(), percentile(all, 0.5), percentile(all, 0.95), percentile(all, 1.0));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string catalog_path = argc > 1 ? argv[1] : "data/catalog.jsonl";
  const std::string providers_path = argc > 2 ? argv[2] : "data/providers.json";
  const std::size_t sample = argc > 3 ? std::stoul(argv[3]) : 300;
  const std::size_t synthetic = argc > 4 ? std::stoul(argv[4]) : 100000;
  auto shows = recs::adapters::load_catalog_file(catalog_path);
  auto providers = recs::adapters::load_providers_file(providers_path);
  if (!shows || !providers) {
    std::fprintf(stderr, "recs-bench-search: %s\n",
                 (!shows ? shows.err() : providers.err()).message.c_str());
    return 1;
  }
  const auto copy = *shows;
  auto t0 = steady::now();
  auto cat = recs::catalog_snapshot::build(std::move(*shows), *providers, 1);
  std::printf("title search (bundled catalog snapshot built in %.0f ms, title index included)\n",
              std::chrono::duration<double, std::milli>(steady::now() - t0).count());
  run("bundled catalog", *cat, sample);
  if (synthetic > 0) {
    auto big = recs::bench::synthetic_catalog(copy, synthetic);
    t0 = steady::now();
    auto big_cat = recs::catalog_snapshot::build(std::move(big), *providers, 2);
    std::printf("synthetic catalog snapshot built in %.0f ms\n",
                std::chrono::duration<double, std::milli>(steady::now() - t0).count());
    run("synthetic catalog", *big_cat, sample);
  }
  return 0;
}
