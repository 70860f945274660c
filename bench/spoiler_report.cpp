// recs-spoiler-report: runs the premise sanitizer over the whole catalog and prints how many
// premises were kept as is, trimmed (sentences or clauses dropped) or replaced by the
// genre/classification fallback, which rules fired, and 20 sample rewrites before/after.
// Usage: recs-spoiler-report [catalog.jsonl]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "recsys/spoiler_filter.hpp"

namespace {

struct rewrite {
  const recs::show* s;
  recs::sanitized_premise r;
};

/// Up to `n` items spread evenly over `v` (deterministic).
std::vector<const rewrite*> spread(const std::vector<rewrite>& v, std::size_t n) {
  std::vector<const rewrite*> out;
  if (v.empty()) return out;
  const std::size_t step = std::max<std::size_t>(1, v.size() / n);
  for (std::size_t i = step / 2; i < v.size() && out.size() < n; i += step) out.push_back(&v[i]);
  return out;
}

void print_sample(const rewrite& w) {
  std::printf("\n[%s] %s (%d) -- %s\n", w.s->id.c_str(), w.s->title.c_str(), w.s->year,
              std::string(recs::to_string(w.r.result)).c_str());
  std::printf("  before: %s\n", recs::clean_premise_text(w.s->premise).c_str());
  std::printf("  after:  %s\n", w.r.text.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "data/catalog.jsonl";
  auto shows = recs::adapters::load_catalog_file(path);
  if (!shows) {
    std::fprintf(stderr, "cannot load %s: %s\n", path.c_str(), shows.err().message.c_str());
    return 1;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<rewrite> trimmed, replaced;
  std::size_t kept = 0, empty = 0, sentences_removed = 0;
  std::map<std::string, std::size_t> by_rule;
  for (const auto& s : *shows) {
    auto r = recs::sanitize_premise(s);
    if (s.premise.empty()) ++empty;
    for (const auto& sentence : r.removed) {
      const auto m = recs::find_spoiler(sentence);
      ++by_rule[m ? std::string(m->rule) : std::string("(after a later-season sentence)")];
    }
    sentences_removed += r.removed.size();
    switch (r.result) {
      case recs::sanitized_premise::outcome::kept:
        ++kept;
        break;
      case recs::sanitized_premise::outcome::trimmed:
        trimmed.push_back({&s, std::move(r)});
        break;
      case recs::sanitized_premise::outcome::replaced:
        replaced.push_back({&s, std::move(r)});
        break;
    }
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  std::printf("spoiler report over %zu premises from %s (%.0f ms)\n", shows->size(), path.c_str(),
              ms);
  std::printf("  kept as is: %zu\n", kept);
  std::printf("  trimmed:    %zu (sentences or clauses dropped)\n", trimmed.size());
  std::printf("  replaced:   %zu (genre/classification fallback; %zu had no premise at all)\n",
              replaced.size(), empty);
  std::printf("  sentences removed or cut: %zu\n", sentences_removed);
  std::printf("removed sentences by first matching rule:\n");
  for (const auto& [rule, n] : by_rule) std::printf("  %-34s %zu\n", rule.c_str(), n);

  std::printf("\n20 sample rewrites (before/after):\n");
  for (const auto* w : spread(trimmed, 16)) print_sample(*w);
  std::vector<rewrite> replaced_with_text;
  for (auto& w : replaced) {
    if (!w.s->premise.empty()) replaced_with_text.push_back(std::move(w));
  }
  for (const auto* w : spread(replaced_with_text, 4)) print_sample(*w);
  return 0;
}
