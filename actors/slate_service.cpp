#include "actors/slate_service.hpp"

#include "core/iso_time.hpp"
#include "net/json_codec.hpp"
#include "recsys/stale_ratio.hpp"

namespace recs::actors {

void slate_service::slate(const net::slate_query& q, net::callback<net::slate_body> cb) {
  if (!q.req.explain) {
    if (auto body = core_.cache->get(q.key())) {
      return cb(std::make_shared<const std::string>(std::move(*body)));
    }
  }
  compute(q, std::move(cb));
}

void slate_service::recompute(const net::slate_query& q, net::callback<net::slate_body> cb) {
  compute(q, std::move(cb));
}

void slate_service::compute(const net::slate_query& q, net::callback<net::slate_body> cb) {
  const bool explain = q.req.explain;
  const auto& cache = core_.cache;
  if (q.family) {
    std::vector<std::pair<std::int64_t, std::uint64_t>> owners;
    for (auto id : q.members) owners.emplace_back(id, cache->generation(id));
    return recommend_family(
        q.household_id, q.members, q.req,
        [cache, key = q.key(), owners, explain, cb = std::move(cb)](result<family_slate_ptr> r) {
          if (!r) return cb(r.err());
          std::string body = net::render_family(**r, explain);
          if (!explain) cache->put(key, owners, body);
          cb(std::make_shared<const std::string>(std::move(body)));
        });
  }
  const std::int64_t pid = q.members.front();
  const std::uint64_t generation = cache->generation(pid);
  recommend(
      pid, q.req,
      [cache, key = q.key(), pid, generation, explain, cb = std::move(cb)](result<slate_ptr> r) {
        if (!r) return cb(r.err());
        std::string body = net::render_slate(**r, explain);
        if (!explain) cache->put(key, pid, generation, body);
        cb(std::make_shared<const std::string>(std::move(body)));
      });
}

void slate_service::recommend(std::int64_t profile_id, slate_request req,
                              net::callback<slate_ptr> cb) {
  // Every computed slate's stale ratio goes to recs_stale_ratio (cached answers are not
  // recomputed, so they are not counted again).
  cb = [cb = std::move(cb), stats = core_.stats,
        days = core_.opts.offers_stale_days](result<slate_ptr> r) {
    if (r && *r) {
      stats->stale_ratio->with().observe(stale_ratio(**r, unix_now(), days));
    }
    cb(std::move(r));
  };
  if (req.now == 0) req.now = unix_now();
  core_.ask_profile(profile_id, std::move(cb), recommend_atom::value, std::move(req));
}

void slate_service::recommend_family(std::int64_t household_id,
                                     std::vector<std::int64_t> profile_ids, slate_request req,
                                     net::callback<family_slate_ptr> cb) {
  if (req.now == 0) req.now = unix_now();
  core_.with_family(
      household_id, std::move(profile_ids), std::move(req),
      [timeout = core_.opts.timeout, pool = core_.pool, cb](caf::event_based_actor* self,
                                                            family_request f) {
        self->request(pool, timeout, family_atom::value, std::move(f))
            .then([cb](family_slate_ptr s) { cb(std::move(s)); },
                  [cb](caf::error& e) { cb(from_caf(e)); });
      },
      [cb](error e) { cb(std::move(e)); });
}

}  // namespace recs::actors
