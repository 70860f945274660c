// Feedback and watchlists (docs/api.md, "Feedback and watchlists").
#include <algorithm>

#include "core/iso_time.hpp"
#include "net/json_lists.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

/// "Not tonight" hides a show for this long: the rest of the evening and the next day's
/// daytime, whatever the hour it was said.
constexpr std::int64_t not_tonight_s = 16 * 3600;

void post_feedback(lists_port& lists, const catalog_port& catalog, request&& req, const caller& who,
                   responder respond) {
  auto body = parse_feedback_body(req.body);
  if (!body) return respond(error_response(body.err()));
  if (auto p = own_profile(who, body->profile_id); !p) return respond(error_response(p.err()));
  if (!catalog.catalog()->find(body->show_id)) return respond(unknown_show(body->show_id));
  show_feedback f;
  f.show_id = body->show_id;
  f.kind = body->kind;
  f.ts = unix_now();
  if (f.kind == feedback_kind::not_tonight) f.until_ts = f.ts + not_tonight_s;
  const auto pid = body->profile_id;
  lists.put_feedback(pid, std::move(f),
                     reply_with<show_feedback>(
                         std::move(respond),
                         [pid](const show_feedback& x) { return render_feedback(pid, x); }, 201));
}

void delete_feedback(lists_port& lists, request&& req, const caller& who, responder respond) {
  auto p = profile_param(req, who);
  if (!p) return respond(error_response(p.err()));
  auto show = req.param("show_id");
  if (!show || show->empty()) return respond(json_error(400, "bad_request", "show_id is required"));
  auto kind = req.param("kind");
  auto k = kind ? parse_feedback_kind(*kind) : std::nullopt;
  if (!k)
    return respond(
        json_error(400, "bad_request", "kind must be not_interested, not_tonight or seen"));
  lists.delete_feedback(p->id, *show, *k, reply_empty(std::move(respond)));
}

void post_watch(lists_port& lists, const catalog_port& catalog, request&& req, const caller& who,
                responder respond) {
  auto body = parse_watch_body(req.body);
  if (!body) return respond(error_response(body.err()));
  if (body->profile_id) {
    if (auto p = own_profile(who, *body->profile_id); !p) return respond(error_response(p.err()));
  }
  auto cat = catalog.catalog();
  if (!cat->find(body->show_id)) return respond(unknown_show(body->show_id));
  watch_entry w;
  w.show_id = body->show_id;
  w.profile_id = body->profile_id.value_or(0);
  // The household's list remembers who added a show: this screen's profile, when chosen.
  if (w.profile_id == 0) w.added_by = who.account.profile_id;
  w.ts = unix_now();
  lists.add_watch(who.home.id, std::move(w),
                  reply_with<watch_entry>(
                      std::move(respond),
                      [cat, services = services_of(who)](const watch_entry& x) {
                        return render_watch(x, *cat, services);
                      },
                      201));
}

}  // namespace

route_table list_routes(lists_port& lists, const catalog_port& catalog) {
  route_table t;
  t.push_back(
      {"POST", "/feedback", access::member,
       [&lists, &catalog](request&& req, const params&, const caller& who, responder respond) {
         post_feedback(lists, catalog, std::move(req), who, std::move(respond));
       }});
  t.push_back({"DELETE", "/feedback", access::member,
               [&lists](request&& req, const params&, const caller& who, responder respond) {
                 delete_feedback(lists, std::move(req), who, std::move(respond));
               }});
  t.push_back(
      {"GET", "/feedback", access::member,
       [&lists, &catalog](request&& req, const params&, const caller& who, responder respond) {
         auto p = profile_param(req, who);
         if (!p) return respond(error_response(p.err()));
         const auto pid = p->id;
         lists.feedback_of(pid,
                           reply_with<std::vector<show_feedback>>(
                               std::move(respond), [pid, cat = catalog.catalog()](const auto& fs) {
                                 return render_feedback_list(pid, fs, *cat, unix_now());
                               }));
       }});
  t.push_back(
      {"POST", "/watchlist", access::member,
       [&lists, &catalog](request&& req, const params&, const caller& who, responder respond) {
         post_watch(lists, catalog, std::move(req), who, std::move(respond));
       }});
  t.push_back(
      {"GET", "/watchlist", access::member,
       [&lists, &catalog](request&& req, const params&, const caller& who, responder respond) {
         auto which = list_param(req, who, true);
         if (!which) return respond(error_response(which.err()));
         lists.watchlists(
             who.home.id,
             reply_with<std::vector<watch_entry>>(
                 std::move(respond), [which = *which, cat = catalog.catalog(),
                                      services = services_of(who)](std::vector<watch_entry> ws) {
                   if (which)
                     ws.erase(std::remove_if(
                                  ws.begin(), ws.end(),
                                  [&](const watch_entry& w) { return w.profile_id != *which; }),
                              ws.end());
                   return render_watchlist(ws, *cat, services);
                 }));
       }});
  t.push_back({"DELETE", "/watchlist", access::member,
               [&lists](request&& req, const params&, const caller& who, responder respond) {
                 auto which = list_param(req, who, false);
                 if (!which) return respond(error_response(which.err()));
                 auto show = req.param("show_id");
                 if (!show || show->empty())
                   return respond(json_error(400, "bad_request", "show_id is required"));
                 lists.remove_watch(who.home.id, **which, *show, reply_empty(std::move(respond)));
               }});
  t.push_back(
      {"GET", "/onboarding", access::member,
       [&lists, &catalog](request&& req, const params&, const caller& who, responder respond) {
         auto p = profile_param(req, who);
         if (!p) return respond(error_response(p.err()));
         auto count = uint_param(req, "limit", 24, 1, 60);
         if (!count) return respond(error_response(count.err()));
         lists.onboarding(p->id, *count,
                          reply_with<std::vector<std::string>>(
                              std::move(respond), [cat = catalog.catalog(),
                                                   services = services_of(who)](const auto& ids) {
                                return render_onboarding(ids, *cat, services);
                              }));
       }});
  t.push_back(
      {"GET", "/inbox", access::member,
       [&lists, &catalog](request&& req, const params&, const caller& who, responder respond) {
         auto limit = uint_param(req, "limit", 50, 1, 100);
         if (!limit) return respond(error_response(limit.err()));
         lists.inbox(who.home.id, *limit,
                     reply_with<inbox_view>(std::move(respond),
                                            [cat = catalog.catalog()](const inbox_view& v) {
                                              return render_inbox(v.items, v.unread, *cat);
                                            }));
       }});
  t.push_back({"POST", "/inbox/read", access::member,
               [&lists](request&& req, const params&, const caller& who, responder respond) {
                 auto ids = parse_inbox_read_body(req.body);
                 if (!ids) return respond(error_response(ids.err()));
                 lists.mark_read(who.home.id, std::move(*ids),
                                 reply_with<std::int64_t>(std::move(respond), [](std::int64_t n) {
                                   return "{\"marked\":" + std::to_string(n) + "}";
                                 }));
               }});
  return t;
}

}  // namespace recs::net
