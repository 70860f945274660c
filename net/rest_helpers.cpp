#include "net/rest_helpers.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "core/ascii.hpp"
#include "core/iso_time.hpp"

namespace recs::net::internal {

response ok_json(std::string body, unsigned status) {
  response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

response no_content() {
  response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

response attachment(std::string body, std::string content_type, const std::string& filename) {
  response r;
  r.body = std::move(body);
  if (!content_type.empty()) r.content_type = std::move(content_type);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

response unknown_show(const std::string& id) {
  return json_error(404, "not_found", "no show '" + id + "'");
}

result<std::uint64_t> parse_uint(const std::optional<std::string>& v, std::string_view name,
                                 std::uint64_t def, std::uint64_t lo, std::uint64_t hi) {
  if (!v) return def;
  errno = 0;
  char* end = nullptr;
  const unsigned long long x = std::strtoull(v->c_str(), &end, 10);
  if (v->empty() || (*v)[0] == '-' || errno != 0 || *end != '\0' || x < lo || x > hi)
    return error{errc::invalid_argument, std::string(name) + " must be an integer from " +
                                             std::to_string(lo) + " to " + std::to_string(hi)};
  return static_cast<std::uint64_t>(x);
}

result<std::uint64_t> uint_param(const request& req, const char* name, std::uint64_t def,
                                 std::uint64_t lo, std::uint64_t hi) {
  return parse_uint(req.param(name), name, def, lo, hi);
}

result<bool> parse_bool(const std::optional<std::string>& v, std::string_view name) {
  if (!v || *v == "false" || *v == "0" || v->empty()) return false;
  if (*v == "true" || *v == "1") return true;
  return error{errc::invalid_argument, std::string(name) + " must be true or false"};
}

result<bool> bool_param(const request& req, const char* name) {
  return parse_bool(req.param(name), name);
}

/// A profile of the caller's household, by id.
result<profile> own_profile(const caller& who, std::int64_t id) {
  for (const auto& p : who.profiles)
    if (p.id == id) return p;
  return error{errc::not_found, "no profile " + std::to_string(id) + " in your household"};
}

/// A profile of the caller's household by case-insensitive name or by id.
result<profile> profile_by_ref(const caller& who, const std::string& ref) {
  const std::string l = to_lower(ref);
  for (const auto& p : who.profiles)
    if (to_lower(p.name) == l || std::to_string(p.id) == ref) return p;
  return error{errc::not_found, "no profile '" + ref + "' in your household"};
}

result<profile> profile_param(const request& req, const caller& who) {
  auto v = req.param("profile_id");
  if (!v || v->empty()) return error{errc::invalid_argument, "profile_id is required"};
  errno = 0;
  char* end = nullptr;
  const long long id = std::strtoll(v->c_str(), &end, 10);
  if (errno != 0 || *end != '\0')
    return error{errc::invalid_argument, "profile_id must be an integer"};
  return own_profile(who, id);
}

result<std::optional<std::int64_t>> list_param(const request& req, const caller& who,
                                               bool optional) {
  const auto list = req.param("list");
  const bool has_profile = req.param("profile_id").has_value();
  if (list && has_profile)
    return error{errc::invalid_argument, "give either profile_id or list=household, not both"};
  if (list) {
    if (*list != "household")
      return error{errc::invalid_argument, "list must be household (or give profile_id)"};
    return std::optional<std::int64_t>(0);
  }
  if (!has_profile) {
    if (optional) return std::optional<std::int64_t>();
    return error{errc::invalid_argument, "profile_id or list=household is required"};
  }
  auto p = profile_param(req, who);
  if (!p) return p.err();
  return std::optional<std::int64_t>(p->id);
}

std::unordered_set<std::string> services_of(const caller& who) {
  return {who.home.services.begin(), who.home.services.end()};
}

bool names_household(std::string_view ref) {
  const std::string l = to_lower(trim(ref));
  return l == "family" || l == "all";
}

result<std::vector<profile>> members_of(const caller& who, std::string_view ref) {
  if (trim(ref).empty() || names_household(ref)) {
    if (who.profiles.empty()) return error{errc::not_found, "your household has no profiles"};
    return who.profiles;
  }
  std::vector<profile> out;
  std::size_t start = 0;
  while (start <= ref.size()) {
    const std::size_t comma = std::min(ref.find(',', start), ref.size());
    const std::string part(trim(ref.substr(start, comma - start)));
    if (part.empty()) return error{errc::invalid_argument, "for= has an empty profile name"};
    auto p = profile_by_ref(who, part);
    if (!p) return p.err();
    for (const auto& q : out)
      if (q.id == p->id) return error{errc::invalid_argument, "for= names '" + p->name + "' twice"};
    out.push_back(*p);
    start = comma + 1;
  }
  return out;
}

responder audited(audit_port& log, const caller& who, std::string command, std::string detail,
                  responder respond) {
  return [&log, admin = who.email, command = std::move(command), detail = std::move(detail),
          respond = std::move(respond)](response res) {
    log.record_admin_command(admin_command{unix_now(), admin, command, detail, res.status});
    respond(std::move(res));
  };
}

callback<unit> reply_empty(responder respond) {
  return [respond = std::move(respond)](result<unit> r) {
    respond(r ? no_content() : error_response(r.err()));
  };
}

status adult_screen(const caller& who) {
  if (who.account.profile_id == 0) return ok_status();
  for (const auto& p : who.profiles)
    if (p.id == who.account.profile_id && p.kid)
      return error{errc::forbidden, "a kid profile's screen cannot do this: switch to an adult's"};
  return ok_status();
}

status owner_only(const caller& who) {
  if (who.account.role != member_role::owner)
    return error{errc::forbidden, "only the household's owner can do this"};
  return adult_screen(who);
}

std::string client_address(const request& req, const auth_options& opts) {
  if (std::find(opts.proxy_trusted.begin(), opts.proxy_trusted.end(), req.remote) ==
      opts.proxy_trusted.end())
    return req.remote;
  const std::string_view xff = req.header("x-forwarded-for");
  const std::size_t comma = xff.rfind(',');
  const std::string_view last = trim(comma == std::string_view::npos ? xff : xff.substr(comma + 1));
  return last.empty() ? req.remote : std::string(last);
}

status confirmed(const request& req, std::string_view what) {
  auto c = req.param("confirm");
  if (c && *c == "true") return ok_status();
  return error{errc::invalid_argument,
               "this deletes " + std::string(what) + " for good: repeat with ?confirm=true"};
}

callback<unit> reply_signed_out(responder respond, const auth_options& auth) {
  return [respond = std::move(respond), auth](result<unit> r) {
    if (!r) return respond(error_response(r.err()));
    response out = no_content();
    out.headers.emplace_back("Set-Cookie", cleared_session_cookie(auth));
    respond(std::move(out));
  };
}

}  // namespace recs::net::internal
