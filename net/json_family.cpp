// Family Mix renderings (declared in net/json_codec.hpp).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <unordered_map>

#include "net/json_codec.hpp"
#include "net/json_fields.hpp"

namespace recs::net {

namespace {

using namespace internal;

std::string name_of(const std::vector<profile>& profiles, std::int64_t id) {
  for (const auto& p : profiles)
    if (p.id == id) return p.name;
  return {};
}

void fits(writer& w, const family_watch& fw, const std::vector<profile>& profiles) {
  w.StartArray();
  for (const auto& [pid, fit] : fw.fits) {
    w.StartObject();
    key(w, "profile_id");
    w.Int64(pid);
    key(w, "name");
    str(w, name_of(profiles, pid));
    key(w, "fit");
    round3(w, fit);
    w.EndObject();
  }
  w.EndArray();
}

void family_items(writer& w, const family_slate& s, bool explain) {
  const catalog_snapshot& cat = *s.catalog;
  const std::unordered_set<std::string> services(s.services.begin(), s.services.end());
  w.StartArray();
  for (const auto& item : s.items) {
    w.StartObject();
    show_fields(w, cat, cat.at(item.index), services);
    double mean = 0;
    for (const auto& m : item.members) mean += m.fit;
    if (!item.members.empty()) mean /= static_cast<double>(item.members.size());
    key(w, "fit");
    round3(w, mean);
    key(w, "family_strong");
    w.Bool(item.strong);
    key(w, "family_locked");
    w.Bool(item.locked);
    key(w, "rationale");
    str(w, item.rationale);
    key(w, "members");
    w.StartArray();
    for (const auto& m : item.members) {
      w.StartObject();
      key(w, "profile_id");
      w.Int64(m.profile_id);
      key(w, "name");
      str(w, m.name);
      key(w, "fit");
      round3(w, m.fit);
      key(w, "reason");
      str_or_null(w, m.reason);
      w.EndObject();
    }
    w.EndArray();
    if (explain) {
      key(w, "group_fit");
      round3(w, item.group_fit);
      key(w, "score");
      w.Double(item.score);
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string render_family(const family_slate& s, bool explain) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  if (!explain) {
    family_items(w, s, false);
    return done(sb);
  }
  w.StartObject();
  key(w, "items");
  family_items(w, s, true);
  key(w, "family");
  w.StartObject();
  key(w, "members");
  w.StartArray();
  for (auto id : s.members) w.Int64(id);
  w.EndArray();
  key(w, "strong_locked_ids");
  strings(w, s.strong_locked_ids);
  key(w, "warning");
  if (s.warning) {
    w.StartObject();
    key(w, "code");
    str(w, s.warning->code);
    key(w, "message");
    str(w, s.warning->message);
    w.EndObject();
  } else {
    w.Null();
  }
  key(w, "strong_min_fit");
  w.Double(s.strong_min_fit);
  key(w, "strong_rule");
  str(w, to_string(s.rule));
  w.EndObject();
  w.EndObject();
  return done(sb);
}

std::string render_family_watch(const family_watch& fw, const std::vector<profile>& profiles) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  key(w, "household_id");
  w.Int64(fw.household_id);
  key(w, "show_id");
  str(w, fw.show_id);
  key(w, "ts");
  w.Int64(fw.ts);
  key(w, "fits");
  fits(w, fw, profiles);
  w.EndObject();
  return done(sb);
}

std::string render_family_ledger(const std::vector<family_watch>& watches,
                                 const std::vector<profile>& profiles,
                                 const catalog_snapshot& cat) {
  const auto credit = fairness_credit(watches);
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  key(w, "credit");
  w.StartArray();
  for (const auto& p : profiles) {
    auto it = credit.find(p.id);
    w.StartObject();
    key(w, "profile_id");
    w.Int64(p.id);
    key(w, "name");
    str(w, p.name);
    key(w, "credit");
    round3(w, it == credit.end() ? 0.0 : it->second);
    w.EndObject();
  }
  w.EndArray();
  key(w, "watches");
  w.StartArray();
  for (const auto& fw : watches) {
    w.StartObject();
    key(w, "show_id");
    str(w, fw.show_id);
    key(w, "title");
    auto idx = cat.find(fw.show_id);
    str_or_null(w, idx ? cat.at(*idx).title : std::string());
    key(w, "ts");
    w.Int64(fw.ts);
    key(w, "fits");
    fits(w, fw, profiles);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return done(sb);
}

}  // namespace recs::net
