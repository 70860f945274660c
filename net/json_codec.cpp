// The response half of net/json_codec.hpp (request bodies are parsed in json_body.cpp).
#include "net/json_codec.hpp"

#include <algorithm>

#include "net/json_fields.hpp"
#include "net/json_writer.hpp"

// Every rendering writes through net::json_writer (UTF-8 sanitised strings, null for non-finite
// numbers), one writer per body: no JSON text is spliced together.

namespace recs::net {

namespace {

using internal::fit_places;
using internal::household_object;
using internal::show_fields;

void components(json_writer& w, const score_components& c, double raw) {
  w.begin_object()
      .member("similar_loved", c.similar_loved)
      .member("similar_good", c.similar_good)
      .member("similar_bad", c.similar_bad)
      .member("similar_seen", c.similar_seen)
      .member("not_interested", c.not_interested)
      .member("watchlist", c.watchlist)
      .member("tags", c.tags)
      .member("quality", c.quality)
      .member("popularity", c.popularity)
      .member("availability", c.availability)
      .member("collaborative", c.collaborative)
      .member("novelty", c.novelty)
      .member("intent", c.intent)
      .member("jitter", c.jitter)
      .member("raw", raw)
      .end_object();
}

/// A show as GET /shows/{id} renders it: the shared fields, then the details.
void show_object(json_writer& w, const catalog_snapshot& cat, const show& s,
                 const std::unordered_set<std::string>& services) {
  w.begin_object();
  show_fields(w, cat, s, services);
  w.key("countries")
      .array(s.countries)
      .key("network")
      .string_or_null(s.network)
      .member("imdb_score", s.imdb_score)
      .member("tmdb_score", s.tmdb_score)
      .end_object();
}

}  // namespace

std::string render_slate(const slate& s, bool explain) {
  const catalog_snapshot& cat = *s.catalog;
  const std::unordered_set<std::string> services(s.services.begin(), s.services.end());
  json_writer w;
  w.begin_array();
  for (const auto& item : s.items) {
    w.begin_object();
    show_fields(w, cat, cat.at(item.index), services);
    w.member_rounded("fit", item.fit, fit_places)
        .member("family_strong", false)
        .member("rationale", item.rationale)
        .key("reasons")
        .begin_array();
    for (const auto& r : item.reasons) {
      w.begin_object()
          .member("kind", to_string(r.kind))
          .member("text", r.text)
          .member_rounded("weight", r.weight, fit_places)
          .end_object();
    }
    w.end_array();
    if (explain) {
      w.key("components");
      components(w, item.components, item.raw);
    }
    w.end_object();
  }
  w.end_array();
  return w.str();
}

std::string render_show(const catalog_snapshot& cat, const show& s,
                        const std::unordered_set<std::string>& services) {
  json_writer w;
  show_object(w, cat, s, services);
  return w.str();
}

std::string render_search(const catalog_snapshot& cat, const std::vector<std::uint32_t>& hits,
                          std::size_t total, const std::unordered_set<std::string>& services) {
  json_writer w;
  w.begin_object().member("total", total).key("items").begin_array();
  for (auto index : hits) show_object(w, cat, cat.at(index), services);
  w.end_array().end_object();
  return w.str();
}

std::string render_similar(const catalog_snapshot& cat,
                           const std::vector<std::pair<std::uint32_t, float>>& hits,
                           const std::unordered_set<std::string>& services) {
  json_writer w;
  w.begin_array();
  for (const auto& [index, sim] : hits) {
    w.begin_object();
    show_fields(w, cat, cat.at(index), services);
    w.member_rounded("similarity", sim, fit_places).end_object();
  }
  w.end_array();
  return w.str();
}

namespace {

void rating_fields(json_writer& w, const rating& r) {
  w.member("profile_id", r.profile_id)
      .member("show_id", r.show_id)
      .member("primary", static_cast<int>(r.primary))
      .member("score", r.score)
      .member("source", r.source)
      .member("ts", r.ts);
}

}  // namespace

std::string render_rating(const rating& r) {
  json_writer w;
  w.begin_object();
  rating_fields(w, r);
  w.end_object();
  return w.str();
}

std::string render_ratings(const std::vector<rating>& rs, const catalog_snapshot& cat) {
  std::vector<rating> sorted = rs;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const rating& a, const rating& b) { return a.ts > b.ts; });
  json_writer w;
  w.begin_array();
  for (const auto& r : sorted) {
    w.begin_object();
    rating_fields(w, r);
    const auto idx = cat.find(r.show_id);
    w.member("title", idx ? std::string_view(cat.at(*idx).title) : std::string_view()).end_object();
  }
  w.end_array();
  return w.str();
}

std::string render_tag(std::int64_t profile_id, const tag_pref& t) {
  json_writer w;
  w.begin_object()
      .member("profile_id", profile_id)
      .member("tag", t.tag)
      .member("liked", t.liked)
      .end_object();
  return w.str();
}

std::string render_tags(const std::vector<tag_pref>& ts) {
  json_writer w;
  w.array_of(ts, [](json_writer& o, const tag_pref& t) {
    o.begin_object().member("tag", t.tag).member("liked", t.liked).end_object();
  });
  return w.str();
}

std::string render_note(std::int64_t profile_id, const note& n) {
  json_writer w;
  w.begin_object()
      .member("profile_id", profile_id)
      .member("show_id", n.show_id)
      .member("text", n.text)
      .member("ts", n.ts)
      .end_object();
  return w.str();
}

std::string render_notes(const std::vector<note>& ns) {
  json_writer w;
  w.array_of(ns, [](json_writer& o, const note& n) {
    o.begin_object().member("show_id", n.show_id).member("text", n.text).member("ts", n.ts);
    o.end_object();
  });
  return w.str();
}

std::string render_household(const household& h) {
  json_writer w;
  household_object(w, h);
  return w.str();
}

std::string render_providers(const std::vector<provider>& ps) {
  json_writer w;
  w.array_of(ps, [](json_writer& o, const provider& p) {
    o.begin_object().member("id", p.id).member("name", p.name);
    o.member("free_to_air", p.free_to_air).end_object();
  });
  return w.str();
}

namespace {

void write_actors(json_writer& w, const std::vector<actor_info>& actors) {
  w.key("actors").array_of(actors, [](json_writer& o, const actor_info& a) {
    o.begin_object().member("name", a.name).member("state", a.state);
    o.member("instances", a.instances).member("mailbox", a.mailbox);
    o.member("processed", a.processed).end_object();
  });
}

}  // namespace

std::string render_actors(const std::vector<actor_info>& actors, std::size_t shows,
                          std::size_t profiles, std::string_view cache) {
  json_writer w;
  w.begin_object();
  write_actors(w, actors);
  w.member("shows", shows).member("profiles", profiles).member("cache", cache).end_object();
  return w.str();
}

std::string render_actor_list(const std::vector<actor_info>& actors) {
  json_writer w;
  w.begin_object();
  write_actors(w, actors);
  w.end_object();
  return w.str();
}

std::string render_admin_commands(const std::vector<admin_command>& commands) {
  json_writer w;
  w.begin_object().key("commands").array_of(commands, [](json_writer& o, const admin_command& c) {
    o.begin_object().member("ts", c.ts).member("admin", c.admin).member("command", c.command);
    o.member("detail", c.detail).member("status", c.status).end_object();
  });
  w.end_object();
  return w.str();
}

std::string render_health(std::size_t shows) {
  json_writer w;
  w.begin_object()
      .member("status", "ok")
      .member("shows", shows)
      .member("version", "0.1.0")
      .end_object();
  return w.str();
}

}  // namespace recs::net
