#pragma once
// Loads the webhook bodies of test/alerts/fixtures (see its README.md) and builds payloads.

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <rapidjson/document.h>
#include <boost/test/unit_test.hpp>

#include "alerts/alertmanager_payload.hpp"

namespace recs::alerts::testing {

/// The bytes of test/alerts/fixtures/<name>, e.g. "firing.json".
inline std::string fixture(const std::string& name) {
  const char* dir = std::getenv("RECS_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(dir != nullptr, "RECS_SOURCE_DIR is not set (run through ctest)");
  const std::string path = std::string(dir) + "/test/alerts/fixtures/" + name;
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in.good(), "cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The parsed fixture (which must parse).
inline webhook_payload parsed(const std::string& name) {
  auto r = parse_alertmanager_payload(fixture(name));
  BOOST_REQUIRE_MESSAGE(r.ok(), name + ": " + (r.ok() ? std::string() : r.err().message));
  return std::move(r).value();
}

/// An alert for tests that build payloads by hand.
inline alert make_alert(const std::string& name, const std::string& fingerprint,
                        alert_status status = alert_status::firing,
                        std::int64_t starts_at_s = 1700000000) {
  alert a;
  a.status = status;
  a.labels = {{"alertname", name}, {"severity", "warning"}};
  a.annotations = {{"summary", name + " summary"}};
  a.starts_at = "2023-11-14T22:13:20Z";
  a.starts_at_s = starts_at_s;
  a.fingerprint = fingerprint;
  a.generator_url = "http://prometheus.home.arpa:9090/graph?g0.expr=up";
  if (status == alert_status::resolved) {
    a.ends_at = "2023-11-14T22:23:20Z";
    a.ends_at_s = starts_at_s + 600;
  } else {
    a.ends_at = "0001-01-01T00:00:00Z";
  }
  return a;
}

/// A message body parsed back as JSON (strictly: valid UTF-8 required); must be an object.
inline rapidjson::Document json(const std::string& body) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseValidateEncodingFlag>(body.c_str(), body.size());
  BOOST_REQUIRE_MESSAGE(!d.HasParseError(), "not valid JSON: " << body.substr(0, 300));
  BOOST_REQUIRE(d.IsObject());
  return d;
}

/// A JSON string's text (which must be a string).
inline std::string str(const rapidjson::Value& v) {
  BOOST_REQUIRE(v.IsString());
  return std::string(v.GetString(), v.GetStringLength());
}

}  // namespace recs::alerts::testing
