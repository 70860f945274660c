// parse_trakt_export: the show files of a Trakt data export (JSON arrays).

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <string>

#include "adapters/export_files.hpp"
#include "adapters/export_rows.hpp"
#include "adapters/json_fields.hpp"
#include "core/ascii.hpp"
#include "core/iso_time.hpp"

namespace recs::adapters {

namespace {

using internal::export_builder;
using internal::fields;
using internal::json_value;
using internal::quoted;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct trakt_show {
  title_key key;
  std::int64_t trakt_id = 0;
};

bool read_show(fields& item, trakt_show& out, std::string& why) {
  const json_value* show = item.object("show", true);
  if (show == nullptr) return false;
  fields s(*show, item.at("show"), why);
  if (!(s.str("title", out.key.title) && s.int32("year", out.key.year))) return false;
  if (const json_value* ids = s.object("ids")) {
    fields i(*ids, s.at("ids"), why);
    std::string imdb;
    if (!(i.str("imdb", imdb) && i.id64("tmdb", out.key.tmdb_id) &&
          i.id64("trakt", out.trakt_id))) {
      return false;
    }
    if (imdb.size() > 2 && imdb.compare(0, 2, "tt") == 0) out.key.imdb_id = imdb;
  }
  return s.ok();
}

// The ISO 8601 time `key` of `f` into `out` (left alone when absent); false when it does not
// parse.
bool read_time(fields& f, const char* key, std::int64_t& out) {
  std::string raw;
  if (!f.str(key, raw)) return false;
  if (raw.empty()) return true;
  const auto ts = parse_iso_time(raw);
  if (!ts) return f.fail(key, (quoted(raw) + " is not an ISO 8601 date-time").c_str());
  out = *ts;
  return true;
}

std::string show_key(const trakt_show& s) {
  if (s.key.imdb_id.empty() && s.key.tmdb_id <= 0 && s.trakt_id > 0) {
    return "trakt:" + std::to_string(s.trakt_id);
  }
  return internal::roll_key(s.key);
}

// "s<season>e<number>" of an episode object, or "#<item>" when it numbers nothing.
bool episode_key(fields& item, std::size_t n, std::string& out, std::string& why) {
  out = "#" + std::to_string(n);
  const json_value* ep = item.object("episode");
  if (ep == nullptr) return item.ok();
  fields e(*ep, item.at("episode"), why);
  int season = -1;
  int number = -1;
  if (!(e.int32("season", season) && e.int32("number", number))) return false;
  if (number >= 0) out = "s" + std::to_string(season) + "e" + std::to_string(number);
  return true;
}

// watched-shows: every episode of `seasons` into show `i`.
bool read_seasons(fields& item, std::size_t i, export_builder& b, std::string& why) {
  const json_value* seasons = item.array("seasons");
  if (seasons == nullptr) return item.ok();
  for (rapidjson::SizeType k = 0; k < seasons->Size(); ++k) {
    fields s((*seasons)[k], internal::index_path(item.at("seasons"), k), why);
    int season = 0;
    if (!s.int32("number", season)) return false;
    const json_value* episodes = s.array("episodes");
    if (!s.ok()) return false;
    if (episodes == nullptr) continue;
    for (rapidjson::SizeType e = 0; e < episodes->Size(); ++e) {
      fields ep((*episodes)[e], internal::index_path(s.at("episodes"), e), why);
      int number = 0;
      if (!ep.int32("number", number, true)) return false;
      b.episode(i, "s" + std::to_string(season) + "e" + std::to_string(number));
    }
  }
  return true;
}

std::string movie_title(fields& item, std::string& why) {
  std::string title;
  if (const json_value* movie = item.object("movie")) {
    fields m(*movie, item.at("movie"), why);
    m.str("title", title);
  }
  return title;
}

// One item (1-based `n`) into `b`; false with `why` set when it is malformed.
bool read_item(const json_value& v, std::size_t n, export_builder& b, std::string& why) {
  fields f(v, "item " + std::to_string(n), why);
  std::string type;
  if (!f.str("type", type)) return false;
  if (f.present("movie") || type == "movie") {
    const std::string title = movie_title(f, why);
    if (!f.ok()) return false;
    b.skip(n, quoted(title) + " is a film, not a show");
    return true;
  }
  trakt_show s;
  if (!read_show(f, s, why)) return false;
  const std::string name = quoted(s.key.title);
  if (f.present("episode") || type == "episode") {
    if (!f.present("watched_at")) {
      b.skip(n,
             name + (f.present("rating") ? " episode rating: an episode's rating is not the show's"
                                         : " episode item without watched_at"));
      return true;
    }
    std::int64_t ts = 0;
    std::string ep;
    if (!(read_time(f, "watched_at", ts) && episode_key(f, n, ep, why))) return false;
    const std::size_t i = b.show(show_key(s), s.key, n);
    b.at(i).watched = true;
    b.episode(i, std::move(ep));
    b.date(i, ts);
    return true;
  }
  if (f.present("season") || type == "season") {
    b.skip(n, name + " season rating: a season's rating is not the show's");
    return true;
  }
  std::int64_t ts = 0;
  if (f.present("rating")) {
    int score = 0;
    if (!(f.int32("rating", score) && read_time(f, "rated_at", ts))) return false;
    if (score < 1 || score > 10) {
      return f.fail("rating", (std::to_string(score) + " is not 1-10").c_str());
    }
    b.rate(b.show(show_key(s), s.key, n), score, ts);
    return true;
  }
  if (f.present("plays") || f.present("seasons") || f.present("last_watched_at") ||
      f.present("watched_at")) {
    if (!(read_time(f, "last_watched_at", ts) && read_time(f, "watched_at", ts))) return false;
    const std::size_t i = b.show(show_key(s), s.key, n);
    b.at(i).watched = true;
    b.date(i, ts);
    return read_seasons(f, i, b, why);
  }
  if (f.present("listed_at")) {
    if (!read_time(f, "listed_at", ts)) return false;
    const std::size_t i = b.show(show_key(s), s.key, n);
    b.at(i).watchlist = true;
    b.date(i, ts);
    return true;
  }
  b.skip(n, name + " is neither rated, watched nor listed");
  return true;
}

}  // namespace

result<parsed_export> parse_trakt_export(std::string_view text) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (trim(text).empty()) {
    return error{errc::invalid_argument, "the file is empty: expected a Trakt export file"};
  }
  rapidjson::Document doc;
  // Iterative: a deeply nested upload must not exhaust the stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    return error{errc::invalid_argument,
                 "byte " + std::to_string(doc.GetErrorOffset()) +
                     ": not valid JSON: " + rapidjson::GetParseError_En(doc.GetParseError())};
  }
  if (!doc.IsArray()) {
    return error{errc::invalid_argument,
                 "not a Trakt export file: expected a JSON array of items (such as "
                 "watched-shows.json or ratings-shows.json)"};
  }
  export_builder b;
  std::string why;
  for (rapidjson::SizeType k = 0; k < doc.Size(); ++k) {
    b.record();
    if (!read_item(doc[k], static_cast<std::size_t>(k) + 1, b, why)) {
      return error{errc::invalid_argument, why};
    }
  }
  return std::move(b).finish();
}

}  // namespace recs::adapters
