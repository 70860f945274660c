// recs-bench-slate: prints catalog load time and uncached slate compute time (median, p95).
// Usage: recs-bench-slate [catalog.jsonl] [providers.json] [iterations]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "recsys/content_scorer.hpp"
#include "recsys/jitter.hpp"

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

}  // namespace

int main(int argc, char** argv) {
  const std::string catalog_path = argc > 1 ? argv[1] : "data/catalog.jsonl";
  const std::string providers_path = argc > 2 ? argv[2] : "data/providers.json";
  const int iterations = argc > 3 ? std::stoi(argv[3]) : 200;

  std::vector<double> load_ms, parse_ms, build_ms;
  recs::snapshot_ptr snap;
  for (int run = 0; run < 5; ++run) {
    const auto t0 = clock_type::now();
    auto shows = recs::adapters::load_catalog_file(catalog_path);
    auto providers = recs::adapters::load_providers_file(providers_path);
    if (!shows || !providers) {
      std::fprintf(stderr, "cannot load %s / %s\n", catalog_path.c_str(), providers_path.c_str());
      return 1;
    }
    const auto t1 = clock_type::now();
    snap = recs::catalog_snapshot::build(std::move(*shows), std::move(*providers), 1);
    const auto t2 = clock_type::now();
    parse_ms.push_back(ms(t1 - t0));
    build_ms.push_back(ms(t2 - t1));
    load_ms.push_back(ms(t2 - t0));
  }

  // A profile with a realistic taste: 12 ratings spread over the catalog, two liked tags.
  recs::profile_state st;
  st.who = {1, 1, "Ross", recs::maturity::r18};
  st.services = {"netflix", "stan", "abc_iview", "sbs_on_demand"};
  for (std::size_t i = 0; i < 12; ++i) {
    recs::rating r;
    r.profile_id = 1;
    r.show_id = snap->at(static_cast<std::uint32_t>((i * 977) % snap->size())).id;
    r.primary = static_cast<recs::verdict>(i % 3);
    st.ratings.push_back(r);
  }
  st.tags = {{"dry humour", true}, {"spy", true}};

  std::vector<double> slate_ms;
  for (int i = 0; i < iterations; ++i) {
    recs::slate_request req;
    req.seed = static_cast<std::uint64_t>(i);
    const auto t0 = clock_type::now();
    auto s = recs::score_content(snap, st, req);
    slate_ms.push_back(ms(clock_type::now() - t0));
    if (s.items.empty()) return 1;
  }

  std::printf("catalog: %zu shows (%s)\n", snap->size(), catalog_path.c_str());
  std::printf("catalog load (parse + snapshot build), 5 runs: median %.1f ms, max %.1f ms\n",
              percentile(load_ms, 0.5), percentile(load_ms, 1.0));
  std::printf(
      "  of which JSONL parse: median %.1f ms; snapshot build (TF-IDF, priors): median "
      "%.1f ms\n",
      percentile(parse_ms, 0.5), percentile(build_ms, 0.5));
  std::printf(
      "uncached slate compute (content scorer, limit 20), %d runs: median %.2f ms, "
      "p95 %.2f ms\n",
      iterations, percentile(slate_ms, 0.5), percentile(slate_ms, 0.95));
  return 0;
}
