#pragma once

// A fake service for recsctl's tests: answers requests with a handler, records them.
#include <functional>
#include <string>
#include <vector>

#include "cli/api_client.hpp"
#include "httpc/url.hpp"

namespace recs::cli::test {

struct fake_service {
  /// Gets the method, the target (path and query) and the body; returns status and body.
  std::function<std::pair<int, std::string>(const std::string& method, const std::string& target,
                                            const std::string& body)>
      handler;
  std::vector<httpc::request> requests;
  bool down = false;  ///< every call fails as a refused connection
  /// Headers every answer carries (names lower-case), e.g. a session cookie.
  std::vector<std::pair<std::string, std::string>> reply_headers;

  transport make() {
    return [this](const httpc::request& r) -> result<httpc::response> {
      requests.push_back(r);
      if (down) return error{errc::unavailable, "connect: Connection refused (" + r.url + ")"};
      auto u = httpc::parse_url(r.url);
      if (!u) return u.err();
      auto [status, body] = handler(r.method, u->target, r.body);
      httpc::response resp;
      resp.status = status;
      resp.body = body;
      resp.headers = reply_headers;
      return resp;
    };
  }

  /// "GET /healthz" lines of the requests so far.
  std::vector<std::string> calls() const {
    std::vector<std::string> out;
    for (const auto& r : requests) {
      auto u = httpc::parse_url(r.url);
      out.push_back(r.method + " " + (u ? u->target : r.url));
    }
    return out;
  }
};

}  // namespace recs::cli::test

#include <algorithm>
#include <set>

namespace recs::cli::test {

/// A small stand-in of the real service for preflight and the commands: Ross's slate of
/// tt1..tt4 without his rated shows, ratings that can be added and deleted, /metrics, /me,
/// /admin/freshness and a Family Mix. The `broken_*` switches break one contract each.
struct demo_service {
  std::set<std::string> rated;  ///< Ross's rated show ids
  bool admin = true;
  bool broken_determinism = false;  ///< every slate call answers a different order
  bool broken_rating = false;       ///< a rating is stored but the slate ignores it
  bool broken_delete = false;       ///< DELETE /ratings answers 404
  bool broken_metrics = false;      ///< /metrics lacks recs_request_latency_ms
  bool no_strong = false;           ///< the Family Mix has no strong pick
  bool broken_warning = false;      ///< ... and forgets the no_strong_pick warning
  bool broken_explain_order = false;
  int slate_calls = 0;

  std::string slate(bool family, bool explain) {
    std::vector<std::string> ids = {"tt1", "tt2", "tt3", "tt4"};
    if (broken_determinism && (++slate_calls % 2 == 0)) std::reverse(ids.begin(), ids.end());
    if (family && explain && broken_explain_order) std::swap(ids[0], ids[1]);
    std::string items;
    for (const auto& id : ids) {
      if (!family && !broken_rating && rated.count(id)) continue;
      const bool strong = family && !no_strong && id == "tt1";
      items += std::string(items.empty() ? "" : ",") + "{\"id\":\"" + id + "\",\"title\":\"Show " +
               id +
               "\",\"year\":2020,\"fit\":0.7,\"family_strong\":" + (strong ? "true" : "false") +
               ",\"availability\":[]}";
    }
    if (!(family && explain)) return "[" + items + "]";
    std::string warning =
        no_strong && !broken_warning
            ? R"({"code":"no_strong_pick","message":"No single title clears the bar."})"
            : "null";
    return "{\"items\":[" + items + "],\"family\":{\"members\":[1,2,3],\"strong_locked_ids\":" +
           std::string(no_strong ? "[]" : "[\"tt1\"]") + ",\"warning\":" + warning +
           ",\"strong_min_fit\":0.78,\"strong_rule\":\"min\"}}";
  }

  std::pair<int, std::string> handle(const std::string& m, const std::string& t,
                                     const std::string& body) {
    if (m == "GET" && t == "/healthz")
      return {200, R"({"status":"ok","shows":4,"version":"0.1.0"})"};
    if (m == "GET" && t == "/metrics") {
      return {200, broken_metrics
                       ? "# nothing\nup 1\n"
                       : "# TYPE recs_request_latency_ms histogram\n"
                         "recs_request_latency_ms_bucket{route=\"/healthz\",le=\"1\"} 1\n"
                         "recs_request_latency_ms_count{route=\"/healthz\"} 1\n"};
    }
    if (m == "GET" && t == "/me") {
      return {200, std::string(R"({"email":"demo@local.test","admin":)") +
                       (admin ? "true" : "false") + "}"};
    }
    if (m == "GET" && t == "/me/profiles")
      return {200, R"([{"id":1,"name":"Ross"},{"id":2,"name":"Wife"},{"id":3,"name":"Son"}])"};
    if (m == "GET" && t == "/admin/freshness") {
      if (!admin) return {403, R"({"error":"forbidden","message":"admins only"})"};
      return {200, R"({"offers_last_checked":null,"serializd_last_seen":null,"stale_after_days":14,
                      "shows":{"total":4,"verified":0,"stale":0,"never_checked":4},
                      "next_daily_refresh":null})"};
    }
    if (m == "GET" && t.rfind("/recommendations?", 0) == 0) {
      const bool family = t.find("intent=family_mix") != std::string::npos;
      return {200, slate(family, t.find("explain=true") != std::string::npos)};
    }
    if (m == "POST" && t == "/ratings") {
      auto at = body.find("\"show_id\":\"");
      std::string id = body.substr(at + 11, body.find('"', at + 11) - at - 11);
      rated.insert(id);
      return {201, R"({"profile_id":1,"show_id":")" + id +
                       R"(","primary":0,"score":null,"source":"app","ts":1})"};
    }
    if (m == "DELETE" && t.rfind("/ratings?profile_id=1&show_id=", 0) == 0) {
      std::string id = t.substr(std::string("/ratings?profile_id=1&show_id=").size());
      if (broken_delete || rated.erase(id) == 0)
        return {404, R"({"error":"not_found","message":"no such rating"})"};
      return {204, ""};
    }
    return {404, R"({"error":"not_found","message":"no route )" + t + "\"}"};
  }

  void attach(fake_service& f) {
    f.handler = [this](const std::string& m, const std::string& t, const std::string& b) {
      return handle(m, t, b);
    };
  }
};

}  // namespace recs::cli::test
