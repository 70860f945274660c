#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/callback.hpp"
#include "recsys/profile.hpp"

namespace recs::net {

/// How a request says who it is.
enum class credential_kind {
  session,  ///< the session cookie of a signed-in browser
  token,    ///< an API token, `Authorization: Bearer <token>`
  dev,      ///< `Bearer devtoken:<email>`, dev mode only
  proxy,    ///< the email in AUTH_PROXY_HEADER from a trusted reverse proxy
};
std::string_view to_string(credential_kind k) noexcept;

/// A credential as the request carried it: the secret (session id, token) or, for dev and
/// proxy sign-in, the email.
struct credential {
  credential_kind kind = credential_kind::token;
  std::string value;
};

/// What a credential may do. Sessions, dev and proxy sign-ins may do what their account may;
/// an API token what its scope says.
enum class scope { read, write, admin };
std::string_view to_string(scope s) noexcept;
std::optional<scope> parse_scope(std::string_view text);

/// A member's place in the household.
enum class member_role { owner, member };
std::string_view to_string(member_role r) noexcept;

/// The account behind a valid credential.
struct account_ref {
  std::int64_t account_id = 0;
  std::string email;  ///< lower-case
  std::int64_t household_id = 0;
  member_role role = member_role::member;
  net::scope scope = net::scope::write;
  credential_kind via = credential_kind::token;
  std::string csrf;     ///< sessions: what X-CSRF-Token must say on a state-changing request
  std::string session;  ///< sessions: the digest (to sign out this one)
  std::int64_t token_id = 0;
  /// Sessions: the profile chosen on this screen (0: none yet). A kid profile's screen cannot
  /// change caps, PINs, members, tokens or the household.
  std::int64_t profile_id = 0;
};

/// Who may call: credentials, and households with their profiles as the in-memory directory
/// holds them. household_by_id and profiles answer from memory and never block; resolve answers
/// at once when the credential is known to this instance (a cache that every revocation, on any
/// instance, empties at once) and asks the store otherwise.
class identity_port {
 public:
  virtual ~identity_port() = default;

  /// The household with that id, nullopt when none.
  virtual std::optional<household> household_by_id(std::int64_t id) const = 0;
  /// The profiles of a household, in creation order; empty for an unknown household.
  virtual std::vector<profile> profiles(std::int64_t household_id) const = 0;
  /// The account a credential belongs to: invalid_argument ("unknown or expired ...") for an
  /// unknown, expired or revoked one, unavailable when the store cannot answer. A dev credential
  /// is only ever passed in dev mode, a proxy one only from a trusted address.
  virtual void resolve(credential c, callback<account_ref> cb) const = 0;
};

}  // namespace recs::net
