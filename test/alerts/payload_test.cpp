#define BOOST_TEST_MODULE alerts_payload
#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "alerts/alertmanager_payload.hpp"
#include "test/alerts/fixture.hpp"

namespace al = recs::alerts;
using al::alert_status;
using al::testing::fixture;
using al::testing::parsed;

namespace {

/// firing.json with `change` applied to its DOM.
std::string edited(const std::function<void(rapidjson::Document&)>& change,
                   const std::string& name = "firing.json") {
  rapidjson::Document d;
  d.Parse(fixture(name).c_str());
  BOOST_REQUIRE(!d.HasParseError());
  change(d);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  d.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

/// The message of the invalid_argument that parsing `body` must give.
std::string refusal(const std::string& body, const al::payload_limits& limits = {}) {
  const auto r = al::parse_alertmanager_payload(body, limits);
  BOOST_REQUIRE_MESSAGE(!r.ok(), "accepted: " + body.substr(0, 200));
  BOOST_CHECK(r.err().code == recs::errc::invalid_argument);
  return r.err().message;
}

void check_refused(const std::string& body, const std::string& expected_part,
                   const al::payload_limits& limits = {}) {
  const std::string msg = refusal(body, limits);
  BOOST_CHECK_MESSAGE(msg.find(expected_part) != std::string::npos,
                      "'" << msg << "' does not contain '" << expected_part << "'");
}

rapidjson::Value& first_alert(rapidjson::Document& d) {
  return d["alerts"][0];
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fixtures)

BOOST_AUTO_TEST_CASE(firing_notification) {
  const auto p = parsed("firing.json");
  BOOST_CHECK_EQUAL(p.version, "4");
  BOOST_CHECK_EQUAL(p.receiver, "default");
  BOOST_CHECK(p.status == alert_status::firing);
  BOOST_CHECK_EQUAL(p.group_key, "{}:{alertname=\"RecsP95LatencyHigh\"}");
  BOOST_CHECK_EQUAL(p.truncated_alerts, 0);
  BOOST_CHECK_EQUAL(p.external_url, "http://alertmanager.home.arpa:9093");
  BOOST_CHECK_EQUAL(p.group_labels.at("alertname"), "RecsP95LatencyHigh");
  BOOST_CHECK_EQUAL(p.common_labels.size(), 3u);
  BOOST_CHECK_EQUAL(p.common_annotations.at("summary"),
                    "Recommendations are slow: p95 350 ms (target 250 ms)");
  BOOST_REQUIRE_EQUAL(p.alerts.size(), 1u);
  const auto& a = p.alerts[0];
  BOOST_CHECK(a.status == alert_status::firing);
  BOOST_CHECK_EQUAL(a.name(), "RecsP95LatencyHigh");
  BOOST_CHECK_EQUAL(a.severity(), "warning");
  BOOST_CHECK_EQUAL(a.summary(), "Recommendations are slow: p95 350 ms (target 250 ms)");
  BOOST_CHECK_EQUAL(a.labels.at("job"), "recs-api");
  BOOST_CHECK_EQUAL(a.fingerprint, "a9e0fee395888031");
  BOOST_CHECK_EQUAL(a.starts_at, "2026-11-24T06:06:25Z");
  BOOST_CHECK_EQUAL(a.starts_at_s, 1795500385);
  BOOST_CHECK_EQUAL(a.ends_at, "0001-01-01T00:00:00Z");
  BOOST_CHECK(!a.ends_at_s.has_value());  // Go's zero time: no end yet
  BOOST_CHECK(a.generator_url.rfind("http://prometheus.home.arpa:9090/graph?g0.expr=", 0) == 0);
  BOOST_CHECK_EQUAL(p.firing_count(), 1u);
  BOOST_CHECK_EQUAL(p.resolved_count(), 0u);
}

BOOST_AUTO_TEST_CASE(resolved_notification) {
  const auto p = parsed("resolved.json");
  BOOST_CHECK(p.status == alert_status::resolved);
  BOOST_REQUIRE_EQUAL(p.alerts.size(), 1u);
  const auto& a = p.alerts[0];
  BOOST_CHECK(a.status == alert_status::resolved);
  BOOST_CHECK_EQUAL(a.fingerprint, parsed("firing.json").alerts[0].fingerprint);
  BOOST_REQUIRE(a.ends_at_s.has_value());
  BOOST_CHECK_EQUAL(*a.ends_at_s, 1795500392);
  BOOST_CHECK_EQUAL(p.firing_count(), 0u);
  BOOST_CHECK_EQUAL(p.resolved_count(), 1u);
}

BOOST_AUTO_TEST_CASE(grouped_notification) {
  const auto p = parsed("grouped.json");
  BOOST_CHECK(p.status == alert_status::firing);
  BOOST_REQUIRE_EQUAL(p.alerts.size(), 2u);
  BOOST_CHECK_EQUAL(p.firing_count(), 1u);
  BOOST_CHECK_EQUAL(p.resolved_count(), 1u);
  BOOST_CHECK(p.common_annotations.empty());  // the two summaries differ
  BOOST_CHECK_EQUAL(p.common_labels.count("instance"), 0u);
  BOOST_CHECK_EQUAL(p.alerts[0].labels.at("instance"), "recs-a:8080");
  BOOST_CHECK_EQUAL(p.alerts[1].labels.at("instance"), "recs-b:8080");
  BOOST_CHECK_NE(p.alerts[0].fingerprint, p.alerts[1].fingerprint);
  BOOST_CHECK_EQUAL(p.alerts[1].summary(),
                    "Streaming offers are stale: p90 stale share of a slate is 41.5% (warn "
                    "above 0.30)");
}

BOOST_AUTO_TEST_CASE(malformed_body) {
  check_refused(fixture("malformed.json"), "body is not JSON");
  check_refused("", "body is not JSON");
  check_refused("[]", "body must be an object");
  check_refused("\"4\"", "body must be an object");
}

BOOST_AUTO_TEST_CASE(wrong_version) {
  const std::string msg = refusal(fixture("wrong_version.json"));
  BOOST_CHECK_EQUAL(msg, "alertmanager payload: version must be \"4\" (got \"3\")");
  check_refused(edited([](auto& d) { d["version"].SetInt(4); }), "version must be a string");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(required_fields)

BOOST_AUTO_TEST_CASE(top_level) {
  for (const char* field : {"version", "status", "receiver", "groupKey", "alerts"}) {
    BOOST_TEST_CONTEXT(field) {
      check_refused(edited([&](auto& d) { d.RemoveMember(field); }),
                    std::string(field) + " is required");
      check_refused(edited([&](auto& d) { d[field].SetNull(); }),
                    std::string(field) + " is required");
    }
  }
}

BOOST_AUTO_TEST_CASE(per_alert) {
  for (const char* field : {"status", "labels", "startsAt", "fingerprint"}) {
    BOOST_TEST_CONTEXT(field) {
      check_refused(edited([&](auto& d) { first_alert(d).RemoveMember(field); }),
                    std::string("alerts[0].") + field + " is required");
    }
  }
  check_refused(edited([](auto& d) { first_alert(d)["fingerprint"].SetString(""); }),
                "alerts[0].fingerprint must not be empty");
}

BOOST_AUTO_TEST_CASE(the_second_alert_is_named) {
  const std::string body =
      edited([](auto& d) { d["alerts"][1].RemoveMember("fingerprint"); }, "grouped.json");
  BOOST_CHECK_EQUAL(refusal(body), "alertmanager payload: alerts[1].fingerprint is required");
}

BOOST_AUTO_TEST_CASE(optional_fields_may_be_missing) {
  const std::string body = edited([](auto& d) {
    for (const char* f :
         {"groupLabels", "commonLabels", "commonAnnotations", "externalURL", "truncatedAlerts"})
      d.RemoveMember(f);
    for (const char* f : {"annotations", "endsAt", "generatorURL"}) first_alert(d).RemoveMember(f);
  });
  const auto r = al::parse_alertmanager_payload(body);
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().message));
  BOOST_CHECK(r->common_labels.empty());
  BOOST_CHECK(r->external_url.empty());
  BOOST_CHECK_EQUAL(r->alerts[0].summary(), "");
  BOOST_CHECK(!r->alerts[0].ends_at_s.has_value());
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_ignored) {
  const std::string body = edited([](auto& d) {
    d.AddMember("future", rapidjson::Value(true), d.GetAllocator());
    first_alert(d).AddMember("silencedBy", rapidjson::Value(rapidjson::kArrayType),
                             d.GetAllocator());
  });
  BOOST_CHECK(al::parse_alertmanager_payload(body).ok());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bad_values)

BOOST_AUTO_TEST_CASE(statuses) {
  check_refused(edited([](auto& d) { d["status"].SetString("pending"); }),
                "status must be \"firing\" or \"resolved\" (got \"pending\")");
  check_refused(edited([](auto& d) { first_alert(d)["status"].SetString("FIRING"); }),
                "alerts[0].status must be \"firing\" or \"resolved\"");
}

BOOST_AUTO_TEST_CASE(types) {
  check_refused(edited([](auto& d) { d["alerts"].SetObject(); }), "alerts must be an array");
  check_refused(edited([](auto& d) { d["alerts"][0].SetString("x"); }),
                "alerts[0] must be an object");
  check_refused(edited([](auto& d) { first_alert(d)["labels"]["severity"].SetInt(2); }),
                "alerts[0].labels.severity must be a string");
  check_refused(edited([](auto& d) { first_alert(d)["labels"].SetArray(); }),
                "alerts[0].labels must be an object of strings");
  check_refused(edited([](auto& d) { d["groupLabels"].SetString("alertname"); }),
                "groupLabels must be an object of strings");
  check_refused(edited([](auto& d) { d["truncatedAlerts"].SetInt(-1); }),
                "truncatedAlerts must be a non-negative integer");
  check_refused(edited([](auto& d) { d["truncatedAlerts"].SetString("3"); }),
                "truncatedAlerts must be a non-negative integer");
  check_refused(edited([](auto& d) { d["receiver"].SetBool(true); }), "receiver must be a string");
}

BOOST_AUTO_TEST_CASE(times) {
  check_refused(edited([](auto& d) { first_alert(d)["startsAt"].SetString("yesterday"); }),
                "alerts[0].startsAt is not an RFC 3339 time (\"yesterday\")");
  check_refused(edited([](auto& d) { first_alert(d)["endsAt"].SetString("2024-02-30T00:00:00Z"); }),
                "alerts[0].endsAt is not an RFC 3339 time");
  // Prometheus writes nanoseconds and Alertmanager may keep an offset.
  const std::string body = edited(
      [](auto& d) { first_alert(d)["startsAt"].SetString("2024-05-01T10:15:30.123456789+10:00"); });
  const auto r = al::parse_alertmanager_payload(body);
  BOOST_REQUIRE(r.ok());
  BOOST_CHECK_EQUAL(r->alerts[0].starts_at_s, 1714522530);  // 00:15:30Z
}

BOOST_AUTO_TEST_CASE(truncated_alerts_are_counted) {
  const auto r =
      al::parse_alertmanager_payload(edited([](auto& d) { d["truncatedAlerts"].SetInt(12); }));
  BOOST_REQUIRE(r.ok());
  BOOST_CHECK_EQUAL(r->truncated_alerts, 12);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused) {
  std::string body = fixture("firing.json");
  const auto at = body.find("Recommendations are slow");
  BOOST_REQUIRE(at != std::string::npos);
  body[at] = '\xC3';  // a lead byte followed by ASCII
  check_refused(body, "body is not JSON");
}

BOOST_AUTO_TEST_CASE(long_inputs_are_cut_in_messages) {
  const std::string junk(5000, 'x');
  const std::string msg =
      refusal(edited([&](auto& d) { d["version"].SetString(junk.c_str(), d.GetAllocator()); }));
  BOOST_CHECK_LT(msg.size(), 120u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(limits)

std::string with_alerts(std::size_t n) {
  return edited([n](auto& d) {
    rapidjson::Value one(first_alert(d), d.GetAllocator());
    d["alerts"].Clear();
    for (std::size_t i = 0; i < n; ++i) {
      rapidjson::Value copy(one, d.GetAllocator());
      const std::string fp = "fp" + std::to_string(i);
      copy["fingerprint"].SetString(fp.c_str(), d.GetAllocator());
      d["alerts"].PushBack(copy, d.GetAllocator());
    }
  });
}

BOOST_AUTO_TEST_CASE(at_most_1000_alerts) {
  const auto r = al::parse_alertmanager_payload(with_alerts(1000));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().message));
  BOOST_CHECK_EQUAL(r->alerts.size(), 1000u);
  check_refused(with_alerts(1001), "alerts has more than 1000 entries");
  al::payload_limits small;
  small.max_alerts = 2;
  check_refused(with_alerts(3), "alerts has more than 2 entries", small);
}

BOOST_AUTO_TEST_CASE(label_values_up_to_4_kib) {
  const auto body = [](std::size_t n) {
    return edited([n](auto& d) {
      const std::string v(n, 'v');
      first_alert(d)["labels"]["job"].SetString(v.c_str(), d.GetAllocator());
    });
  };
  BOOST_CHECK(al::parse_alertmanager_payload(body(4096)).ok());
  check_refused(body(4097), "alerts[0].labels.job is longer than 4096 bytes");
}

BOOST_AUTO_TEST_CASE(annotations_up_to_16_kib) {
  const auto body = [](std::size_t n) {
    return edited([n](auto& d) {
      const std::string v(n, 'd');
      first_alert(d)["annotations"]["description"].SetString(v.c_str(), d.GetAllocator());
    });
  };
  BOOST_CHECK(al::parse_alertmanager_payload(body(16384)).ok());
  check_refused(body(16385), "alerts[0].annotations.description is longer than 16384 bytes");
}

BOOST_AUTO_TEST_CASE(at_most_64_labels) {
  const auto body = [](int n) {
    return edited([n](auto& d) {
      auto& labels = first_alert(d)["labels"];
      for (int i = static_cast<int>(labels.MemberCount()); i < n; ++i) {
        const std::string k = "l" + std::to_string(i);
        labels.AddMember(rapidjson::Value(k.c_str(), d.GetAllocator()), rapidjson::Value("v"),
                         d.GetAllocator());
      }
    });
  };
  BOOST_CHECK(al::parse_alertmanager_payload(body(64)).ok());
  check_refused(body(65), "alerts[0].labels has more than 64 entries");
}

BOOST_AUTO_TEST_CASE(names_and_strings) {
  check_refused(
      edited([](auto& d) { first_alert(d)["labels"].AddMember("", "x", d.GetAllocator()); }),
      "alerts[0].labels has an empty name");
  check_refused(edited([](auto& d) {
                  const std::string k(257, 'k');
                  rapidjson::Value name(k.c_str(), d.GetAllocator());
                  rapidjson::Value value("x");
                  first_alert(d)["labels"].AddMember(name, value, d.GetAllocator());
                }),
                "alerts[0].labels has a name longer than 256 bytes");
  check_refused(edited([](auto& d) {
                  const std::string u = "http://x/" + std::string(5000, 'u');
                  first_alert(d)["generatorURL"].SetString(u.c_str(), d.GetAllocator());
                }),
                "alerts[0].generatorURL is longer than 4096 bytes");
}

BOOST_AUTO_TEST_CASE(body_size) {
  al::payload_limits small;
  small.max_body_bytes = 100;
  check_refused(fixture("firing.json"), "body is longer than 100 bytes", small);
}

BOOST_AUTO_TEST_SUITE_END()
