#include "adapters/justwatch_convert.hpp"

#include <algorithm>

#include "adapters/justwatch_packages.hpp"

namespace recs::adapters {

namespace {

int presentation_rank(std::string_view p) {
  if (p == "_4K") return 3;
  if (p == "HD") return 2;
  if (p == "SD") return 1;
  return 0;
}

struct pending {
  offer item;
  int rank = -1;  // presentation rank of the offer whose url was taken; -1 = no url yet
};

void merge_into(pending& into, const jw_offer& o) {
  const int rank = presentation_rank(o.presentation_type);
  if (!o.url.empty() && rank > into.rank) {
    into.item.url = o.url;
    into.rank = rank;
  }
  // An empty available_to (no end known) is sticky: the show stays while any offer does.
  if (o.available_to.empty() || into.item.available_to.empty()) {
    into.item.available_to.clear();
  } else {
    into.item.available_to = std::max(into.item.available_to, o.available_to);
  }
}

}  // namespace

title_key jw_title_key(const jw_title& t) {
  return {t.imdb_id, t.tmdb_id, t.title, t.original_release_year};
}

std::optional<monetization> jw_monetization(std::string_view type) noexcept {
  return parse_monetization(type);
}

jw_offer_conversion convert_offers(const jw_title& t, const std::vector<provider>& providers,
                                   std::int64_t fetched_ts) {
  jw_offer_conversion out;
  std::vector<pending> merged;
  for (const jw_offer& o : t.offers) {
    const auto type = jw_monetization(o.monetization_type);
    if (!type) {
      if (std::find(out.skipped_types.begin(), out.skipped_types.end(), o.monetization_type) ==
          out.skipped_types.end()) {
        out.skipped_types.push_back(o.monetization_type);
      }
      continue;
    }
    const auto id = provider_for_package(o.package, providers);
    if (!id) {
      const bool seen =
          std::any_of(out.unknown_packages.begin(), out.unknown_packages.end(),
                      [&](const jw_package& p) { return p.package_id == o.package.package_id; });
      if (!seen) out.unknown_packages.push_back(o.package);
      continue;
    }
    auto it = std::find_if(merged.begin(), merged.end(), [&](const pending& p) {
      return p.item.provider == *id && p.item.type == *type;
    });
    if (it == merged.end()) {
      pending p;
      p.item.provider = *id;
      p.item.type = *type;
      p.item.inferred = false;
      p.item.basis = "justwatch";
      p.item.last_checked_ts = fetched_ts;
      p.item.available_to = o.available_to;
      merged.push_back(std::move(p));
      it = merged.end() - 1;
    }
    merge_into(*it, o);
  }
  std::sort(merged.begin(), merged.end(), [](const pending& a, const pending& b) {
    return a.item.provider != b.item.provider ? a.item.provider < b.item.provider
                                              : a.item.type < b.item.type;
  });
  out.offers.reserve(merged.size());
  for (auto& p : merged) out.offers.push_back(std::move(p.item));
  return out;
}

}  // namespace recs::adapters
