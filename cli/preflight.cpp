// `recsctl preflight`: the spec's quick checks and the Family Mix contract (see preflight.hpp).
#include "cli/preflight.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "cli/json_util.hpp"
#include "cli/profiles.hpp"

namespace recs::cli {

namespace {

check_result pass(std::string name, std::string detail) {
  return {std::move(name), check_outcome::pass, std::move(detail)};
}

check_result fail(std::string name, std::string detail) {
  return {std::move(name), check_outcome::fail, std::move(detail)};
}

check_result skip(std::string name, std::string detail) {
  return {std::move(name), check_outcome::skip, std::move(detail)};
}

/// "HTTP 404 (no profile ...)" for an answer that was not the expected status.
std::string unexpected(const api_answer& a) {
  return describe_error(a);
}

/// True when every item of `items` has a boolean family_strong; `bad` gets the first that
/// does not.
bool all_have_strong_flag(const rapidjson::Value& items, std::string& bad) {
  for (const auto& it : items.GetArray()) {
    const auto* f = member(it, "family_strong");
    if (f == nullptr || !f->IsBool()) {
      bad = str_of(it, "id", "an item");
      return false;
    }
  }
  return true;
}

std::string ids_head(const std::vector<std::string>& ids, std::size_t n = 3) {
  std::string s;
  for (std::size_t i = 0; i < ids.size() && i < n; ++i) s += (i ? " " : "") + ids[i];
  return s + (ids.size() > n ? " ..." : "");
}

/// Runs the checks with a runner that reports each as it is added.
class checks {
 public:
  explicit checks(const std::function<void(const check_result&)>& on) : on_(on) {}
  const check_result& add(check_result c) {
    all_.push_back(std::move(c));
    if (on_) on_(all_.back());
    return all_.back();
  }
  std::vector<check_result> take() { return std::move(all_); }

 private:
  const std::function<void(const check_result&)>& on_;
  std::vector<check_result> all_;
};

/// GETs a path; a transport error becomes an answer with status 0 and the message as body.
api_answer get(const api_client& api, const std::string& path) {
  auto a = api.call("GET", path);
  if (!a) return api_answer{0, a.err().message, {}};
  return std::move(*a);
}

std::string transport_or(const api_answer& a) {
  return a.status == 0 ? a.body : unexpected(a);
}

void quick_checks(const api_client& api, const preflight_options& o, checks& out) {
  const std::string who = o.for_ref.empty() ? "ross" : o.for_ref;
  const std::string q =
      "/recommendations?for=" + url_encode(who) + "&intent=default&seed=" + std::to_string(o.seed);

  // Same seed, same slate.
  const std::string same =
      "same seed gives the same slate (for=" + who + ", seed " + std::to_string(o.seed) + ")";
  api_answer first = get(api, q);
  auto ids1 = slate_ids(first);
  if (!ids1) {
    out.add(fail(same, ids1.err().message));
    return;
  }
  auto ids2 = slate_ids(get(api, q));
  if (!ids2) {
    out.add(fail(same, "second call: " + ids2.err().message));
    return;
  }
  if (ids1->empty()) {
    out.add(fail(same, "the slate is empty"));
    return;
  }
  if (*ids1 != *ids2) {
    out.add(fail(same, "first: " + ids_head(*ids1) + "; second: " + ids_head(*ids2)));
    return;
  }
  auto doc = parse_json(first.body);
  std::string title;
  if (doc && doc->IsArray() && !doc->Empty()) title = " (" + str_of((*doc)[0], "title") + ")";
  out.add(pass(same, std::to_string(ids1->size()) + " items, top " + ids1->front() + title));

  // BAD on the top changes the top; then the rating is deleted again.
  const std::string top = ids1->front();
  const std::string bad = "rating the top BAD changes the top for the same seed";
  api_answer profiles = get(api, "/me/profiles");
  if (profiles.status != 200) {
    out.add(fail(bad, "GET /me/profiles: " + transport_or(profiles)));
    return;
  }
  auto pdoc = parse_json(profiles.body);
  std::optional<profile_ref> p = pdoc ? find_profile(*pdoc, who) : std::nullopt;
  if (!p) {
    out.add(fail(bad, "no profile '" + who + "' in GET /me/profiles"));
    return;
  }
  const std::string pid = std::to_string(p->id);
  auto rated = api.call("POST", "/ratings",
                        "{\"profile_id\":" + pid + ",\"show_id\":\"" + top + "\",\"primary\":0}");
  if (!rated || rated->status != 201) {
    out.add(fail(bad, "POST /ratings: " + (rated ? unexpected(*rated) : rated.err().message)));
    return;
  }
  auto after = slate_ids(get(api, q));
  if (!after) {
    out.add(fail(bad, "after the rating: " + after.err().message));
  } else if (after->empty()) {
    out.add(fail(bad, "the slate is empty after the rating"));
  } else if (after->front() == top) {
    out.add(fail(bad, "the top is still " + top));
  } else if (std::find(after->begin(), after->end(), top) != after->end()) {
    out.add(fail(bad, "the top moved to " + after->front() + " but " + top + " is still listed"));
  } else {
    out.add(pass(bad, "top " + top + " -> " + after->front() + ", " + top + " left the slate"));
  }

  const std::string undo = "the preflight rating is deleted again";
  auto del = api.call("DELETE", "/ratings?profile_id=" + pid + "&show_id=" + url_encode(top));
  if (!del || del->status != 204) {
    out.add(fail(undo, "DELETE /ratings: " + (del ? unexpected(*del) : del.err().message) +
                           "; delete it by hand: recsctl --help"));
    return;
  }
  auto restored = slate_ids(get(api, q));
  std::string note = restored && !restored->empty() && restored->front() == top
                         ? "; " + top + " is back on top"
                         : "";
  out.add(pass(undo, "DELETE /ratings answered 204" + note));
}

void metrics_and_freshness(const api_client& api, checks& out) {
  out.add(judge_metrics(get(api, "/metrics")));

  const std::string fresh = "freshness readable (admin)";
  api_answer me = get(api, "/me");
  auto me_doc = parse_json(me.body);
  if (me.status == 401 || (me.status == 200 && me_doc && !bool_of(*me_doc, "admin"))) {
    if (me.status == 401 && !api.has_token()) {
      out.add(skip(fresh, "no token: set --token or RECS_TOKEN"));
    } else {
      out.add(skip(fresh, "the token is not an admin's"));
    }
    return;
  }
  if (me.status != 200) {
    out.add(fail(fresh, "GET /me: " + transport_or(me)));
    return;
  }
  api_answer f = get(api, "/admin/freshness");
  if (f.status != 200) {
    out.add(fail(fresh, "GET /admin/freshness: " + transport_or(f)));
    return;
  }
  auto doc = parse_json(f.body);
  const rapidjson::Value* shows = doc ? member(*doc, "shows") : nullptr;
  if (!doc || member(*doc, "offers_last_checked") == nullptr || shows == nullptr) {
    out.add(fail(fresh, "no offers_last_checked / shows in " + f.body.substr(0, 200)));
    return;
  }
  out.add(pass(fresh, str_of(*shows, "total", "0") + " shows, " + str_of(*shows, "verified", "0") +
                          " verified, " + str_of(*shows, "never_checked", "0") +
                          " never checked; offers last checked " +
                          str_of(*doc, "offers_last_checked", "never")));
}

void family_checks(const api_client& api, const preflight_options& o, checks& out) {
  std::string q = "/recommendations?intent=family_mix&seed=" + std::to_string(o.seed);
  if (!o.for_ref.empty()) q += "&for=" + url_encode(o.for_ref);
  api_answer plain = get(api, q);
  out.add(judge_family_default(plain));
  api_answer explained = get(api, q + "&explain=true");
  out.add(judge_family_explain(explained));

  const std::string order = "explain=true keeps the order of the default answer";
  auto a = slate_ids(plain);
  auto b = slate_ids(explained);
  if (!a || !b) {
    out.add(fail(order, !a ? "default: " + a.err().message : "explain: " + b.err().message));
  } else if (*a != *b) {
    out.add(fail(order, "default: " + ids_head(*a) + "; explain: " + ids_head(*b)));
  } else {
    out.add(pass(order, std::to_string(a->size()) + " items in the same order"));
  }
}

}  // namespace

result<std::vector<std::string>> slate_ids(const api_answer& a) {
  if (a.status == 0) return error{errc::unavailable, a.body};
  if (a.status != 200) return error{errc::invalid_argument, unexpected(a)};
  auto doc = parse_json(a.body);
  if (!doc) return doc.err();
  const rapidjson::Value* items = doc->IsArray() ? &*doc : member(*doc, "items");
  if (items == nullptr || !items->IsArray())
    return error{errc::invalid_argument, "the answer is not a list of items"};
  std::vector<std::string> ids;
  for (const auto& it : items->GetArray()) {
    std::string id = str_of(it, "id");
    if (id.empty()) return error{errc::invalid_argument, "an item has no id"};
    ids.push_back(std::move(id));
  }
  return ids;
}

check_result judge_health(const api_answer& a) {
  const std::string name = "healthz";
  if (a.status == 0) return fail(name, a.body);
  if (a.status != 200) return fail(name, unexpected(a));
  auto doc = parse_json(a.body);
  if (!doc) return fail(name, doc.err().message);
  if (str_of(*doc, "status") != "ok") return fail(name, "status is not ok: " + a.body);
  return pass(name, "ok, " + str_of(*doc, "shows", "?") + " shows, version " +
                        str_of(*doc, "version", "?"));
}

check_result judge_metrics(const api_answer& a) {
  const std::string name = "/metrics has recs_request_latency_ms";
  if (a.status == 0) return fail(name, a.body);
  if (a.status != 200) return fail(name, unexpected(a));
  std::size_t series = 0;
  for (std::size_t at = a.body.find("\nrecs_request_latency_ms"); at != std::string::npos;
       at = a.body.find("\nrecs_request_latency_ms", at + 1))
    ++series;
  if (a.body.rfind("recs_request_latency_ms", 0) == 0) ++series;
  if (series == 0) return fail(name, "no recs_request_latency_ms series in the answer");
  return pass(name, std::to_string(series) + " sample lines");
}

check_result judge_family_default(const api_answer& a) {
  const std::string name = "Family Mix default answer is an array with boolean family_strong";
  if (a.status == 0) return fail(name, a.body);
  if (a.status != 200) return fail(name, unexpected(a));
  auto doc = parse_json(a.body);
  if (!doc) return fail(name, doc.err().message);
  if (!doc->IsArray()) return fail(name, "the answer is not a JSON array");
  std::string bad;
  if (!all_have_strong_flag(*doc, bad)) return fail(name, bad + " has no boolean family_strong");
  std::size_t strong = 0;
  for (const auto& it : doc->GetArray()) strong += bool_of(it, "family_strong") ? 1 : 0;
  if (doc->Empty()) return pass(name, "an empty array (nothing else to check)");
  return pass(name, std::to_string(doc->Size()) + " items, " + std::to_string(strong) + " strong");
}

check_result judge_family_explain(const api_answer& a) {
  const std::string name = "Family Mix explain=true gives {items, family} per the contract";
  if (a.status == 0) return fail(name, a.body);
  if (a.status != 200) return fail(name, unexpected(a));
  auto doc = parse_json(a.body);
  if (!doc) return fail(name, doc.err().message);
  if (!doc->IsObject()) return fail(name, "the answer is not a JSON object");
  const auto* items = member(*doc, "items");
  if (items == nullptr || !items->IsArray()) return fail(name, "no items array");
  std::string bad;
  if (!all_have_strong_flag(*items, bad)) return fail(name, bad + " has no boolean family_strong");
  const auto* fam = member(*doc, "family");
  if (fam == nullptr || !fam->IsObject()) return fail(name, "no family object");
  const auto* locked = member(*fam, "strong_locked_ids");
  if (locked == nullptr || !locked->IsArray())
    return fail(name, "family.strong_locked_ids is not an array");
  const auto* min_fit = member(*fam, "strong_min_fit");
  if (min_fit == nullptr || !min_fit->IsNumber())
    return fail(name, "family.strong_min_fit is not a number");
  const std::string rule = str_of(*fam, "strong_rule");
  if (rule != "min" && rule != "avg")
    return fail(name, "family.strong_rule is '" + rule + "', not min or avg");
  for (const auto& id : locked->GetArray()) {
    if (!id.IsString()) return fail(name, "family.strong_locked_ids holds a non-string");
    bool found = false;
    for (const auto& it : items->GetArray())
      if (str_of(it, "id") == id.GetString()) found = bool_of(it, "family_strong");
    if (!found)
      return fail(name, std::string("locked id ") + id.GetString() + " is not a strong item");
  }
  std::size_t strong = 0;
  for (const auto& it : items->GetArray()) strong += bool_of(it, "family_strong") ? 1 : 0;
  const auto* w = member(*fam, "warning");
  const bool warned = w != nullptr && w->IsObject();
  if (strong == 0 && (!warned || str_of(*w, "code") != "no_strong_pick"))
    return fail(name, "no strong item but no warning {code: no_strong_pick}");
  if (strong > 0 && w != nullptr && !w->IsNull())
    return fail(name, std::to_string(strong) + " strong item(s) and yet a warning");
  std::string detail = std::to_string(items->Size()) + " items, " + std::to_string(strong) +
                       " strong, " + std::to_string(locked->Size()) + " locked; rule " + rule +
                       " >= " + fixed(min_fit->GetDouble(), 2);
  if (warned) detail += "; warning " + str_of(*w, "code");
  return pass(name, detail);
}

std::string render_check(const check_result& c) {
  const char* tag = c.outcome == check_outcome::pass   ? "PASS"
                    : c.outcome == check_outcome::skip ? "SKIP"
                                                       : "FAIL";
  return std::string(tag) + "  " + c.name + (c.detail.empty() ? "" : ": " + c.detail);
}

std::string render_checks_json(const std::vector<check_result>& checks) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  int passed = 0, failed = 0, skipped = 0;
  for (const auto& c : checks) {
    passed += c.outcome == check_outcome::pass;
    failed += c.outcome == check_outcome::fail;
    skipped += c.outcome == check_outcome::skip;
  }
  w.StartObject();
  w.Key("ok");
  w.Bool(failed == 0);
  w.Key("passed");
  w.Int(passed);
  w.Key("failed");
  w.Int(failed);
  w.Key("skipped");
  w.Int(skipped);
  w.Key("checks");
  w.StartArray();
  for (const auto& c : checks) {
    w.StartObject();
    w.Key("name");
    w.String(c.name.c_str(), static_cast<rapidjson::SizeType>(c.name.size()));
    w.Key("result");
    w.String(c.outcome == check_outcome::pass   ? "pass"
             : c.outcome == check_outcome::skip ? "skip"
                                                : "fail");
    w.Key("detail");
    w.String(c.detail.c_str(), static_cast<rapidjson::SizeType>(c.detail.size()));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

std::vector<check_result> run_preflight(const api_client& api, const preflight_options& o,
                                        const std::function<void(const check_result&)>& on_check) {
  checks out(on_check);
  if (out.add(judge_health(get(api, "/healthz"))).outcome != check_outcome::pass) return out.take();
  if (o.family) {
    family_checks(api, o, out);
  } else {
    quick_checks(api, o, out);
    metrics_and_freshness(api, out);
  }
  return out.take();
}

}  // namespace recs::cli
