#include "net/auth.hpp"

#include <algorithm>

#include "core/ascii.hpp"

namespace recs::net {

namespace {

constexpr std::string_view dev_prefix = "devtoken:";
constexpr std::size_t max_secret = 256;

bool contains(const std::vector<std::string>& xs, std::string_view x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

/// The value of cookie `name` in a Cookie header ("a=1; b=2"), empty when absent.
std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const std::size_t semi = header.find(';');
    std::string_view part = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos || trim(part.substr(0, eq)) != name) continue;
    return trim(part.substr(eq + 1));
  }
  return {};
}

/// Equality in time that depends only on the lengths.
bool same_secret(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

/// Session ids and tokens are URL-safe base64 (accounts/secret.hpp); anything else is refused
/// before it reaches the store.
bool plausible_secret(std::string_view s) {
  if (s.empty() || s.size() > max_secret) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

}  // namespace

std::string_view to_string(access a) noexcept {
  switch (a) {
    case access::open:
      return "open";
    case access::member:
      return "member";
    case access::admin:
      return "admin";
  }
  return "member";
}

std::string_view to_string(credential_kind k) noexcept {
  switch (k) {
    case credential_kind::session:
      return "session";
    case credential_kind::token:
      return "token";
    case credential_kind::dev:
      return "dev";
    case credential_kind::proxy:
      return "proxy";
  }
  return "token";
}

std::string_view to_string(scope s) noexcept {
  switch (s) {
    case scope::read:
      return "read";
    case scope::write:
      return "write";
    case scope::admin:
      return "admin";
  }
  return "read";
}

std::optional<scope> parse_scope(std::string_view text) {
  for (scope s : {scope::read, scope::write, scope::admin})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::string_view to_string(member_role r) noexcept {
  return r == member_role::owner ? "owner" : "member";
}

bool is_state_changing(std::string_view method) noexcept {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

result<std::optional<credential>> read_credential(const request& req, const auth_options& opts) {
  const std::string_view h = req.header("authorization");
  if (!h.empty()) {
    if (h.size() <= 7 || to_lower(h.substr(0, 7)) != "bearer ")
      return error{errc::invalid_argument, "the Authorization header must be 'Bearer <token>'"};
    const std::string_view token = trim(h.substr(7));
    if (token.substr(0, dev_prefix.size()) == dev_prefix) {
      if (!opts.dev_mode)
        return error{errc::invalid_argument, "dev tokens are accepted only in dev mode"};
      return std::optional<credential>(
          credential{credential_kind::dev, to_lower(trim(token.substr(dev_prefix.size())))});
    }
    if (!plausible_secret(token)) return error{errc::invalid_argument, "unknown token"};
    return std::optional<credential>(credential{credential_kind::token, std::string(token)});
  }
  for (const auto& [name, value] : req.headers) {
    if (name != "cookie") continue;
    const std::string_view id = cookie_value(value, opts.cookie_name);
    if (id.empty()) continue;
    if (!plausible_secret(id)) return error{errc::invalid_argument, "unknown or expired session"};
    return std::optional<credential>(credential{credential_kind::session, std::string(id)});
  }
  if (!opts.proxy_header.empty() && contains(opts.proxy_trusted, req.remote)) {
    const std::string_view email = trim(req.header(opts.proxy_header));
    if (!email.empty())
      return std::optional<credential>(credential{credential_kind::proxy, to_lower(email)});
  }
  return std::optional<credential>();
}

bool is_admin_email(const auth_options& opts, std::string_view email) {
  return contains(opts.admin_emails, email);
}

bool origin_allowed(const request& req, const auth_options& opts) {
  const std::string origin = to_lower(req.header("origin"));
  if (origin.empty()) return true;
  const std::string host = to_lower(req.header("host"));
  if (origin == "http://" + host || origin == "https://" + host) return true;
  return contains(opts.allowed_origins, origin);
}

result<caller> admit(const request& req, const account_ref& who, const identity_port& ids,
                     const auth_options& opts, access level) {
  const bool changes = is_state_changing(req.method);
  if (who.via == credential_kind::token && who.scope == scope::read && changes)
    return error{errc::forbidden, "this token's scope is read: it cannot change anything"};
  if (who.via == credential_kind::session && changes) {
    if (!origin_allowed(req, opts))
      return error{errc::forbidden, "cross-site request refused (Origin '" +
                                        std::string(req.header("origin")) + "')"};
    const std::string_view sent = req.header("x-csrf-token");
    if (sent.empty() || !same_secret(sent, who.csrf))
      return error{errc::forbidden, "missing or wrong X-CSRF-Token (cross-site request forgery)"};
  }
  // A trusted proxy's sign-in rides on the proxy's own cookie, with no CSRF token of ours: a
  // change must come from a page of this service (browsers send Origin on such requests).
  if (who.via == credential_kind::proxy && changes &&
      (req.header("origin").empty() || !origin_allowed(req, opts)))
    return error{errc::forbidden, "a change through the sign-in proxy needs this service's Origin"};
  caller c;
  c.email = who.email;
  const bool listed = is_admin_email(opts, who.email);
  c.admin = listed && (who.via != credential_kind::token || who.scope == scope::admin);
  if (level == access::admin && !c.admin)
    return error{errc::forbidden, listed ? "admin only: this token's scope is not admin"
                                         : "admin only: " + who.email + " is not an admin"};
  auto home = ids.household_by_id(who.household_id);
  if (!home) return error{errc::forbidden, "your household is gone"};
  c.home = std::move(*home);
  c.profiles = ids.profiles(c.home.id);
  c.account = who;
  return c;
}

std::string session_cookie(const auth_options& opts, const std::string& session_id) {
  std::string c =
      opts.cookie_name + "=" + session_id +
      "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(opts.session_lifetime.count());
  if (opts.secure_cookies) c += "; Secure";
  return c;
}

std::string cleared_session_cookie(const auth_options& opts) {
  std::string c = opts.cookie_name + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  if (opts.secure_cookies) c += "; Secure";
  return c;
}

}  // namespace recs::net
