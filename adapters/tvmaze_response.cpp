#include "adapters/tvmaze_response.hpp"

#include <charconv>
#include <utility>

#include <rapidjson/document.h>

#include "adapters/json_fields.hpp"
#include "adapters/text_clean.hpp"
#include "adapters/upstream_body.hpp"
#include "core/iso_time.hpp"

namespace recs::adapters {

namespace {

using internal::fields;
using internal::json_value;

constexpr std::string_view kSource = "tvmaze";

bool read_date(fields& f, const char* key, std::string& out) {
  std::string raw;
  if (!f.str(key, raw)) return false;
  if (raw.empty()) return true;
  const auto date = iso_date(raw);
  if (!date) return f.fail(key, "must be an ISO date");
  out = *date;
  return true;
}

/// `_embedded.nextepisode` of `f`'s show, when there; its name and summary are not read.
bool read_next_episode(fields& f, std::optional<tvmaze_episode>& out, std::string& why) {
  const json_value* embedded = f.object("_embedded");
  if (embedded == nullptr) return f.ok();
  fields e(*embedded, f.at("_embedded"), why);
  const json_value* next = e.object("nextepisode");
  if (next == nullptr) return e.ok();
  fields n(*next, e.at("nextepisode"), why);
  tvmaze_episode ep;
  if (!(n.int64("id", ep.id, true) && n.int32("season", ep.season, true) &&
        n.int32("number", ep.number) && read_date(n, "airdate", ep.airdate))) {
    return false;
  }
  out = std::move(ep);
  return true;
}

bool read_show(const json_value& v, const std::string& path, tvmaze_show& s, std::string& why) {
  fields f(v, path, why);
  std::string summary;
  if (!(f.int64("id", s.id, true) && f.str("url", s.url) && f.str("name", s.name, true) &&
        f.str("type", s.type) && f.str("language", s.language) && f.strings("genres", s.genres) &&
        f.str("status", s.status) && f.int32("runtime", s.runtime) &&
        f.int32("averageRuntime", s.average_runtime) && read_date(f, "premiered", s.premiered) &&
        read_date(f, "ended", s.ended) && f.str("summary", summary) &&
        f.int64("updated", s.updated))) {
    return false;
  }
  s.year = iso_year(s.premiered);
  s.summary = strip_html(summary);
  if (const json_value* rating = f.object("rating")) {
    fields r(*rating, f.at("rating"), why);
    if (!r.number("average", s.rating)) return false;
  }
  if (const json_value* ext = f.object("externals")) {
    fields e(*ext, f.at("externals"), why);
    if (!(e.str("imdb", s.imdb_id) && e.int64("thetvdb", s.thetvdb_id) &&
          e.int64("tvrage", s.tvrage_id))) {
      return false;
    }
  }
  for (const char* key : {"network", "webChannel"}) {
    const json_value* channel = f.object(key);
    if (channel == nullptr || !s.network.empty()) continue;
    fields c(*channel, f.at(key), why);
    if (!c.str("name", s.network)) return false;
    if (const json_value* country = c.object("country")) {
      fields cc(*country, c.at("country"), why);
      if (!cc.str("code", s.country)) return false;
    }
    s.web_channel = std::string_view(key) == "webChannel";
  }
  if (!read_next_episode(f, s.next_episode, why)) return false;
  return f.ok();
}

}  // namespace

result<std::vector<tvmaze_show>> parse_tvmaze_shows(std::string_view body) {
  rapidjson::Document doc;
  if (auto s = parse_upstream_json(kSource, body, doc); !s) return s.err();
  if (!doc.IsArray()) return shape_error(kSource, "the show index must be an array");
  std::vector<tvmaze_show> out;
  std::string why;
  if (!internal::read_each(doc, "", out, why, read_show)) return shape_error(kSource, why);
  return out;
}

result<tvmaze_show> parse_tvmaze_show(std::string_view body) {
  rapidjson::Document doc;
  if (auto s = parse_upstream_json(kSource, body, doc); !s) return s.err();
  tvmaze_show show;
  std::string why;
  if (!read_show(doc, "show", show, why)) return shape_error(kSource, why);
  return show;
}

result<std::map<std::int64_t, std::int64_t>> parse_tvmaze_updates(std::string_view body) {
  rapidjson::Document doc;
  if (auto s = parse_upstream_json(kSource, body, doc); !s) return s.err();
  if (!doc.IsObject()) return shape_error(kSource, "the updates must be an object");
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& m : doc.GetObject()) {
    const char* b = m.name.GetString();
    const char* e = b + m.name.GetStringLength();
    std::int64_t id = 0;
    const auto [p, ec] = std::from_chars(b, e, id);
    if (ec != std::errc() || p != e || b == e) {
      return shape_error(kSource, "update key \"" + std::string(b, e) + "\" is not a show id");
    }
    if (!m.value.IsInt64()) {
      return shape_error(kSource, "update of show " + std::string(b, e) + " must be an integer");
    }
    out.emplace(id, m.value.GetInt64());
  }
  return out;
}

}  // namespace recs::adapters
