#include "net/rest_api.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <unordered_set>

#include "net/json_codec.hpp"
#include "net/rest_helpers.hpp"
#include "recsys/intent.hpp"
#include "recsys/text.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

void recommendations(backend& b, request&& req, const caller& who, responder respond) {
  auto ref = req.param("for");
  // Family Mix context: intent=family_mix, or several profiles watching.
  if (req.param("intent").value_or("") == "family_mix" ||
      (ref && ref->find(',') != std::string::npos))
    return family_recommendations(b, std::move(req), who, std::move(respond));
  if (!ref || ref->empty())
    return respond(json_error(400, "bad_request", "for=<profile name or id> is required"));
  auto p = profile_by_ref(who, *ref);
  if (!p) return respond(error_response(p.err()));
  auto parsed = slate_params(req);
  if (!parsed) return respond(error_response(parsed.err()));
  slate_request sr = std::move(*parsed);
  sr.intent = req.param("intent").value_or("default");
  if (!parse_intent(sr.intent))
    return respond(json_error(400, "bad_request",
                              "intent '" + sr.intent +
                                  "' is not supported; use default, quick, binge, new, comfort, "
                                  "surprise or family_mix"));

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
              std::move(respond), [&b, shows, profiles](const std::vector<actor_info>& a) {
                // {"actors":...,"cache":"redis"}: the backend as it is when the answer is made.
                std::string body = render_actors(a, shows, profiles);
                body.insert(body.size() - 1, ",\"cache\":\"" + b.cache_backend() + "\"");
                return body;
              }));
        }));
  add_sync_routes(r, b, o);
  add_control_routes(r, b, o);
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
  unsigned status = 500;
  switch (e.code) {
    case errc::invalid_argument:
      status = 400;
      break;
    case errc::not_found:
      status = 404;
      break;
    case errc::forbidden:
      status = 403;
      break;
    case errc::unavailable:
      status = 503;
      break;
    case errc::internal:
      break;
  }
  return json_error(status, error_code(e.code), e.message);
}

void add_rest_routes(router& r, backend& b, const rest_options& opts) {
  r.add("GET", "/healthz", [&b](request&&, const params&, responder respond) {
    respond(ok_json(render_health(b.catalog()->size())));
  });
  // Prometheus scrapes it without a token, like /healthz (infra/README.md).
  r.add("GET", "/metrics", [&b](request&&, const params&, responder respond) {
    response out;
    out.content_type = "text/plain; version=0.0.4; charset=utf-8";
    out.body = b.metrics_text();
    respond(std::move(out));
  });
  r.add("GET", "/recommendations",
        authed(b, opts, false,
               [&b](request&& req, const params&, const caller& who, responder respond) {
                 recommendations(b, std::move(req), who, std::move(respond));
               }));
  add_taste_routes(r, b, opts);
  add_family_routes(r, b, opts);
  add_catalog_routes(r, b, opts);
  add_household_routes(r, b, opts);
  add_admin_routes(r, b, opts);
}

}  // namespace recs::net
