#include "net/json_lists.hpp"

#include <algorithm>

#include "net/json_fields.hpp"
#include "net/json_read.hpp"
#include "net/json_writer.hpp"

namespace recs::net {

using internal::bad;
using internal::need_profile_id;
using internal::need_profile_show;
using internal::need_string;
using internal::parse_object;

result<feedback_body> parse_feedback_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  feedback_body out;
  auto head = need_profile_show(*d);
  if (!head) return head.err();
  out.profile_id = head->profile_id;
  out.show_id = std::move(head->show_id);
  auto kind = need_string(*d, "kind", 1, 32);
  if (!kind) return kind.err();
  auto k = parse_feedback_kind(*kind);
  if (!k) return bad("kind must be not_interested, not_tonight or seen");
  out.kind = *k;
  return out;
}

result<watch_body> parse_watch_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  watch_body out;
  auto sid = need_string(*d, "show_id", 1, 64);
  if (!sid) return sid.err();
  out.show_id = std::move(*sid);
  const bool has_profile = d->HasMember("profile_id");
  const bool has_list = d->HasMember("list");
  if (has_profile == has_list)
    return bad("give either profile_id (a profile's watchlist) or \"list\": \"household\"");
  if (has_list) {
    auto list = need_string(*d, "list", 1, 16);
    if (!list) return list.err();
    if (*list != "household") return bad("list must be \"household\"");
    return out;
  }
  auto pid = need_profile_id(*d);
  if (!pid) return pid.err();
  out.profile_id = *pid;
  return out;
}

result<std::vector<std::int64_t>> parse_inbox_read_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  auto all = d->FindMember("all");
  if (all != d->MemberEnd() && !all->value.IsBool()) return bad("all must be true or false");
  const bool every = all != d->MemberEnd() && all->value.GetBool();
  auto ids = d->FindMember("ids");
  if (ids == d->MemberEnd()) {
    if (every) return std::vector<std::int64_t>{};
    return bad("give ids (the alerts to mark read) or \"all\": true");
  }
  if (!ids->value.IsArray() || ids->value.Empty() || ids->value.Size() > 500)
    return bad("ids must be an array of 1 to 500 alert ids");
  if (every) return bad("give ids or \"all\": true, not both");
  std::vector<std::int64_t> out;
  for (const auto& v : ids->value.GetArray()) {
    if (!v.IsInt64() || v.GetInt64() < 1) return bad("ids must be positive integers");
    out.push_back(v.GetInt64());
  }
  return out;
}

result<webhook_body> parse_webhook_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  webhook_body out;
  auto kind = need_string(*d, "kind", 1, 16);
  if (!kind) return kind.err();
  auto url = need_string(*d, "url", 1, 4096);
  if (!url) return url.err();
  out.kind = std::move(*kind);
  out.url = std::move(*url);
  return out;
}

std::string render_webhook(const webhook_state& s) {
  json_writer w;
  w.begin_object().key("webhook");
  if (s.webhook) {
    w.begin_object()
        .member("kind", s.webhook->kind)
        .member("url", s.webhook->url)
        .member("updated_at", s.webhook->updated_at)
        .end_object();
  } else {
    w.null();
  }
  w.member("policy", s.policy).end_object();
  return w.str();
}

std::string render_webhook_test(const webhook_test& t) {
  json_writer w;
  w.begin_object().member("delivered", t.delivered);
  if (!t.delivered) w.member("message", t.message);
  w.end_object();
  return w.str();
}

namespace {

void feedback_fields(json_writer& w, std::int64_t profile_id, const show_feedback& f) {
  w.member("profile_id", profile_id)
      .member("show_id", f.show_id)
      .member("kind", to_string(f.kind))
      .member("ts", f.ts)
      .key("until");
  if (f.kind == feedback_kind::not_tonight)
    w.value(f.until_ts);
  else
    w.null();
  w.member("source", f.source);
}

void watch_object(json_writer& w, const watch_entry& e, const catalog_snapshot& cat,
                  const std::unordered_set<std::string>& services) {
  const bool household = e.profile_id == 0;
  w.begin_object().member("list", household ? "household" : "profile").key("profile_id");
  if (household)
    w.null();
  else
    w.value(e.profile_id);
  w.key("added_by");
  if (e.added_by != 0)
    w.value(e.added_by);
  else
    w.null();
  w.member("ts", e.ts).member("source", e.source).key("show").begin_object();
  if (auto i = cat.find(e.show_id))
    internal::show_fields(w, cat, cat.at(*i), services);
  else
    w.member("id", e.show_id).member("title", "");
  w.end_object().end_object();
}

}  // namespace

std::string render_feedback(std::int64_t profile_id, const show_feedback& f) {
  json_writer w;
  w.begin_object();
  feedback_fields(w, profile_id, f);
  w.end_object();
  return w.str();
}

std::string render_feedback_list(std::int64_t profile_id, const std::vector<show_feedback>& fs,
                                 const catalog_snapshot& cat, std::int64_t now) {
  std::vector<show_feedback> sorted = fs;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const show_feedback& a, const show_feedback& b) { return a.ts > b.ts; });
  json_writer w;
  w.begin_object().key("items").begin_array();
  for (const auto& f : sorted) {
    w.begin_object();
    feedback_fields(w, profile_id, f);
    const auto i = cat.find(f.show_id);
    w.member("title", i ? std::string_view(cat.at(*i).title) : std::string_view())
        .member("active", f.kind != feedback_kind::not_tonight || f.until_ts > now)
        .end_object();
  }
  w.end_array().end_object();
  return w.str();
}

std::string render_watch(const watch_entry& e, const catalog_snapshot& cat,
                         const std::unordered_set<std::string>& services) {
  json_writer w;
  watch_object(w, e, cat, services);
  return w.str();
}

std::string render_watchlist(const std::vector<watch_entry>& ws, const catalog_snapshot& cat,
                             const std::unordered_set<std::string>& services) {
  json_writer w;
  w.begin_object().key("items").begin_array();
  for (const auto& e : ws) watch_object(w, e, cat, services);
  w.end_array().end_object();
  return w.str();
}

std::string render_onboarding(const std::vector<std::string>& ids, const catalog_snapshot& cat,
                              const std::unordered_set<std::string>& services) {
  json_writer w;
  w.begin_object().key("items").begin_array();
  for (const auto& id : ids) {
    const auto i = cat.find(id);
    if (!i) continue;
    w.begin_object();
    internal::show_fields(w, cat, cat.at(*i), services);
    w.end_object();
  }
  w.end_array().end_object();
  return w.str();
}

std::string render_inbox(const std::vector<inbox_item>& items, std::int64_t unread,
                         const catalog_snapshot& cat) {
  json_writer w;
  w.begin_object().member("unread", unread).key("items");
  w.array_of(items, [&cat](json_writer& o, const inbox_item& i) {
    const auto idx = cat.find(i.show_id);
    o.begin_object().member("id", i.id).member("show_id", i.show_id);
    o.member("title", idx ? std::string_view(cat.at(*idx).title) : std::string_view());
    o.member("event", i.event).member("text", i.text).member("ts", i.ts);
    o.member("read", i.read).end_object();
  });
  w.end_object();
  return w.str();
}

std::string render_import_report(const std::string& format, std::int64_t profile_id, bool dry_run,
                                 const import_report& r) {
  json_writer w;
  w.begin_object()
      .member("format", format)
      .member("profile_id", profile_id)
      .member("dry_run", dry_run)
      .member("shows", r.shows)
      .member("matched", r.matched)
      .member("added", r.added)
      .member("updated", r.updated)
      .member("already", r.already)
      .member("unmatched", r.unmatched)
      .member("ambiguous", r.ambiguous)
      .member("skipped", r.skipped);
  auto problems = [&w](const char* key, const std::vector<import_problem>& ps) {
    w.key(key).array_of(ps, [](json_writer& o, const import_problem& p) {
      o.begin_object().member("line", p.line).member("title", p.title).member("year", p.year);
      o.key("candidates").array_of(p.candidates, [](json_writer& c, const import_candidate& x) {
        c.begin_object().member("id", x.show_id).member("title", x.title);
        c.member("year", x.year).end_object();
      });
      o.end_object();
    });
  };
  problems("unmatched_items", r.unmatched_items);
  problems("ambiguous_items", r.ambiguous_items);
  w.key("notes").array(r.notes).end_object();
  return w.str();
}

}  // namespace recs::net
