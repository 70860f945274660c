// A profile's ratings, tags and notes (docs/api.md, "Ratings", "Tags", "Notes").
#include "core/iso_time.hpp"
#include "net/json_codec.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"
#include "recsys/text.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

void post_rating(taste_port& taste, const catalog_port& catalog, request&& req, const caller& who,
                 responder respond) {
  auto body = parse_rating_body(req.body);
  if (!body) return respond(error_response(body.err()));
  if (auto p = own_profile(who, body->profile_id); !p) return respond(error_response(p.err()));
  if (!catalog.catalog()->find(body->show_id)) return respond(unknown_show(body->show_id));
  rating r;
  r.profile_id = body->profile_id;
  r.show_id = body->show_id;
  r.primary = static_cast<verdict>(body->primary);
  r.score = body->score;
  r.source = "app";
  r.ts = unix_now();
  taste.put_rating(std::move(r), reply_with<rating>(std::move(respond), render_rating, 201));
}

void post_tag(taste_port& taste, request&& req, const caller& who, responder respond) {
  auto body = parse_tag_body(req.body);
  if (!body) return respond(error_response(body.err()));
  if (auto p = own_profile(who, body->profile_id); !p) return respond(error_response(p.err()));
  tag_pref t{normalise_tag(body->tag), body->liked};
  if (t.tag.empty()) return respond(json_error(400, "bad_request", "tag must not be blank"));
  const auto pid = body->profile_id;
  taste.put_tag(
      pid, std::move(t),
      reply_with<tag_pref>(
          std::move(respond), [pid](const tag_pref& x) { return render_tag(pid, x); }, 201));
}

void post_note(taste_port& taste, const catalog_port& catalog, request&& req, const caller& who,
               responder respond) {
  auto body = parse_note_body(req.body);
  if (!body) return respond(error_response(body.err()));
  if (auto p = own_profile(who, body->profile_id); !p) return respond(error_response(p.err()));
  if (!catalog.catalog()->find(body->show_id)) return respond(unknown_show(body->show_id));
  const auto pid = body->profile_id;
  taste.put_note(
      pid, note{body->show_id, body->text, unix_now()},
      reply_with<note>(
          std::move(respond), [pid](const note& n) { return render_note(pid, n); }, 201));
}

}  // namespace

route_table taste_routes(taste_port& taste, const catalog_port& catalog) {
  route_table t;
  t.push_back(
      {"POST", "/ratings", access::member,
       [&taste, &catalog](request&& req, const params&, const caller& who, responder respond) {
         post_rating(taste, catalog, std::move(req), who, std::move(respond));
       }});
  t.push_back(
      {"GET", "/ratings", access::member,
       [&taste, &catalog](request&& req, const params&, const caller& who, responder respond) {
         auto p = profile_param(req, who);
         if (!p) return respond(error_response(p.err()));
         taste.ratings(p->id, reply_with<std::vector<rating>>(
                                  std::move(respond),
                                  [cat = catalog.catalog()](const std::vector<rating>& rs) {
                                    return render_ratings(rs, *cat);
                                  }));
       }});
  t.push_back({"DELETE", "/ratings", access::member,
               [&taste](request&& req, const params&, const caller& who, responder respond) {
                 auto p = profile_param(req, who);
                 if (!p) return respond(error_response(p.err()));
                 auto show = req.param("show_id");
                 if (!show || show->empty())
                   return respond(json_error(400, "bad_request", "show_id is required"));
                 taste.delete_rating(p->id, *show, reply_empty(std::move(respond)));
               }});
  t.push_back({"POST", "/tags", access::member,
               [&taste](request&& req, const params&, const caller& who, responder respond) {
                 post_tag(taste, std::move(req), who, std::move(respond));
               }});
  t.push_back({"GET", "/tags", access::member,
               [&taste](request&& req, const params&, const caller& who, responder respond) {
                 auto p = profile_param(req, who);
                 if (!p) return respond(error_response(p.err()));
                 taste.tags(p->id,
                            reply_with<std::vector<tag_pref>>(std::move(respond), render_tags));
               }});
  t.push_back({"DELETE", "/tags", access::member,
               [&taste](request&& req, const params&, const caller& who, responder respond) {
                 auto p = profile_param(req, who);
                 if (!p) return respond(error_response(p.err()));
                 auto tag = req.param("tag");
                 if (!tag || normalise_tag(*tag).empty())
                   return respond(json_error(400, "bad_request", "tag is required"));
                 taste.delete_tag(p->id, normalise_tag(*tag), reply_empty(std::move(respond)));
               }});
  t.push_back(
      {"POST", "/notes", access::member,
       [&taste, &catalog](request&& req, const params&, const caller& who, responder respond) {
         post_note(taste, catalog, std::move(req), who, std::move(respond));
       }});
  t.push_back({"GET", "/notes", access::member,
               [&taste](request&& req, const params&, const caller& who, responder respond) {
                 auto p = profile_param(req, who);
                 if (!p) return respond(error_response(p.err()));
                 taste.notes(p->id,
                             reply_with<std::vector<note>>(std::move(respond), render_notes));
               }});
  return t;
}

}  // namespace recs::net
