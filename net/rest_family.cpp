// Family Mix over REST: GET /recommendations in Family Mix context, POST /family/watched,
// GET /family/ledger (docs/api.md).
#include <algorithm>

#include "net/json_codec.hpp"
#include "net/rest_helpers.hpp"
#include "recsys/text.hpp"

namespace recs::net::internal {

namespace {

std::vector<std::int64_t> ids_of(const std::vector<profile>& ps) {
  std::vector<std::int64_t> out;
  for (const auto& p : ps) out.push_back(p.id);
  return out;
}

}  // namespace

void family_recommendations(backend& b, request&& req, const caller& who, responder respond) {
  const std::string intent = req.param("intent").value_or("family_mix");
  if (intent != "family_mix" && intent != "default")
    return respond(
        json_error(400, "bad_request", "intent '" + intent + "' does not apply to a Family Mix"));
  auto members = members_of(who, req.param("for").value_or(""));
  if (!members) return respond(error_response(members.err()));
  auto parsed = slate_params(req);
  if (!parsed) return respond(error_response(parsed.err()));
  slate_request sr = std::move(*parsed);
  sr.intent = "family_mix";

  std::vector<std::int64_t> ids = ids_of(*members);
  std::string key = "family|";
  for (auto id : ids) key += std::to_string(id) + ",";
  key += "|" + std::to_string(sr.seed) + "|" + std::to_string(sr.limit) + "|" +
         (sr.only_my_services ? "1" : "0");
  const bool explain_on = sr.explain;
  // explain=true bypasses the cache (both ways).
  if (!explain_on) {
    if (auto body = b.cached(key)) return respond(ok_json(std::move(*body)));
  }
  std::vector<std::pair<std::int64_t, std::uint64_t>> owners;
  for (auto id : ids) owners.emplace_back(id, b.cache_generation(id));
  b.recommend_family(
      who.home.id, std::move(ids), std::move(sr),
      [&b, key, owners, explain_on, respond = std::move(respond)](result<family_slate_ptr> r) {
        if (!r) return respond(error_response(r.err()));
        std::string body = render_family(**r, explain_on);
        if (!explain_on) b.store_cached(key, owners, body);
        respond(ok_json(std::move(body)));
      });
}

void add_family_routes(router& r, backend& b, const rest_options& o) {
  r.add("POST", "/family/watched",
        authed(b, o, false,
               [&b](request&& req, const router::params&, const caller& who, responder respond) {
                 auto body = parse_family_watched_body(req.body);
                 if (!body) return respond(error_response(body.err()));
                 if (!b.catalog()->find(body->show_id))
                   return respond(json_error(404, "not_found", "no show '" + body->show_id + "'"));
                 std::vector<std::int64_t> ids = body->profile_ids;
                 if (ids.empty()) ids = ids_of(who.profiles);
                 for (auto id : ids)
                   if (auto p = own_profile(who, id); !p) return respond(error_response(p.err()));
                 if (ids.empty())
                   return respond(json_error(404, "not_found", "your household has no profiles"));
                 b.family_watched(who.home.id, std::move(ids), body->show_id,
                                  reply_with<family_watch>(
                                      std::move(respond),
                                      [profiles = who.profiles](const family_watch& w) {
                                        return render_family_watch(w, profiles);
                                      },
                                      201));
               }));
  r.add("GET", "/family/ledger",
        authed(b, o, false,
               [&b](request&&, const router::params&, const caller& who, responder respond) {
                 b.family_watches(
                     who.home.id,
                     reply_with<std::vector<family_watch>>(
                         std::move(respond), [&b, profiles = who.profiles](const auto& ws) {
                           return render_family_ledger(ws, profiles, *b.catalog());
                         }));
               }));
}

}  // namespace recs::net::internal
