#include "adapters/justwatch_response.hpp"

#include <optional>

#include <rapidjson/document.h>

#include "adapters/json_fields.hpp"
#include "adapters/upstream_body.hpp"
#include "core/iso_time.hpp"
#include "recsys/text.hpp"

namespace recs::adapters {

namespace {

using internal::fields;
using internal::index_path;
using internal::json_value;
using internal::read_each;

constexpr std::string_view kSource = "justwatch";

errc graphql_category(const std::string& code, const std::string& message) {
  const std::string msg = to_lower(message);
  if (code == "BAD_USER_INPUT" || code == "GRAPHQL_VALIDATION_FAILED" ||
      code == "GRAPHQL_PARSE_FAILED" || msg.find("complexity") != std::string::npos) {
    return errc::invalid_argument;
  }
  if (code == "NOT_FOUND" || msg.find("not found") != std::string::npos) return errc::not_found;
  if (code == "UNAUTHENTICATED" || code == "FORBIDDEN") return errc::forbidden;
  if (code == "TOO_MANY_REQUESTS" || code == "RATE_LIMITED" || code == "INTERNAL_SERVER_ERROR" ||
      code == "SERVICE_UNAVAILABLE" || code == "TIMEOUT") {
    return errc::unavailable;
  }
  return errc::internal;
}

std::string error_path(const json_value& e) {
  const auto it = e.FindMember("path");
  if (it == e.MemberEnd() || !it->value.IsArray()) return {};
  std::string out;
  for (const auto& p : it->value.GetArray()) {
    if (p.IsString()) {
      if (!out.empty()) out += '.';
      out.append(p.GetString(), p.GetStringLength());
    } else if (p.IsInt()) {
      out += "[" + std::to_string(p.GetInt()) + "]";
    }
  }
  return out;
}

// The error of a GraphQL "errors" array, if there is one.
std::optional<error> graphql_errors(const rapidjson::Document& doc) {
  if (!doc.IsObject()) return std::nullopt;
  const auto it = doc.FindMember("errors");
  if (it == doc.MemberEnd() || !it->value.IsArray() || it->value.Empty()) return std::nullopt;
  error out{errc::internal, "justwatch graphql: "};
  bool first = true;
  bool rate_limited = false;
  for (const auto& e : it->value.GetArray()) {
    std::string message = "unknown error";
    std::string code;
    if (e.IsObject()) {
      const auto m = e.FindMember("message");
      if (m != e.MemberEnd() && m->value.IsString()) message = m->value.GetString();
      const auto ext = e.FindMember("extensions");
      if (ext != e.MemberEnd() && ext->value.IsObject()) {
        const auto c = ext->value.FindMember("code");
        if (c != ext->value.MemberEnd() && c->value.IsString()) code = c->value.GetString();
      }
    }
    if (first) {
      out.code = graphql_category(code, message);
      rate_limited = code == "TOO_MANY_REQUESTS" || code == "RATE_LIMITED";
    } else {
      out.message += "; ";
    }
    out.message += message;
    const std::string path = e.IsObject() ? error_path(e) : std::string();
    if (!code.empty() || !path.empty()) {
      out.message += " (";
      out.message += code;
      if (!path.empty()) out.message += (code.empty() ? "at " : ", at ") + path;
      out.message += ")";
    }
    first = false;
  }
  if (rate_limited) out.message = "rate limited: " + out.message;
  return out;
}

// Parses the body, fails on GraphQL errors, and reads data.<key> (which may be null) with
// read(value, out, why).
template <class T, class Read>
result<T> read_data(std::string_view body, const char* key, Read read) {
  rapidjson::Document doc;
  if (auto s = parse_upstream_json(kSource, body, doc); !s) return s.err();
  if (auto e = graphql_errors(doc)) return *e;
  std::string why;
  fields root(doc, "", why);
  const json_value* data = root.object("data", true);
  if (data == nullptr) return shape_error(kSource, why);
  const auto it = data->FindMember(key);
  if (it == data->MemberEnd()) {
    return shape_error(kSource, root.at("data") + "." + key + " is required");
  }
  T out;
  if (!read(it->value, out, why)) return shape_error(kSource, why);
  return out;
}

bool read_package(const json_value& v, const std::string& path, jw_package& p, std::string& why) {
  fields f(v, path, why);
  return f.str("id", p.node_id) && f.int64("packageId", p.package_id, true) &&
         f.str("clearName", p.clear_name) && f.str("technicalName", p.technical_name) &&
         f.str("shortName", p.short_name) && f.strings("monetizationTypes", p.monetization_types);
}

bool read_offer(const json_value& v, const std::string& path, jw_offer& o, std::string& why) {
  fields f(v, path, why);
  std::string available_to;
  if (!(f.str("id", o.id) && f.str("monetizationType", o.monetization_type, true) &&
        f.str("presentationType", o.presentation_type) && f.str("standardWebURL", o.url) &&
        f.int32("elementCount", o.element_count) && f.str("availableTo", available_to))) {
    return false;
  }
  if (!available_to.empty()) {
    const auto date = iso_date(available_to);
    if (!date) return f.fail("availableTo", "must be an ISO date");
    o.available_to = *date;
  }
  const json_value* pkg = f.object("package", true);
  return pkg != nullptr && read_package(*pkg, f.at("package"), o.package, why);
}

jw_object_type object_type(const std::string& s) {
  if (s == "SHOW") return jw_object_type::show;
  if (s == "MOVIE") return jw_object_type::movie;
  return jw_object_type::other;
}

bool read_content(fields& f, jw_title& t, std::string& why) {
  const json_value* content = f.object("content");
  if (content == nullptr) return f.ok();
  fields c(*content, f.at("content"), why);
  if (!(c.str("title", t.title) && c.int32("originalReleaseYear", t.original_release_year) &&
        c.int32("runtime", t.runtime) && c.str("shortDescription", t.short_description) &&
        c.str("fullPath", t.full_path) && c.str("ageCertification", t.age_certification))) {
    return false;
  }
  if (const json_value* genres = c.array("genres")) {
    for (std::size_t i = 0; i < genres->Size(); ++i) {
      std::string g;
      fields gf((*genres)[static_cast<rapidjson::SizeType>(i)], index_path(c.at("genres"), i), why);
      if (!gf.str("shortName", g)) return false;
      if (!g.empty()) t.genres.push_back(std::move(g));
    }
  }
  if (const json_value* ext = c.object("externalIds")) {
    fields e(*ext, c.at("externalIds"), why);
    if (!e.str("imdbId", t.imdb_id) || !e.id64("tmdbId", t.tmdb_id)) return false;
  }
  return c.ok();
}

bool read_title(const json_value& v, const std::string& path, jw_title& t, std::string& why) {
  fields f(v, path, why);
  std::string type;
  if (!(f.str("id", t.id, true) && f.int64("objectId", t.object_id) && f.str("objectType", type) &&
        f.int32("totalSeasonCount", t.total_season_count) && read_content(f, t, why))) {
    return false;
  }
  t.object_type = object_type(type);
  const json_value* offers = f.array("offers");
  return offers == nullptr ? f.ok() : read_each(*offers, f.at("offers"), t.offers, why, read_offer);
}

bool read_edge(const json_value& v, const std::string& path, jw_title& t, std::string& why) {
  fields edge(v, path, why);
  const json_value* node = edge.object("node", true);
  return node != nullptr && read_title(*node, edge.at("node"), t, why);
}

}  // namespace

result<std::vector<jw_package>> parse_jw_providers(std::string_view body) {
  return read_data<std::vector<jw_package>>(
      body, "packages", [](const json_value& v, std::vector<jw_package>& out, std::string& why) {
        if (!v.IsArray()) {
          why = "data.packages must be an array";
          return false;
        }
        return read_each(v, "data.packages", out, why, read_package);
      });
}

result<jw_title_page> parse_jw_title_page(std::string_view body) {
  return read_data<jw_title_page>(
      body, "popularTitles", [](const json_value& v, jw_title_page& page, std::string& why) {
        fields f(v, "data.popularTitles", why);
        const json_value* edges = f.array("edges", true);
        if (edges == nullptr || !f.int64("totalCount", page.total_count)) return false;
        if (const json_value* info = f.object("pageInfo")) {
          fields pi(*info, f.at("pageInfo"), why);
          if (!pi.boolean("hasNextPage", page.has_next_page) ||
              !pi.str("endCursor", page.end_cursor)) {
            return false;
          }
        }
        return f.ok() && read_each(*edges, f.at("edges"), page.titles, why, read_edge);
      });
}

result<jw_title> parse_jw_title_node(std::string_view body) {
  bool found = true;
  auto title = read_data<jw_title>(body, "node",
                                   [&found](const json_value& v, jw_title& t, std::string& why) {
                                     found = !v.IsNull();
                                     return !found || read_title(v, "data.node", t, why);
                                   });
  if (title.ok() && !found) return error{errc::not_found, "justwatch: no such title node"};
  return title;
}

}  // namespace recs::adapters
