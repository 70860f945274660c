// The REST renderings (net/json_codec.hpp) write every body through net::json_writer: invalid
// UTF-8 from a client or an upstream comes out as U+FFFD, non-finite numbers as null, and the
// bytes for valid input stay exactly what they were.
#define BOOST_TEST_MODULE net_json_render
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include <limits>
#include <string>
#include <vector>

#include "net/json_accounts.hpp"
#include "net/json_codec.hpp"
#include "net/json_writer.hpp"

using namespace recs;
using namespace recs::net;

namespace {

const std::string bad = "\xC3\x28";       // a lead byte without its continuation
const std::string fffd = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
const double not_a_number = std::numeric_limits<double>::quiet_NaN();
const double infinity = std::numeric_limits<double>::infinity();

/// Parses strictly (valid UTF-8 required); fails the test when `s` is not JSON.
rapidjson::Document json(const std::string& s) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseValidateEncodingFlag>(s.c_str(), s.size());
  BOOST_TEST_REQUIRE(!d.HasParseError(), "not valid JSON: " << s);
  return d;
}

std::string str(const rapidjson::Value& v) {
  BOOST_TEST_REQUIRE(v.IsString());
  return {v.GetString(), v.GetStringLength()};
}

/// "a" + the malformed byte pair + "b", as the renderings should write it.
std::string cleaned(const std::string& a, const std::string& b) {
  return a + fffd + "(" + b;
}

show make_show(std::string id, std::string title) {
  show s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.year = 2008;
  s.genres = {"crime", "drama"};
  s.premise = "A chemistry teacher diagnosed with cancer turns to making methamphetamine.";
  s.seasons = 5;
  s.runtime = 47;
  s.countries = {"US"};
  s.network = "AMC";
  s.imdb_score = 9.5;
  s.tmdb_score = 8.9;
  s.rating = maturity::ma15;
  s.offers.push_back({"stan", monetization::flatrate, false, "justwatch", 1700000000,
                      "https://www.stan.com.au/watch/breaking-bad", ""});
  s.offers.push_back({"netflix", monetization::flatrate, true, "inferred from network", 0, "", ""});
  return s;
}

snapshot_ptr catalog(const std::string& title = "Breaking Bad") {
  return catalog_snapshot::build(
      {make_show("tt0903747", title), make_show("tt0386676", "The Office")},
      {{"stan", "Stan", false}, {"netflix", "Netflix", false}}, 1);
}

slate one_item_slate(snapshot_ptr cat, double fit, double weight) {
  slate s;
  s.catalog = std::move(cat);
  s.profile_id = 1;
  s.services = {"stan"};
  slate_item item;
  item.index = 0;
  item.raw = 0.75;
  item.fit = fit;
  item.components.similar_loved = 0.5;
  item.components.quality = 0.25;
  item.reasons.push_back({reason_kind::similar_loved, "because you loved Fargo", weight});
  item.rationale = "Because you loved Fargo.";
  s.items.push_back(item);
  return s;
}

family_slate one_item_family(snapshot_ptr cat, const std::string& name, double fit) {
  family_slate s;
  s.catalog = std::move(cat);
  s.members = {1, 2};
  s.services = {"stan"};
  family_item item;
  item.index = 1;
  item.score = fit;
  item.group_fit = fit;
  item.strong = true;
  item.locked = true;
  item.members.push_back({1, name, fit, "loved Fargo"});
  item.members.push_back({2, "Wife", 0.5, ""});
  item.rationale = name + " 0.9 (loved Fargo) \xC2\xB7 Wife 0.5";
  s.items.push_back(item);
  s.strong_locked_ids = {"tt0386676"};
  s.strong_min_fit = 0.7;
  s.rule = strong_rule::min;
  return s;
}

family_watch watch(std::string show_id, double fit) {
  family_watch w;
  w.household_id = 7;
  w.show_id = std::move(show_id);
  w.ts = 1700000100;
  w.fits = {{1, fit}, {2, 0.5}};
  return w;
}

rating make_rating(std::string show_id) {
  rating r;
  r.profile_id = 1;
  r.show_id = std::move(show_id);
  r.primary = verdict::loved;
  r.score = 9;
  r.source = "app";
  r.ts = 1700000000;
  return r;
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// Byte-exact bodies: what the shell integration tests and clients see must not move.

BOOST_AUTO_TEST_CASE(slate_body_is_byte_exact) {
  const std::string expected =
      R"([{"id":"tt0903747","title":"Breaking Bad","year":2008,"classification":"MA15+",)"
      R"("genres":["crime","drama"],"seasons":5,"runtime":47,)"
      R"("premise":"A chemistry teacher diagnosed with cancer turns to making methamphetamine.",)"
      R"("availability":[{"provider":"stan","name":"Stan","monetization":"flatrate",)"
      R"("status":"verified","basis":"justwatch","last_checked_ts":1700000000,)"
      R"("url":"https://www.stan.com.au/watch/breaking-bad","available_to":null,)"
      R"("on_my_services":true},{"provider":"netflix","name":"Netflix",)"
      R"("monetization":"flatrate","status":"inferred","basis":"inferred from network",)"
      R"("last_checked_ts":null,"url":null,"available_to":null,"on_my_services":false}],)"
      R"("fit":0.123,"family_strong":false,"rationale":"Because you loved Fargo.",)"
      R"("reasons":[{"kind":"similar_loved","text":"because you loved Fargo","weight":0.5}]}])";
  BOOST_TEST(render_slate(one_item_slate(catalog(), 0.12345, 0.4996), false) == expected);
  const std::string explained = render_slate(one_item_slate(catalog(), 0.12345, 0.4996), true);
  const std::string components =
      R"(,"components":{"similar_loved":0.5,"similar_good":0.0,"similar_bad":0.0,)"
      R"("similar_seen":0.0,"not_interested":0.0,"watchlist":0.0,"tags":0.0,)"
      R"("quality":0.25,"popularity":0.0,"availability":0.0,"collaborative":0.0,"novelty":0.0,)"
      R"("intent":0.0,"jitter":0.0,"raw":0.75}}])";
  BOOST_TEST(explained == expected.substr(0, expected.size() - 2) + components);
  // Rounding: half away from zero, and a tiny negative is 0.0, never -0.0.
  const auto d = json(render_slate(one_item_slate(catalog(), 0.0005, -0.0004), false));
  BOOST_TEST(render_slate(one_item_slate(catalog(), 0.0005, -0.0004), false)
                 .find(R"("fit":0.001,"family_strong")") != std::string::npos);
  BOOST_TEST(
      render_slate(one_item_slate(catalog(), 0.0005, -0.0004), false).find(R"("weight":0.0})") !=
      std::string::npos);
  BOOST_TEST(d[0]["fit"].GetDouble() == 0.001);
}

BOOST_AUTO_TEST_CASE(rating_and_other_small_bodies_are_byte_exact) {
  BOOST_TEST(render_rating(make_rating("tt0903747")) ==
             R"({"profile_id":1,"show_id":"tt0903747","primary":2,"score":9,"source":"app",)"
             R"("ts":1700000000})");
  rating unscored = make_rating("tt0386676");
  unscored.score.reset();
  unscored.primary = verdict::bad;
  unscored.ts = 1700000001;
  BOOST_TEST(render_ratings({make_rating("tt0903747"), unscored, make_rating("x-gone-1999")},
                            *catalog()) ==
             R"([{"profile_id":1,"show_id":"tt0386676","primary":0,"score":null,"source":"app",)"
             R"("ts":1700000001,"title":"The Office"},{"profile_id":1,"show_id":"tt0903747",)"
             R"("primary":2,"score":9,"source":"app","ts":1700000000,"title":"Breaking Bad"},)"
             R"({"profile_id":1,"show_id":"x-gone-1999","primary":2,"score":9,"source":"app",)"
             R"("ts":1700000000,"title":""}])");
  BOOST_TEST(render_family_watch(watch("tt0386676", 0.8766), {{1, 7, "Ross", maturity::r18}}) ==
             R"({"household_id":7,"show_id":"tt0386676","ts":1700000100,"fits":[)"
             R"({"profile_id":1,"name":"Ross","fit":0.877},)"
             R"({"profile_id":2,"name":"","fit":0.5}]})");
  BOOST_TEST(render_health(42) == R"({"status":"ok","shows":42,"version":"0.1.0"})");
  BOOST_TEST(render_tag(3, {"dry humour", false}) ==
             R"({"profile_id":3,"tag":"dry humour","liked":false})");
  BOOST_TEST(render_note(3, {"tt0903747", "", 5}) ==
             R"({"profile_id":3,"show_id":"tt0903747","text":"","ts":5})");
}

BOOST_AUTO_TEST_CASE(search_is_one_document_with_the_show_bodies) {
  const auto cat = catalog();
  const std::unordered_set<std::string> services = {"stan"};
  const std::string body = render_search(*cat, {0, 1}, 9, services);
  BOOST_TEST(body == R"({"total":9,"items":[)" + render_show(*cat, cat->at(0), services) + "," +
                         render_show(*cat, cat->at(1), services) + "]}");
  BOOST_TEST(render_search(*cat, {}, 0, services) == R"({"total":0,"items":[]})");
  BOOST_TEST(
      render_show(*cat, cat->at(1), services)
          .find(R"(,"countries":["US"],"network":"AMC","imdb_score":9.5,"tmdb_score":8.9})") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(admin_status_with_its_cache_backend) {
  std::vector<actor_info> actors = {{"scorer", "running"}};
  actors[0].instances = 2;
  actors[0].mailbox = 0;
  actors[0].processed = 12;
  BOOST_TEST(render_actors(actors, 10, 3, "local (redis unavailable)") ==
             R"({"actors":[{"name":"scorer","state":"running","instances":2,"mailbox":0,)"
             R"x("processed":12}],"shows":10,"profiles":3,"cache":"local (redis unavailable)"})x");
  BOOST_TEST(str(json(render_actors(actors, 10, 3, "a" + bad + "b"))["cache"]) ==
             cleaned("a", "b"));
}

// ------------------------------------------------------------------------------------------------
// Invalid UTF-8 anywhere comes out as U+FFFD in a body that parses.

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_show_title) {
  const auto cat = catalog("Breaking" + bad + "Bad");
  const std::string want = cleaned("Breaking", "Bad");
  const std::unordered_set<std::string> services;
  BOOST_TEST(str(json(render_slate(one_item_slate(cat, 0.5, 0.5), false))[0]["title"]) == want);
  BOOST_TEST(str(json(render_show(*cat, cat->at(0), services))["title"]) == want);
  BOOST_TEST(str(json(render_search(*cat, {0}, 1, services))["items"][0]["title"]) == want);
  BOOST_TEST(str(json(render_similar(*cat, {{0, 0.5f}}, services))[0]["title"]) == want);
  BOOST_TEST(str(json(render_ratings({make_rating("tt0903747")}, *cat))[0]["title"]) == want);
  BOOST_TEST(str(json(render_family_ledger({watch("tt0903747", 0.5)}, {},
                                           *cat))["watches"][0]["title"]) == want);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_profile_name) {
  const std::string name = "Ro" + bad + "ss";
  const std::string want = cleaned("Ro", "ss");
  const std::vector<profile> profiles = {{1, 7, name, maturity::r18}};
  BOOST_TEST(str(json(render_profiles(profiles))[0]["name"]) == want);
  BOOST_TEST(str(json(render_family_watch(watch("tt0386676", 0.9), profiles))["fits"][0]["name"]) ==
             want);
  const auto ledger = json(render_family_ledger({watch("tt0386676", 0.9)}, profiles, *catalog()));
  BOOST_TEST(str(ledger["credit"][0]["name"]) == want);
  BOOST_TEST(str(ledger["watches"][0]["fits"][0]["name"]) == want);
  const auto family = json(render_family(one_item_family(catalog(), name, 0.9), false));
  BOOST_TEST(str(family[0]["members"][0]["name"]) == want);
  BOOST_TEST(str(family[0]["rationale"]).find(want) == 0);
  household h{7, "The " + bad + " house", "demo@local.test", {"stan", "net" + bad + "flix"}};
  net::caller who;
  who.email = "demo" + bad + "@local.test";
  who.account.email = who.email;
  who.admin = true;
  who.home = h;
  const auto me = json(render_me(who));
  BOOST_TEST(str(me["email"]) == cleaned("demo", "@local.test"));
  BOOST_TEST(str(me["household"]["name"]) == cleaned("The ", " house"));
  BOOST_TEST(str(me["household"]["services"][1]) == cleaned("net", "flix"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_note_text) {
  const note n{"tt0903747", "so" + bad + "good", 5};
  BOOST_TEST(str(json(render_note(1, n))["text"]) == cleaned("so", "good"));
  BOOST_TEST(str(json(render_notes({n}))[0]["text"]) == cleaned("so", "good"));
  const note id{"tt" + bad + "1", "ok", 5};
  BOOST_TEST(str(json(render_note(1, id))["show_id"]) == cleaned("tt", "1"));
  BOOST_TEST(str(json(render_notes({id}))[0]["show_id"]) == cleaned("tt", "1"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_tag) {
  const tag_pref t{"dry" + bad + "humour", true};
  BOOST_TEST(str(json(render_tag(1, t))["tag"]) == cleaned("dry", "humour"));
  BOOST_TEST(str(json(render_tags({t}))[0]["tag"]) == cleaned("dry", "humour"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_rating_show_id) {
  const rating r = make_rating("tt" + bad + "9");
  BOOST_TEST(str(json(render_rating(r))["show_id"]) == cleaned("tt", "9"));
  const auto rs = json(render_ratings({r}, *catalog()));
  BOOST_TEST(str(rs[0]["show_id"]) == cleaned("tt", "9"));
  BOOST_TEST(str(rs[0]["title"]) == "");
  rating source = make_rating("tt0903747");
  source.source = "serial" + bad + "izd";
  BOOST_TEST(str(json(render_rating(source))["source"]) == cleaned("serial", "izd"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_family_watch_show_id) {
  const family_watch w = watch("tt" + bad + "7", 0.9);
  BOOST_TEST(str(json(render_family_watch(w, {}))["show_id"]) == cleaned("tt", "7"));
  const auto ledger = json(render_family_ledger({w}, {}, *catalog()));
  BOOST_TEST(str(ledger["watches"][0]["show_id"]) == cleaned("tt", "7"));
  BOOST_TEST(ledger["watches"][0]["title"].IsNull());
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_catalog_and_admin_text) {
  std::vector<show> shows = {make_show("tt" + bad + "1", "T")};
  shows[0].genres = {"dra" + bad + "ma"};
  shows[0].network = "A" + bad + "MC";
  shows[0].offers[0].basis = "just" + bad + "watch";
  shows[0].offers[0].url = "https://x/" + bad;
  const auto cat = catalog_snapshot::build(shows, {{"stan", "St" + bad + "an", false}}, 1);
  const auto d = json(render_show(*cat, cat->at(0), {"stan"}));
  BOOST_TEST(str(d["id"]) == cleaned("tt", "1"));
  BOOST_TEST(str(d["genres"][0]) == cleaned("dra", "ma"));
  BOOST_TEST(str(d["network"]) == cleaned("A", "MC"));
  BOOST_TEST(str(d["availability"][0]["name"]) == cleaned("St", "an"));
  BOOST_TEST(str(d["availability"][0]["basis"]) == cleaned("just", "watch"));
  BOOST_TEST(str(d["availability"][0]["url"]) == "https://x/" + fffd + "(");
  BOOST_TEST(str(json(render_providers(cat->providers()))[0]["name"]) == cleaned("St", "an"));
  const admin_command c{1, "a" + bad + "b@x", "pause_sync", "source=" + bad, 202};
  const auto cmds = json(render_admin_commands({c}));
  BOOST_TEST(str(cmds["commands"][0]["admin"]) == cleaned("a", "b@x"));
  BOOST_TEST(str(cmds["commands"][0]["detail"]) == "source=" + fffd + "(");
  std::vector<actor_info> actors = {{"sc" + bad + "orer", "run" + bad}};
  const auto a = json(render_actor_list(actors));
  BOOST_TEST(str(a["actors"][0]["name"]) == cleaned("sc", "orer"));
  family_slate fs = one_item_family(catalog(), "Ross", 0.9);
  fs.items[0].members[0].reason = "loved " + bad;
  fs.warning = family_warning{"no_strong" + bad, "none " + bad};
  fs.strong_locked_ids = {"tt" + bad};
  const auto f = json(render_family(fs, true));
  BOOST_TEST(str(f["items"][0]["members"][0]["reason"]) == "loved " + fffd + "(");
  BOOST_TEST(str(f["family"]["warning"]["code"]) == "no_strong" + fffd + "(");
  BOOST_TEST(str(f["family"]["strong_locked_ids"][0]) == "tt" + fffd + "(");
}

// ------------------------------------------------------------------------------------------------
// NaN and infinity: null, never a bare NaN token nor a missing value.

BOOST_AUTO_TEST_CASE(non_finite_fits_are_null) {
  const auto cat = catalog();
  slate s = one_item_slate(cat, not_a_number, infinity);
  s.items[0].components.collaborative = -infinity;
  s.items[0].raw = not_a_number;
  const auto d = json(render_slate(s, true));
  BOOST_TEST(d[0]["fit"].IsNull());
  BOOST_TEST(d[0]["reasons"][0]["weight"].IsNull());
  BOOST_TEST(d[0]["components"]["collaborative"].IsNull());
  BOOST_TEST(d[0]["components"]["raw"].IsNull());
  BOOST_TEST(d[0]["components"]["quality"].GetDouble() == 0.25);

  const auto sim = json(render_similar(
      *cat,
      {{0, std::numeric_limits<float>::quiet_NaN()}, {1, std::numeric_limits<float>::infinity()}},
      {}));
  BOOST_TEST(sim[0]["similarity"].IsNull());
  BOOST_TEST(sim[1]["similarity"].IsNull());

  family_slate fs = one_item_family(cat, "Ross", not_a_number);
  fs.items[0].members[1].fit = infinity;
  fs.strong_min_fit = not_a_number;
  const auto f = json(render_family(fs, true));
  BOOST_TEST(f["items"][0]["fit"].IsNull());
  BOOST_TEST(f["items"][0]["members"][0]["fit"].IsNull());
  BOOST_TEST(f["items"][0]["members"][1]["fit"].IsNull());
  BOOST_TEST(f["items"][0]["group_fit"].IsNull());
  BOOST_TEST(f["items"][0]["score"].IsNull());
  BOOST_TEST(f["family"]["strong_min_fit"].IsNull());

  const std::vector<profile> profiles = {{1, 7, "Ross", maturity::r18}};
  BOOST_TEST(json(render_family_watch(watch("tt0386676", not_a_number), profiles))["fits"][0]["fit"]
                 .IsNull());
  const auto ledger = json(render_family_ledger({watch("tt0386676", -infinity)}, profiles, *cat));
  BOOST_TEST(ledger["watches"][0]["fits"][0]["fit"].IsNull());

  std::vector<show> shows = {make_show("tt1", "T")};
  shows[0].imdb_score = not_a_number;
  shows[0].tmdb_score = infinity;
  const auto odd = catalog_snapshot::build(shows, {}, 1);
  const auto sh = json(render_show(*odd, odd->at(0), {}));
  BOOST_TEST(sh["imdb_score"].IsNull());
  BOOST_TEST(sh["tmdb_score"].IsNull());
}

BOOST_AUTO_TEST_CASE(json_writer_rounds_like_the_api_always_did) {
  json_writer w;
  w.begin_array()
      .rounded(0.12345, 3)
      .rounded(0.0005, 3)
      .rounded(-0.0005, 3)
      .rounded(-0.0004, 3)
      .rounded(2.0, 3)
      .rounded(1e300, 3)
      .rounded(not_a_number, 3)
      .rounded(-infinity, 3)
      .rounded(0.25, 1)
      .end_array();
  BOOST_TEST(w.str() == "[0.123,0.001,-0.001,0.0,2.0,1e300,null,null,0.3]");
  json_writer o;
  o.begin_object()
      .member("none", std::optional<int>())
      .member("some", std::optional<int>(4))
      .key("empty")
      .string_or_null("")
      .key("ids")
      .array(std::vector<std::int64_t>{1, 2})
      .key("names")
      .array(std::vector<std::string>{"a" + bad})
      .member("view", std::string_view())
      .end_object();
  BOOST_TEST(o.ok());
  BOOST_TEST(o.str() == R"({"none":null,"some":4,"empty":null,"ids":[1,2],"names":["a)" + fffd +
                            R"(("],"view":""})");
}
