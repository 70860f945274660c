#include "net/route_table.hpp"

#include "net/json_codec.hpp"

namespace recs::net {

std::string_view to_string(access a) noexcept {
  switch (a) {
    case access::open:
      return "open";
    case access::member:
      return "member";
    case access::admin:
      return "admin";
  }
  return "member";
}

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
    const bool admin = e.level == access::admin;
    r.add(e.method, e.pattern,
          [&who, auth, admin, h = e.handle](request&& req, const router::params& ps,
                                            responder respond) {
            auto c = authenticate(req, who, auth);
            if (!c) return respond(json_error(401, "unauthorized", c.err().message));
            if (admin && !c->admin)
              return respond(
                  json_error(403, "forbidden", "admin only: " + c->email + " is not an admin"));
            h(std::move(req), ps, *c, std::move(respond));
          });
  }
}

void append(route_table& table, route_table more) {
  table.insert(table.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
}

}  // namespace recs::net
