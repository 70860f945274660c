// Text views of the service's JSON answers (see views.hpp).
#include "cli/views.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "cli/json_util.hpp"
#include "cli/table.hpp"

namespace recs::cli {

namespace {

std::string or_dash(const std::string& s) {
  return s.empty() ? "-" : s;
}

/// A time member: a unix number as format_time, a string (RFC 3339) as it is, else "-".
std::string time_of(const rapidjson::Value& v, const char* key) {
  const auto* m = member(v, key);
  if (m == nullptr || m->IsNull()) return "-";
  if (m->IsNumber()) return format_time(int_of(v, key));
  return or_dash(str_of(v, key));
}

/// The array an answer holds directly or under `key`; nullptr when neither.
const rapidjson::Value* array_in(const rapidjson::Value& answer, const char* key) {
  if (answer.IsArray()) return &answer;
  const auto* m = member(answer, key);
  return m != nullptr && m->IsArray() ? m : nullptr;
}

std::string components_line(const rapidjson::Value& item) {
  const auto* c = member(item, "components");
  if (c == nullptr || !c->IsObject()) return "";
  std::vector<std::pair<std::string, double>> parts;
  for (auto it = c->MemberBegin(); it != c->MemberEnd(); ++it) {
    if (!it->value.IsNumber()) continue;
    std::string k(it->name.GetString(), it->name.GetStringLength());
    if (k == "raw") continue;
    if (it->value.GetDouble() != 0) parts.emplace_back(k, it->value.GetDouble());
  }
  std::stable_sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
    return std::fabs(a.second) > std::fabs(b.second);
  });
  std::string s;
  for (const auto& [k, v] : parts) s += (s.empty() ? "" : ", ") + k + " " + fixed(v, 3);
  if (member(*c, "raw") != nullptr)
    s += (s.empty() ? "" : "; ") + std::string("raw ") + fixed(num_of(*c, "raw"), 3);
  return s;
}

std::string family_block(const rapidjson::Value& family) {
  std::string s = "Family Mix:";
  if (const auto* m = member(family, "members"); m != nullptr && m->IsArray())
    s += " members " + to_json(*m) + ";";
  s += " strong = " + or_dash(str_of(family, "strong_rule")) +
       " of the fits >= " + or_dash(str_of(family, "strong_min_fit")) + "\n";
  std::string locked;
  if (const auto* l = member(family, "strong_locked_ids"); l != nullptr && l->IsArray())
    for (const auto& id : l->GetArray())
      if (id.IsString()) locked += (locked.empty() ? "" : ", ") + std::string(id.GetString());
  s += "  strong picks locked on top: " + (locked.empty() ? std::string("none") : locked) + "\n";
  if (const auto* w = member(family, "warning"); w != nullptr && w->IsObject())
    s += "  warning " + str_of(*w, "code") + ": " + str_of(*w, "message") + "\n";
  return s;
}

}  // namespace

std::string render_where(const rapidjson::Value& item) {
  const auto* av = member(item, "availability");
  if (av == nullptr || !av->IsArray()) return "-";
  std::vector<std::string> mine, others;
  for (const auto& o : av->GetArray()) {
    std::string name = str_of(o, "name", str_of(o, "provider"));
    if (name.empty()) continue;
    const bool on_mine = bool_of(o, "on_my_services");
    auto& list = on_mine ? mine : others;
    std::string shown = on_mine ? name + "*" : name;
    bool seen = false;
    for (const auto* l : {&mine, &others})
      for (const auto& x : *l)
        if (x == name || x == name + "*") seen = true;
    if (!seen) list.push_back(shown);
  }
  std::string s;
  for (const auto* l : {&mine, &others})
    for (const auto& x : *l) s += (s.empty() ? "" : ", ") + x;
  return or_dash(s);
}

std::string render_slate(const rapidjson::Value& answer, bool explain) {
  const auto* items = array_in(answer, "items");
  if (items == nullptr) return "(the answer has no items)\n";
  if (items->Empty()) return "(no recommendations)\n";
  bool family = !answer.IsArray();
  for (const auto& it : items->GetArray())
    if (member(it, "members") != nullptr) family = true;
  table t;
  t.headers = {"#", "title", "year", "fit", "where to watch"};
  t.max_width = {0, 40, 0, 0, 44};
  t.right_aligned = {0, 2, 3};
  if (family) t.headers.emplace_back("family");
  bool starred = false;
  int rank = 0;
  for (const auto& it : items->GetArray()) {
    std::vector<std::string> row = {
        std::to_string(++rank), or_dash(str_of(it, "title", str_of(it, "id"))),
        or_dash(str_of(it, "year")), member(it, "fit") ? fixed(num_of(it, "fit"), 2) : "-",
        render_where(it)};
    starred = starred || row[4].find('*') != std::string::npos;
    if (family) {
      std::string f = bool_of(it, "family_strong") ? "strong" : "";
      if (bool_of(it, "family_locked")) f += f.empty() ? "locked" : ", locked";
      row.push_back(f);
    }
    t.rows.push_back(std::move(row));
  }
  std::string s = t.render();
  if (starred) s += "* on your household's services\n";
  if (explain) {
    rank = 0;
    s += "\n";
    for (const auto& it : items->GetArray()) {
      s += std::to_string(++rank) + ". " + str_of(it, "title") + " (" + str_of(it, "id") + ")\n";
      std::string why = str_of(it, "rationale");
      if (!why.empty()) s += "   why: " + why + "\n";
      std::string comps = components_line(it);
      if (!comps.empty()) s += "   components: " + comps + "\n";
    }
    if (const auto* fam = member(answer, "family"); fam != nullptr && fam->IsObject())
      s += "\n" + family_block(*fam);
  }
  return s;
}

std::string render_rating(const rapidjson::Value& r, const std::string& profile_name) {
  static const char* verdicts[] = {"bad", "good", "loved"};
  const auto p = int_of(r, "primary", -1);
  std::string verdict = p >= 0 && p <= 2 ? verdicts[p] : str_of(r, "primary");
  std::string s = "Rated " + str_of(r, "show_id") + " " + verdict + " for " + profile_name;
  if (const auto* sc = member(r, "score"); sc != nullptr && sc->IsNumber())
    s += " (score " + str_of(r, "score") + ")";
  return s + ".\n";
}

std::string render_job_line(const rapidjson::Value& j) {
  std::string s = str_of(j, "source") + " " + str_of(j, "job") + ": " + str_of(j, "state");
  if (int_of(j, "run_id") > 0) s += ", run " + str_of(j, "run_id");
  if (const auto* p = member(j, "progress")) {
    if (int_of(*p, "total") > 0)
      s += ", " + str_of(*p, "done") + "/" + str_of(*p, "total") + " done";
  }
  return s + "\n";
}

std::string render_jobs(const rapidjson::Value& answer) {
  const auto* jobs = array_in(answer, "jobs");
  if (jobs == nullptr || jobs->Empty()) return "(no sync jobs)\n";
  table t;
  t.headers = {"source", "job",      "state",    "progress", "changed",
               "failed", "last run", "finished", "next run"};
  t.right_aligned = {4, 5};
  std::string messages;
  for (const auto& j : jobs->GetArray()) {
    std::string progress = "-", changed = "-", failed = "-";
    if (const auto* p = member(j, "progress")) {
      if (int_of(*p, "total") > 0 || int_of(*p, "done") > 0)
        progress = str_of(*p, "done") + "/" + str_of(*p, "total");
      changed = str_of(*p, "changed", "-");
      failed = str_of(*p, "failed", "-");
    }
    std::string last = "-", finished = "-";
    if (const auto* l = member(j, "last_run")) {
      last = or_dash(str_of(*l, "status"));
      finished = time_of(*l, "finished_ts");
      std::string msg = str_of(*l, "message");
      if (!msg.empty()) messages += "  " + str_of(j, "source") + ": " + msg + "\n";
    }
    t.rows.push_back({str_of(j, "source"), str_of(j, "job"), str_of(j, "state"), progress, changed,
                      failed, last, finished, time_of(j, "next_run_ts")});
  }
  std::string s = t.render();
  if (!messages.empty()) s += "\nLast run messages:\n" + messages;
  return s;
}

std::string render_plan(const rapidjson::Value& plan) {
  std::string s = "Plan of " + str_of(plan, "job", "daily_refresh") +
                  " (dry run): " + str_of(plan, "planned", "0") + " of " +
                  str_of(plan, "due_total", "0") + " due titles (limit " +
                  str_of(plan, "limit", "-") + ", stale after " +
                  str_of(plan, "stale_after_days", "-") + " days); upstream " +
                  (bool_of(plan, "upstream_enabled") ? "enabled" : "disabled") + "\n";
  const auto* items = member(plan, "items");
  if (items == nullptr || !items->IsArray() || items->Empty()) return s + "(nothing due)\n";
  table t;
  t.headers = {"#", "show", "title", "year", "last checked", "reason"};
  t.max_width = {0, 0, 40};
  t.right_aligned = {0, 3};
  int n = 0;
  for (const auto& it : items->GetArray())
    t.rows.push_back({std::to_string(++n), str_of(it, "show_id"), str_of(it, "title"),
                      or_dash(str_of(it, "year")), time_of(it, "last_checked_ts"),
                      str_of(it, "reason")});
  return s + "\n" + t.render();
}

std::string render_freshness(const rapidjson::Value& f, std::int64_t now) {
  auto when = [&](const char* key) {
    const std::int64_t ts = int_of(f, key);
    if (ts <= 0) return std::string("never");
    return format_time(ts) + (now >= ts ? " (" + format_age(now - ts) + " ago)" : "");
  };
  std::string s;
  s += "offers last checked:  " + when("offers_last_checked") + "\n";
  s += "serializd last seen:  " + when("serializd_last_seen") + "\n";
  s += "stale after:          " + str_of(f, "stale_after_days", "-") + " days\n";
  if (const auto* sh = member(f, "shows")) {
    s += "shows:                " + str_of(*sh, "total", "0") + " total, " +
         str_of(*sh, "verified", "0") + " verified, " + str_of(*sh, "stale", "0") + " stale, " +
         str_of(*sh, "never_checked", "0") + " never checked\n";
  }
  const std::int64_t next = int_of(f, "next_daily_refresh");
  s += "next daily refresh:   " +
       (next > 0 ? format_time(next) + (next >= now ? " (in " + format_age(next - now) + ")" : "")
                 : std::string("none (the JustWatch sync is off)")) +
       "\n";
  return s;
}

std::string render_status(const rapidjson::Value& st) {
  std::string s = "shows: " + str_of(st, "shows", "-") +
                  "  profiles: " + str_of(st, "profiles", "-") +
                  "  cache: " + str_of(st, "cache", "-") + "\n";
  const auto* actors = member(st, "actors");
  if (actors == nullptr || !actors->IsArray()) return s;
  table t;
  t.headers = {"actor", "state"};
  for (const auto& a : actors->GetArray())
    t.rows.push_back({str_of(a, "name"), str_of(a, "state")});
  return s + "\n" + t.render();
}

std::string render_actors(const rapidjson::Value& answer) {
  const auto* actors = array_in(answer, "actors");
  if (actors == nullptr || actors->Empty()) return "(no actors)\n";
  table t;
  t.headers = {"actor", "state", "instances", "mailbox", "processed"};
  t.right_aligned = {2, 3, 4};
  for (const auto& a : actors->GetArray())
    t.rows.push_back({str_of(a, "name"), str_of(a, "state"), str_of(a, "instances", "-"),
                      str_of(a, "mailbox", "-"), str_of(a, "processed", "-")});
  return t.render();
}

std::string render_alerts(const rapidjson::Value& answer, bool firing_only) {
  std::string s = str_of(answer, "count", "0") + " alerts kept (" + str_of(answer, "firing", "0") +
                  " firing, capacity " + str_of(answer, "capacity", "-") + ")\n";
  const auto* alerts = array_in(answer, "alerts");
  if (alerts == nullptr) return s;
  table t;
  t.headers = {"status", "severity", "alert", "summary", "since", "last received", "sent"};
  t.max_width = {0, 0, 28, 50};
  t.right_aligned = {6};
  for (const auto& a : alerts->GetArray()) {
    if (firing_only && str_of(a, "status") != "firing") continue;
    std::string severity = str_of(a, "severity");
    if (severity.empty())
      if (const auto* l = member(a, "labels")) severity = str_of(*l, "severity");
    t.rows.push_back({str_of(a, "status"), or_dash(severity), str_of(a, "name"),
                      or_dash(str_of(a, "summary")), time_of(a, "starts_at"),
                      time_of(a, "last_received_ts"), str_of(a, "notifications", "-")});
  }
  if (t.rows.empty()) return s + (firing_only ? "(none firing)\n" : "(no alerts)\n");
  return s + "\n" + t.render();
}

std::string render_commands(const rapidjson::Value& answer) {
  const auto* cmds = array_in(answer, "commands");
  if (cmds == nullptr || cmds->Empty()) return "(no admin commands yet)\n";
  table t;
  t.headers = {"time", "admin", "command", "detail", "status"};
  t.max_width = {0, 32, 0, 48};
  t.right_aligned = {4};
  for (const auto& c : cmds->GetArray())
    t.rows.push_back({time_of(c, "ts"), str_of(c, "admin"), str_of(c, "command"),
                      or_dash(str_of(c, "detail")), str_of(c, "status", "-")});
  return t.render();
}

std::string render_command_answer(const rapidjson::Value& answer, int status) {
  std::string s = str_of(answer, "command", "command") + ": " +
                  (status == 202 ? "accepted, running in the background" : "ok");
  std::string extra;
  if (answer.IsObject()) {
    for (auto it = answer.MemberBegin(); it != answer.MemberEnd(); ++it) {
      std::string k(it->name.GetString(), it->name.GetStringLength());
      if (k == "command") continue;
      extra += (extra.empty() ? "" : ", ") + k + "=" +
               (it->value.IsString() ? std::string(it->value.GetString()) : to_json(it->value));
    }
  }
  return s + (extra.empty() ? "" : " (" + extra + ")") + "\n";
}

std::string render_import_report(const rapidjson::Value& r) {
  std::string s =
      std::string(r.HasMember("dry_run") && r["dry_run"].IsTrue() ? "would import" : "imported") +
      " " + str_of(r, "format") + " into profile " + std::to_string(int_of(r, "profile_id")) +
      ": " + std::to_string(int_of(r, "shows")) + " shows, " +
      std::to_string(int_of(r, "matched")) + " matched: " + std::to_string(int_of(r, "added")) +
      " added, " + std::to_string(int_of(r, "updated")) + " updated, " +
      std::to_string(int_of(r, "already")) + " already there; " +
      std::to_string(int_of(r, "unmatched")) + " unmatched, " +
      std::to_string(int_of(r, "ambiguous")) + " ambiguous, " +
      std::to_string(int_of(r, "skipped")) + " rows skipped\n";
  auto problems = [&s, &r](const char* key, const char* heading) {
    const auto* items = member(r, key);
    if (items == nullptr || !items->IsArray() || items->Empty()) return;
    s += heading;
    for (const auto& p : items->GetArray()) {
      s += "  line " + std::to_string(int_of(p, "line")) + ": " + str_of(p, "title");
      if (int_of(p, "year") != 0) s += " (" + std::to_string(int_of(p, "year")) + ")";
      std::string cands;
      if (const auto* cs = member(p, "candidates"); cs != nullptr && cs->IsArray())
        for (const auto& x : cs->GetArray())
          cands += (cands.empty() ? "" : ", ") + str_of(x, "title") + " (" +
                   std::to_string(int_of(x, "year")) + ", " + str_of(x, "id") + ")";
      s += cands.empty() ? "\n" : " -> " + cands + "\n";
    }
  };
  problems("unmatched_items", "not in the catalog (closest shows):\n");
  problems("ambiguous_items", "fits several shows (rate the right one in the app):\n");
  if (const auto* notes = member(r, "notes"); notes != nullptr && notes->IsArray())
    for (const auto& n : notes->GetArray())
      if (n.IsString()) s += "note: " + std::string(n.GetString(), n.GetStringLength()) + "\n";
  return s;
}

}  // namespace recs::cli
