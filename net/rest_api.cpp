#include "net/rest_api.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <unordered_set>

#include "net/json_codec.hpp"
#include "recsys/intent.hpp"
#include "recsys/text.hpp"

namespace recs::net {

namespace {

using params = router::params;
using authed_handler = std::function<void(request&&, const params&, const caller&, responder)>;

response ok_json(std::string body, unsigned status = 200) {
  response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

response no_content() {
  response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// Wraps a handler with authentication (401) and, with `admin`, authorisation (403).
router::route_handler authed(backend& b, const rest_options& opts, bool admin, authed_handler h) {
  return [&b, auth = opts.auth, admin, h = std::move(h)](request&& req, const params& ps,
                                                         responder respond) {
    auto who = authenticate(req, b, auth);
    if (!who) return respond(json_error(401, "unauthorized", who.err().message));
    if (admin && !who->admin)
      return respond(
          json_error(403, "forbidden", "admin only: " + who->email + " is not an admin"));
    h(std::move(req), ps, *who, std::move(respond));
  };
}

result<std::uint64_t> uint_param(const request& req, const char* name, std::uint64_t def,
                                 std::uint64_t lo, std::uint64_t hi) {
  auto v = req.param(name);
  if (!v) return def;
  errno = 0;
  char* end = nullptr;
  const unsigned long long x = std::strtoull(v->c_str(), &end, 10);
  if (v->empty() || (*v)[0] == '-' || errno != 0 || *end != '\0' || x < lo || x > hi)
    return error{errc::invalid_argument, std::string(name) + " must be an integer from " +
                                             std::to_string(lo) + " to " + std::to_string(hi)};
  return static_cast<std::uint64_t>(x);
}

result<bool> bool_param(const request& req, const char* name) {
  auto v = req.param(name);
  if (!v || *v == "false" || *v == "0" || v->empty()) return false;
  if (*v == "true" || *v == "1") return true;
  return error{errc::invalid_argument, std::string(name) + " must be true or false"};
}

/// A profile of the caller's household, by id.
result<profile> own_profile(const caller& who, std::int64_t id) {
  for (const auto& p : who.profiles)
    if (p.id == id) return p;
  return error{errc::not_found, "no profile " + std::to_string(id) + " in your household"};
}

/// A profile of the caller's household by case-insensitive name or by id.
result<profile> profile_by_ref(const caller& who, const std::string& ref) {
  const std::string l = to_lower(ref);
  for (const auto& p : who.profiles)
    if (to_lower(p.name) == l || std::to_string(p.id) == ref) return p;
  return error{errc::not_found, "no profile '" + ref + "' in your household"};
}

result<profile> profile_param(const request& req, const caller& who) {
  auto v = req.param("profile_id");
  if (!v || v->empty()) return error{errc::invalid_argument, "profile_id is required"};
  errno = 0;
  char* end = nullptr;
  const long long id = std::strtoll(v->c_str(), &end, 10);
  if (errno != 0 || *end != '\0')
    return error{errc::invalid_argument, "profile_id must be an integer"};
  return own_profile(who, id);
}

std::unordered_set<std::string> services_of(const caller& who) {
  return {who.home.services.begin(), who.home.services.end()};
}

/// Completes `respond` with the rendered value or the error.
template <class T, class Render>
callback<T> reply_with(responder respond, Render render, unsigned status = 200) {
  return [respond = std::move(respond), render, status](result<T> r) {
    if (!r) return respond(error_response(r.err()));
    respond(ok_json(render(*r), status));
  };
}

void recommendations(backend& b, request&& req, const caller& who, responder respond) {
  auto ref = req.param("for");
  if (!ref || ref->empty())
    return respond(json_error(400, "bad_request", "for=<profile name or id> is required"));
  auto p = profile_by_ref(who, *ref);
  if (!p) return respond(error_response(p.err()));
  slate_request sr;
  sr.intent = req.param("intent").value_or("default");
  if (!parse_intent(sr.intent))
    return respond(json_error(400, "bad_request",
                              "intent '" + sr.intent +
                                  "' is not supported; use default, quick, binge, new, comfort "
                                  "or surprise"));
  auto seed = uint_param(req, "seed", 0, 0, UINT64_MAX);
  auto limit = uint_param(req, "limit", 20, 1, 100);
  auto explain = bool_param(req, "explain");
  auto mine = bool_param(req, "only_my_services");
  for (const error* e : {seed ? nullptr : &seed.err(), limit ? nullptr : &limit.err(),
                         explain ? nullptr : &explain.err(), mine ? nullptr : &mine.err()})
    if (e != nullptr) return respond(error_response(*e));
  sr.seed = *seed;
  sr.limit = *limit;
  sr.explain = *explain;
  sr.only_my_services = *mine;

  const std::int64_t pid = p->id;
  const std::string key = "rec|" + std::to_string(pid) + "|" + sr.intent + "|" +
                          std::to_string(sr.seed) + "|" + std::to_string(sr.limit) + "|" +
                          (sr.only_my_services ? "1" : "0");
  if (!sr.explain) {
    if (auto body = b.cached(key)) return respond(ok_json(std::move(*body)));
  }
  const std::uint64_t gen = b.cache_generation(pid);
  const bool explain_on = sr.explain;
  b.recommend(pid, std::move(sr),
              [&b, key, pid, gen, explain_on, respond = std::move(respond)](result<slate_ptr> r) {
                if (!r) return respond(error_response(r.err()));
                std::string body = render_slate(**r, explain_on);
                if (!explain_on) b.store_cached(key, pid, gen, body);
                respond(ok_json(std::move(body)));
              });
}

void post_rating(backend& b, request&& req, const caller& who, responder respond) {
  auto body = parse_rating_body(req.body);
  if (!body) return respond(error_response(body.err()));
  if (auto p = own_profile(who, body->profile_id); !p) return respond(error_response(p.err()));
  if (!b.catalog()->find(body->show_id))
    return respond(json_error(404, "not_found", "no show '" + body->show_id + "'"));
  rating r;
  r.profile_id = body->profile_id;
  r.show_id = body->show_id;
  r.primary = static_cast<verdict>(body->primary);
  r.score = body->score;
  r.source = "app";
  r.ts = now_s();
  b.put_rating(std::move(r), reply_with<rating>(std::move(respond), render_rating, 201));
}

void add_taste_routes(router& r, backend& b, const rest_options& o) {
  r.add(
      "POST", "/ratings",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        post_rating(b, std::move(req), who, std::move(respond));
      }));
  r.add(
      "GET", "/ratings",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        auto p = profile_param(req, who);
        if (!p) return respond(error_response(p.err()));
        auto cat = b.catalog();
        b.ratings(p->id, reply_with<std::vector<rating>>(std::move(respond),
                                                         [cat](const std::vector<rating>& rs) {
                                                           return render_ratings(rs, *cat);
                                                         }));
      }));
  r.add(
      "DELETE", "/ratings",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        auto p = profile_param(req, who);
        if (!p) return respond(error_response(p.err()));
        auto show = req.param("show_id");
        if (!show || show->empty())
          return respond(json_error(400, "bad_request", "show_id is required"));
        b.delete_rating(p->id, *show, [respond = std::move(respond)](result<unit> res) {
          respond(res ? no_content() : error_response(res.err()));
        });
      }));
  r.add(
      "POST", "/tags",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        auto body = parse_tag_body(req.body);
        if (!body) return respond(error_response(body.err()));
        if (auto p = own_profile(who, body->profile_id); !p)
          return respond(error_response(p.err()));
        tag_pref t{normalise_tag(body->tag), body->liked};
        if (t.tag.empty()) return respond(json_error(400, "bad_request", "tag must not be blank"));
        const auto pid = body->profile_id;
        b.put_tag(
            pid, std::move(t),
            reply_with<tag_pref>(
                std::move(respond), [pid](const tag_pref& x) { return render_tag(pid, x); }, 201));
      }));
  r.add(
      "GET", "/tags",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        auto p = profile_param(req, who);
        if (!p) return respond(error_response(p.err()));
        b.tags(p->id, reply_with<std::vector<tag_pref>>(std::move(respond), render_tags));
      }));
  r.add(
      "DELETE", "/tags",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        auto p = profile_param(req, who);
        if (!p) return respond(error_response(p.err()));
        auto tag = req.param("tag");
        if (!tag || normalise_tag(*tag).empty())
          return respond(json_error(400, "bad_request", "tag is required"));
        b.delete_tag(p->id, normalise_tag(*tag), [respond = std::move(respond)](result<unit> res) {
          respond(res ? no_content() : error_response(res.err()));
        });
      }));
  r.add(
      "POST", "/notes",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        auto body = parse_note_body(req.body);
        if (!body) return respond(error_response(body.err()));
        if (auto p = own_profile(who, body->profile_id); !p)
          return respond(error_response(p.err()));
        if (!b.catalog()->find(body->show_id))
          return respond(json_error(404, "not_found", "no show '" + body->show_id + "'"));
        const auto pid = body->profile_id;
        b.put_note(
            pid, note{body->show_id, body->text, now_s()},
            reply_with<note>(
                std::move(respond), [pid](const note& n) { return render_note(pid, n); }, 201));
      }));
  r.add(
      "GET", "/notes",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        auto p = profile_param(req, who);
        if (!p) return respond(error_response(p.err()));
        b.notes(p->id, reply_with<std::vector<note>>(std::move(respond), render_notes));
      }));
}

void add_catalog_routes(router& r, backend& b, const rest_options& o) {
  r.add(
      "GET", "/shows/{id}",
      authed(b, o, false, [&b](request&&, const params& ps, const caller& who, responder respond) {
        auto cat = b.catalog();
        const std::string& id = ps.front().second;
        auto idx = cat->find(id);
        if (!idx) return respond(json_error(404, "not_found", "no show '" + id + "'"));
        respond(ok_json(render_show(*cat, cat->at(*idx), services_of(who))));
      }));
  r.add(
      "GET", "/shows/{id}/similar",
      authed(
          b, o, false, [&b](request&& req, const params& ps, const caller& who, responder respond) {
            auto limit = uint_param(req, "limit", 10, 1, 50);
            if (!limit) return respond(error_response(limit.err()));
            auto cat = b.catalog();
            const std::string& id = ps.front().second;
            auto idx = cat->find(id);
            if (!idx) return respond(json_error(404, "not_found", "no show '" + id + "'"));
            auto model = b.content_for(*cat);
            if (!model)
              return respond(json_error(503, "unavailable",
                                        "the similarity index is still being built; retry "
                                        "in a second"));
            respond(ok_json(render_similar(*cat, model->similar(*idx, *limit), services_of(who))));
          }));
  r.add(
      "GET", "/shows",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        auto limit = uint_param(req, "limit", 20, 1, 100);
        if (!limit) return respond(error_response(limit.err()));
        auto cat = b.catalog();
        std::size_t total = 0;
        auto hits = cat->search(req.param("q").value_or(""), *limit, total);
        respond(ok_json(render_search(*cat, hits, total, services_of(who))));
      }));
  r.add("GET", "/providers",
        authed(b, o, false, [&b](request&&, const params&, const caller&, responder respond) {
          respond(ok_json(render_providers(b.catalog()->providers())));
        }));
}

void add_household_routes(router& r, backend& b, const rest_options& o) {
  r.add("GET", "/me",
        authed(b, o, false, [](request&&, const params&, const caller& who, responder respond) {
          respond(ok_json(render_me(who.email, who.admin, who.home)));
        }));
  r.add("GET", "/me/profiles",
        authed(b, o, false, [](request&&, const params&, const caller& who, responder respond) {
          respond(ok_json(render_profiles(who.profiles)));
        }));
  r.add(
      "PUT", "/me/services",
      authed(b, o, false, [&b](request&& req, const params&, const caller& who, responder respond) {
        auto services = parse_services_body(req.body);
        if (!services) return respond(error_response(services.err()));
        auto cat = b.catalog();
        std::vector<std::string> clean;
        for (const auto& s : *services) {
          if (cat->find_provider(s) == nullptr)
            return respond(json_error(400, "bad_request", "unknown provider '" + s + "'"));
          if (std::find(clean.begin(), clean.end(), s) == clean.end()) clean.push_back(s);
        }
        b.set_services(who.home.id, std::move(clean),
                       reply_with<household>(std::move(respond), render_household));
      }));
}

void add_admin_routes(router& r, backend& b, const rest_options& o) {
  r.add("GET", "/admin/status",
        authed(b, o, true, [&b](request&&, const params&, const caller& who, responder respond) {
          const std::size_t shows = b.catalog()->size();
          const std::size_t profiles = who.profiles.size();
          b.actors(reply_with<std::vector<actor_info>>(
              std::move(respond), [shows, profiles](const std::vector<actor_info>& a) {
                return render_actors(a, shows, profiles);
              }));
        }));
  // Everything else under /admin is admin-gated first, then unknown.
  auto unknown =
      authed(b, o, true, [](request&& req, const params&, const caller&, responder respond) {
        respond(json_error(404, "not_found", "no admin route " + req.path));
      });
  for (const char* m : {"GET", "POST", "PUT", "DELETE"})
    for (const char* p : {"/admin", "/admin/{a}", "/admin/{a}/{b}", "/admin/{a}/{b}/{c}"})
      r.add(m, p, unknown);
}

}  // namespace

response error_response(const error& e) {
  switch (e.code) {
    case errc::invalid_argument:
      return json_error(400, "bad_request", e.message);
    case errc::not_found:
      return json_error(404, "not_found", e.message);
    case errc::forbidden:
      return json_error(403, "forbidden", e.message);
    case errc::unavailable:
      return json_error(503, "unavailable", e.message);
    case errc::internal:
      break;
  }
  return json_error(500, "internal", e.message);
}

void add_rest_routes(router& r, backend& b, const rest_options& opts) {
  r.add("GET", "/healthz", [&b](request&&, const params&, responder respond) {
    respond(ok_json(render_health(b.catalog()->size())));
  });
  r.add("GET", "/recommendations",
        authed(b, opts, false,
               [&b](request&& req, const params&, const caller& who, responder respond) {
                 recommendations(b, std::move(req), who, std::move(respond));
               }));
  add_taste_routes(r, b, opts);
  add_catalog_routes(r, b, opts);
  add_household_routes(r, b, opts);
  add_admin_routes(r, b, opts);
}

}  // namespace recs::net
