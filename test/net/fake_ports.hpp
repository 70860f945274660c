#pragma once

// Stand-ins for the HTTP front's ports: they answer at once from memory and record what they were
// asked, so REST handlers are tested without actors, sockets or a database.

#include <map>
#include <string>
#include <vector>

#include "net/rest_api.hpp"
#include "test/recsys/fixtures.hpp"

namespace recs::test {

/// Two households: 1 (ross@home.test, admin: Ross 1, Son 2) and 2 (solo@other.test: Solo 3).
struct fake_identity final : net::identity_port {
  std::optional<household> household_by_email(const std::string& email) const override {
    if (email == "ross@home.test") return household{1, "Home", email, {"stan"}};
    if (email == "solo@other.test") return household{2, "Other", email, {}};
    return std::nullopt;
  }
  std::vector<profile> profiles(std::int64_t household_id) const override {
    if (household_id == 1) return {{1, 1, "Ross", maturity::r18}, {2, 1, "Son", maturity::m}};
    if (household_id == 2) return {{3, 2, "Solo", maturity::r18}};
    return {};
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

/// Every fake, wired into one REST route table on one router.
struct fake_ports {
  fake_identity identity;
  fake_catalog catalog;
  fake_taste taste;
  fake_slates slates;
  fake_family family;
  fake_sync sync;
  fake_admin admin;
  net::auth_options auth{true, {"ross@home.test"}};
  net::route_table table = net::rest_routes(
      net::rest_ports{catalog, admin, slates, taste, family, sync, admin, admin, nullptr, {}});
  net::router router;

  fake_ports() { net::install(router, table, identity, auth); }
};

}  // namespace recs::test
