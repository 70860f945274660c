// A household's own webhook for its watchlist alerts (docs/api.md, "Alerts for the watchlist").
// Owner only: the URL is a secret of the household, answered masked.
#include "net/json_lists.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

using namespace internal;
using params = router::params;

route_table webhook_routes(lists_port& lists) {
  route_table t;
  t.push_back({"GET", "/me/webhook", access::member,
               [&lists](request&&, const params&, const caller& who, responder respond) {
                 if (auto st = owner_only(who); !st) return respond(error_response(st.err()));
                 lists.webhook(who.home.id,
                               reply_with<webhook_state>(std::move(respond), render_webhook));
               }});
  t.push_back({"PUT", "/me/webhook", access::member,
               [&lists](request&& req, const params&, const caller& who, responder respond) {
                 if (auto st = owner_only(who); !st) return respond(error_response(st.err()));
                 auto body = parse_webhook_body(req.body);
                 if (!body) return respond(error_response(body.err()));
                 lists.set_webhook(who.home.id, std::move(body->kind), std::move(body->url),
                                   reply_with<webhook_state>(std::move(respond), render_webhook));
               }});
  t.push_back({"DELETE", "/me/webhook", access::member,
               [&lists](request&&, const params&, const caller& who, responder respond) {
                 if (auto st = owner_only(who); !st) return respond(error_response(st.err()));
                 lists.delete_webhook(who.home.id, reply_empty(std::move(respond)));
               }});
  t.push_back({"POST", "/me/webhook/test", access::member,
               [&lists](request&&, const params&, const caller& who, responder respond) {
                 if (auto st = owner_only(who); !st) return respond(error_response(st.err()));
                 lists.test_webhook(who.home.id, reply_with<webhook_test>(std::move(respond),
                                                                          render_webhook_test));
               }});
  return t;
}

}  // namespace recs::net
