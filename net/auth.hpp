#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "net/http_types.hpp"
#include "net/identity_port.hpp"
#include "recsys/profile.hpp"

namespace recs::net {

/// Who may call a route.
enum class access {
  open,    ///< anyone (health, metrics, sign-in, webhooks with their own secret)
  member,  ///< a signed-in member of a household (401 otherwise)
  admin,   ///< a deployment admin, ADMIN_EMAILS (401 when not signed in, 403 when not an admin)
};
std::string_view to_string(access a) noexcept;

/// Who is calling: their account, admin flag, household and its profiles.
struct caller {
  std::string email;
  /// A deployment admin (ADMIN_EMAILS) whose credential may do admin work (a session, or a
  /// token of scope admin).
  bool admin = false;
  household home;
  std::vector<profile> profiles;
  account_ref account;
};

/// How requests are authenticated (docs/api.md, "Signing in").
struct auth_options {
  bool dev_mode = false;                  ///< accept `devtoken:<email>`
  std::vector<std::string> admin_emails;  ///< lower-case
  std::string cookie_name = "recs_session";
  /// SESSION_COOKIE_SECURE: the deployment is behind TLS; cookies get `Secure`.
  bool secure_cookies = false;
  /// The absolute lifetime of a session (the cookie's Max-Age).
  std::chrono::seconds session_lifetime{std::chrono::hours(24 * 30)};
  /// AUTH_PROXY_HEADER, lower-case: a trusted proxy's header carrying the email; empty: off.
  std::string proxy_header;
  /// AUTH_PROXY_TRUSTED: the peer addresses whose proxy header is believed.
  std::vector<std::string> proxy_trusted;
  /// Origins a browser page may call from besides the request's own (WS_ALLOWED_ORIGINS).
  std::vector<std::string> allowed_origins;
};

/// The credential a request carries, in this order: `Authorization: Bearer` (an API token, or
/// in dev mode `devtoken:<email>`), the session cookie, the trusted proxy's header (only from an
/// AUTH_PROXY_TRUSTED peer). nullopt when it carries none; invalid_argument for a malformed
/// Authorization header or a dev token outside dev mode.
result<std::optional<credential>> read_credential(const request& req, const auth_options& opts);

/// Whether `email` (lower-case) is a deployment admin's (ADMIN_EMAILS).
bool is_admin_email(const auth_options& opts, std::string_view email);

/// Whether the request's Origin, when it has one, is the service's own (from Host) or allowed.
bool origin_allowed(const request& req, const auth_options& opts);

/// The caller for an account a credential resolved to, if it may make this request:
///  - forbidden when the route is for admins and the account is not one (or its token's scope
///    is not admin);
///  - forbidden when a read-scope token makes a state-changing request (not GET/HEAD);
///  - forbidden when a session makes a state-changing request without X-CSRF-Token equal to its
///    CSRF token or from a foreign Origin, or a proxy sign-in one without this service's Origin
///    (cross-site request forgery).
result<caller> admit(const request& req, const account_ref& who, const identity_port& ids,
                     const auth_options& opts, access level);

/// Whether a method changes state (anything but GET, HEAD and OPTIONS).
bool is_state_changing(std::string_view method) noexcept;

/// The Set-Cookie value that stores a new session id (HttpOnly, SameSite=Lax, Path=/, Max-Age,
/// Secure when the options say so), and the one that clears it.
std::string session_cookie(const auth_options& opts, const std::string& session_id);
std::string cleared_session_cookie(const auth_options& opts);

}  // namespace recs::net
