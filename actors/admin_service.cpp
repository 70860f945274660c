#include "actors/admin_service.hpp"

#include <caf/send.hpp>

#include <algorithm>
#include <iostream>

#include "actors/metered.hpp"

namespace recs::actors {

namespace {

/// The state lines, with every metered actor kind's counts; kinds without a line are "running".
std::vector<net::actor_info> with_meters(std::vector<net::actor_info> rows, actor_meters* meters) {
  if (meters == nullptr) return rows;
  for (const auto& t : meters->totals()) {
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const net::actor_info& a) { return a.name == t.name; });
    if (it == rows.end()) it = rows.insert(rows.end(), net::actor_info{t.name, "running"});
    it->instances = t.instances;
    it->mailbox = t.mailbox;
    it->processed = t.processed;
  }
  return rows;
}

}  // namespace

void admin_service::actors(net::callback<std::vector<net::actor_info>> cb) {
  const auto& cache = *core_.cache;
  const std::string profile_line =
      std::to_string(core_.dir->get()->actors.size()) + " profile actors running";
  const std::string cache_line = "running, " + cache.backend() + ", " +
                                 std::to_string(cache.local()->hits()) + " local hits, " +
                                 std::to_string(cache.shared_hits()) + " shared hits";
  core_.run(request_job<std::vector<net::actor_info>>(
      core_.opts.timeout, std::move(cb),
      [profile_line, cache_line, meters = meters_of(core_.sys)](std::vector<net::actor_info> pool) {
        std::vector<net::actor_info> out = {{"store", "running (detached)"},
                                            {"catalog", "running"},
                                            {"cache", cache_line},
                                            {"gateway", "running"}};
        out.insert(out.end(), pool.begin(), pool.end());
        out.emplace_back("profile", profile_line);
        return with_meters(std::move(out), meters.get());
      },
      core_.pool, info_atom::value));
}

void admin_service::resize_scorers(int scorers, net::callback<int> cb) {
  core_.run(request_job<int>(
      core_.opts.timeout, std::move(cb), [](int n) { return n; }, core_.pool, resize_atom::value,
      scorers));
}

void admin_service::flush_caches(net::callback<std::uint64_t> cb) {
  core_.run(request_job<std::uint64_t>(
      core_.opts.timeout, std::move(cb), [](std::uint64_t dropped) { return dropped; },
      core_.cache_ref, flush_atom::value));
}

void admin_service::retrain(net::callback<unit> cb) {
  caf::anon_send(core_.pool, train_atom::value);
  cb(unit{});
}

void admin_service::record_admin_command(net::admin_command c) {
  std::cout << "admin: " << c.admin << " " << c.command << (c.detail.empty() ? "" : " ") << c.detail
            << " -> " << c.status << std::endl;
  if (c.status < 400) core_.stats->admin_commands->with({c.command}).inc();
  commands_.add(std::move(c));
}

}  // namespace recs::actors
