#include "adapters/justwatch_request.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "recsys/text.hpp"

namespace recs::adapters {

namespace {

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr std::string_view kTitleOfferFragment =
    "fragment TitleOffer on Offer { id monetizationType presentationType currency type "
    "elementCount availableTo standardWebURL package { id packageId clearName technicalName "
    "shortName monetizationTypes } }";

constexpr std::string_view kTitleDetailsFragment =
    "fragment TitleDetails on MovieOrShow { id objectId objectType "
    "content(country: $country, language: $language) { title originalReleaseYear runtime "
    "shortDescription fullPath genres { shortName } externalIds { imdbId tmdbId } "
    "ageCertification } ... on Show { totalSeasonCount } "
    "offers(country: $country, platform: WEB, filter: $offerFilter) { ...TitleOffer } }";

constexpr std::string_view kTitlePage =
    "{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ...TitleDetails } } } }";

bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

status check_options(const jw_query_options& opt) {
  if (opt.country.size() != 2 ||
      !all_of(opt.country, [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return error{errc::invalid_argument,
                 "justwatch: country must be two upper-case letters, got \"" + opt.country + "\""};
  }
  if (opt.language.size() != 2 ||
      !all_of(opt.language, [](char c) { return c >= 'a' && c <= 'z'; })) {
    return error{
        errc::invalid_argument,
        "justwatch: language must be two lower-case letters, got \"" + opt.language + "\""};
  }
  return ok_status();
}

status check_first(int first) {
  if (first < 1 || first > kJwMaxPageSize) {
    return error{errc::invalid_argument, "justwatch: first must be 1-" +
                                             std::to_string(kJwMaxPageSize) + ", got " +
                                             std::to_string(first)};
  }
  return ok_status();
}

void key_str(json_writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void locale(json_writer& w, const jw_query_options& opt) {
  key_str(w, "country", opt.country);
  key_str(w, "language", opt.language);
}

// {"objectTypes":["SHOW"], ...} as the start of a TitleFilter object (left open).
void open_title_filter(json_writer& w, const char* key, const jw_query_options& opt) {
  w.Key(key);
  w.StartObject();
  if (opt.shows_only) {
    w.Key("objectTypes");
    w.StartArray();
    w.String("SHOW");
    w.EndArray();
  }
}

void offer_filter(json_writer& w, bool best_only) {
  w.Key("offerFilter");
  w.StartObject();
  w.Key("bestOnly");
  w.Bool(best_only);
  w.EndObject();
}

// Closes the variables object and writes the query; returns the body.
std::string finish(rapidjson::StringBuffer& buf, json_writer& w, const std::string& query) {
  w.EndObject();
  key_str(w, "query", query);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

void start(json_writer& w, const char* operation) {
  w.StartObject();
  key_str(w, "operationName", operation);
  w.Key("variables");
  w.StartObject();
}

std::string title_query(std::string_view head) {
  std::string q(head);
  q += ' ';
  q += kTitlePage;
  q += ' ';
  q += kTitleDetailsFragment;
  q += ' ';
  q += kTitleOfferFragment;
  return q;
}

}  // namespace

result<std::string> jw_providers_body(const jw_query_options& opt) {
  if (auto s = check_options(opt); !s) return s.err();
  rapidjson::StringBuffer buf;
  json_writer w(buf);
  start(w, "GetProviders");
  key_str(w, "country", opt.country);
  key_str(w, "platform", "WEB");
  return finish(buf, w,
                "query GetProviders($country: Country!, $platform: Platform!) { "
                "packages(country: $country, platform: $platform, includeAddons: true) { "
                "id packageId clearName technicalName shortName monetizationTypes } }");
}

result<std::string> jw_search_body(std::string_view text, int first, const jw_query_options& opt) {
  if (auto s = check_options(opt); !s) return s.err();
  if (auto s = check_first(first); !s) return s.err();
  const std::string_view q = trim(text);
  if (q.empty() || q.size() > 200) {
    return error{errc::invalid_argument, "justwatch: search text must be 1-200 bytes"};
  }
  rapidjson::StringBuffer buf;
  json_writer w(buf);
  start(w, "GetSearchTitles");
  locale(w, opt);
  w.Key("first");
  w.Int(first);
  open_title_filter(w, "searchTitlesFilter", opt);
  key_str(w, "searchQuery", q);
  w.EndObject();
  offer_filter(w, true);
  return finish(buf, w,
                title_query("query GetSearchTitles($country: Country!, $language: Language!, "
                            "$first: Int!, $searchTitlesFilter: TitleFilter!, "
                            "$offerFilter: OfferFilter!) { popularTitles(country: $country, "
                            "filter: $searchTitlesFilter, first: $first, sortBy: POPULAR, "
                            "sortRandomSeed: 0)"));
}

result<std::string> jw_popular_body(int first, std::string_view after,
                                    const std::vector<std::string>& packages,
                                    const jw_query_options& opt) {
  if (auto s = check_options(opt); !s) return s.err();
  if (auto s = check_first(first); !s) return s.err();
  for (const auto& p : packages) {
    if (p.empty() || p.size() > 16 ||
        !all_of(p, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); })) {
      return error{
          errc::invalid_argument,
          "justwatch: package short names are lower-case letters and digits, got \"" + p + "\""};
    }
  }
  rapidjson::StringBuffer buf;
  json_writer w(buf);
  start(w, "GetPopularTitles");
  locale(w, opt);
  w.Key("first");
  w.Int(first);
  w.Key("after");
  if (after.empty()) {
    w.Null();
  } else {
    w.String(after.data(), static_cast<rapidjson::SizeType>(after.size()));
  }
  open_title_filter(w, "popularTitlesFilter", opt);
  if (!packages.empty()) {
    w.Key("packages");
    w.StartArray();
    for (const auto& p : packages) w.String(p.c_str(), static_cast<rapidjson::SizeType>(p.size()));
    w.EndArray();
  }
  w.Key("excludeIrrelevantTitles");
  w.Bool(false);
  w.EndObject();
  offer_filter(w, true);
  return finish(buf, w,
                title_query("query GetPopularTitles($country: Country!, $language: Language!, "
                            "$first: Int!, $after: String, $popularTitlesFilter: TitleFilter, "
                            "$offerFilter: OfferFilter!) { popularTitles(country: $country, "
                            "filter: $popularTitlesFilter, first: $first, after: $after, "
                            "sortBy: POPULAR, sortRandomSeed: 0)"));
}

result<std::string> jw_title_offers_body(std::string_view node_id, const jw_query_options& opt) {
  if (auto s = check_options(opt); !s) return s.err();
  const auto id_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '=' ||
           c == '+' || c == '/' || c == '_' || c == '-';
  };
  if (node_id.empty() || node_id.size() > 128 || !all_of(node_id, id_char)) {
    return error{errc::invalid_argument,
                 "justwatch: node id \"" + std::string(node_id.substr(0, 128)) + "\" is not valid"};
  }
  rapidjson::StringBuffer buf;
  json_writer w(buf);
  start(w, "GetTitleOffers");
  key_str(w, "nodeId", node_id);
  locale(w, opt);
  offer_filter(w, false);
  std::string query =
      "query GetTitleOffers($nodeId: ID!, $country: Country!, $language: Language!, "
      "$offerFilter: OfferFilter!) { node(id: $nodeId) { ... on MovieOrShow { ...TitleDetails } "
      "} } ";
  query += kTitleDetailsFragment;
  query += ' ';
  query += kTitleOfferFragment;
  return finish(buf, w, query);
}

}  // namespace recs::adapters
