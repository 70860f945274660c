#define BOOST_TEST_MODULE actors_push_target
#include <boost/test/unit_test.hpp>

#include <string>

#include "actors/push_target.hpp"

using namespace recs;
using namespace recs::actors;

namespace {

bool accepted(push_kind k, const std::string& url, push_reach r) {
  return check_push_url(k, url, r).ok();
}

std::string why(push_kind k, const std::string& url, push_reach r) {
  auto st = check_push_url(k, url, r);
  return st ? "" : st.err().message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(kinds_and_policies_read_back) {
  for (auto k : {push_kind::discord, push_kind::slack, push_kind::teams, push_kind::ntfy})
    BOOST_TEST((parse_push_kind(to_string(k)) == k));
  BOOST_TEST(!parse_push_kind("email"));
  BOOST_TEST((parse_push_reach("public") == push_reach::public_only));
  BOOST_TEST((parse_push_reach("lan") == push_reach::lan));
  BOOST_TEST((parse_push_reach("off") == push_reach::off));
  BOOST_TEST(!parse_push_reach("any"));
  for (auto r : {push_reach::public_only, push_reach::lan, push_reach::off})
    BOOST_TEST((parse_push_reach(to_string(r)) == r));
}

BOOST_AUTO_TEST_CASE(public_policy_takes_https_to_public_hosts_only) {
  const auto pub = push_reach::public_only;
  BOOST_TEST(accepted(push_kind::discord, "https://discord.com/api/webhooks/123/abc", pub));
  BOOST_TEST(accepted(push_kind::slack, "https://hooks.slack.com/services/T0/B0/x", pub));
  BOOST_TEST(accepted(push_kind::ntfy, "https://ntfy.sh/family-tv", pub));
  BOOST_TEST(accepted(push_kind::discord, "https://cafe.be/hook", pub));  // hex-ish name
  BOOST_TEST(accepted(push_kind::discord, "https://8.8.8.8/hook", pub));
  for (const char* url :
       {"http://discord.com/api/webhooks/1/a", "https://localhost/hook",
        "https://tv.localhost/hook", "https://127.0.0.1:8443/hook", "https://10.1.2.3/hook",
        "https://192.168.1.5/hook", "https://172.20.0.1/hook", "https://169.254.169.254/latest",
        "https://100.64.0.1/hook", "https://[::1]/hook", "https://[fd00::1]/hook",
        "https://[::ffff:127.0.0.1]/hook"})
    BOOST_TEST(!accepted(push_kind::discord, url, pub), url);
  BOOST_TEST(why(push_kind::discord, "http://discord.com/x", pub).find("https://") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(lan_policy_also_takes_http_and_local_addresses) {
  const auto lan = push_reach::lan;
  BOOST_TEST(accepted(push_kind::ntfy, "http://192.168.1.5:8080/family", lan));
  BOOST_TEST(accepted(push_kind::discord, "https://127.0.0.1:8443/hook", lan));
  BOOST_TEST(!accepted(push_kind::discord, "ftp://192.168.1.5/hook", lan));
}

BOOST_AUTO_TEST_CASE(bad_urls_are_refused_without_repeating_them) {
  const auto pub = push_reach::public_only;
  const std::string secret = "https://user:pw@discord.com/api/webhooks/1/SECRET";
  BOOST_TEST(!accepted(push_kind::discord, secret, pub));
  BOOST_TEST(why(push_kind::discord, secret, pub).find("SECRET") == std::string::npos);
  BOOST_TEST(!accepted(push_kind::discord, "", pub));
  BOOST_TEST(!accepted(push_kind::discord, "https://discord.com", pub));   // no path
  BOOST_TEST(!accepted(push_kind::discord, "https://discord.com/", pub));  // no path
  BOOST_TEST(!accepted(push_kind::discord, "https://discord.com/a b", pub));
  BOOST_TEST(!accepted(push_kind::discord, "https://discord.com/\"x", pub));
  BOOST_TEST(!accepted(push_kind::discord, "https://discord.com/" + std::string(2100, 'a'), pub));
  BOOST_TEST(!accepted(push_kind::ntfy, "https://ntfy.sh/a.b", pub));  // not a topic
  BOOST_TEST(!accepted(push_kind::ntfy, "https://ntfy.sh/x/", pub));
  const auto off = check_push_url(push_kind::discord, "https://discord.com/x", push_reach::off);
  BOOST_TEST((!off && off.err().code == errc::forbidden));
}

BOOST_AUTO_TEST_CASE(a_url_is_answered_masked) {
  BOOST_TEST(masked_url("https://discord.com/api/webhooks/123/abcdefghx9Qa") ==
             "https://discord.com/\xE2\x80\xA6x9Qa");
  BOOST_TEST(masked_url("https://ntfy.sh/short") == "https://ntfy.sh/\xE2\x80\xA6");
  BOOST_TEST(masked_url("http://192.168.1.5:8080/family-tv-topic?auth=abc") ==
             "http://192.168.1.5:8080/\xE2\x80\xA6opic");
}

BOOST_AUTO_TEST_CASE(ntfy_is_published_to_the_server_root_with_the_topic_in_the_body) {
  alerts::chat_message m;
  m.title = "On your watchlist";
  m.lines = {"Fargo is now on Stan"};
  const auto r =
      push_request(push_kind::ntfy, "https://ntfy.example.org/tv/family?auth=QmFzaWM", m);
  BOOST_TEST(r.method == "POST");
  BOOST_TEST(r.url == "https://ntfy.example.org/tv/?auth=QmFzaWM");
  BOOST_TEST(r.body.find("\"topic\":\"family\"") != std::string::npos);
  const auto d = push_request(push_kind::discord, "https://discord.com/api/webhooks/1/a", m);
  BOOST_TEST(d.url == "https://discord.com/api/webhooks/1/a");
  BOOST_TEST(d.body.find("\"embeds\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_push_lists_the_alerts_and_links_the_inbox) {
  std::vector<inbox_item> items(12);
  for (std::size_t i = 0; i < items.size(); ++i) items[i].text = "Show " + std::to_string(i);
  const auto m = watch_push_message(items, "https://tv.example.org/");
  BOOST_TEST(m.title == "12 alerts on your watchlist");
  BOOST_TEST(m.lines.size() == 10u);
  BOOST_TEST(m.not_listed == 2u);
  BOOST_TEST(m.link == "https://tv.example.org/#inbox");
  const auto one = watch_push_message({items[0]}, "");
  BOOST_TEST(one.title == "On your watchlist");
  BOOST_TEST(one.link.empty());
}
