// The response half of net/json_codec.hpp (request bodies are parsed in json_body.cpp).
#include "net/json_codec.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>

#include "net/json_fields.hpp"

namespace recs::net {

namespace {

using namespace internal;

void components(writer& w, const score_components& c, double raw) {
  w.StartObject();
  const std::pair<const char*, double> parts[] = {{"similar_loved", c.similar_loved},
                                                  {"similar_good", c.similar_good},
                                                  {"similar_bad", c.similar_bad},
                                                  {"tags", c.tags},
                                                  {"quality", c.quality},
                                                  {"popularity", c.popularity},
                                                  {"availability", c.availability},
                                                  {"collaborative", c.collaborative},
                                                  {"novelty", c.novelty},
                                                  {"intent", c.intent},
                                                  {"jitter", c.jitter},
                                                  {"raw", raw}};
  for (auto& [k, v] : parts) {
    key(w, k);
    w.Double(v);
  }
  w.EndObject();
}

}  // namespace

std::string render_slate(const slate& s, bool explain) {
  const catalog_snapshot& cat = *s.catalog;
  const std::unordered_set<std::string> services(s.services.begin(), s.services.end());
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartArray();
  for (const auto& item : s.items) {
    const show& sh = cat.at(item.index);
    w.StartObject();
    show_fields(w, cat, sh, services);
    key(w, "fit");
    round3(w, item.fit);
    key(w, "family_strong");
    w.Bool(false);
    key(w, "rationale");
    str(w, item.rationale);
    key(w, "reasons");
    w.StartArray();
    for (const auto& r : item.reasons) {
      w.StartObject();
      key(w, "kind");
      str(w, r.kind);
      key(w, "text");
      str(w, r.text);
      key(w, "weight");
      round3(w, r.weight);
      w.EndObject();
    }
    w.EndArray();
    if (explain) {
      key(w, "components");
      components(w, item.components, item.raw);
    }
    w.EndObject();
  }
  w.EndArray();
  return done(sb);
}

std::string render_show(const catalog_snapshot& cat, const show& s,
                        const std::unordered_set<std::string>& services) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  show_fields(w, cat, s, services);
  key(w, "countries");
  strings(w, s.countries);
  key(w, "network");
  str_or_null(w, s.network);
  key(w, "imdb_score");
  w.Double(s.imdb_score);
  key(w, "tmdb_score");
  w.Double(s.tmdb_score);
  w.EndObject();
  return done(sb);
}

std::string render_search(const catalog_snapshot& cat, const std::vector<std::uint32_t>& hits,
                          std::size_t total, const std::unordered_set<std::string>& services) {
  std::string out = "{\"total\":" + std::to_string(total) + ",\"items\":[";
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (i > 0) out += ',';
    out += render_show(cat, cat.at(hits[i]), services);
  }
  out += "]}";
  return out;
}

std::string render_similar(const catalog_snapshot& cat,
                           const std::vector<std::pair<std::uint32_t, float>>& hits,
                           const std::unordered_set<std::string>& services) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartArray();
  for (const auto& [index, sim] : hits) {
    w.StartObject();
    show_fields(w, cat, cat.at(index), services);
    key(w, "similarity");
    round3(w, sim);
    w.EndObject();
  }
  w.EndArray();
  return done(sb);
}

namespace {

void rating_fields(writer& w, const rating& r) {
  key(w, "profile_id");
  w.Int64(r.profile_id);
  key(w, "show_id");
  str(w, r.show_id);
  key(w, "primary");
  w.Int(static_cast<int>(r.primary));
  key(w, "score");
  if (r.score) {
    w.Int(*r.score);
  } else {
    w.Null();
  }
  key(w, "source");
  str(w, r.source);
  key(w, "ts");
  w.Int64(r.ts);
}

}  // namespace

std::string render_rating(const rating& r) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  rating_fields(w, r);
  w.EndObject();
  return done(sb);
}

std::string render_ratings(const std::vector<rating>& rs, const catalog_snapshot& cat) {
  std::vector<rating> sorted = rs;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const rating& a, const rating& b) { return a.ts > b.ts; });
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartArray();
  for (const auto& r : sorted) {
    w.StartObject();
    rating_fields(w, r);
    key(w, "title");
    auto idx = cat.find(r.show_id);
    str(w, idx ? cat.at(*idx).title : std::string());
    w.EndObject();
  }
  w.EndArray();
  return done(sb);
}

std::string render_tag(std::int64_t profile_id, const tag_pref& t) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  key(w, "profile_id");
  w.Int64(profile_id);
  key(w, "tag");
  str(w, t.tag);
  key(w, "liked");
  w.Bool(t.liked);
  w.EndObject();
  return done(sb);
}

std::string render_tags(const std::vector<tag_pref>& ts) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartArray();
  for (const auto& t : ts) {
    w.StartObject();
    key(w, "tag");
    str(w, t.tag);
    key(w, "liked");
    w.Bool(t.liked);
    w.EndObject();
  }
  w.EndArray();
  return done(sb);
}

std::string render_note(std::int64_t profile_id, const note& n) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  key(w, "profile_id");
  w.Int64(profile_id);
  key(w, "show_id");
  str(w, n.show_id);
  key(w, "text");
  str(w, n.text);
  key(w, "ts");
  w.Int64(n.ts);
  w.EndObject();
  return done(sb);
}

std::string render_notes(const std::vector<note>& ns) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartArray();
  for (const auto& n : ns) {
    w.StartObject();
    key(w, "show_id");
    str(w, n.show_id);
    key(w, "text");
    str(w, n.text);
    key(w, "ts");
    w.Int64(n.ts);
    w.EndObject();
  }
  w.EndArray();
  return done(sb);
}

std::string render_profiles(const std::vector<profile>& ps) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartArray();
  for (const auto& p : ps) {
    w.StartObject();
    key(w, "id");
    w.Int64(p.id);
    key(w, "name");
    str(w, p.name);
    key(w, "maturity_cap");
    str(w, to_string(p.maturity_cap));
    key(w, "household_id");
    w.Int64(p.household_id);
    w.EndObject();
  }
  w.EndArray();
  return done(sb);
}

namespace {

void household_object(writer& w, const household& h) {
  w.StartObject();
  key(w, "id");
  w.Int64(h.id);
  key(w, "name");
  str(w, h.name);
  key(w, "services");
  strings(w, h.services);
  w.EndObject();
}

}  // namespace

std::string render_household(const household& h) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  household_object(w, h);
  return done(sb);
}

std::string render_me(const std::string& email, bool admin, const household& h) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  key(w, "email");
  str(w, email);
  key(w, "admin");
  w.Bool(admin);
  key(w, "household");
  household_object(w, h);
  w.EndObject();
  return done(sb);
}

std::string render_providers(const std::vector<provider>& ps) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartArray();
  for (const auto& p : ps) {
    w.StartObject();
    key(w, "id");
    str(w, p.id);
    key(w, "name");
    str(w, p.name);
    key(w, "free_to_air");
    w.Bool(p.free_to_air);
    w.EndObject();
  }
  w.EndArray();
  return done(sb);
}

namespace {

void write_actors(writer& w, const std::vector<actor_info>& actors) {
  key(w, "actors");
  w.StartArray();
  for (const auto& a : actors) {
    w.StartObject();
    key(w, "name");
    str(w, a.name);
    key(w, "state");
    str(w, a.state);
    key(w, "instances");
    w.Uint64(a.instances);
    key(w, "mailbox");
    w.Uint64(a.mailbox);
    key(w, "processed");
    w.Uint64(a.processed);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string render_actors(const std::vector<actor_info>& actors, std::size_t shows,
                          std::size_t profiles) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  write_actors(w, actors);
  key(w, "shows");
  w.Uint64(shows);
  key(w, "profiles");
  w.Uint64(profiles);
  w.EndObject();
  return done(sb);
}

std::string render_actor_list(const std::vector<actor_info>& actors) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  write_actors(w, actors);
  w.EndObject();
  return done(sb);
}

std::string render_admin_commands(const std::vector<admin_command>& commands) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  key(w, "commands");
  w.StartArray();
  for (const auto& c : commands) {
    w.StartObject();
    key(w, "ts");
    w.Int64(c.ts);
    key(w, "admin");
    str(w, c.admin);
    key(w, "command");
    str(w, c.command);
    key(w, "detail");
    str(w, c.detail);
    key(w, "status");
    w.Uint(c.status);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return done(sb);
}

std::string render_health(std::size_t shows) {
  return "{\"status\":\"ok\",\"shows\":" + std::to_string(shows) + ",\"version\":\"0.1.0\"}";
}

}  // namespace recs::net
