// The slates port: a cached body when a fresh one exists, else a computation whose body is
// cached under the query's key with the generations read before it started (so that a slate
// computed before a change is never cached after it).
#include "actors/service.hpp"
#include "net/json_codec.hpp"

namespace recs::actors {

void service::slate(const net::slate_query& q, net::callback<net::slate_body> cb) {
  if (!q.req.explain) {
    if (auto body = cache_->get(q.key())) {
      return cb(std::make_shared<const std::string>(std::move(*body)));
    }
  }
  compute(q, std::move(cb));
}

void service::recompute(const net::slate_query& q, net::callback<net::slate_body> cb) {
  compute(q, std::move(cb));
}

void service::compute(const net::slate_query& q, net::callback<net::slate_body> cb) {
  const bool explain = q.req.explain;
  if (q.family) {
    std::vector<std::pair<std::int64_t, std::uint64_t>> owners;
    for (auto id : q.members) owners.emplace_back(id, cache_->generation(id));
    return recommend_family(q.household_id, q.members, q.req,
                            [cache = cache_, key = q.key(), owners, explain,
                             cb = std::move(cb)](result<family_slate_ptr> r) {
                              if (!r) return cb(r.err());
                              std::string body = net::render_family(**r, explain);
                              if (!explain) cache->put(key, owners, body);
                              cb(std::make_shared<const std::string>(std::move(body)));
                            });
  }
  const std::int64_t pid = q.members.front();
  const std::uint64_t generation = cache_->generation(pid);
  recommend(pid, q.req,
            [cache = cache_, key = q.key(), pid, generation, explain,
             cb = std::move(cb)](result<slate_ptr> r) {
              if (!r) return cb(r.err());
              std::string body = net::render_slate(**r, explain);
              if (!explain) cache->put(key, pid, generation, body);
              cb(std::make_shared<const std::string>(std::move(body)));
            });
}

}  // namespace recs::actors
