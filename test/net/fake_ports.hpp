#pragma once

// Stand-ins for the HTTP front's ports: they answer at once from memory and record what they were
// asked, so REST handlers are tested without actors, sockets or a database.

#include <map>
#include <string>
#include <vector>

#include "net/rest_api.hpp"
#include "test/net/fake_lists.hpp"
#include "test/recsys/fixtures.hpp"

namespace recs::test {

/// An owner's account reference.
inline net::account_ref owner_ref(std::int64_t id, const std::string& email, std::int64_t hh,
                                  net::credential_kind via) {
  net::account_ref r;
  r.account_id = id;
  r.email = email;
  r.household_id = hh;
  r.role = net::member_role::owner;
  r.via = via;
  return r;
}

inline net::new_invite invite_of(std::int64_t id, std::int64_t hh, const std::string& email,
                                 net::member_role role, std::string code) {
  net::new_invite i;
  i.info.id = id;
  i.info.email = email;
  i.info.role = role;
  i.info.created_at = 100;
  i.info.expires_at = 200;
  i.household_id = hh;
  i.code = std::move(code);
  return i;
}

/// Two households: 1 (ross@home.test, owner and admin: Ross 1, Son 2, a kid) and 2
/// (solo@other.test: Solo 3). Credentials: the dev tokens of both owners; the API tokens
/// "read-token" and "write-token" of ross@home.test; the session "ross-session" (CSRF token
/// "csrf-1") and "kid-session" (its screen acting as Son) of ross@home.test.
struct fake_identity final : net::identity_port {
  std::optional<household> household_by_id(std::int64_t id) const override {
    if (id == 1) return household{1, "Home", "ross@home.test", {"stan"}};
    if (id == 2) return household{2, "Other", "solo@other.test", {}};
    return std::nullopt;
  }
  std::vector<profile> profiles(std::int64_t household_id) const override {
    if (household_id == 1)
      return {{1, 1, "Ross", maturity::r18}, {2, 1, "Son", maturity::m, true, false}};
    if (household_id == 2) return {{3, 2, "Solo", maturity::r18}};
    return {};
  }
  void resolve(net::credential c, net::callback<net::account_ref> cb) const override {
    auto ross = owner_ref(1, "ross@home.test", 1, c.kind);
    using K = net::credential_kind;
    if (c.kind == K::dev && c.value == "ross@home.test") return cb(ross);
    if (c.kind == K::dev && c.value == "solo@other.test") {
      return cb(owner_ref(2, "solo@other.test", 2, K::dev));
    }
    if (c.kind == K::token && (c.value == "read-token" || c.value == "write-token")) {
      ross.scope = c.value == "read-token" ? net::scope::read : net::scope::write;
      return cb(ross);
    }
    if (c.kind == K::session && (c.value == "ross-session" || c.value == "kid-session")) {
      ross.csrf = "csrf-1";
      ross.session = c.value;
      if (c.value == "kid-session") ross.profile_id = 2;
      return cb(ross);
    }
    cb(error{errc::unauthenticated, "unknown credential"});
  }
};

/// Records every call as one line ("login ross@home.test"); answers with plain values.
struct fake_accounts final : net::account_port {
  std::vector<std::string> calls;
  bool set_up = true;
  net::new_session session() const {
    auto who = owner_ref(1, "ross@home.test", 1, net::credential_kind::session);
    who.csrf = "csrf-new";
    return {"new-session-id", who};
  }
  void is_set_up(net::callback<bool> cb) override { cb(set_up); }
  void setup(net::setup_request r, std::string, net::callback<net::new_session> cb) override {
    calls.push_back("setup " + r.email);
    cb(session());
  }
  void signup(std::string, std::string email, std::string, std::string,
              net::callback<net::new_session> cb) override {
    calls.push_back("signup " + email);
    cb(session());
  }
  void login(std::string email, std::string password, std::string client,
             net::callback<net::new_session> cb) override {
    calls.push_back("login " + email + " from " + client);
    if (password != "right password")
      return cb(error{errc::unauthenticated, "wrong email or password"});
    cb(session());
  }
  void logout(net::account_ref who, net::callback<unit> cb) override {
    calls.push_back("logout " + who.email);
    cb(unit{});
  }
  void logout_all(net::account_ref who, net::callback<unit> cb) override {
    calls.push_back("logout_all " + who.email);
    cb(unit{});
  }
  void tokens(std::int64_t account_id, net::callback<std::vector<net::token_info>> cb) override {
    calls.push_back("tokens " + std::to_string(account_id));
    net::token_info t;
    t.id = 7;
    t.name = "laptop";
    t.created_at = 100;
    cb(std::vector<net::token_info>{t});
  }
  void create_token(net::account_ref who, std::string name, net::scope s,
                    net::callback<net::new_token> cb) override {
    calls.push_back("create_token " + who.email + " " + name + " " + std::string(to_string(s)));
    net::new_token t;
    t.info.id = 8;
    t.info.name = name;
    t.info.scope = s;
    t.info.created_at = 100;
    t.token = "secret-shown-once";
    cb(std::move(t));
  }
  void revoke_token(net::account_ref who, std::int64_t id, net::callback<unit> cb) override {
    calls.push_back("revoke_token " + who.email + " " + std::to_string(id));
    cb(unit{});
  }
  void select_profile(net::account_ref who, std::int64_t id, net::callback<unit> cb) override {
    calls.push_back("select_profile " + who.email + " " + std::to_string(id));
    cb(unit{});
  }
  void accept_invite(std::string code, std::string email, std::string, std::string,
                     net::callback<net::new_session> cb) override {
    calls.push_back("accept_invite " + code + " " + email);
    cb(session());
  }
};

/// Records every call as one line ("create_profile 1 Kid"); answers with plain values.
struct fake_households final : net::household_port {
  std::vector<std::string> calls;
  void members(std::int64_t hh, net::callback<std::vector<net::member_info>> cb) override {
    calls.push_back("members " + std::to_string(hh));
    cb(std::vector<net::member_info>{{1, "ross@home.test", net::member_role::owner, 100}});
  }
  void invite(net::account_ref by, std::string email, net::member_role,
              net::callback<net::new_invite> cb) override {
    calls.push_back("invite " + std::to_string(by.household_id) + " " + email);
    cb(invite_of(5, by.household_id, email, net::member_role::member, "code"));
  }
  void invites(std::int64_t hh, net::callback<std::vector<net::invite_info>> cb) override {
    calls.push_back("invites " + std::to_string(hh));
    cb(std::vector<net::invite_info>{});
  }
  void cancel_invite(std::int64_t hh, std::int64_t id, net::callback<unit> cb) override {
    calls.push_back("cancel_invite " + std::to_string(hh) + " " + std::to_string(id));
    cb(unit{});
  }
  void remove_member(std::int64_t hh, std::int64_t id, net::callback<unit> cb) override {
    calls.push_back("remove_member " + std::to_string(hh) + " " + std::to_string(id));
    cb(unit{});
  }
  void create_profile(std::int64_t hh, net::profile_spec spec, net::callback<profile> cb) override {
    calls.push_back("create_profile " + std::to_string(hh) + " " + spec.name);
    cb(profile{9, hh, spec.name, spec.cap, spec.kid, false});
  }
  void update_profile(std::int64_t id, net::profile_patch p, net::callback<profile> cb) override {
    calls.push_back("update_profile " + std::to_string(id) +
                    (p.cap ? " cap " + std::string(to_string(*p.cap)) : std::string()));
    cb(profile{id, 1, p.name.value_or("x"), p.cap.value_or(maturity::r18)});
  }
  void delete_profile(std::int64_t id, net::callback<unit> cb) override {
    calls.push_back("delete_profile " + std::to_string(id));
    cb(unit{});
  }
  void check_pin(std::int64_t id, std::string pin, std::string, net::callback<bool> cb) override {
    calls.push_back("check_pin " + std::to_string(id));
    cb(pin == "1234");
  }
  void export_household(std::int64_t hh, net::callback<net::household_export> cb) override {
    calls.push_back("export " + std::to_string(hh));
    net::household_export e;
    e.home = household{hh, "Home", "ross@home.test", {}};
    cb(std::move(e));
  }
  void delete_household(std::int64_t hh, net::callback<unit> cb) override {
    calls.push_back("delete_household " + std::to_string(hh));
    cb(unit{});
  }
  void create_household(std::string name, std::string email,
                        net::callback<net::new_invite> cb) override {
    calls.push_back("create_household " + name + " " + email);
    cb(invite_of(6, 3, email, net::member_role::owner, "owner-code"));
  }
};

struct fake_catalog final : net::catalog_port {
  snapshot_ptr snapshot = small_snapshot();
  snapshot_ptr catalog() const override { return snapshot; }
  content_model_ptr content_for(const catalog_snapshot&) const override { return nullptr; }
};

/// Records every call as one line ("put_rating 1 tt0098904 2"); `fail` makes each call fail.
struct fake_taste final : net::taste_port {
  std::vector<std::string> calls;
  std::optional<error> fail;

  template <class T>
  void answer(const net::callback<T>& cb, T value) {
    if (fail) return cb(*fail);
    cb(std::move(value));
  }
  void put_rating(rating r, net::callback<rating> cb) override {
    calls.push_back("put_rating " + std::to_string(r.profile_id) + " " + r.show_id + " " +
                    std::to_string(static_cast<int>(r.primary)));
    answer(cb, r);
  }
  void delete_rating(std::int64_t p, std::string show, net::callback<unit> cb) override {
    calls.push_back("delete_rating " + std::to_string(p) + " " + show);
    answer(cb, unit{});
  }
  void ratings(std::int64_t p, net::callback<std::vector<rating>> cb) override {
    calls.push_back("ratings " + std::to_string(p));
    answer(cb, std::vector<rating>{});
  }
  void put_tag(std::int64_t p, tag_pref t, net::callback<tag_pref> cb) override {
    calls.push_back("put_tag " + std::to_string(p) + " " + t.tag);
    answer(cb, t);
  }
  void delete_tag(std::int64_t p, std::string tag, net::callback<unit> cb) override {
    calls.push_back("delete_tag " + std::to_string(p) + " " + tag);
    answer(cb, unit{});
  }
  void tags(std::int64_t p, net::callback<std::vector<tag_pref>> cb) override {
    calls.push_back("tags " + std::to_string(p));
    answer(cb, std::vector<tag_pref>{});
  }
  void put_note(std::int64_t p, note n, net::callback<note> cb) override {
    calls.push_back("put_note " + std::to_string(p) + " " + n.show_id);
    answer(cb, n);
  }
  void notes(std::int64_t p, net::callback<std::vector<note>> cb) override {
    calls.push_back("notes " + std::to_string(p));
    answer(cb, std::vector<note>{});
  }
  void set_services(std::int64_t h, std::vector<std::string> services,
                    net::callback<household> cb) override {
    std::string line = "set_services " + std::to_string(h);
    for (const auto& s : services) line += " " + s;
    calls.push_back(line);
    answer(cb, household{h, "Home", "ross@home.test", services});
  }
};

/// Answers every slate with `body`, recording the query keys it was asked for.
struct fake_slates final : net::slates_port {
  std::string body = "[]";
  std::vector<std::string> keys;
  std::vector<bool> explained;
  void slate(const net::slate_query& q, net::callback<net::slate_body> cb) override {
    keys.push_back(q.key());
    explained.push_back(q.req.explain);
    cb(std::make_shared<const std::string>(body));
  }
  void recompute(const net::slate_query& q, net::callback<net::slate_body> cb) override {
    slate(q, std::move(cb));
  }
};

struct fake_family final : net::family_port {
  std::vector<std::string> calls;
  void family_watched(std::int64_t h, std::vector<std::int64_t> ids, std::string show,
                      net::callback<family_watch> cb) override {
    std::string line = "watched " + std::to_string(h) + " " + show;
    for (auto id : ids) line += " " + std::to_string(id);
    calls.push_back(line);
    family_watch w;
    w.household_id = h;
    w.show_id = show;
    cb(w);
  }
  void family_watches(std::int64_t h, net::callback<std::vector<family_watch>> cb) override {
    calls.push_back("ledger " + std::to_string(h));
    cb(std::vector<family_watch>{});
  }
};

struct fake_sync final : net::sync_port {
  std::vector<std::string> calls;
  std::vector<net::job_info> sync_jobs() const override { return {}; }
  void refresh_plan(net::callback<net::refresh_plan_view> cb) override {
    calls.push_back("plan");
    cb(net::refresh_plan_view{});
  }
  result<net::job_info> start_job(const std::string& job) override {
    calls.push_back("start " + job);
    if (job != "daily_refresh") return error{errc::invalid_argument, "unknown job " + job};
    return error{errc::unavailable, "justwatch sync is off (USE_REAL_JUSTWATCH=false)"};
  }
  result<net::job_info> start_serializd_import(std::int64_t p) override {
    calls.push_back("serializd " + std::to_string(p));
    net::job_info j;
    j.source = "serializd";
    j.job = "serializd_import";
    return j;
  }
  result<net::job_info> control_sync(const std::string& source,
                                     net::sync_command command) override {
    calls.push_back(std::string(to_string(command)) + " " + source);
    return error{errc::not_found, "no sync source " + source};
  }
  void freshness(net::callback<net::freshness_view> cb) override {
    calls.push_back("freshness");
    cb(net::freshness_view{});
  }
};

struct fake_admin final : net::admin_port, net::audit_port, net::metrics_port {
  std::vector<std::string> calls;
  std::vector<net::admin_command> log;
  void actors(net::callback<std::vector<net::actor_info>> cb) override {
    cb(std::vector<net::actor_info>{{"catalog", "running"}});
  }
  std::string cache_backend() const override { return "local"; }
  void resize_scorers(int n, net::callback<int> cb) override {
    calls.push_back("resize " + std::to_string(n));
    cb(n);
  }
  void flush_caches(net::callback<std::uint64_t> cb) override {
    calls.push_back("flush");
    cb(std::uint64_t{3});
  }
  void retrain(net::callback<unit> cb) override {
    calls.push_back("retrain");
    cb(unit{});
  }
  void record_admin_command(net::admin_command c) override { log.push_back(std::move(c)); }
  std::vector<net::admin_command> admin_commands() const override { return log; }
  std::string metrics_text() const override { return "# TYPE x counter\nx 1\n"; }
};

/// Dev mode, ross@home.test the one admin.
inline net::auth_options dev_auth() {
  net::auth_options a;
  a.dev_mode = true;
  a.admin_emails = {"ross@home.test"};
  return a;
}

/// Every fake, wired into one REST route table on one router.
struct fake_ports {
  fake_identity identity;
  fake_accounts accounts;
  fake_households households;
  fake_catalog catalog;
  fake_taste taste;
  fake_lists lists;
  fake_slates slates;
  fake_family family;
  fake_sync sync;
  fake_admin admin;
  net::auth_options auth = dev_auth();
  net::route_table table = net::rest_routes(net::rest_ports{identity,
                                                            accounts,
                                                            households,
                                                            auth,
                                                            {},
                                                            catalog,
                                                            admin,
                                                            slates,
                                                            taste,
                                                            lists,
                                                            family,
                                                            sync,
                                                            admin,
                                                            admin,
                                                            nullptr,
                                                            {}});
  net::router router;

  fake_ports() { net::install(router, table, identity, auth); }
};

}  // namespace recs::test
