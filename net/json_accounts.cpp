#include "net/json_accounts.hpp"

#include <algorithm>
#include <ctime>

#include "core/ascii.hpp"
#include "core/iso_time.hpp"

#include "net/csv_text.hpp"
#include "net/json_fields.hpp"
#include "net/json_read.hpp"
#include "net/json_writer.hpp"

namespace recs::net {

namespace {

using internal::bad;
using internal::csv_field;
using internal::household_object;
using internal::maybe_bool;
using internal::maybe_string;
using internal::need_email;
using internal::need_string;
using internal::parse_object;

constexpr std::size_t max_name = 100;
constexpr std::size_t max_password = 1024;  // the policy's message names the real limits
constexpr std::size_t max_profiles = 12;

result<maturity> cap_of(const rapidjson::Value& v) {
  if (!v.IsString()) return bad("maturity_cap must be one of G, PG, M, MA15+, R18+");
  auto m = parse_maturity(std::string_view(v.GetString(), v.GetStringLength()));
  if (!m || *m == maturity::unknown)
    return bad("maturity_cap must be one of G, PG, M, MA15+, R18+");
  return *m;
}

/// {name, maturity_cap?, kid?} from an object (a body, or an element of setup's profiles).
result<profile_spec> profile_of(const rapidjson::Value& v) {
  if (!v.IsObject()) return bad("a profile must be an object {name, maturity_cap?, kid?}");
  profile_spec p;
  auto name = v.FindMember("name");
  if (name == v.MemberEnd() || !name->value.IsString())
    return bad("a profile needs a name (a string)");
  p.name =
      std::string(trim(std::string_view(name->value.GetString(), name->value.GetStringLength())));
  if (p.name.empty() || p.name.size() > 50) return bad("a profile's name must be 1-50 characters");
  auto kid = maybe_bool(v, "kid");
  if (!kid) return kid.err();
  p.kid = kid->value_or(false);
  p.cap = p.kid ? maturity::pg : maturity::r18;  // a kid profile starts at PG unless told
  auto cap = v.FindMember("maturity_cap");
  if (cap != v.MemberEnd() && !cap->value.IsNull()) {
    auto m = cap_of(cap->value);
    if (!m) return m.err();
    p.cap = *m;
  }
  return p;
}

result<std::string> password_of(const rapidjson::Document& d) {
  return need_string(d, "password", 1, max_password);
}

/// {household, email, password} of a new household's owner (setup, sign-up).
status read_owner(const rapidjson::Document& d, std::string& household, std::string& email,
                  std::string& password) {
  auto h = need_string(d, "household", 1, max_name);
  if (!h) return h.err();
  household = std::string(trim(*h));
  auto e = need_email(d);
  if (!e) return e.err();
  email = std::move(*e);
  auto p = password_of(d);
  if (!p) return p.err();
  password = std::move(*p);
  return ok_status();
}

bool is_pin(const std::string& s) {
  return s.size() == 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view verdict_name(verdict v) {
  switch (v) {
    case verdict::bad:
      return "bad";
    case verdict::good:
      return "good";
    case verdict::loved:
      return "loved";
  }
  return "good";
}

std::string title_of(const catalog_snapshot& cat, const std::string& show_id) {
  auto i = cat.find(show_id);
  return i ? cat.at(*i).title : std::string();
}

void profile_object(json_writer& w, const profile& p) {
  w.begin_object().member("id", p.id).member("name", p.name);
  w.member("maturity_cap", to_string(p.maturity_cap)).member("household_id", p.household_id);
  w.member("kid", p.kid).member("has_pin", p.has_pin).end_object();
}

void invite_fields(json_writer& w, const invite_info& i) {
  w.member("id", i.id).key("email").string_or_null(i.email);
  w.member("role", to_string(i.role)).member("created_at", i.created_at);
  w.member("expires_at", i.expires_at);
}

void token_fields(json_writer& w, const token_info& t) {
  w.member("id", t.id).member("name", t.name).member("scope", to_string(t.scope));
  w.member("created_at", t.created_at);
  w.key("last_used_at");
  if (t.last_used_at == 0)
    w.null();
  else
    w.value(t.last_used_at);
}

/// An array of objects, each with what `fields(w, x)` writes.
template <class T>
std::string objects(const std::vector<T>& xs, void (*fields)(json_writer&, const T&)) {
  json_writer w;
  w.array_of(xs, [fields](json_writer& o, const T& x) {
    o.begin_object();
    fields(o, x);
    o.end_object();
  });
  return w.str();
}

void signed_in_object(json_writer& w, const account_ref& a, bool admin, const household& home,
                      const std::vector<profile>& profiles) {
  w.begin_object().member("email", a.email).member("account_id", a.account_id);
  w.member("role", to_string(a.role)).member("admin", admin).member("via", to_string(a.via));
  if (a.via == credential_kind::token) w.member("scope", to_string(a.scope));
  if (a.via == credential_kind::session)
    w.member("csrf", a.csrf).member("screen_profile_id", a.profile_id);
  w.key("household");
  household_object(w, home);
  w.key("profiles").array_of(profiles, [](json_writer& o, const profile& p) {
    profile_object(o, p);
  });
  w.end_object();
}

}  // namespace

result<setup_request> parse_setup_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  setup_request r;
  if (auto st = read_owner(*d, r.household, r.email, r.password); !st) return st.err();
  auto ps = d->FindMember("profiles");
  if (ps == d->MemberEnd() || !ps->value.IsArray() || ps->value.Empty())
    return bad("profiles must be a non-empty array of {name, maturity_cap?, kid?}");
  if (ps->value.Size() > max_profiles)
    return bad("at most " + std::to_string(max_profiles) + " profiles");
  for (const auto& v : ps->value.GetArray()) {
    auto one = profile_of(v);
    if (!one) return one.err();
    r.profiles.push_back(std::move(*one));
  }
  auto ss = d->FindMember("services");
  if (ss != d->MemberEnd() && !ss->value.IsNull()) {
    if (!ss->value.IsArray()) return bad("services must be an array of provider ids");
    for (const auto& v : ss->value.GetArray()) {
      if (!v.IsString() || v.GetStringLength() == 0 || v.GetStringLength() > 64)
        return bad("services must be an array of provider ids");
      r.services.emplace_back(v.GetString(), v.GetStringLength());
    }
  }
  return r;
}

result<signup_body> parse_signup_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  signup_body r;
  if (auto st = read_owner(*d, r.household, r.email, r.password); !st) return st.err();
  return r;
}

result<login_body> parse_login_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  login_body r;
  auto e = need_email(*d);
  if (!e) return e.err();
  r.email = std::move(*e);
  auto p = password_of(*d);
  if (!p) return p.err();
  r.password = std::move(*p);
  return r;
}

result<accept_body> parse_accept_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  accept_body r;
  auto c = need_string(*d, "code", 1, 256);
  if (!c) return c.err();
  r.code = std::move(*c);
  auto e = need_email(*d);
  if (!e) return e.err();
  r.email = std::move(*e);
  auto p = password_of(*d);
  if (!p) return p.err();
  r.password = std::move(*p);
  return r;
}

result<token_body> parse_token_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  token_body r;
  auto n = need_string(*d, "name", 1, max_name);
  if (!n) return n.err();
  r.name = std::string(trim(*n));
  if (r.name.empty()) return bad("name must not be blank");
  auto s = need_string(*d, "scope", 1, 16);
  if (!s) return s.err();
  auto sc = parse_scope(*s);
  if (!sc) return bad("scope must be read, write or admin");
  r.scope = *sc;
  return r;
}

result<invite_body> parse_invite_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  invite_body r;
  auto e = d->FindMember("email");
  if (e != d->MemberEnd() && !e->value.IsNull()) {
    auto email = need_email(*d);
    if (!email) return email.err();
    r.email = std::move(*email);
  }
  auto role = maybe_string(*d, "role", 1, 16);
  if (!role) return role.err();
  if (*role && **role != "member" && **role != "owner") return bad("role must be member or owner");
  if (*role && **role == "owner") r.role = member_role::owner;
  return r;
}

result<profile_spec> parse_profile_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  return profile_of(*d);
}

result<profile_patch> parse_profile_patch(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  profile_patch p;
  auto name = maybe_string(*d, "name", 1, 200);
  if (!name) return name.err();
  if (*name) {
    p.name = std::string(trim(**name));
    if (p.name->empty() || p.name->size() > 50) return bad("name must be 1-50 characters");
  }
  auto cap = d->FindMember("maturity_cap");
  if (cap != d->MemberEnd() && !cap->value.IsNull()) {
    auto m = cap_of(cap->value);
    if (!m) return m.err();
    p.cap = *m;
  }
  auto kid = maybe_bool(*d, "kid");
  if (!kid) return kid.err();
  p.kid = *kid;
  auto pin = maybe_string(*d, "pin", 0, 4);
  if (!pin) return pin.err();
  if (*pin && !(*pin)->empty() && !is_pin(**pin))
    return bad("pin must be 4 digits, or \"\" to remove it");
  p.pin = *pin;
  if (!p.name && !p.cap && !p.kid && !p.pin)
    return bad("nothing to change: send name, maturity_cap, kid or pin");
  return p;
}

result<std::string> parse_pin_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  auto pin = need_string(*d, "pin", 1, 16);
  if (!pin) return pin.err();
  if (!is_pin(*pin)) return bad("pin must be 4 digits");
  return *pin;
}

result<household_body> parse_household_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  household_body r;
  auto n = need_string(*d, "name", 1, max_name);
  if (!n) return n.err();
  r.name = std::string(trim(*n));
  if (r.name.empty()) return bad("name must not be blank");
  auto e = need_email(*d);
  if (!e) return e.err();
  r.email = std::move(*e);
  return r;
}

std::string render_auth_state(bool set_up, bool signup_open, bool dev_mode) {
  json_writer w;
  w.begin_object().member("set_up", set_up).member("signup_open", signup_open);
  w.member("dev_mode", dev_mode).end_object();
  return w.str();
}

std::string render_me(const caller& who) {
  json_writer w;
  signed_in_object(w, who.account, who.admin, who.home, who.profiles);
  return w.str();
}

std::string render_signed_in(const account_ref& who, bool admin, const household& home,
                             const std::vector<profile>& profiles) {
  json_writer w;
  signed_in_object(w, who, admin, home, profiles);
  return w.str();
}

std::string render_profile(const profile& p) {
  json_writer w;
  profile_object(w, p);
  return w.str();
}

std::string render_profiles(const std::vector<profile>& ps) {
  json_writer w;
  w.array_of(ps, [](json_writer& o, const profile& p) { profile_object(o, p); });
  return w.str();
}

std::string render_tokens(const std::vector<token_info>& ts) {
  return objects(ts, token_fields);
}

std::string render_new_token(const new_token& t) {
  json_writer w;
  w.begin_object().member("token", t.token);
  token_fields(w, t.info);
  w.end_object();
  return w.str();
}

std::string render_members(const std::vector<member_info>& ms) {
  json_writer w;
  w.array_of(ms, [](json_writer& o, const member_info& m) {
    o.begin_object().member("account_id", m.account_id).member("email", m.email);
    o.member("role", to_string(m.role)).member("created_at", m.created_at).end_object();
  });
  return w.str();
}

std::string render_invites(const std::vector<invite_info>& is) {
  return objects(is, invite_fields);
}

std::string render_new_invite(const new_invite& i) {
  json_writer w;
  w.begin_object().member("code", i.code).member("link", "/#invite=" + i.code);
  w.member("household_id", i.household_id);
  invite_fields(w, i.info);
  w.end_object();
  return w.str();
}

std::string render_export(const household_export& e, const catalog_snapshot& cat) {
  json_writer w;
  w.begin_object().member("format", "recs-household-export").member("version", 1);
  w.key("household");
  household_object(w, e.home);
  w.key("members").array_of(e.members, [](json_writer& o, const member_info& m) {
    o.begin_object().member("email", m.email).member("role", to_string(m.role));
    o.member("created_at", m.created_at).end_object();
  });
  w.key("profiles").array_of(e.profiles, [&cat](json_writer& o, const profile_export& p) {
    o.begin_object().member("id", p.who.id).member("name", p.who.name);
    o.member("maturity_cap", to_string(p.who.maturity_cap)).member("kid", p.who.kid);
    o.key("ratings").array_of(p.ratings, [&cat](json_writer& r, const rating& x) {
      r.begin_object().member("show_id", x.show_id).member("title", title_of(cat, x.show_id));
      r.member("verdict", verdict_name(x.primary)).key("score").value(x.score);
      r.member("source", x.source).member("ts", x.ts).end_object();
    });
    o.key("tags").array_of(p.tags, [](json_writer& t, const tag_pref& x) {
      t.begin_object().member("tag", x.tag).member("liked", x.liked).end_object();
    });
    o.key("notes").array_of(p.notes, [](json_writer& n, const note& x) {
      n.begin_object().member("show_id", x.show_id).member("text", x.text);
      n.member("ts", x.ts).end_object();
    });
    o.key("feedback").array_of(p.feedback, [&cat](json_writer& f, const show_feedback& x) {
      f.begin_object().member("show_id", x.show_id).member("title", title_of(cat, x.show_id));
      f.member("kind", to_string(x.kind)).member("ts", x.ts);
      f.member("source", x.source).end_object();
    });
    o.key("watchlist").array_of(p.watchlist, [&cat](json_writer& l, const watch_entry& x) {
      l.begin_object().member("show_id", x.show_id).member("title", title_of(cat, x.show_id));
      l.member("ts", x.ts).member("source", x.source).end_object();
    });
    o.end_object();
  });
  w.key("watchlist").array_of(e.watchlist, [&cat](json_writer& l, const watch_entry& x) {
    l.begin_object().member("show_id", x.show_id).member("title", title_of(cat, x.show_id));
    l.member("ts", x.ts).member("source", x.source).end_object();
  });
  w.key("family_watches").array_of(e.watches, [](json_writer& o, const family_watch& x) {
    o.begin_object().member("show_id", x.show_id).member("ts", x.ts);
    o.key("fits").array_of(x.fits, [](json_writer& f, const std::pair<std::int64_t, double>& fit) {
      f.begin_object().member("profile_id", fit.first).member("fit", fit.second).end_object();
    });
    o.end_object();
  });
  w.end_object();
  return w.str();
}

std::string render_ratings_csv(const household_export& e, const catalog_snapshot& cat) {
  std::string out = "profile,show_id,title,verdict,score,source,rated_at\r\n";
  for (const auto& p : e.profiles) {
    for (const auto& r : p.ratings) {
      out += csv_field(p.who.name) + ',' + csv_field(r.show_id) + ',' +
             csv_field(title_of(cat, r.show_id)) + ',' + std::string(verdict_name(r.primary)) +
             ',' + (r.score ? std::to_string(*r.score) : std::string()) + ',' +
             csv_field(r.source) + ',' + utc_date_time(r.ts) + "\r\n";
    }
  }
  return out;
}

}  // namespace recs::net
