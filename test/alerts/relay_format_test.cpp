#define BOOST_TEST_MODULE alerts_relay_format
#include <boost/test/unit_test.hpp>

#include <string>

#include <rapidjson/document.h>

#include "alerts/relay_digest.hpp"
#include "alerts/relay_format.hpp"
#include "alerts/utf8.hpp"
#include "test/alerts/fixture.hpp"

namespace al = recs::alerts;
using al::alert_status;
using al::testing::json;
using al::testing::make_alert;
using al::testing::parsed;
using al::testing::str;

namespace {

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// `n` firing alerts named `name`, each with its own instance label.
al::webhook_payload many(std::size_t n, const std::string& summary = "Something is off") {
  al::webhook_payload p;
  p.version = "4";
  p.receiver = "default";
  p.group_key = "{}:{alertname=\"RecsErrorRateHigh\"}";
  p.external_url = "http://alertmanager.home.arpa:9093";
  p.group_labels = {{"alertname", "RecsErrorRateHigh"}};
  p.common_labels = {{"alertname", "RecsErrorRateHigh"}, {"severity", "critical"}};
  for (std::size_t i = 0; i < n; ++i) {
    auto a = make_alert("RecsErrorRateHigh", "fp" + std::to_string(i));
    a.labels["severity"] = "critical";
    a.labels["instance"] = "recs-" + std::to_string(i) + ":8080";
    a.annotations["summary"] = summary;
    p.alerts.push_back(std::move(a));
  }
  return p;
}

const std::string prom_link =
    "http://prometheus.home.arpa:9090/graph?g0.expr=histogram_quantile%280.95%2C+sum+by+%28le%29+"
    "%28rate%28recs_request_latency_ms_bucket%5B5m%5D%29%29%29+%3E+250&g0.tab=1";

}  // namespace

BOOST_AUTO_TEST_SUITE(slack)

BOOST_AUTO_TEST_CASE(firing) {
  const auto d = json(al::slack_message(parsed("firing.json")));
  BOOST_CHECK_EQUAL(d.MemberCount(), 1u);
  BOOST_CHECK_EQUAL(
      str(d["text"]),
      "*[FIRING:1] RecsP95LatencyHigh (warning)*\n"
      "\xE2\x80\xA2 [firing] RecsP95LatencyHigh (warning): Recommendations are slow: "
      "p95 350 ms (target 250 ms)\n<" +
          std::string("http://prometheus.home.arpa:9090/graph?g0.expr=histogram_quantile%"
                      "280.95%2C+sum+by+%28le%29+%28rate%28recs_request_latency_ms_bucket%"
                      "5B5m%5D%29%29%29+%3E+250&amp;g0.tab=1") +
          "|Open in Prometheus>");
}

BOOST_AUTO_TEST_CASE(resolved) {
  const std::string text = str(json(al::slack_message(parsed("resolved.json")))["text"]);
  BOOST_CHECK(text.rfind("*[RESOLVED] RecsP95LatencyHigh (warning)*\n", 0) == 0);
  BOOST_CHECK(contains(text, "[resolved] RecsP95LatencyHigh"));
}

BOOST_AUTO_TEST_CASE(grouped_lists_firing_first_with_what_tells_them_apart) {
  const std::string text = str(json(al::slack_message(parsed("grouped.json")))["text"]);
  BOOST_CHECK(text.rfind("*[FIRING:1] OffersStaleRatioHigh (warning), 1 resolved*\n", 0) == 0);
  const auto firing = text.find(
      "[firing] OffersStaleRatioHigh (warning) instance=recs-a:8080: "
      "Streaming offers are stale: p90 stale share of a slate is 48%");
  const auto resolved = text.find("[resolved] OffersStaleRatioHigh (warning) instance=recs-b:8080");
  BOOST_CHECK(firing != std::string::npos);
  BOOST_CHECK(resolved != std::string::npos);
  BOOST_CHECK_LT(firing, resolved);
}

BOOST_AUTO_TEST_CASE(markup_is_escaped) {
  auto p = parsed("firing.json");
  p.alerts[0].annotations["summary"] = "<!channel> p95 > 250 & rising";
  const std::string text = str(json(al::slack_message(p))["text"]);
  BOOST_CHECK(contains(text, "&lt;!channel&gt; p95 &gt; 250 &amp; rising"));
  BOOST_CHECK(!contains(text, "<!channel>"));
}

BOOST_AUTO_TEST_CASE(long_groups_are_cut_to_whole_lines) {
  const auto p = many(1000, std::string(250, 's'));
  const std::string text = str(json(al::slack_message(p))["text"]);
  BOOST_CHECK_LE(text.size(), al::slack_text_max_bytes);
  // 10 lines at most (relay_limits::max_lines), the rest counted.
  BOOST_CHECK(contains(text, "\xE2\x80\xA6 and 990 more\n<http://prometheus.home.arpa"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(discord)

BOOST_AUTO_TEST_CASE(firing) {
  const auto d = json(al::discord_message(parsed("firing.json")));
  const std::string content = str(d["content"]);
  BOOST_CHECK(content.rfind("**[FIRING:1] RecsP95LatencyHigh (warning)**\n", 0) == 0);
  BOOST_CHECK(contains(content, "[firing] RecsP95LatencyHigh (warning): Recommendations are slow"));
  BOOST_CHECK(ends_with(content, "Open in Prometheus: <" + prom_link + ">"));
  BOOST_REQUIRE(d["allowed_mentions"]["parse"].IsArray());
  BOOST_CHECK_EQUAL(d["allowed_mentions"]["parse"].Size(), 0u);
  BOOST_CHECK(!d.HasMember("embeds"));
}

BOOST_AUTO_TEST_CASE(markdown_is_escaped_and_mentions_do_not_ping) {
  auto p = parsed("firing.json");
  p.alerts[0].annotations["summary"] = "@everyone offers_last_checked *stale* `x` ~y~ |z|";
  const std::string content = str(json(al::discord_message(p))["content"]);
  BOOST_CHECK(contains(content,
                       "@everyone offers\\_last\\_checked \\*stale\\* \\`x\\` \\~y\\~ "
                       "\\|z\\|"));
}

BOOST_AUTO_TEST_CASE(content_stays_within_2000) {
  for (std::size_t n : {1u, 3u, 10u, 11u, 1000u}) {
    BOOST_TEST_CONTEXT(n << " alerts") {
      const auto p = many(n, std::string(290, 'x'));
      const std::string content = str(json(al::discord_message(p))["content"]);
      BOOST_CHECK_LE(content.size(), al::discord_content_max_bytes);
      BOOST_CHECK(contains(content, "**[FIRING:" + std::to_string(n) + "] RecsErrorRateHigh"));
      // Every alert is either listed or counted.
      std::size_t listed = 0;
      for (auto at = content.find("[firing]"); at != std::string::npos;
           at = content.find("[firing]", at + 1)) {
        ++listed;
      }
      std::size_t more = 0;
      const auto m = content.find("\xE2\x80\xA6 and ");
      if (m != std::string::npos) more = std::stoul(content.substr(m + 8));
      BOOST_CHECK_EQUAL(listed + more, n);
      BOOST_CHECK(contains(content, "Open in Prometheus: <http://"));
    }
  }
}

BOOST_AUTO_TEST_CASE(multibyte_text_is_cut_on_character_boundaries) {
  // 2-, 3- and 4-byte characters; every cut must leave valid UTF-8 (json() checks).
  const auto p = many(40, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\xBA" + std::string(600, 'a'));
  json(al::discord_message(p));
  json(al::discord_message(p, {}, true));
  json(al::slack_message(p));
  json(al::teams_message(p));
  auto one = parsed("firing.json");
  std::string s;
  for (int i = 0; i < 200; ++i) s += "\xF0\x9F\x93\xBA";  // 800 bytes of emoji
  one.alerts[0].annotations["summary"] = s;
  const std::string content = str(json(al::discord_message(one))["content"]);
  BOOST_CHECK(contains(content, "\xE2\x80\xA6"));  // the summary was cut (300 bytes) ...
  BOOST_CHECK(!contains(content, s));              // ... between two emoji
}

BOOST_AUTO_TEST_CASE(embed) {
  const auto d = json(al::discord_message(parsed("grouped.json"), {}, true));
  BOOST_CHECK_EQUAL(str(d["content"]), "**[FIRING:1] OffersStaleRatioHigh (warning), 1 resolved**");
  BOOST_REQUIRE(d["embeds"].IsArray());
  BOOST_REQUIRE_EQUAL(d["embeds"].Size(), 1u);
  const auto& e = d["embeds"][0];
  BOOST_CHECK_EQUAL(str(e["title"]), "[FIRING:1] OffersStaleRatioHigh (warning), 1 resolved");
  BOOST_CHECK(contains(str(e["description"]), "instance=recs-b:8080"));
  BOOST_CHECK_EQUAL(e["color"].GetUint(), 0xE01E5Au);
  BOOST_CHECK(str(e["url"]).rfind("http://prometheus.home.arpa:9090/graph?", 0) == 0);
  const auto r = json(al::discord_message(parsed("resolved.json"), {}, true));
  BOOST_CHECK_EQUAL(r["embeds"][0]["color"].GetUint(), 0x2EB67Du);
  const auto big = json(al::discord_message(many(1000, std::string(300, 'x')), {}, true));
  BOOST_CHECK_LE(big["embeds"][0]["description"].GetStringLength(),
                 al::discord_embed_description_max_bytes);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(teams)

BOOST_AUTO_TEST_CASE(adaptive_card) {
  const auto d = json(al::teams_message(parsed("firing.json")));
  BOOST_CHECK_EQUAL(str(d["type"]), "message");
  BOOST_REQUIRE(d["attachments"].IsArray());
  BOOST_REQUIRE_EQUAL(d["attachments"].Size(), 1u);
  const auto& att = d["attachments"][0];
  BOOST_CHECK_EQUAL(str(att["contentType"]), "application/vnd.microsoft.card.adaptive");
  BOOST_CHECK(att["contentUrl"].IsNull());
  const auto& card = att["content"];
  BOOST_CHECK_EQUAL(str(card["type"]), "AdaptiveCard");
  BOOST_CHECK_EQUAL(str(card["version"]), "1.4");
  BOOST_CHECK_EQUAL(str(card["$schema"]), "http://adaptivecards.io/schemas/adaptive-card.json");
  const auto& body = card["body"];
  BOOST_REQUIRE(body.IsArray());
  BOOST_REQUIRE_EQUAL(body.Size(), 3u);  // title, facts, one alert
  BOOST_CHECK_EQUAL(str(body[0]["text"]), "[FIRING:1] RecsP95LatencyHigh (warning)");
  BOOST_CHECK_EQUAL(str(body[0]["color"]), "Attention");
  BOOST_CHECK_EQUAL(str(body[1]["type"]), "FactSet");
  BOOST_CHECK_EQUAL(str(body[1]["facts"][0]["title"]), "Firing");
  BOOST_CHECK_EQUAL(str(body[1]["facts"][0]["value"]), "1");
  BOOST_CHECK_EQUAL(str(body[2]["text"]),
                    "[firing] RecsP95LatencyHigh (warning): Recommendations are slow: p95 350 "
                    "ms (target 250 ms)");
  const auto& action = card["actions"][0];
  BOOST_CHECK_EQUAL(str(action["type"]), "Action.OpenUrl");
  BOOST_CHECK_EQUAL(str(action["title"]), "Open in Prometheus");
  BOOST_CHECK_EQUAL(str(action["url"]), prom_link);
}

BOOST_AUTO_TEST_CASE(resolved_is_green) {
  const auto d = json(al::teams_message(parsed("resolved.json")));
  const auto& body = d["attachments"][0]["content"]["body"];
  BOOST_CHECK_EQUAL(str(body[0]["text"]), "[RESOLVED] RecsP95LatencyHigh (warning)");
  BOOST_CHECK_EQUAL(str(body[0]["color"]), "Good");
}

BOOST_AUTO_TEST_CASE(big_groups_list_ten_and_count_the_rest) {
  auto p = many(25);
  p.truncated_alerts = 5;
  const auto d = json(al::teams_message(p));
  const auto& body = d["attachments"][0]["content"]["body"];
  BOOST_REQUIRE_EQUAL(body.Size(), 2u + 10u + 1u);
  BOOST_CHECK_EQUAL(str(body[12]["text"]), "\xE2\x80\xA6 and 20 more");
  BOOST_CHECK(body[12]["isSubtle"].GetBool());
  BOOST_CHECK_EQUAL(str(body[1]["facts"][2]["title"]), "Not sent by Alertmanager");
  BOOST_CHECK_EQUAL(str(body[1]["facts"][2]["value"]), "5");
  BOOST_CHECK_EQUAL(str(body[0]["text"]), "[FIRING:25] RecsErrorRateHigh (critical)");
}

BOOST_AUTO_TEST_CASE(json_special_characters_round_trip) {
  auto p = parsed("firing.json");
  const std::string tricky = "quote \" backslash \\ newline \n tab \t ctrl \x01 </script> \xC3\xA9";
  p.alerts[0].annotations["summary"] = tricky;
  const auto d = json(al::teams_message(p));
  BOOST_CHECK_EQUAL(str(d["attachments"][0]["content"]["body"][2]["text"]),
                    "[firing] RecsP95LatencyHigh (warning): " + tricky);
  const auto s = json(al::slack_message(p));
  BOOST_CHECK(contains(str(s["text"]), "quote \" backslash \\ newline \n tab"));
}

BOOST_AUTO_TEST_CASE(only_http_links) {
  auto p = parsed("firing.json");
  p.alerts[0].generator_url = "javascript:alert(1)";
  auto d = json(al::teams_message(p));
  BOOST_CHECK_EQUAL(str(d["attachments"][0]["content"]["actions"][0]["url"]),
                    "http://alertmanager.home.arpa:9093");
  BOOST_CHECK_EQUAL(str(d["attachments"][0]["content"]["actions"][0]["title"]),
                    "Open in Alertmanager");
  p.external_url = "file:///etc/passwd";
  d = json(al::teams_message(p));
  BOOST_CHECK(!d["attachments"][0]["content"].HasMember("actions"));
  BOOST_CHECK(!contains(str(json(al::slack_message(p))["text"]), "Open in"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(digest)

BOOST_AUTO_TEST_CASE(titles) {
  BOOST_CHECK_EQUAL(al::make_digest(parsed("firing.json")).title,
                    "[FIRING:1] RecsP95LatencyHigh (warning)");
  auto p = many(3);
  for (auto& a : p.alerts) a.status = alert_status::resolved;
  p.status = alert_status::resolved;
  BOOST_CHECK_EQUAL(al::make_digest(p).title, "[RESOLVED:3] RecsErrorRateHigh (critical)");
  // A group of several alert names (e.g. grouped by instance): counted, not named.
  al::webhook_payload mixed;
  mixed.alerts = {make_alert("A", "1"), make_alert("B", "2"), make_alert("C", "3")};
  BOOST_CHECK_EQUAL(al::make_digest(mixed).title, "[FIRING:3] 3 alerts");
  al::webhook_payload unnamed;
  unnamed.alerts = {make_alert("", "1")};
  unnamed.alerts[0].labels.erase("alertname");
  const auto d = al::make_digest(unnamed);
  BOOST_CHECK_EQUAL(d.title, "[FIRING:1] 1 alert");
  BOOST_CHECK_EQUAL(d.lines[0].name, "(unnamed alert)");
}

BOOST_AUTO_TEST_CASE(counts) {
  auto p = many(12);
  p.truncated_alerts = 3;
  p.alerts[11].status = alert_status::resolved;
  const auto d = al::make_digest(p);
  BOOST_CHECK_EQUAL(d.firing, 11u);
  BOOST_CHECK_EQUAL(d.resolved, 1u);
  BOOST_CHECK_EQUAL(d.truncated, 3u);
  BOOST_CHECK_EQUAL(d.lines.size(), 10u);
  BOOST_CHECK_EQUAL(d.not_listed, 2u + 3u);
  for (const auto& l : d.lines) BOOST_CHECK(l.status == alert_status::firing);
}

BOOST_AUTO_TEST_CASE(http_urls) {
  BOOST_CHECK(al::is_http_url("http://prometheus:9090/graph?g0.expr=up"));
  BOOST_CHECK(al::is_http_url("https://example.org"));
  BOOST_CHECK(!al::is_http_url("javascript:alert(1)"));
  BOOST_CHECK(!al::is_http_url("http://"));
  BOOST_CHECK(!al::is_http_url("http:///path"));
  BOOST_CHECK(!al::is_http_url("http://a b"));
  BOOST_CHECK(!al::is_http_url("http://a\nb"));
  BOOST_CHECK(!al::is_http_url("http://a/>x"));
  BOOST_CHECK(!al::is_http_url("http://a/\"x"));
  BOOST_CHECK(!al::is_http_url(""));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(utf8)

BOOST_AUTO_TEST_CASE(prefixes) {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\xBA";  // a é € 📺: 1+2+3+4 bytes
  BOOST_CHECK_EQUAL(al::utf8_prefix_length(s, 100), s.size());
  BOOST_CHECK_EQUAL(al::utf8_prefix_length(s, 1), 1u);
  BOOST_CHECK_EQUAL(al::utf8_prefix_length(s, 2), 1u);
  BOOST_CHECK_EQUAL(al::utf8_prefix_length(s, 3), 3u);
  BOOST_CHECK_EQUAL(al::utf8_prefix_length(s, 5), 3u);
  BOOST_CHECK_EQUAL(al::utf8_prefix_length(s, 6), 6u);
  BOOST_CHECK_EQUAL(al::utf8_prefix_length(s, 9), 6u);
  BOOST_CHECK_EQUAL(al::utf8_prefix_length(s, 0), 0u);
}

BOOST_AUTO_TEST_CASE(truncation) {
  BOOST_CHECK_EQUAL(al::truncate_utf8("short", 10), "short");
  BOOST_CHECK_EQUAL(al::truncate_utf8("exactly10!", 10), "exactly10!");
  BOOST_CHECK_EQUAL(al::truncate_utf8("0123456789ab", 10), "0123456\xE2\x80\xA6");
  BOOST_CHECK_EQUAL(al::truncate_utf8("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 6),
                    "\xC3\xA9\xE2\x80\xA6");
  BOOST_CHECK_EQUAL(al::truncate_utf8("abcdef", 2), "");  // not even the marker fits
  BOOST_CHECK_EQUAL(al::truncate_utf8("abcdef", 4, "..."), "a...");
}

BOOST_AUTO_TEST_SUITE_END()
