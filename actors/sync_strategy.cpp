#include "actors/sync_strategy.hpp"

#include <iostream>
#include <utility>

#include "core/hash.hpp"

namespace recs::actors {

net::run_outcome outcome_of(const run_progress& p) noexcept {
  return p.failed == 0 ? net::run_outcome::ok : net::run_outcome::partial;
}

std::string stopped_at(std::string_view where, std::string_view why) {
  return "stopped at \"" + std::string(where) + "\": " + std::string(why);
}

catalog_publisher::catalog_publisher(catalog_link link, std::string who, std::string tag,
                                     bool keep_same_version)
    : link_(std::move(link)),
      who_(std::move(who)),
      tag_(std::move(tag)),
      keep_same_version_(keep_same_version) {}

bool catalog_publisher::publish(storage::store& db, std::int64_t run_id,
                                std::vector<availability_change>& changes) {
  auto shows = db.shows();
  auto providers = db.providers();
  if (!shows || !providers) {
    std::cerr << who_ << ": cannot read the catalog to publish it: "
              << (!shows ? shows.err().message : providers.err().message) << std::endl;
    return false;
  }
  auto cur = link_.current ? link_.current() : nullptr;
  bool same = keep_same_version_ && cur && cur->size() == shows->size();
  for (std::size_t i = 0; same && i < shows->size(); ++i) same = cur->at(i).id == (*shows)[i].id;
  const std::uint64_t version =
      same ? cur->version()
           : stable_hash(tag_ + ":" + std::to_string(cur ? cur->version() : 0) + ":" +
                         std::to_string(run_id) + ":" + std::to_string(++publishes_));
  auto provider_list = *providers;
  auto snap = catalog_snapshot::build(std::move(*shows), std::move(*providers), version);
  if (link_.publish) link_.publish(std::move(snap), std::move(changes), std::move(provider_list));
  changes.clear();
  return true;
}

}  // namespace recs::actors
