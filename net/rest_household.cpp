// The caller's household: GET /me, GET /me/profiles, PUT /me/services (docs/api.md).
#include <algorithm>

#include "net/json_accounts.hpp"
#include "net/json_codec.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

}  // namespace

route_table household_routes(taste_port& taste, const catalog_port& catalog) {
  route_table t;
  t.push_back({"GET", "/me", access::member,
               [](request&&, const params&, const caller& who, responder respond) {
                 respond(ok_json(render_me(who)));
               }});
  t.push_back({"GET", "/me/profiles", access::member,
               [](request&&, const params&, const caller& who, responder respond) {
                 respond(ok_json(render_profiles(who.profiles)));
               }});
  t.push_back(
      {"PUT", "/me/services", access::member,
       [&taste, &catalog](request&& req, const params&, const caller& who, responder respond) {
         if (auto st = adult_screen(who); !st) return respond(error_response(st.err()));
         auto services = parse_services_body(req.body);
         if (!services) return respond(error_response(services.err()));
         auto cat = catalog.catalog();
         std::vector<std::string> clean;
         for (const auto& s : *services) {
           if (cat->find_provider(s) == nullptr)
             return respond(json_error(400, "bad_request", "unknown provider '" + s + "'"));
           if (std::find(clean.begin(), clean.end(), s) == clean.end()) clean.push_back(s);
         }
         taste.set_services(who.home.id, std::move(clean),
                            reply_with<household>(std::move(respond), render_household));
       }});
  return t;
}

}  // namespace recs::net
