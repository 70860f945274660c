#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "net/admin_port.hpp"
#include "net/auth.hpp"
#include "net/callback.hpp"
#include "net/http_types.hpp"

// Private to net/: what the REST handlers share.
namespace recs::net::internal {

response ok_json(std::string body, unsigned status = 200);
response no_content();
/// A download: `body` as an attachment named `filename`, never cached; `content_type` empty
/// keeps the JSON default.
response attachment(std::string body, std::string content_type, const std::string& filename);
/// 404 {"error":"not_found","message":"no show '<id>'"}.
response unknown_show(const std::string& id);

/// An unsigned integer field from its text (`def` when absent); invalid_argument naming the
/// field unless it is a decimal integer from lo to hi.
result<std::uint64_t> parse_uint(const std::optional<std::string>& text, std::string_view name,
                                 std::uint64_t def, std::uint64_t lo, std::uint64_t hi);
/// A boolean field from its text: absent, "", "false" or "0" is false; "true" or "1" is true.
result<bool> parse_bool(const std::optional<std::string>& text, std::string_view name);
result<std::uint64_t> uint_param(const request& req, const char* name, std::uint64_t def,
                                 std::uint64_t lo, std::uint64_t hi);
result<bool> bool_param(const request& req, const char* name);

/// A profile of the caller's household, by id.
result<profile> own_profile(const caller& who, std::int64_t id);
/// A profile of the caller's household by case-insensitive name or by id.
result<profile> profile_by_ref(const caller& who, const std::string& ref);
/// The profile named by the profile_id= query parameter (required).
result<profile> profile_param(const request& req, const caller& who);
/// Which watchlist a GET or DELETE names: `profile_id` (a profile of the caller's household) or
/// `list=household` (0), exactly one; nullopt, without an error, for neither when `optional`
/// (GET /watchlist: every list).
result<std::optional<std::int64_t>> list_param(const request& req, const caller& who,
                                               bool optional);
std::unordered_set<std::string> services_of(const caller& who);
/// Whether a `for=` value names the whole household: "family" or "all", in any case.
bool names_household(std::string_view ref);
/// Who is watching, from a `for=` value: absent, empty, "all" or "family" is the whole
/// household; otherwise comma-separated profile names or ids, each once.
result<std::vector<profile>> members_of(const caller& who, std::string_view ref);

/// `respond`, first logging the admin command `command` of `who` (with `detail`, e.g.
/// "scorers=4") with the status it is answered with.
responder audited(audit_port& log, const caller& who, std::string command, std::string detail,
                  responder respond);

/// Completes `respond` with the rendered value or the error.
template <class T, class Render>
callback<T> reply_with(responder respond, Render render, unsigned status = 200) {
  return [respond = std::move(respond), render, status](result<T> r) {
    if (!r) return respond(error_response(r.err()));
    respond(ok_json(render(*r), status));
  };
}

/// forbidden unless the caller's screen is an adult's: a session acting as a kid profile may not
/// change caps, PINs, members, tokens or the household.
status adult_screen(const caller& who);
/// forbidden unless the caller owns the household (and acts as an adult).
status owner_only(const caller& who);
/// The client's address for throttling: the request's peer, or, when the peer is a trusted
/// proxy (AUTH_PROXY_TRUSTED), the last address of its X-Forwarded-For.
std::string client_address(const request& req, const auth_options& opts);
/// invalid_argument unless `?confirm=true`: `what` names what would go.
status confirmed(const request& req, std::string_view what);

/// Completes `respond` with 204 that also clears the session cookie, or the error.
callback<unit> reply_signed_out(responder respond, const auth_options& auth);

/// Completes `respond` with 204, or the error.
callback<unit> reply_empty(responder respond);

}  // namespace recs::net::internal
