// A household's members, invites and profiles, its export and deletion, and a deployment admin's
// new households (docs/api.md, "Households").
#include "net/json_accounts.hpp"
#include "net/rest_api.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using namespace internal;
using params = router::params;

result<std::int64_t> id_param(const params& ps, const char* what) {
  auto id = parse_uint(ps.at(0).second, what, 0, 1, INT64_MAX);
  if (!id) return id.err();
  return static_cast<std::int64_t>(*id);
}

/// The caller's profile {id} that an adult's screen is changing.
result<profile> editable_profile(const params& ps, const caller& who) {
  auto id = id_param(ps, "profile id");
  if (!id) return id.err();
  auto p = own_profile(who, *id);
  if (!p) return p.err();
  if (auto st = adult_screen(who); !st) return st.err();
  return p;
}

route_table member_and_invite_routes(household_port& households) {
  route_table t;
  t.push_back({"GET", "/me/members", access::member,
               [&households](request&&, const params&, const caller& who, responder respond) {
                 households.members(who.home.id, reply_with<std::vector<member_info>>(
                                                     std::move(respond), render_members));
               }});
  t.push_back({"DELETE", "/me/members/{id}", access::member,
               [&households](request&&, const params& ps, const caller& who, responder respond) {
                 auto id = id_param(ps, "member id");
                 if (!id) return respond(error_response(id.err()));
                 const bool self = *id == who.account.account_id;
                 if (self && who.account.role == member_role::owner)
                   return respond(json_error(
                       400, "bad_request", "the owner cannot leave: delete the household instead"));
                 if (auto st = self ? adult_screen(who) : owner_only(who); !st)
                   return respond(error_response(st.err()));
                 households.remove_member(who.home.id, *id, reply_empty(std::move(respond)));
               }});
  t.push_back({"GET", "/me/invites", access::member,
               [&households](request&&, const params&, const caller& who, responder respond) {
                 if (auto st = owner_only(who); !st) return respond(error_response(st.err()));
                 households.invites(who.home.id, reply_with<std::vector<invite_info>>(
                                                     std::move(respond), render_invites));
               }});
  t.push_back({"POST", "/me/invites", access::member,
               [&households](request&& req, const params&, const caller& who, responder respond) {
                 if (auto st = owner_only(who); !st) return respond(error_response(st.err()));
                 auto body = parse_invite_body(req.body);
                 if (!body) return respond(error_response(body.err()));
                 if (body->role == member_role::owner)
                   return respond(json_error(400, "bad_request",
                                             "a household has one owner: invite a member"));
                 households.invite(
                     who.account, std::move(body->email), body->role,
                     reply_with<new_invite>(std::move(respond), render_new_invite, 201));
               }});
  t.push_back({"DELETE", "/me/invites/{id}", access::member,
               [&households](request&&, const params& ps, const caller& who, responder respond) {
                 if (auto st = owner_only(who); !st) return respond(error_response(st.err()));
                 auto id = id_param(ps, "invite id");
                 if (!id) return respond(error_response(id.err()));
                 households.cancel_invite(who.home.id, *id, reply_empty(std::move(respond)));
               }});
  return t;
}

route_table profile_routes(household_port& households, account_port& accounts,
                           const auth_options& auth) {
  route_table t;
  t.push_back({"POST", "/me/profiles", access::member,
               [&households](request&& req, const params&, const caller& who, responder respond) {
                 if (auto st = adult_screen(who); !st) return respond(error_response(st.err()));
                 auto body = parse_profile_body(req.body);
                 if (!body) return respond(error_response(body.err()));
                 households.create_profile(
                     who.home.id, std::move(*body),
                     reply_with<profile>(std::move(respond), render_profile, 201));
               }});
  t.push_back(
      {"PATCH", "/me/profiles/{id}", access::member,
       [&households](request&& req, const params& ps, const caller& who, responder respond) {
         auto p = editable_profile(ps, who);
         if (!p) return respond(error_response(p.err()));
         auto patch = parse_profile_patch(req.body);
         if (!patch) return respond(error_response(patch.err()));
         households.update_profile(p->id, std::move(*patch),
                                   reply_with<profile>(std::move(respond), render_profile));
       }});
  t.push_back(
      {"DELETE", "/me/profiles/{id}", access::member,
       [&households](request&& req, const params& ps, const caller& who, responder respond) {
         auto p = editable_profile(ps, who);
         if (!p) return respond(error_response(p.err()));
         if (auto st =
                 confirmed(req, "the profile " + p->name + " with its ratings, tags and notes");
             !st)
           return respond(error_response(st.err()));
         households.delete_profile(p->id, reply_empty(std::move(respond)));
       }});
  t.push_back({"POST", "/me/profiles/{id}/select", access::member,
               [&households, &accounts, auth](request&& req, const params& ps, const caller& who,
                                              responder respond) {
                 auto id = id_param(ps, "profile id");
                 if (!id) return respond(error_response(id.err()));
                 auto p = own_profile(who, *id);
                 if (!p) return respond(error_response(p.err()));
                 auto select = [&accounts, who, pid = *id, respond](result<bool> ok) {
                   if (!ok) return respond(error_response(ok.err()));
                   if (!*ok) return respond(json_error(403, "forbidden", "wrong PIN"));
                   accounts.select_profile(who.account, pid, reply_empty(respond));
                 };
                 if (!p->has_pin) return select(true);
                 auto pin = parse_pin_body(req.body);
                 if (!pin) return respond(error_response(pin.err()));
                 households.check_pin(*id, std::move(*pin), client_address(req, auth),
                                      std::move(select));
               }});
  return t;
}

route_table household_data_routes(household_port& households, const catalog_port& catalog,
                                  const auth_options& auth) {
  route_table t;
  t.push_back(
      {"GET", "/me/export", access::member,
       [&households, &catalog](request&& req, const params&, const caller& who, responder respond) {
         if (auto st = owner_only(who); !st) return respond(error_response(st.err()));
         const std::string format = req.param("format").value_or("json");
         if (format != "json" && format != "csv")
           return respond(json_error(400, "bad_request", "format must be json or csv"));
         households.export_household(
             who.home.id, [respond, format, &catalog](result<household_export> e) {
               if (!e) return respond(error_response(e.err()));
               auto cat = catalog.catalog();
               if (format == "csv")
                 return respond(attachment(render_ratings_csv(*e, *cat), "text/csv; charset=utf-8",
                                           "ratings.csv"));
               respond(attachment(render_export(*e, *cat), "", "household.json"));
             });
       }});
  t.push_back(
      {"DELETE", "/me/household", access::member,
       [&households, auth](request&& req, const params&, const caller& who, responder respond) {
         if (auto st = owner_only(who); !st) return respond(error_response(st.err()));
         if (auto st = confirmed(req, "the household " + who.home.name + " and all of its data");
             !st)
           return respond(error_response(st.err()));
         households.delete_household(who.home.id, reply_signed_out(std::move(respond), auth));
       }});
  t.push_back({"POST", "/admin/households", access::admin,
               [&households](request&& req, const params&, const caller&, responder respond) {
                 auto body = parse_household_body(req.body);
                 if (!body) return respond(error_response(body.err()));
                 households.create_household(
                     std::move(body->name), std::move(body->email),
                     reply_with<new_invite>(std::move(respond), render_new_invite, 201));
               }});
  return t;
}

}  // namespace

route_table member_routes(household_port& households, account_port& accounts,
                          const catalog_port& catalog, const auth_options& auth) {
  route_table t = member_and_invite_routes(households);
  append(t, profile_routes(households, accounts, auth));
  append(t, household_data_routes(households, catalog, auth));
  return t;
}

}  // namespace recs::net
