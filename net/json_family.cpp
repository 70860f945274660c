// Family Mix renderings (declared in net/json_codec.hpp), written through net::json_writer.
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "net/json_codec.hpp"
#include "net/json_fields.hpp"
#include "net/json_writer.hpp"

namespace recs::net {

namespace {

using internal::fit_places;

std::string_view name_of(const std::vector<profile>& profiles, std::int64_t id) {
  for (const auto& p : profiles)
    if (p.id == id) return p.name;
  return {};
}

void fits(json_writer& w, const family_watch& fw, const std::vector<profile>& profiles) {
  w.begin_array();
  for (const auto& [pid, fit] : fw.fits) {
    w.begin_object()
        .member("profile_id", pid)
        .member("name", name_of(profiles, pid))
        .member_rounded("fit", fit, fit_places)
        .end_object();
  }
  w.end_array();
}

void family_items(json_writer& w, const family_slate& s, bool explain) {
  const catalog_snapshot& cat = *s.catalog;
  const std::unordered_set<std::string> services(s.services.begin(), s.services.end());
  w.begin_array();
  for (const auto& item : s.items) {
    w.begin_object();
    internal::show_fields(w, cat, cat.at(item.index), services);
    double mean = 0;
    for (const auto& m : item.members) mean += m.fit;
    if (!item.members.empty()) mean /= static_cast<double>(item.members.size());
    w.member_rounded("fit", mean, fit_places)
        .member("family_strong", item.strong)
        .member("family_locked", item.locked)
        .member("rationale", item.rationale)
        .key("members")
        .begin_array();
    for (const auto& m : item.members) {
      w.begin_object()
          .member("profile_id", m.profile_id)
          .member("name", m.name)
          .member_rounded("fit", m.fit, fit_places)
          .key("reason")
          .string_or_null(m.reason)
          .end_object();
    }
    w.end_array();
    if (explain) {
      w.member_rounded("group_fit", item.group_fit, fit_places).member("score", item.score);
    }
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::string render_family(const family_slate& s, bool explain) {
  json_writer w;
  if (!explain) {
    family_items(w, s, false);
    return w.str();
  }
  w.begin_object().key("items");
  family_items(w, s, true);
  w.key("family")
      .begin_object()
      .key("members")
      .array(s.members)
      .key("strong_locked_ids")
      .array(s.strong_locked_ids)
      .key("warning");
  if (s.warning) {
    w.begin_object()
        .member("code", s.warning->code)
        .member("message", s.warning->message)
        .end_object();
  } else {
    w.null();
  }
  w.member("strong_min_fit", s.strong_min_fit)
      .member("strong_rule", to_string(s.rule))
      .end_object()
      .end_object();
  return w.str();
}

std::string render_family_watch(const family_watch& fw, const std::vector<profile>& profiles) {
  json_writer w;
  w.begin_object()
      .member("household_id", fw.household_id)
      .member("show_id", fw.show_id)
      .member("ts", fw.ts)
      .key("fits");
  fits(w, fw, profiles);
  w.end_object();
  return w.str();
}

std::string render_family_ledger(const std::vector<family_watch>& watches,
                                 const std::vector<profile>& profiles,
                                 const catalog_snapshot& cat) {
  const auto credit = fairness_credit(watches);
  json_writer w;
  w.begin_object().key("credit").begin_array();
  for (const auto& p : profiles) {
    const auto it = credit.find(p.id);
    w.begin_object()
        .member("profile_id", p.id)
        .member("name", p.name)
        .member_rounded("credit", it == credit.end() ? 0.0 : it->second, fit_places)
        .end_object();
  }
  w.end_array().key("watches").begin_array();
  for (const auto& fw : watches) {
    const auto idx = cat.find(fw.show_id);
    w.begin_object()
        .member("show_id", fw.show_id)
        .key("title")
        .string_or_null(idx ? std::string_view(cat.at(*idx).title) : std::string_view())
        .member("ts", fw.ts)
        .key("fits");
    fits(w, fw, profiles);
    w.end_object();
  }
  w.end_array().end_object();
  return w.str();
}

}  // namespace recs::net
