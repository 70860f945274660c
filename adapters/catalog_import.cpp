#include "adapters/catalog_import.hpp"

#include <algorithm>
#include <iterator>
#include <string>

#include "adapters/au_providers.hpp"
#include "adapters/catalog_merge.hpp"
#include "adapters/inferred_availability.hpp"
#include "adapters/source_rows.hpp"

namespace recs::adapters {

namespace {

result<std::vector<source_record>> records_of(const loaded_source& src) {
  const auto& s = src.spec;
  switch (s.kind) {
    case source_kind::justwatch:
      return justwatch_records(src.table, s.label, s.service);
    case source_kind::kaggle_2021:
      return kaggle_records(src.table, s.label, s.service);
    case source_kind::tvmaze:
      return tvmaze_records(src.table, s.label);
    case source_kind::platform_flags:
      return platform_flag_records(src.table, s.label);
  }
  return error{errc::internal, "unknown source kind"};
}

void count_entries(const std::vector<catalog_entry>& entries, import_stats& stats) {
  stats.shows = entries.size();
  for (maturity m : {maturity::g, maturity::pg, maturity::m, maturity::ma15, maturity::r18}) {
    stats.classifications.emplace_back(std::string(to_string(m)), 0);
  }
  for (const auto& p : au_providers()) stats.offers_by_provider.emplace_back(p.id, 0);
  for (const auto& e : entries) {
    const show& s = e.item;
    if (s.id.rfind("tt", 0) == 0) ++stats.with_imdb_id;
    if (s.rating != maturity::unknown) {
      ++stats.classified;
      ++stats.classifications[static_cast<std::size_t>(s.rating) - 1].second;
    }
    if (!s.offers.empty()) ++stats.with_offers;
    for (const auto& o : s.offers) {
      for (auto& [id, n] : stats.offers_by_provider) {
        if (id == o.provider) ++n;
      }
    }
  }
}

}  // namespace

const std::vector<source_spec>& catalog_sources() {
  using k = source_kind;
  using s = us_service;
  static const std::vector<source_spec> kSources{
      {"justwatch-us-2023/netflix", "justwatch-us-2023/netflix/titles.csv", k::justwatch,
       s::netflix, true},
      {"justwatch-us-2023/hbo", "justwatch-us-2023/hbo/titles.csv", k::justwatch, s::hbo, true},
      {"justwatch-us-2023/disney", "justwatch-us-2023/disney/titles.csv", k::justwatch,
       s::disney_plus, true},
      {"justwatch-us-2023/paramount", "justwatch-us-2023/paramount/titles.csv", k::justwatch,
       s::paramount_plus, true},
      {"justwatch-us-2023/appletv", "justwatch-us-2023/appletv/titles.csv", k::justwatch,
       s::apple_tv_plus, true},
      {"justwatch-us-2022/amazon", "justwatch-us-2022/amazon/titles.csv", k::justwatch,
       s::prime_video, true},
      {"justwatch-us-2022/hulu", "justwatch-us-2022/hulu/titles.csv", k::justwatch, s::hulu, true},
      {"streaming-catalogs-kaggle-2021/netflix",
       "streaming-catalogs-kaggle-2021/netflix_titles.csv", k::kaggle_2021, s::netflix, true},
      {"streaming-catalogs-kaggle-2021/amazon_prime",
       "streaming-catalogs-kaggle-2021/amazon_prime_titles.csv", k::kaggle_2021, s::prime_video,
       true},
      {"streaming-catalogs-kaggle-2021/disney_plus",
       "streaming-catalogs-kaggle-2021/disney_plus_titles.csv", k::kaggle_2021, s::disney_plus,
       true},
      {"streaming-catalogs-kaggle-2021/hulu", "streaming-catalogs-kaggle-2021/hulu_titles.csv",
       k::kaggle_2021, s::hulu, true},
      {"tvmaze-top-shows", "tvmaze-top-shows/TV_show_data.csv", k::tvmaze, s::netflix, true},
      {"tv-shows-on-streaming-platforms", "tv-shows-on-streaming-platforms/tv_shows.csv",
       k::platform_flags, s::netflix, false},
  };
  return kSources;
}

result<import_result> build_catalog(const std::vector<loaded_source>& sources) {
  import_result out;
  std::vector<source_record> records;
  for (const auto& src : sources) {
    auto recs = records_of(src);
    if (!recs) return recs.err();
    out.stats.files.push_back({src.spec.label, src.table.rows.size(), recs->size()});
    std::move(recs->begin(), recs->end(), std::back_inserter(records));
  }
  std::vector<merged_show> merged = merge_records(records);
  assign_ids(merged);
  out.entries.reserve(merged.size());
  for (auto& m : merged) {
    m.show.offers = infer_au_offers(m);
    out.entries.push_back({std::move(m.show), std::move(m.sources)});
  }
  std::sort(out.entries.begin(), out.entries.end(),
            [](const catalog_entry& a, const catalog_entry& b) { return a.item.id < b.item.id; });
  count_entries(out.entries, out.stats);
  return out;
}

std::string format_stats(const import_stats& stats) {
  std::string out;
  auto line = [&out](const std::string& s) { out += s + "\n"; };
  line("rows read (data rows / TV-show rows used):");
  for (const auto& f : stats.files) {
    line("  " + f.label + ": " + std::to_string(f.rows) + " / " + std::to_string(f.shows));
  }
  line("shows written: " + std::to_string(stats.shows) + " (" + std::to_string(stats.with_imdb_id) +
       " with an IMDb id)");
  line("shows with a classification: " + std::to_string(stats.classified));
  for (const auto& [label, n] : stats.classifications) {
    line("  " + label + ": " + std::to_string(n));
  }
  line("shows with inferred offers: " + std::to_string(stats.with_offers));
  for (const auto& [provider, n] : stats.offers_by_provider) {
    if (n != 0) line("  " + provider + ": " + std::to_string(n));
  }
  return out;
}

}  // namespace recs::adapters
