#include "net/json_fields.hpp"

#include <cmath>

#include "recsys/spoiler_filter.hpp"

namespace recs::net::internal {

void str(writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void key(writer& w, const char* k) {
  w.Key(k);
}

void str_or_null(writer& w, const std::string& s) {
  if (s.empty()) {
    w.Null();
  } else {
    str(w, s);
  }
}

void round3(writer& w, double x) {
  w.Double(static_cast<double>(std::lround(x * 1000.0)) / 1000.0);
}

void strings(writer& w, const std::vector<std::string>& xs) {
  w.StartArray();
  for (const auto& x : xs) str(w, x);
  w.EndArray();
}

namespace {

bool watchable(monetization m) {
  return m == monetization::flatrate || m == monetization::free || m == monetization::ads;
}

}  // namespace

void offers(writer& w, const catalog_snapshot& cat, const show& s,
            const std::unordered_set<std::string>& services) {
  w.StartArray();
  for (const auto& o : s.offers) {
    w.StartObject();
    key(w, "provider");
    str(w, o.provider);
    key(w, "name");
    const provider* p = cat.find_provider(o.provider);
    str(w, p != nullptr ? p->name : o.provider);
    key(w, "monetization");
    str(w, to_string(o.type));
    key(w, "status");
    str(w, o.inferred ? "inferred" : "verified");
    key(w, "basis");
    str(w, o.basis);
    key(w, "last_checked_ts");
    if (o.last_checked_ts > 0) {
      w.Int64(o.last_checked_ts);
    } else {
      w.Null();
    }
    key(w, "url");
    str_or_null(w, o.url);
    key(w, "available_to");
    str_or_null(w, o.available_to);
    key(w, "on_my_services");
    w.Bool(watchable(o.type) && services.count(o.provider) != 0);
    w.EndObject();
  }
  w.EndArray();
}

/// The fields every show rendering shares.
void show_fields(writer& w, const catalog_snapshot& cat, const show& s,
                 const std::unordered_set<std::string>& services) {
  key(w, "id");
  str(w, s.id);
  key(w, "title");
  str(w, s.title);
  key(w, "year");
  w.Int(s.year);
  key(w, "classification");
  str(w, to_string(s.rating));
  key(w, "genres");
  strings(w, s.genres);
  key(w, "seasons");
  w.Int(s.seasons);
  key(w, "runtime");
  w.Int(s.runtime);
  key(w, "premise");
  // Spoiler-averse: later-season events, deaths and twists are cut, or the whole premise is
  // replaced by genre and classification text; the raw text never leaves the service.
  str(w, sanitize_premise(s).text);
  key(w, "availability");
  offers(w, cat, s, services);
}

std::string done(rapidjson::StringBuffer& sb) {
  return std::string(sb.GetString(), sb.GetSize());
}

}  // namespace recs::net::internal
