#define BOOST_TEST_MODULE alerts_chat_message
#include <boost/test/unit_test.hpp>

#include <string>

#include <rapidjson/document.h>

#include "alerts/chat_message.hpp"
#include "test/alerts/fixture.hpp"

namespace al = recs::alerts;
using al::testing::json;
using al::testing::str;

namespace {

al::chat_message news(std::size_t lines) {
  al::chat_message m;
  m.title = "3 alerts on your watchlist";
  for (std::size_t i = 0; i < lines; ++i)
    m.lines.push_back("Show_" + std::to_string(i) + " is now on Stan <&>");
  m.link = "https://tv.example.org/#inbox";
  m.link_label = "Open the inbox";
  return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ntfy_publishes_json_with_the_topic_title_lines_and_click) {
  const auto d = json(al::ntfy_chat(news(2), "family-tv_42"));
  BOOST_TEST(str(d["topic"]) == "family-tv_42");
  BOOST_TEST(str(d["title"]) == "3 alerts on your watchlist");
  const std::string msg = str(d["message"]);
  // Plain text: nothing escaped for a markup ntfy does not use.
  BOOST_TEST(msg ==
             "\xE2\x80\xA2 Show_0 is now on Stan <&>\n\xE2\x80\xA2 Show_1 is now on Stan <&>");
  BOOST_TEST(str(d["click"]) == "https://tv.example.org/#inbox");
  BOOST_REQUIRE(d["tags"].IsArray());
  BOOST_TEST(str(d["tags"][0]) == "tv");
}

BOOST_AUTO_TEST_CASE(ntfy_keeps_within_its_message_limit_and_counts_the_rest) {
  const auto d = json(al::ntfy_chat(news(400), "t"));
  const std::string msg = str(d["message"]);
  BOOST_TEST(msg.size() <= al::ntfy_message_max_bytes);
  BOOST_TEST(msg.find(" more") != std::string::npos);
  BOOST_TEST(d.HasMember("click"));
}

BOOST_AUTO_TEST_CASE(news_has_its_own_colour_and_no_facts_when_none_are_given) {
  const auto disc = json(al::discord_chat(news(1), true));
  BOOST_TEST(disc["embeds"][0]["color"].GetUint() == 0x5865F2u);
  BOOST_TEST(str(disc["embeds"][0]["description"]) ==
             "\xE2\x80\xA2 Show\\_0 is now on Stan <&\\>");  // Discord markdown escaped
  BOOST_TEST(disc["allowed_mentions"]["parse"].Empty());
  const std::string teams = al::teams_chat(news(1));
  BOOST_TEST(teams.find("FactSet") == std::string::npos);
  BOOST_TEST(teams.find("\"Accent\"") != std::string::npos);
  const auto slack = json(al::slack_chat(news(1)));
  BOOST_TEST(str(slack["text"]).find("Show_0 is now on Stan &lt;&amp;&gt;") != std::string::npos);
  BOOST_TEST(str(slack["text"]).find("<https://tv.example.org/#inbox|Open the inbox>") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_message_without_a_link_has_no_click_or_action) {
  auto m = news(1);
  m.link.clear();
  BOOST_TEST(!json(al::ntfy_chat(m, "t")).HasMember("click"));
  BOOST_TEST(al::teams_chat(m).find("Action.OpenUrl") == std::string::npos);
}
