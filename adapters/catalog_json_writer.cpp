// The catalog JSON Lines and providers.json writers (the readers are in catalog_json.cpp).
#include "adapters/catalog_json.hpp"

#include <cmath>
#include <cstdint>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace recs::adapters {

namespace {

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(json_writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_strings(json_writer& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& v : values) w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  w.EndArray();
}

// Integral values (vote counts) are written without a fraction.
void write_number(json_writer& w, const char* key, double value) {
  w.Key(key);
  if (!std::isfinite(value)) {
    w.Int(0);
  } else if (value == std::floor(value) && std::fabs(value) < 9e15) {
    w.Int64(static_cast<std::int64_t>(value));
  } else {
    w.Double(value);
  }
}

void write_show(json_writer& w, const show& s, const std::vector<std::string>& sources) {
  w.StartObject();
  write_string(w, "id", s.id);
  write_string(w, "title", s.title);
  w.Key("year");
  w.Int(s.year);
  write_strings(w, "genres", s.genres);
  write_string(w, "premise", s.premise);
  w.Key("seasons");
  w.Int(s.seasons);
  w.Key("runtime");
  w.Int(s.runtime);
  write_strings(w, "countries", s.countries);
  write_string(w, "network", s.network);
  write_number(w, "imdb_score", s.imdb_score);
  write_number(w, "imdb_votes", s.imdb_votes);
  write_number(w, "tmdb_score", s.tmdb_score);
  write_number(w, "tmdb_popularity", s.tmdb_popularity);
  write_string(w, "classification", std::string(to_string(s.rating)));
  w.Key("offers");
  w.StartArray();
  for (const auto& o : s.offers) {
    w.StartObject();
    write_string(w, "provider", o.provider);
    write_string(w, "monetization", std::string(to_string(o.type)));
    write_string(w, "status", o.inferred ? "inferred" : "verified");
    write_string(w, "basis", o.basis);
    if (o.last_checked_ts != 0) {
      w.Key("last_checked_ts");
      w.Int64(o.last_checked_ts);
    }
    if (!o.url.empty()) write_string(w, "url", o.url);
    if (!o.available_to.empty()) write_string(w, "available_to", o.available_to);
    w.EndObject();
  }
  w.EndArray();
  write_strings(w, "sources", sources);
  w.EndObject();
}

}  // namespace

std::string to_jsonl(const std::vector<show>& shows) {
  rapidjson::StringBuffer buf;
  const std::vector<std::string> no_sources;
  for (const auto& s : shows) {
    json_writer w(buf);
    write_show(w, s, no_sources);
    buf.Put('\n');
  }
  return std::string(buf.GetString(), buf.GetSize());
}

std::string to_jsonl(const std::vector<catalog_entry>& entries) {
  rapidjson::StringBuffer buf;
  for (const auto& e : entries) {
    json_writer w(buf);
    write_show(w, e.item, e.sources);
    buf.Put('\n');
  }
  return std::string(buf.GetString(), buf.GetSize());
}

std::string providers_to_json(const std::vector<provider>& providers) {
  std::string out = "[\n";
  for (std::size_t i = 0; i < providers.size(); ++i) {
    rapidjson::StringBuffer buf;
    json_writer w(buf);
    const provider& p = providers[i];
    w.StartObject();
    write_string(w, "id", p.id);
    write_string(w, "name", p.name);
    w.Key("free_to_air");
    w.Bool(p.free_to_air);
    w.EndObject();
    out += "  ";
    out.append(buf.GetString(), buf.GetSize());
    out += i + 1 < providers.size() ? ",\n" : "\n";
  }
  out += "]\n";
  return out;
}

}  // namespace recs::adapters
