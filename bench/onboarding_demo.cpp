// Onboarding, shown (issue 16, point 3): for three invented profiles, the slate of an empty
// profile, the grid it is offered (recsys/onboarding), the answers the profile gives to the
// first ten shows it has seen (loved / liked / not for me by its invented taste; "haven't seen"
// skips a show), and the first personal slate after them. A demonstration on the bundled
// catalog, not a measurement: the quality issue (17) measures cold start.
// Usage: recs-bench-onboarding [catalog.jsonl] [providers.json]
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/content_scorer.hpp"
#include "recsys/onboarding.hpp"

namespace {

/// An invented viewer: what they love, like and dislike, by genre.
struct viewer {
  const char* name;
  recs::maturity cap;
  std::set<std::string> loves, likes, dislikes;
};

bool any_of(const recs::show& s, const std::set<std::string>& genres) {
  return std::any_of(s.genres.begin(), s.genres.end(),
                     [&](const std::string& g) { return genres.count(g) != 0; });
}

void print_slate(const char* heading, const recs::slate& s) {
  std::printf("  %s:\n", heading);
  for (std::size_t k = 0; k < s.items.size(); ++k) {
    const auto& it = s.items[k];
    const recs::show& sh = s.catalog->at(it.index);
    std::string genres;
    for (const auto& g : sh.genres) genres += (genres.empty() ? "" : ",") + g;
    std::printf("    %2zu. %-38.38s %4d  %-28.28s fit %.2f\n", k + 1, sh.title.c_str(), sh.year,
                genres.c_str(), it.fit);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string catalog_path = argc > 1 ? argv[1] : "data/catalog.jsonl";
  const std::string providers_path = argc > 2 ? argv[2] : "data/providers.json";
  auto shows = recs::adapters::load_catalog_file(catalog_path);
  auto providers = recs::adapters::load_providers_file(providers_path);
  if (!shows || !providers) {
    std::fprintf(stderr, "cannot read %s or %s\n", catalog_path.c_str(), providers_path.c_str());
    return 1;
  }
  auto cat = recs::catalog_snapshot::build(std::move(*shows), *providers, 1);
  recs::scoring_models models;
  models.content = recs::content_model::build(*cat);
  models.content_version = cat->version();

  const std::vector<viewer> viewers = {
      {"Crime and spy drama fan",
       recs::maturity::r18,
       {"crime", "thriller"},
       {"drama"},
       {"reality", "animation", "family"}},
      {"Family with young kids",
       recs::maturity::pg,
       {"animation", "family"},
       {"comedy"},
       {"horror", "crime"}},
      {"Comedy and reality lover",
       recs::maturity::ma15,
       {"comedy", "reality"},
       {"romance"},
       {"crime", "horror", "war"}},
  };
  recs::slate_request req;
  req.limit = 8;
  std::int64_t id = 1;
  for (const auto& v : viewers) {
    recs::profile_state st;
    st.who = recs::profile{id, 1, v.name, v.cap};
    st.services = {"netflix", "stan", "abc_iview"};
    std::printf("%s (cap %s)\n", v.name, std::string(recs::to_string(v.cap)).c_str());
    print_slate("before onboarding (no ratings)", recs::score_content(cat, st, req, {}, models));
    const auto grid = recs::onboarding_grid(*cat, st, models.content.get());
    std::printf("  the grid (%zu shows):", grid.size());
    std::size_t answered = 0;
    for (auto i : grid) {
      const recs::show& s = cat->at(i);
      const char* said = "haven't seen";
      recs::rating r;
      r.profile_id = id;
      r.show_id = s.id;
      if (answered < 10) {
        if (any_of(s, v.dislikes)) {
          r.primary = recs::verdict::bad;
          said = "not for me";
        } else if (any_of(s, v.loves)) {
          r.primary = recs::verdict::loved;
          said = "loved";
        } else if (any_of(s, v.likes)) {
          r.primary = recs::verdict::good;
          said = "liked";
        }
      }
      if (std::string(said) != "haven't seen") {
        st.ratings.push_back(r);
        ++answered;
      }
      std::printf("%s %s [%s]", i == grid.front() ? "" : ";", s.title.c_str(), said);
    }
    std::printf("\n");
    print_slate("after the first ten answers", recs::score_content(cat, st, req, {}, models));
    std::printf("\n");
    ++id;
  }
  return 0;
}
