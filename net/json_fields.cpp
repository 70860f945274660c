#include "net/json_fields.hpp"

#include "recsys/spoiler_filter.hpp"

namespace recs::net::internal {

namespace {

bool watchable(monetization m) {
  return m == monetization::flatrate || m == monetization::free || m == monetization::ads;
}

}  // namespace

void offers(json_writer& w, const catalog_snapshot& cat, const show& s,
            const std::unordered_set<std::string>& services) {
  w.begin_array();
  for (const auto& o : s.offers) {
    const provider* p = cat.find_provider(o.provider);
    w.begin_object()
        .member("provider", o.provider)
        .member("name", p != nullptr ? p->name : o.provider)
        .member("monetization", to_string(o.type))
        .member("status", o.inferred ? "inferred" : "verified")
        .member("basis", o.basis)
        .key("last_checked_ts");
    if (o.last_checked_ts > 0) {
      w.value(o.last_checked_ts);
    } else {
      w.null();
    }
    w.key("url")
        .string_or_null(o.url)
        .key("available_to")
        .string_or_null(o.available_to)
        .member("on_my_services", watchable(o.type) && services.count(o.provider) != 0)
        .end_object();
  }
  w.end_array();
}

void household_object(json_writer& w, const household& h) {
  w.begin_object().member("id", h.id).member("name", h.name);
  w.key("services").array(h.services).end_object();
}

void show_fields(json_writer& w, const catalog_snapshot& cat, const show& s,
                 const std::unordered_set<std::string>& services) {
  w.member("id", s.id)
      .member("title", s.title)
      .member("year", s.year)
      .member("classification", to_string(s.rating))
      .key("genres")
      .array(s.genres)
      .member("seasons", s.seasons)
      .member("runtime", s.runtime)
      // Spoiler-averse: later-season events, deaths and twists are cut, or the whole premise is
      // replaced by genre and classification text; the raw text never leaves the service.
      .member("premise", sanitize_premise(s).text)
      .key("availability");
  offers(w, cat, s, services);
}

}  // namespace recs::net::internal
