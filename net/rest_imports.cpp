// Imports of a profile's history from other services, and exports back (docs/api.md, "Imports",
// "Exports").
#include <algorithm>
#include <iterator>

#include "net/csv_export.hpp"
#include "net/json_lists.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

constexpr const char* kCsv = "text/csv; charset=utf-8";

void post_import(lists_port& lists, request&& req, const params& ps, const caller& who,
                 responder respond) {
  const std::string format = ps.at(0).second;
  auto ref = req.param("profile");
  if (!ref || ref->empty())
    return respond(json_error(400, "bad_request", "profile=<name or id> is required"));
  auto p = profile_by_ref(who, *ref);
  if (!p) return respond(error_response(p.err()));
  auto dry = bool_param(req, "dry_run");
  if (!dry) return respond(error_response(dry.err()));
  if (req.body.empty())
    return respond(json_error(400, "bad_request", "the body must be the exported file"));
  import_request in;
  in.profile_id = p->id;
  in.format = format;
  in.file = std::move(req.body);
  in.netflix_profile = req.param("netflix_profile").value_or("");
  in.dry_run = *dry;
  lists.import_file(std::move(in),
                    reply_with<import_report>(
                        std::move(respond), [format, pid = p->id, dry_run = *dry](const auto& r) {
                          return render_import_report(format, pid, dry_run, r);
                        }));
}

}  // namespace

route_table export_routes(taste_port& taste, lists_port& lists, const catalog_port& catalog) {
  route_table t;
  t.push_back(
      {"GET", "/export/ratings.csv", access::member,
       [&taste, &catalog](request&& req, const params&, const caller& who, responder respond) {
         auto p = profile_param(req, who);
         if (!p) return respond(error_response(p.err()));
         taste.ratings(p->id, [respond, cat = catalog.catalog()](result<std::vector<rating>> rs) {
           if (!rs) return respond(error_response(rs.err()));
           respond(attachment(render_imdb_ratings_csv(*rs, *cat), kCsv, "ratings.csv"));
         });
       }});
  t.push_back(
      {"GET", "/export/watchlist.csv", access::member,
       [&lists, &catalog](request&& req, const params&, const caller& who, responder respond) {
         auto which = list_param(req, who, false);
         if (!which) return respond(error_response(which.err()));
         lists.watchlists(who.home.id, [respond, list = **which, cat = catalog.catalog()](
                                           result<std::vector<watch_entry>> ws) {
           if (!ws) return respond(error_response(ws.err()));
           std::vector<watch_entry> one;
           std::copy_if(ws->begin(), ws->end(), std::back_inserter(one),
                        [list](const watch_entry& w) { return w.profile_id == list; });
           respond(attachment(render_imdb_watchlist_csv(one, *cat), kCsv, "watchlist.csv"));
         });
       }});
  return t;
}

route_table import_routes(lists_port& lists) {
  route_table t;
  t.push_back({"POST", "/imports/{format}", access::member,
               [&lists](request&& req, const params& ps, const caller& who, responder respond) {
                 post_import(lists, std::move(req), ps, who, std::move(respond));
               }});
  return t;
}

}  // namespace recs::net
