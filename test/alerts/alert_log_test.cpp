#define BOOST_TEST_MODULE alerts_alert_log
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>

#include "alerts/alert_log.hpp"
#include "test/alerts/fixture.hpp"

namespace al = recs::alerts;
using al::alert_status;
using al::testing::make_alert;
using al::testing::parsed;

namespace {

al::webhook_payload notification(std::vector<al::alert> alerts) {
  al::webhook_payload p;
  p.version = "4";
  p.receiver = "default";
  p.group_key = "{}:{}";
  p.alerts = std::move(alerts);
  p.status = p.firing_count() > 0 ? alert_status::firing : alert_status::resolved;
  return p;
}

std::vector<std::string> fingerprints(const al::alert_log& log) {
  std::vector<std::string> out;
  for (const auto& e : log.recent()) out.push_back(e.fingerprint);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(firing_then_resolved_updates_one_entry) {
  al::alert_log log;
  BOOST_CHECK_EQUAL(log.record(parsed("firing.json"), 1000), 1u);
  BOOST_REQUIRE_EQUAL(log.size(), 1u);
  auto e = log.recent().front();
  BOOST_CHECK_EQUAL(e.fingerprint, "a9e0fee395888031");
  BOOST_CHECK_EQUAL(e.name, "RecsP95LatencyHigh");
  BOOST_CHECK_EQUAL(e.severity, "warning");
  BOOST_CHECK_EQUAL(e.summary, "Recommendations are slow: p95 350 ms (target 250 ms)");
  BOOST_CHECK(e.status == alert_status::firing);
  BOOST_CHECK(e.ends_at.empty());
  BOOST_CHECK_EQUAL(e.receiver, "default");
  BOOST_CHECK_EQUAL(log.firing(), 1u);

  BOOST_CHECK_EQUAL(log.record(parsed("resolved.json"), 1300), 1u);
  BOOST_REQUIRE_EQUAL(log.size(), 1u);
  e = log.recent().front();
  BOOST_CHECK(e.status == alert_status::resolved);
  BOOST_CHECK_EQUAL(e.ends_at, "2026-11-24T06:06:32Z");
  BOOST_CHECK_EQUAL(e.first_received_ts, 1000);
  BOOST_CHECK_EQUAL(e.last_received_ts, 1300);
  BOOST_CHECK_EQUAL(e.notifications, 2u);
  BOOST_CHECK_EQUAL(log.firing(), 0u);
}

BOOST_AUTO_TEST_CASE(newest_first) {
  al::alert_log log;
  log.record(notification({make_alert("A", "a")}), 1);
  log.record(notification({make_alert("B", "b")}), 2);
  log.record(parsed("grouped.json"), 3);  // two alerts: recs-a firing, recs-b resolved
  BOOST_CHECK_EQUAL(log.size(), 4u);
  // Within one notification the later alert is the newer entry.
  const std::vector<std::string> want = {"b92737561787e9b0", "26d7f23466e508d5", "b", "a"};
  BOOST_CHECK(fingerprints(log) == want);
  // Hearing of "a" again moves it to the front.
  log.record(notification({make_alert("A", "a")}), 4);
  BOOST_CHECK_EQUAL(fingerprints(log).front(), "a");
  BOOST_CHECK_EQUAL(log.recent(2).size(), 2u);
}

BOOST_AUTO_TEST_CASE(bounded_to_capacity) {
  al::alert_log log;
  BOOST_CHECK_EQUAL(log.capacity(), 100u);
  for (int i = 0; i < 250; ++i) {
    log.record(notification({make_alert("X", "fp" + std::to_string(i))}), i);
  }
  BOOST_CHECK_EQUAL(log.size(), 100u);
  const auto fps = fingerprints(log);
  BOOST_CHECK_EQUAL(fps.front(), "fp249");
  BOOST_CHECK_EQUAL(fps.back(), "fp150");
  // An evicted fingerprint comes back as a new entry.
  log.record(notification({make_alert("X", "fp0")}), 999);
  BOOST_CHECK_EQUAL(log.size(), 100u);
  BOOST_CHECK_EQUAL(log.recent().front().notifications, 1u);
  BOOST_CHECK_EQUAL(fingerprints(log).back(), "fp151");

  al::alert_log tiny(0);
  BOOST_CHECK_EQUAL(tiny.capacity(), 1u);
  tiny.record(notification({make_alert("A", "a"), make_alert("B", "b")}), 1);
  BOOST_CHECK(fingerprints(tiny) == std::vector<std::string>{"b"});
}

BOOST_AUTO_TEST_CASE(a_late_firing_does_not_reopen_a_resolved_alert) {
  al::alert_log log;
  log.record(notification({make_alert("A", "a", alert_status::resolved, 1000)}), 10);
  // A repeat of the earlier firing notification (same startsAt), delivered late.
  log.record(notification({make_alert("A", "a", alert_status::firing, 1000)}), 11);
  auto e = log.recent().front();
  BOOST_CHECK(e.status == alert_status::resolved);
  BOOST_CHECK_EQUAL(e.notifications, 2u);
  BOOST_CHECK_EQUAL(e.last_received_ts, 11);
  // It fires again later: a new episode.
  log.record(notification({make_alert("A", "a", alert_status::firing, 5000)}), 12);
  e = log.recent().front();
  BOOST_CHECK(e.status == alert_status::firing);
  BOOST_CHECK_EQUAL(e.starts_at_s, 5000);
  BOOST_CHECK(e.ends_at.empty());
}

BOOST_AUTO_TEST_CASE(json_for_the_admin_page) {
  al::alert_log log(10);
  log.record(parsed("firing.json"), 1795500390);
  log.record(parsed("grouped.json"), 1795500400);
  const std::string text = log.to_json();
  rapidjson::Document d;
  d.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
  BOOST_REQUIRE(!d.HasParseError());
  BOOST_CHECK_EQUAL(d["capacity"].GetUint(), 10u);
  BOOST_CHECK_EQUAL(d["count"].GetUint(), 3u);
  BOOST_CHECK_EQUAL(d["firing"].GetUint(), 2u);
  const auto& alerts = d["alerts"];
  BOOST_REQUIRE_EQUAL(alerts.Size(), 3u);
  const auto& newest = alerts[0];
  BOOST_CHECK_EQUAL(newest["fingerprint"].GetString(), std::string("b92737561787e9b0"));
  BOOST_CHECK_EQUAL(newest["status"].GetString(), std::string("resolved"));
  BOOST_CHECK_EQUAL(newest["ends_at"].GetString(), std::string("2026-11-24T06:06:46Z"));
  BOOST_CHECK_EQUAL(newest["labels"]["instance"].GetString(), std::string("recs-b:8080"));
  BOOST_CHECK_EQUAL(newest["last_received_ts"].GetInt64(), 1795500400);
  const auto& oldest = alerts[2];
  BOOST_CHECK_EQUAL(oldest["name"].GetString(), std::string("RecsP95LatencyHigh"));
  BOOST_CHECK(oldest["ends_at"].IsNull());
  BOOST_CHECK_EQUAL(oldest["starts_at"].GetString(), std::string("2026-11-24T06:06:25Z"));
  BOOST_CHECK_EQUAL(oldest["notifications"].GetUint(), 1u);
  BOOST_CHECK(std::string(oldest["generator_url"].GetString()).rfind("http://prometheus", 0) == 0);
  BOOST_CHECK_EQUAL(oldest["receiver"].GetString(), std::string("default"));

  BOOST_CHECK_EQUAL(al::alert_log().to_json(),
                    "{\"capacity\":100,\"count\":0,\"firing\":0,\"alerts\":[]}");
}

BOOST_AUTO_TEST_CASE(threads_record_and_read_at_once) {
  al::alert_log log(50);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string fp = std::to_string(t) + "-" + std::to_string(i % 80);
        const auto status = i % 3 == 0 ? alert_status::resolved : alert_status::firing;
        log.record(notification({make_alert("X", fp, status, 1000 + i)}), i);
      }
    });
  }
  threads.emplace_back([&log] {
    for (int i = 0; i < 500; ++i) {
      const auto entries = log.recent();
      BOOST_TEST_REQUIRE(entries.size() <= 50u);
      (void)log.to_json();
      (void)log.firing();
    }
  });
  for (auto& th : threads) th.join();
  BOOST_CHECK_EQUAL(log.size(), 50u);
  // Every fingerprint appears once.
  auto fps = fingerprints(log);
  std::sort(fps.begin(), fps.end());
  BOOST_CHECK(std::adjacent_find(fps.begin(), fps.end()) == fps.end());
}
