#include "net/route_table.hpp"

#include <memory>

#include "net/json_codec.hpp"

namespace recs::net {

void install(router& r, const route_table& table, const identity_port& who,
             const auth_options& auth) {
  for (const auto& e : table) {
    if (e.level == access::open) {
      r.add(e.method, e.pattern,
            [h = e.handle](request&& req, const router::params& ps, responder respond) {
              h(std::move(req), ps, caller{}, std::move(respond));
            });
      continue;
    }
    r.add(e.method, e.pattern,
          [&who, auth, level = e.level, h = e.handle](request&& req, const router::params& ps,
                                                      responder respond) {
            auto cred = read_credential(req, auth);
            if (!cred) return respond(json_error(401, "unauthorized", cred.err().message));
            if (!*cred)
              return respond(json_error(
                  401, "unauthorized",
                  "sign in first (the session cookie) or send Authorization: Bearer <token>"));
            // The request moves into the continuation, which may run on a store thread.
            auto held = std::make_shared<request>(std::move(req));
            who.resolve(std::move(**cred),
                        [&who, auth, level, h, held, ps, respond](result<account_ref> a) mutable {
                          if (!a) {
                            if (a.err().code == errc::unavailable)
                              return respond(error_response(a.err()));
                            return respond(json_error(401, "unauthorized", a.err().message));
                          }
                          auto c = admit(*held, *a, who, auth, level);
                          if (!c) return respond(error_response(c.err()));
                          h(std::move(*held), ps, *c, std::move(respond));
                        });
          });
  }
}

void append(route_table& table, route_table more) {
  table.insert(table.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
}

}  // namespace recs::net
