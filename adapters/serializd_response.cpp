#include "adapters/serializd_response.hpp"

#include <rapidjson/document.h>

#include "adapters/json_fields.hpp"
#include "adapters/upstream_body.hpp"
#include "core/iso_time.hpp"

namespace recs::adapters {

namespace {

using internal::fields;
using internal::index_path;
using internal::json_value;
using internal::read_each;

constexpr std::string_view kSource = "serializd";

bool read_time(fields& f, const char* key, std::int64_t& out) {
  std::string raw;
  if (!f.str(key, raw)) return false;
  if (raw.empty()) return true;
  const auto ts = parse_iso_time(raw);
  if (!ts) return f.fail(key, "must be an ISO 8601 date-time");
  out = *ts;
  return true;
}

// Serializd's clients disagree on some spellings ("isLog" / "isLogged"): the first present wins.
bool read_flag(fields& f, const char* key, const char* alt, bool& out) {
  return f.boolean(f.present(key) ? key : alt, out);
}

bool read_seasons(fields& f, serializd_diary_entry& e, std::string& why) {
  const json_value* seasons = f.array("showSeasons");
  if (seasons == nullptr) return f.ok();
  for (std::size_t i = 0; i < seasons->Size(); ++i) {
    fields s((*seasons)[static_cast<rapidjson::SizeType>(i)], index_path(f.at("showSeasons"), i),
             why);
    std::int64_t id = 0;
    int number = 0;
    std::string name;
    if (!(s.int64("id", id) && s.int32("seasonNumber", number) && s.str("name", name))) {
      return false;
    }
    if (e.season_id && *e.season_id == id) {
      e.season_number = number;
      if (e.season_name.empty()) e.season_name = name;
    }
  }
  return true;
}

bool read_entry(const json_value& v, const std::string& path, serializd_diary_entry& e,
                std::string& why) {
  fields f(v, path, why);
  std::int64_t season_id = 0;
  int rating = 0;
  int episode = 0;
  std::string premiere;
  if (!(f.int64("id", e.id) && f.int64("showId", e.show_id, true) &&
        f.int64("seasonId", season_id) && f.str("seasonName", e.season_name) &&
        f.int32("rating", rating) && f.str("reviewText", e.review_text) &&
        f.boolean("containsSpoilers", e.contains_spoilers) &&
        read_time(f, "dateAdded", e.date_added) && read_time(f, "backdate", e.backdate) &&
        read_flag(f, "isRewatch", "isRewatched", e.is_rewatch) &&
        read_flag(f, "isLog", "isLogged", e.is_log) && f.strings("tags", e.tags) &&
        f.str("showName", e.show_name) && f.str("showPremiereDate", premiere) &&
        f.int32("episodeNumber", episode))) {
    return false;
  }
  if (rating < 0 || rating > 10) return f.fail("rating", "must be 0-10");
  if (rating > 0) e.rating = rating;
  if (season_id > 0) e.season_id = season_id;
  if (f.present("episodeNumber")) e.episode_number = episode;
  e.show_year = iso_year(premiere);
  return read_seasons(f, e, why);
}

bool read_item(const json_value& v, const std::string& path, serializd_watched_item& item,
               std::string& why) {
  fields f(v, path, why);
  if (!(f.int64("showId", item.show_id, true) && read_time(f, "dateAdded", item.date_added) &&
        f.str("showName", item.show_name) && f.int32("numSeasons", item.num_seasons) &&
        f.int32("numEpisodes", item.num_episodes))) {
    return false;
  }
  if (const json_value* seasons = f.array("seasonIds")) {
    for (const auto& id : seasons->GetArray()) {
      if (!id.IsInt64()) return f.fail("seasonIds", "must hold integers");
      item.season_ids.push_back(id.GetInt64());
    }
  }
  return f.ok();
}

// Parses `body` and reads its root object (named `name` in messages) with read(fields, out).
template <class T, class Read>
result<T> read_root(std::string_view body, const char* name, Read read) {
  rapidjson::Document doc;
  if (auto s = parse_upstream_json(kSource, body, doc); !s) return s.err();
  std::string why;
  fields f(doc, name, why);
  T out;
  if (!read(f, out, why)) return shape_error(kSource, why);
  return out;
}

}  // namespace

result<serializd_login> parse_serializd_login(std::string_view body) {
  auto login =
      read_root<serializd_login>(body, "login", [](fields& f, serializd_login& out, std::string&) {
        return f.str("username", out.username) && f.str("token", out.token);
      });
  if (login.ok() && login->token.empty()) {
    return error{errc::forbidden, "serializd: the login returned no token"};
  }
  return login;
}

result<serializd_token_check> parse_serializd_token_check(std::string_view body) {
  return read_root<serializd_token_check>(
      body, "validateauthtoken", [](fields& f, serializd_token_check& out, std::string&) {
        return f.boolean("isValid", out.valid) && f.str("username", out.username);
      });
}

result<serializd_diary_page> parse_serializd_diary(std::string_view body) {
  return read_root<serializd_diary_page>(
      body, "diary", [](fields& f, serializd_diary_page& page, std::string& why) {
        const json_value* reviews = f.array("reviews", true);
        return reviews != nullptr && f.int32("totalPages", page.total_pages) &&
               f.int32("totalReviews", page.total_reviews) &&
               read_each(*reviews, "reviews", page.reviews, why, read_entry);
      });
}

result<serializd_watched_page> parse_serializd_watched(std::string_view body) {
  return read_root<serializd_watched_page>(
      body, "watched", [](fields& f, serializd_watched_page& page, std::string& why) {
        const json_value* items = f.array("items", true);
        return items != nullptr && f.int32("totalPages", page.total_pages) &&
               f.int32("numberOfShows", page.number_of_shows) &&
               f.int32("numberOfSeasons", page.number_of_seasons) &&
               read_each(*items, "items", page.items, why, read_item);
      });
}

std::optional<int> serializd_next_page(int page, int total_pages) noexcept {
  if (page < 1) return total_pages >= 1 ? std::optional<int>(1) : std::nullopt;
  if (page >= total_pages) return std::nullopt;
  return page + 1;
}

}  // namespace recs::adapters
